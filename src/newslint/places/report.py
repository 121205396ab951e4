"""``newslint names``: every place family an archive names, each spelling with its count and where
it occurs, the house form, and whether the family is consistent; as text, JSON or a TOML block of
``[tool.newslint.names] prefer`` lines for the inconsistent families."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from newslint.places.gazetteer import Gazetteer
from newslint.places.mentions import place_mentions

__all__ = ["Family", "collect", "write_json", "write_text", "write_toml"]


@dataclass
class Spelling:
    text: str
    count: int = 0
    former: bool = False  # a former name used as the current one: NL402's business, not a preference
    locations: list[tuple[str, int]] = field(default_factory=list)  # first line per file


@dataclass
class Family:
    place: str
    geonames_id: int | None
    preferred: str
    spellings: dict[str, Spelling] = field(default_factory=dict)  # folded -> spelling

    @property
    def consistent(self) -> bool:
        return len(self.spellings) < 2

    def as_json(self) -> dict[str, Any]:
        return {
            "place": self.place,
            "geonames_id": self.geonames_id,
            "preferred": self.preferred,
            "consistent": self.consistent,
            "spellings": [
                {"text": s.text, "count": s.count, "locations": [{"path": p, "line": n} for p, n in s.locations]}
                for s in self._ordered()
            ],
        }

    def _ordered(self) -> list[Spelling]:
        return sorted(self.spellings.values(), key=lambda s: (-s.count, s.text))


def collect(documents: Iterable[Any], gaz: Gazetteer) -> list[Family]:
    """Place families over parsed documents: the article's own spellings (quoted speech, source
    titles, former names given as history and longer names such as Danzig Street left out), most
    inconsistent first, then by how often the place is named."""
    families: dict[str, Family] = {}
    for doc in documents:
        seen_here: set[tuple[str, str]] = set()
        for mention in place_mentions(doc, gaz):
            info = mention.info
            if info is None or mention.exempt or mention.quoted or mention.source or mention.region:
                continue
            family = families.get(info.id)
            if family is None:
                family = families[info.id] = Family(info.preferred, gaz.geonames_id(info.id), info.preferred)
            spelling = family.spellings.get(mention.key)
            if spelling is None:
                spelling = family.spellings[mention.key] = Spelling(mention.text, former=info.is_former)
            spelling.count += 1
            if (info.id, mention.key) not in seen_here:
                seen_here.add((info.id, mention.key))
                spelling.locations.append((doc.path, doc.position(mention.start)[0]))
    return sorted(
        families.values(),
        key=lambda f: (-len(f.spellings), -sum(s.count for s in f.spellings.values()), f.place),
    )


def write_text(families: Sequence[Family], out: TextIO) -> None:
    for family in families:
        state = "consistent" if family.consistent else f"{len(family.spellings)} spellings"
        gid = f"geonames {family.geonames_id}" if family.geonames_id is not None else "no geonames id"
        out.write(f"{family.place} ({gid}; house form {family.preferred}): {state}\n")
        for spelling in family._ordered():
            files = ", ".join(f"{path}:{line}" for path, line in spelling.locations)
            out.write(f"  {spelling.text:<24} {spelling.count:>5}  {files}\n")
    inconsistent = sum(not f.consistent for f in families)
    out.write(f"{len(families)} places, {inconsistent} spelled more than one way.\n")


def write_json(families: Sequence[Family], out: TextIO) -> None:
    json.dump([f.as_json() for f in families], out, ensure_ascii=False, indent=2)
    out.write("\n")


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def write_toml(families: Sequence[Family], out: TextIO) -> None:
    """A ``[tool.newslint.names]`` block keeping each inconsistent family's house form."""
    pairs = [
        (spelling.text, family.preferred)
        for family in families
        if not family.consistent
        for key, spelling in sorted(family.spellings.items())
        if spelling.text.casefold() != family.preferred.casefold() and not spelling.former
    ]
    out.write("[tool.newslint.names]\n")
    if not pairs:
        out.write("prefer = {}\n")
        return
    # one line: TOML 1.0 inline tables may not span lines
    body = ", ".join(f"{_toml_string(avoid)} = {_toml_string(use)}" for avoid, use in pairs)
    out.write(f"prefer = {{ {body} }}\n")
