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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from newslint.packs import Pack, PackError, register_kind
from newslint.places.folding import ascii_fold, fold

register_kind("gazetteer", {"gazetteer": dict})
register_kind("place-names", {"places": dict, "exonyms": list, "fixed_names": list})
register_kind("place-exonyms", {"exonyms": dict})
register_kind("former-place-names", {"former": dict})

class Role(str, Enum):
    """What a spelling is for its place."""

    PREFERRED = "preferred"
    VARIANT = "variant"
    FORMER = "former"


@dataclass(frozen=True, slots=True)
class PlaceInfo:
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


@dataclass(frozen=True, slots=True)
class HousePlace:
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


@dataclass
class GeoIndex:
    """GeoNames records by folded name: first (most populous) place with that main name or alternate."""

    lines: list[str]
    mains: dict[str, int]
    alternates: dict[str, int]
    _every: dict[str, list[int]] | None = None

    @classmethod
    def build(cls, blocks: Sequence[str]) -> GeoIndex:
        mains: dict[str, int] = {}
        alternates: dict[str, int] = {}
        number = 0
        for block in blocks:
            for line in block.lower().splitlines():
                fields = _fold_fields(line)
                if len(fields) < 3:
                    continue
                mains.setdefault(fields[2], number)
                for alternate in fields[3:]:
                    alternates.setdefault(alternate, number)
                number += 1
        # the original spellings, for display, numbered as above
        originals = [line for block in blocks for line in block.splitlines() if line.count("\t") >= 2]
        return cls(originals, mains, alternates)

    def record(self, number: int) -> tuple[str, str, str]:
        """(geonameid, country, main name) of record ``number``."""
        geonameid, country, main = self.lines[number].split("\t", 3)[:3]
        return geonameid, country, main

    def every(self, key: str) -> list[tuple[int, bool]]:
        """All records carrying ``key``: (record number, is main name), main names first."""
        if self._every is None:
            every: dict[str, list[int]] = {}
            for number, line in enumerate(self.lines):
                for position, name in enumerate(_fold_fields(line.lower())[2:]):
                    bucket = every.setdefault(name, [])
                    if not bucket or bucket[-1] != number:
                        bucket.append(number if position == 0 else ~number)
            self._every = every
        numbers = self._every.get(key, [])
        found = [(n, True) for n in numbers if n >= 0] + [(~n, False) for n in numbers if n < 0]
        return found


# --- exonyms ---

_GENERIC = frozenset({
    "city", "town", "island", "islands", "upon", "saint", "sankt", "santa", "main", "port", "north",
    "south", "east", "west", "district", "province", "region", "lake", "river", "valley", "mount",
    "said",  # Port Said: the word starts too many sentences
})


@dataclass
class ExonymIndex:
    """Each city's spellings across languages, by folded spelling; the first (most populous)
    city carrying a spelling wins. Records: ``gid, country, style, preferred, spelling...``."""

    records: list[str]
    keys: dict[str, int]
    caution: frozenset[str]
    phrases: dict[str, list[str]]  # folded word of 4+ letters -> multi-word spellings holding it

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
        keys: dict[str, int] = {}
        phrases: dict[str, list[str]] = {}
        for number, line in enumerate(folded):
            fields = line.split("\t")
            for position, key in enumerate(fields[3:], start=3):
                keys.setdefault(key, number)
                if " " in key or "-" in key:
                    # indexed under its most distinctive word only (Hague, Haag, Novgorod): a word
                    # such as City or Saint would send every article through the phrase search
                    words = [w for w in key.replace("-", " ").split() if len(w) >= 4 and w not in _GENERIC]
                    if words:
                        spelling = records[number].split("\t")[position]
                        phrases.setdefault(max(words, key=len), []).append(spelling)
        return cls(records, keys, frozenset(fold(c) for c in caution), phrases)

    def record(self, number: int) -> tuple[int, str, bool, list[str]]:
        """(geonameid, country, house style applies, [preferred, other spellings...])."""
        fields = self.records[number].split("\t")
        gid = int(fields[0]) if fields[0].isdigit() else -1
        return gid, fields[1], fields[2] == "h", fields[3:]


# --- former names --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FormerName:
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
