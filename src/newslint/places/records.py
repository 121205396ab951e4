"""The place records behind the gazetteer: curated house places, GeoNames places, each city's
names across languages (exonyms), and former names with their eras.

Four packs feed them, all loaded through :func:`newslint.packs.load_pack` so users can extend them
with ``extends = "<name>"``:

* ``places`` (kind ``gazetteer``): GeoNames places, built by ``newslint.devtools.build_gazetteer``.
* ``place-exonyms`` (kind ``place-exonyms``): each city's English, German, French and Polish
  names and Ukrainian and Russian romanisations, by GeoNames id; built by
  ``newslint.devtools.build_exonyms``.
* ``former-place-names`` (kind ``former-place-names``): former names with their eras, curated.
* ``place-names`` (kind ``place-names``): house-style spellings, variants and former names; curated.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from enum import Enum
from itertools import accumulate, compress, repeat
from typing import Literal, NamedTuple

from newslint.packs import Pack, PackError, register_kind
from newslint.places.folding import ascii_fold, ascii_fold_lines, fold

register_kind("gazetteer", {"gazetteer": dict})
register_kind("place-names", {"places": dict, "exonyms": list, "fixed_names": list})
register_kind("place-exonyms", {"exonyms": dict})
register_kind("former-place-names", {"former": dict})

class Role(str, Enum):
    """What a spelling is for its place."""

    PREFERRED = "preferred"
    VARIANT = "variant"
    FORMER = "former"


class PlaceInfo(NamedTuple):
    """One reading of a spelling as a place.

    ``id`` is the house-style id (``"kyiv"``) for curated places, else ``"geonames:<id>"``.
    ``preferred`` is the house spelling, or GeoNames' main name when ``source == "geonames"`` (then
    it is a default, not house style). ``spelling`` is the spelling as listed in the pack.
    ``caution`` marks spellings that are also a surname, a word, another place or a historical
    term: report them if you must, never fix them automatically. ``source`` is ``"house"`` where
    house style picks the spelling (the curated list, and cities whose own name is written in
    Latin letters: Cologne over Köln), ``"exonym"`` where the spellings are romanisations that
    name one place (Dayr az Zawr, Deir ez-Zor) and ``"geonames"`` for any other GeoNames name.
    """

    id: str
    preferred: str
    spelling: str
    role: Role
    source: Literal["house", "exonym", "geonames"]
    country: str | None = None
    caution: bool = False
    era: str | None = None  # of a former name: "until 1945", "1925-1961"

    @property
    def is_preferred(self) -> bool:
        return self.role is Role.PREFERRED

    @property
    def is_variant(self) -> bool:
        return self.role is Role.VARIANT

    @property
    def is_former(self) -> bool:
        return self.role is Role.FORMER


class HousePlace(NamedTuple):
    id: str
    preferred: str
    geonames: int | None
    spellings: Mapping[str, tuple[str, Role]]  # folded -> (listed spelling, base role)
    caution: frozenset[str]  # folded spellings


def str_list(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"{where}: must be a list of strings")
    return list(value)


def house_places(pack: Pack) -> dict[str, HousePlace]:
    places: dict[str, HousePlace] = {}
    for place_id, entry in pack.get("places", {}).items():
        where = f"{pack.path}: places.{place_id}"
        if not isinstance(entry, dict):
            raise PackError(f"{where}: must be a table")
        unknown = set(entry) - {"prefer", "variants", "former", "caution", "geonames"}
        if unknown:
            raise PackError(f"{where}: unknown key {sorted(unknown)[0]!r}")
        preferred = entry.get("prefer")
        if not isinstance(preferred, str) or not preferred.strip():
            raise PackError(f"{where}: needs a 'prefer' spelling")
        geonames = entry.get("geonames")
        if geonames is not None and not isinstance(geonames, int):
            raise PackError(f"{where}: 'geonames' must be an integer id")
        spellings: dict[str, tuple[str, Role]] = {}
        for former in str_list(entry.get("former"), f"{where}.former"):
            spellings[fold(former)] = (former, Role.FORMER)
        for variant in str_list(entry.get("variants"), f"{where}.variants"):
            spellings.setdefault(fold(variant), (variant, Role.VARIANT))
        spellings[fold(preferred)] = (preferred, Role.PREFERRED)
        cautious = str_list(entry.get("caution"), f"{where}.caution")
        for spelling in cautious:  # a caution spelling not listed elsewhere is a variant
            spellings.setdefault(fold(spelling), (spelling, Role.VARIANT))
        caution = frozenset(fold(c) for c in cautious)
        places[place_id] = HousePlace(place_id, preferred, geonames, spellings, caution)
    return places


def _fold_fields(line: str) -> list[str]:
    """Folded tab-separated fields of a lower-cased record line (the hot path of indexing)."""
    fields = line.split("\t")
    if not line.isascii():
        fields = [f if f.isascii() else ascii_fold(f) for f in fields]
    return fields


class GeoIndex:
    """GeoNames records by folded name: every place carrying a name, the most populous first.

    Searched, not indexed, until many names have been asked for: a run looks up a handful of
    names (10 in the 1,121 articles of the shared corpus), and indexing the 120,000 names of
    the pack costs about 200 ms of a one-article run. Records are numbered in pack order.
    """

    __slots__ = ("_blocks", "_found", "_index", "_lines", "_starts", "_text")

    def __init__(self, blocks: Sequence[str]) -> None:
        self._blocks = tuple(blocks)
        self._lines: list[str] | None = None  # the records as written, for display
        self._text: str | None = None  # "\n" + the folded records, one a line + "\n"
        self._starts: list[int] = []  # offset in _text of each folded record
        self._found: dict[str, list[tuple[int, bool]]] = {}  # searched names
        self._index: dict[str, list[int]] | None = None  # folded name -> records (~n: an alternate)

    @classmethod
    def build(cls, blocks: Sequence[str]) -> GeoIndex:
        return cls(blocks)

    def main(self, key: str) -> int | None:
        """The first record whose main name is ``key``."""
        return next((n for n, is_main in self.every(key) if is_main), None)

    def alternate(self, key: str) -> int | None:
        """The first record with ``key`` among its alternate names but not as its main name."""
        return next((n for n, is_main in self.every(key) if not is_main), None)

    def record(self, number: int) -> tuple[str, str, str]:
        """(geonameid, country, main name) of record ``number``."""
        if self._lines is None:
            self._lines = [line for block in self._blocks for line in block.splitlines() if line.count("\t") >= 2]
        geonameid, country, main = self._lines[number].split("\t", 3)[:3]
        return geonameid, country, main

    def every(self, key: str) -> list[tuple[int, bool]]:
        """All records carrying ``key``: (record number, is main name), main names first."""
        if self._index is not None:
            numbers = self._index.get(key, [])
            return [(n, True) for n in numbers if n >= 0] + [(~n, False) for n in numbers if n < 0]
        found = self._found.get(key)
        if found is None:
            if len(self._found) >= _SEARCHES_BEFORE_INDEX:
                self._index = self._build_index()
                return self.every(key)
            found = self._found[key] = self._search(key)
        return found

    def _folded(self) -> str:
        if self._text is None:
            lowered = "\n".join(self._blocks).lower()
            folded = lowered if lowered.isascii() else ascii_fold_lines(lowered)
            if any(c in lowered for c in _OTHER_BREAKS) or folded.count("\n") != lowered.count("\n"):
                # line breaks other than \n (or folding made some): line by line, as splitlines reads
                lines = [line for block in self._blocks for line in block.lower().splitlines() if line.count("\t") >= 2]
                folded = "\n".join(_fold_lines(lines))
            elif "\t\t" in folded or "\t\n" in folded or folded.endswith("\t") or _BLANK_FIELD.search(folded):
                folded = _refold_blank_fields(lowered, folded)
            self._text = "\n" + folded + "\n"
            # where each record starts in _text: builtins over the lines, no Python loop (22,000 lines)
            lines = folded.split("\n")
            starts = accumulate(map((1).__add__, map(len, lines)), initial=1)
            self._starts = list(compress(starts, map((2).__le__, map(str.count, lines, repeat("\t")))))
        return self._text

    def _search(self, key: str) -> list[tuple[int, bool]]:
        text = self._folded()
        mains: list[int] = []
        alternates: list[int] = []
        for end in ("\t", "\n"):
            needle = f"\t{key}{end}"
            at = text.find(needle)
            while at >= 0:
                number = bisect_right(self._starts, at) - 1
                line = self._starts[number] if number >= 0 else at
                field = text.count("\t", line, at + 1)
                if field >= 2 and text.find("\n", line, at) < 0:  # not in a line of no record
                    (mains if field == 2 else alternates).append(number)
                at = text.find(needle, at + 1)
        # one entry a record, as its main name if it is one; records in pack order
        mains.sort()
        alternates = sorted(set(alternates) - set(mains))
        return [(n, True) for n in mains] + [(n, False) for n in alternates]

    def _build_index(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        text = self._folded()
        records = [line for line in text[1:-1].split("\n") if line.count("\t") >= 2]
        for number, line in enumerate(records):
            seen: set[str] = set()
            for position, name in enumerate(line.split("\t")[2:]):
                if name not in seen:
                    seen.add(name)
                    index.setdefault(name, []).append(number if position == 0 else ~number)
        return index


_SEARCHES_BEFORE_INDEX = 64  # names searched for in the pack's text before it is indexed
# A field (past the first) of blanks only: where a name in another script folded to nothing.
_BLANK_FIELD = re.compile(r"\t[^\S\t\n]+(?=[\t\n]|\Z)")
_OTHER_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # what splitlines() splits on besides \n


def _refold_blank_fields(lowered: str, folded: str) -> str:
    """``folded`` with each line that has a blank field folded field by field instead (a name
    that folds to nothing keeps its letters; see ``ascii_fold``). Such lines are few (two in the
    built-in pack): each is found by counting line breaks, not by splitting the text."""
    blank = {m.start() for m in _BLANK_FIELD.finditer(folded)}
    blank.update(m.start() for m in re.finditer(r"\t(?=\t|\n|\Z)", folded))
    originals: list[str] | None = None
    pieces: list[str] = []
    done = number = at = 0
    for position in sorted(blank):
        number += folded.count("\n", at, position)
        at = position
        left = folded.rfind("\n", 0, position) + 1
        if left < done:
            continue  # a second blank field of a line already folded again
        right = folded.find("\n", position)
        right = len(folded) if right < 0 else right
        if originals is None:
            originals = lowered.split("\n")
        pieces += [folded[done:left], "\t".join(_fold_fields(originals[number]))]
        done = right
    return "".join([*pieces, folded[done:]])


def _fold_lines(lines: list[str]) -> list[str]:
    """``"\t".join(_fold_fields(line))`` for each lower-cased line, the non-ASCII lines folded in
    one call: a field folds alone exactly as within its line, except one that folds to nothing
    (a name in another script) and so keeps its letters; such lines are folded field by field."""
    odd = [number for number, line in enumerate(lines) if not line.isascii()]
    if not odd:
        return lines
    folded = list(lines)
    done = ascii_fold_lines("\n".join(lines[n] for n in odd)).split("\n")
    if len(done) != len(odd):
        done = ["\t".join(_fold_fields(lines[n])) for n in odd]
    for number, line in zip(odd, done, strict=True):
        folded[number] = "\t".join(_fold_fields(lines[number])) if _BLANK_FIELD.search(line) else line
    return folded


# --- exonyms ---

_GENERIC = frozenset({
    "city", "town", "island", "islands", "upon", "saint", "sankt", "santa", "main", "port", "north",
    "south", "east", "west", "district", "province", "region", "lake", "river", "valley", "mount",
    "said",  # Port Said: the word starts too many sentences
})


class ExonymIndex:
    """Each city's spellings across languages, by folded spelling; the first (most populous)
    city carrying a spelling wins. Records: ``gid, country, style, preferred, spelling...``."""

    __slots__ = ("caution", "keys", "phrases", "records")

    def __init__(
        self, records: list[str], keys: dict[str, int], caution: frozenset[str], phrases: dict[str, list[str]]
    ) -> None:
        self.records = records
        self.keys = keys
        self.caution = caution
        self.phrases = phrases  # folded word of 4+ letters -> multi-word spellings holding it

    @classmethod
    def from_pack(cls, pack: Pack) -> ExonymIndex:
        table = pack.get("exonyms", {})
        blocks = {key: table.get(key, "") for key in ("records", "keys", "extra")}
        for key, value in blocks.items():
            if not isinstance(value, str):
                raise PackError(f"{pack.path}: exonyms.{key} must be a string of tab-separated lines")
        caution = table.get("caution", [])
        if not isinstance(caution, list) or not all(isinstance(c, str) for c in caution):
            raise PackError(f"{pack.path}: exonyms.caution must be a list of strings")
        records = [line for line in blocks["records"].splitlines() if line.count("\t") >= 3]
        folded = [line for line in blocks["keys"].splitlines() if line.count("\t") >= 3]
        if len(folded) != len(records):
            raise PackError(f"{pack.path}: exonyms.keys must fold exonyms.records line by line")
        # A user pack's lines come unfolded: fold them here (a few lines, not thousands).
        extra = [line for line in blocks["extra"].splitlines() if line.count("\t") >= 3]
        records += extra
        folded += ["\t".join(fold(f) if i >= 3 else f for i, f in enumerate(line.split("\t"))) for line in extra]
        # reversed, so that the first (most populous) city carrying a spelling wins
        keys = {key: n for n, line in reversed(list(enumerate(folded))) for key in line.split("\t")[3:]}
        phrases: dict[str, list[str]] = {}
        for key, number in keys.items():
            if " " not in key and "-" not in key:
                continue
            # indexed under its most distinctive word only (Hague, Haag, Novgorod): a word such as
            # City or Saint would send every article through the phrase search
            words = [w for w in key.replace("-", " ").split() if len(w) >= 4 and w not in _GENERIC]
            if words:
                fields = folded[number].split("\t")
                spelling = records[number].split("\t")[fields.index(key)]
                phrases.setdefault(max(words, key=len), []).append(spelling)
        return cls(records, keys, frozenset(fold(c) for c in caution), phrases)

    def record(self, number: int) -> tuple[int, str, bool, list[str]]:
        """(geonameid, country, house style applies, [preferred, other spellings...])."""
        fields = self.records[number].split("\t")
        gid = int(fields[0]) if fields[0].isdigit() else -1
        return gid, fields[1], fields[2] == "h", fields[3:]


# --- former names --------------------------------------------------------------------------------


class FormerName(NamedTuple):
    name: str
    geonames: int
    current: str
    era: str


def former_names(pack: Pack) -> dict[str, FormerName]:
    """Folded former name -> its record. Each entry: ``geonames`` id, ``current`` name and the era
    (``until`` a year, or ``from``-``until``)."""
    out: dict[str, FormerName] = {}
    for name, entry in pack.get("former", {}).items():
        where = f"{pack.path}: former.{name}"
        if not isinstance(entry, dict):
            raise PackError(f"{where}: must be a table")
        unknown = set(entry) - {"geonames", "current", "from", "until"}
        if unknown:
            raise PackError(f"{where}: unknown key {sorted(unknown)[0]!r}")
        geonames, current = entry.get("geonames"), entry.get("current")
        since, until = entry.get("from"), entry.get("until")
        if not isinstance(geonames, int) or not isinstance(current, str) or not isinstance(until, int):
            raise PackError(f"{where}: needs geonames (an id), current (a name) and until (a year)")
        if since is not None and not isinstance(since, int):
            raise PackError(f"{where}: 'from' must be a year")
        era = f"{since}-{until}" if since is not None else f"until {until}"
        out[fold(name)] = FormerName(name, geonames, current, era)
    return out


def era_end(era: str) -> int:
    return int(era.rsplit(" ", 1)[-1].rsplit("-", 1)[-1])
