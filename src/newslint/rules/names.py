"""Place names: one place spelled two ways, in an article or across a run; a spelling house style avoids.

The two rules divide the work: NL401 reports a place the article spells two ways, NL402 a
spelling house style does not use. A spelling that is both (Kiev beside Kyiv) is one defect: NL402
reports it once, with the fix, and names the other spelling. NL401 keeps the rest: two spellings
house style does not choose between (Erbil, Arbil), in one article or across a run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from newslint.findings import Fix, Severity
from newslint.lazyre import lazy_compile
from newslint.places.gazetteer import Gazetteer
from newslint.places.mentions import Mention, gazetteer_for, place_mentions
from newslint.places.segments import Segment, segments
from newslint.rule import Context, Position, ProjectContext, Rule
from newslint.syntax.nodes import Document

__all__ = ["RULES", "Segment", "gazetteer", "parse_names", "segments"]

# A preposition of place right before a name ("in Köln", "from Warszawa to Danzig").
_LOCATIVE = lazy_compile(
    r"\b(?:in|from|to|near|at|of|outside|around|across|via|into|toward|towards|between|through)"
    r"\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)
_ALSO_WRITES = "names:also-writes"  # doc.cache: (start, end) -> "Kyiv (line 3)", left by NL401 for NL402


def parse_names(names: Any) -> tuple[tuple[str, str], ...]:
    """The ``[tool.newslint.names]`` table as sorted (spelling, preferred) pairs."""
    if names is None:
        return ()
    if not isinstance(names, Mapping) or set(names) - {"prefer"}:
        raise ValueError("names: expected a table with one key, 'prefer' (e.g. prefer = {\"Odessa\" = \"Odesa\"})")
    prefer = names.get("prefer", {})
    if not isinstance(prefer, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip() for k, v in prefer.items()
    ):
        raise ValueError("names.prefer: expected a table of spelling = preferred spelling, both strings")
    return tuple(sorted(prefer.items()))


def gazetteer(ctx: Context) -> Gazetteer:
    return gazetteer_for(tuple(ctx.pack_files), parse_names(ctx.option("names", None)))


# --- NL401 ---------------------------------------------------------------------------------------


def _standard(mentions: Sequence[Mention]) -> str:
    """The spelling the others should follow: the house spelling if used, else the most used,
    else the first."""
    counts: dict[str, int] = {}
    for m in mentions:
        counts[m.key] = counts.get(m.key, 0) + 1
    for m in mentions:
        if m.info is not None and m.info.is_preferred:
            return m.key
    first: dict[str, int] = {}
    for index, m in enumerate(mentions):
        first.setdefault(m.key, index)
    return min(counts, key=lambda k: (-counts[k], first[k]))


class InconsistentPlaceName(Rule):
    """One place spelled two or more ways in an article, or across the articles of one run.

    **What it flags**: each occurrence of a less-used or non-house spelling of a place the article
    (or another article of the same run) also writes another way: Pokrowsk beside Pokrovsk, Arbil
    beside Erbil, Köln beside Cologne. Places are compared by GeoNames id, so a city's names in
    English, German, French and Polish and its Ukrainian and Russian romanisations are one place
    (``rules/place-exonyms.toml``); for names no list holds, a transliteration skeleton (w/v,
    j/y/i, kh/ch, sch/sh, doubled letters) pairs two spellings when one is a known place. Case,
    diacritics and possessives (Kyiv's) do not make a new spelling. Not counted: quoted speech
    and source titles (their wording is not the article's), former names (NL402), namesakes
    ("Odessa, Texas"), dishes ("chicken Kiev"), fixed official names, a name inside a longer one
    (Milan Kundera, Danzig Street, Kiew Café), the region of the same name (Donetsk oblast).

    **Why it matters**: readers take two spellings for two places, search and tagging split the
    coverage, and a second spelling is the mark of copy pasted from differently edited sources.

    **Example**:

    ```text
    Protesters gathered in Erbil on Friday.

    The governor of Arbil said the curfew would end.
    ```

    Not flagged: one spelling throughout, a possessive included.

    ```text
    Protesters gathered in Erbil on Friday.

    Erbil's governor said the curfew would end.
    ```

    **Fix**: use one spelling. No automatic fix here; when the spelling to drop is also one that
    house style avoids (Kiev beside Kyiv), NL402 reports it instead, once, with both facts and its
    safe fix: NL401 reports what is left, two spellings house style does not choose between. Across
    the articles of a run, likewise, NL401 reports only spellings house style does not already
    avoid (NL402 reports those in each article).

    **Options**: ``[tool.newslint.names] prefer = {"Odessa" = "Odesa"}`` sets the spelling to
    keep for a place; packs extending ``place-names`` or ``place-exonyms`` add places and spellings.
    ``newslint names PATHS`` lists every place family of an archive, to set that table.
    """

    code = "NL401"
    name = "inconsistent-place-name"
    severity = Severity.WARNING
    options: ClassVar[Mapping[str, Any]] = {"names": dict}

    @classmethod
    def validate_option(cls, key: str, value: Any) -> None:
        parse_names(value)

    def check(self, doc: Document, ctx: Context) -> None:
        groups: dict[str, list[Mention]] = {}
        for m in place_mentions(doc, gazetteer(ctx)):
            if m.writers_spelling and not m.region:
                groups.setdefault(m.group, []).append(m)
        for mentions in groups.values():
            if len({m.key for m in mentions}) < 2:
                continue
            standard = _standard(mentions)
            model = next(m for m in mentions if m.key == standard)
            line, _ = doc.position(model.start)
            also = doc.cache.setdefault(_ALSO_WRITES, {})
            for m in mentions:
                if m.key != standard:
                    also[(m.start, m.end)] = f"{model.text} (line {line})"
                    ctx.report(
                        m.start,
                        m.end,
                        f"{m.text}: this article also writes {model.text} (line {line}); use one spelling",
                    )

    def facts(self, doc: Document, ctx: Context) -> Any:
        """Per house place: each spelling used, how often, and where first."""
        places: dict[str, dict[str, list[Any]]] = {}
        for m in place_mentions(doc, gazetteer(ctx)):
            if not m.writers_spelling or m.region or m.group.startswith("skeleton:") or m.info is None:
                continue
            if _foreign_name_unplaced(doc, m):
                continue  # across articles nothing else says "Tokio" is a place: it may be a software crate
            if m.info.source == "house" and not m.info.is_preferred:
                continue  # NL402 reports it in its own article, with the fix: one defect, one finding
            spellings = places.setdefault(m.group, {})
            seen = spellings.get(m.key)
            if seen is None:
                where = ctx.position(m.start, m.end)
                spellings[m.key] = [m.text, 1, tuple(vars_of(where)), m.start, m.end, m.info.is_preferred]
            else:
                seen[1] += 1
        return tuple(
            (place, tuple((key, *value) for key, value in spellings.items()))
            for place, spellings in places.items()
        ) or None

    def check_project(self, facts: Sequence[tuple[str, Any]], ctx: ProjectContext) -> None:
        # place -> spelling -> [paths using it, in order]; first occurrence per (path, spelling)
        users: dict[str, dict[str, list[str]]] = {}
        preferred: dict[str, str] = {}
        where: dict[tuple[str, str, str], tuple[str, tuple[int, int, int, int], int, int]] = {}
        order = {path: index for index, (path, _) in enumerate(facts)}
        for path, fact in facts:
            for place, spellings in fact or ():
                for key, text, _count, position, start, end, is_preferred in spellings:
                    users.setdefault(place, {}).setdefault(key, []).append(path)
                    where[(place, key, path)] = (text, position, start, end)
                    if is_preferred:
                        preferred[place] = key
        for place, by_spelling in users.items():
            paths = {p for ps in by_spelling.values() for p in ps}
            if len(by_spelling) < 2 or len(paths) < 2:
                continue
            standard = preferred.get(place)
            if standard is None:
                standard = min(by_spelling, key=lambda k: (-len(by_spelling[k]), order[by_spelling[k][0]]))
            model_path = by_spelling[standard][0]
            model_text, model_position, _, _ = where[(place, standard, model_path)]
            for key, spelling_paths in by_spelling.items():
                if key == standard:
                    continue
                for path in spelling_paths:
                    if path in by_spelling[standard]:
                        continue  # the article itself is inconsistent: reported there
                    text, position, start, end = where[(place, key, path)]
                    ctx.report(
                        path,
                        Position(*position),
                        f"{text}: other articles in this run write {model_text} ({model_path}:{model_position[0]});"
                        " use one spelling",
                        start,
                        end,
                    )


def vars_of(where: Position) -> tuple[int, int, int, int]:
    return (where.line, where.column, where.end_line, where.end_column)


# --- NL402 ---------------------------------------------------------------------------------------


def _cased(model: str, word: str) -> str:
    return word.upper() if model.isupper() and len(model) > 1 else word


class NonpreferredPlaceName(Rule):
    """A place spelled other than the house style spells it, or called by a former name.

    **What it flags**: a spelling of a place that house style does not prefer. House style is the
    curated list (``rules/place-names.toml``: Kyiv, Odesa, Kharkiv, Pokrovsk), extended by your
    packs and ``[tool.newslint.names] prefer``, and for other cities whose own name is written in
    Latin letters the English exonym where English has one (Cologne, Munich, The Hague, Warsaw),
    else the endonym (Gdańsk, Kraków): so Kiev, Kharkov, Köln, München, Den Haag, Warszawa,
    Danzig are flagged. An unlisted transliteration of a listed place (Dobropylija for
    Dobropillia) is flagged too, and a former name (Breslau, Königsberg, Stalingrad, Artemivsk:
    ``rules/former-place-names.toml``, with eras) used as the place's name today. When the
    article also writes the place another way, the message says so: this is NL401's finding too,
    reported once. Not flagged: quoted speech, source titles (reference entries, footnotes),
    namesakes ("Odessa, Texas"), dishes ("chicken Kiev"), fixed official names ("Dnipropetrovsk
    region"), a name inside a longer one (Kiew Café, Danzig Street), spellings that are also a
    surname or a historical term (Chernobyl, Zhdanov), and a former name given as history
    ("known as Breslau until 1945", "the former Stalingrad", "the Battle of Stalingrad").

    **Why it matters**: house style picks one spelling so that articles agree with each other
    and with current usage; the Russian-derived spellings of Ukrainian places read as a political
    choice to many readers, and a former name read as current misdates the article.

    **Example**:

    ```text
    Air raid sirens sounded across Kiev and Kharkov overnight.
    ```

    Not flagged:

    ```text
    Air raid sirens sounded across Kyiv and Kharkiv overnight, and in Odessa, Texas, it rained.
    ```

    **Fix**: safe: replace the spelling with the house spelling (capitals kept for an all-caps
    headline). Quoted speech and source titles are left alone.

    **Options**: ``[tool.newslint.names] prefer = {"Odessa" = "Odesa"}`` sets the house spelling
    of a place (the old house spelling becomes a variant).
    """

    code = "NL402"
    name = "nonpreferred-place-name"
    severity = Severity.WARNING
    fix = "safe"
    options: ClassVar[Mapping[str, Any]] = {"names": dict}

    @classmethod
    def validate_option(cls, key: str, value: Any) -> None:
        parse_names(value)

    def check(self, doc: Document, ctx: Context) -> None:
        also: dict[tuple[int, int], str] = doc.cache.get(_ALSO_WRITES, {})
        absorbed: set[tuple[int, int]] = set()
        for m in place_mentions(doc, gazetteer(ctx)):
            info = m.info
            if info is None or m.exempt or m.quoted or m.source or info.is_preferred or info.source != "house":
                continue
            if info.is_former:
                era = f" ({info.era})" if info.era else ""
                message = f"{m.text}: former name of {info.preferred}{era}; use {info.preferred}"
            else:
                message = f"{m.text}: house style spells this place {info.preferred}"
            other = also.get((m.start, m.end))
            if other is None and _foreign_name_unplaced(doc, m):
                continue
            if other is not None:
                message += f"; this article also writes {other}"
                absorbed.add((m.start, m.end))
            new = _cased(m.text, info.preferred)
            ctx.report(m.start, m.end, message, fix=Fix(f"Replace with {new}", (ctx.edit(m.start, m.end, new),)))
        if absorbed:
            # Take back NL401's findings on these spans (rules run in code order): one defect, one finding.
            ctx.findings[:] = [
                f for f in ctx.findings
                if f.code != InconsistentPlaceName.code or (f.start, f.end) not in absorbed
            ]


def _foreign_name_unplaced(doc: Document, mention: Mention) -> bool:
    """A city's name in another language (no curated entry: the exonym pack alone), with no
    preposition of place before it: "Raab told the BBC" is a man, not Győr."""
    info = mention.info
    if info is None or info.is_preferred or info.is_former or not info.id.startswith("geonames:"):
        return False
    return _LOCATIVE.search(doc.text, max(0, mention.start - 30), mention.start) is None


RULES = [InconsistentPlaceName, NonpreferredPlaceName]
