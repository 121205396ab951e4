"""Lookups over the name and spelling packs: places (gazetteer + house spellings) and en-GB/en-US pairs.

Three packs feed this module, all loaded through :func:`newslint.packs.load_pack` so users can
extend them with ``extends = "<name>"``:

* ``places`` (kind ``gazetteer``): GeoNames places, built by ``newslint.devtools.build_gazetteer``.
* ``place-names`` (kind ``place-names``): the house-style preferred spelling of each place, its
  variant spellings and former names; hand-curated.
* ``spelling-en`` (kind ``spelling-variants``): British/American spelling pairs, built by
  ``newslint.devtools.build_spelling``.

Lookups are case-insensitive, ignore a trailing possessive (``Kyiv's``) and treat curly and straight
apostrophes alike. Loading is cached per tuple of user pack files.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from newslint.lazyre import lazy_compile
from newslint.packs import Pack, PackError, load_pack, register_kind

__all__ = [
    "Gazetteer",
    "PlaceInfo",
    "Role",
    "SpellingVariant",
    "SpellingVariants",
    "fold",
    "likely_same_name",
    "skeleton",
]

GAZETTEER_PACK = "places"
PLACE_NAMES_PACK = "place-names"
SPELLING_PACK = "spelling-en"

register_kind("gazetteer", {"gazetteer": dict})
register_kind("place-names", {"places": dict, "exonyms": list, "fixed_names": list})
register_kind(
    "spelling-variants",
    {
        "pairs": dict,
        "oxford": dict,
        "british_only": dict,
        "american_only": dict,
        "exclude": list,
        "proper_names": list,
    },
)

Variety = Literal["en-GB", "en-US"]

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'", "`": "'"})
# Letters NFKD does not decompose.
_EXTRA_FOLDS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th"})


def _strip_possessive(token: str) -> str:
    token = token.translate(_APOSTROPHES).strip()
    if token.lower().endswith("'s"):
        return token[:-2]
    if token.endswith("s'") and len(token) > 3:
        return token[:-1]
    return token


def _ascii_fold(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.translate(_EXTRA_FOLDS)).encode("ascii", "ignore").decode("ascii")
    return folded if folded.strip() else name  # a name in another script keeps its letters


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Case-, diacritic- and apostrophe-insensitive key of a name; whitespace collapsed."""
    name = " ".join(name.translate(_APOSTROPHES).split()).lower()
    return name if name.isascii() else _ascii_fold(name)


# --- places ------------------------------------------------------------------------------------


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
    term: report them if you must, never fix them automatically.
    """

    id: str
    preferred: str
    spelling: str
    role: Role
    source: Literal["house", "geonames"]
    country: str | None = None
    caution: bool = False

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
class _HousePlace:
    id: str
    preferred: str
    geonames: int | None
    spellings: Mapping[str, tuple[str, Role]]  # folded -> (listed spelling, base role)
    caution: frozenset[str]  # folded spellings


def _str_list(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PackError(f"{where}: must be a list of strings")
    return list(value)


def _house_places(pack: Pack) -> dict[str, _HousePlace]:
    places: dict[str, _HousePlace] = {}
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
        for former in _str_list(entry.get("former"), f"{where}.former"):
            spellings[fold(former)] = (former, Role.FORMER)
        for variant in _str_list(entry.get("variants"), f"{where}.variants"):
            spellings.setdefault(fold(variant), (variant, Role.VARIANT))
        spellings[fold(preferred)] = (preferred, Role.PREFERRED)
        cautious = _str_list(entry.get("caution"), f"{where}.caution")
        for spelling in cautious:  # a caution spelling not listed elsewhere is a variant
            spellings.setdefault(fold(spelling), (spelling, Role.VARIANT))
        caution = frozenset(fold(c) for c in cautious)
        places[place_id] = _HousePlace(place_id, preferred, geonames, spellings, caution)
    return places


def _fold_fields(line: str) -> list[str]:
    """Folded tab-separated fields of a lower-cased record line (the hot path of indexing)."""
    fields = line.split("\t")
    if not line.isascii():
        fields = [f if f.isascii() else _ascii_fold(f) for f in fields]
    return fields


@dataclass
class _GeoIndex:
    """GeoNames records by folded name: first (most populous) place with that main name or alternate."""

    lines: list[str]
    mains: dict[str, int]
    alternates: dict[str, int]
    _every: dict[str, list[int]] | None = None

    @classmethod
    def build(cls, blocks: Sequence[str]) -> _GeoIndex:
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


@dataclass
class Gazetteer:
    """Places by spelling: house style first, then GeoNames main names, then alternate names."""

    house: Mapping[str, _HousePlace]
    exonym_phrases: tuple[str, ...]
    fixed_phrases: tuple[str, ...]
    # The GeoNames records, loaded on first use: most articles need only the house table,
    # and the 1.5 MB pack costs ~7 ms to read even from the parse cache.
    _geo_blocks: Callable[[], tuple[str, ...]]
    _house_index: dict[str, str] = field(default_factory=dict)  # folded spelling -> place id
    _by_geonames: dict[int, str] = field(default_factory=dict)  # geonameid -> place id
    _geo: _GeoIndex | None = None
    max_words: int = 1
    _heads: dict[str, Any] | None = None
    _skeletons: dict[str, tuple[tuple[str, str], ...]] | None = None

    @classmethod
    def load(cls, user_files: Iterable[str | Path] = ()) -> Gazetteer:
        """The built-in packs extended by ``user_files``; cached."""
        return _load_gazetteer(tuple(str(f) for f in user_files))

    @classmethod
    def from_packs(cls, places: Pack | Callable[[], Pack], place_names: Pack) -> Gazetteer:
        def blocks() -> tuple[str, ...]:
            pack = places() if callable(places) else places
            table = pack.get("gazetteer", {})
            return tuple(v for k, v in sorted(table.items()) if k in ("records", "extra") and isinstance(v, str))

        house = _house_places(place_names)
        exonyms = tuple(_str_list(place_names.get("exonyms"), f"{place_names.path}: exonyms"))
        fixed = tuple(_str_list(place_names.get("fixed_names"), f"{place_names.path}: fixed_names"))
        gaz = cls(house, exonyms, fixed, blocks)
        gaz._index_house()
        return gaz

    def _index_house(self) -> None:
        self._house_index.clear()
        self._by_geonames.clear()
        words = 1
        for place in self.house.values():
            for key, (spelling, _) in place.spellings.items():
                self._house_index.setdefault(key, place.id)
                words = max(words, len(spelling.split()))
            if place.geonames is not None:
                self._by_geonames.setdefault(place.geonames, place.id)
        # GeoNames names of up to four words exist, but only house places justify the cost of
        # trying long spans on every token: longer GeoNames names still match via match_at.
        self.max_words = max(words, 4)

    @property
    def geo(self) -> _GeoIndex:
        """The GeoNames index, built on first use (about 60 ms)."""
        if self._geo is None:
            self._geo = _GeoIndex.build(self._geo_blocks())
        return self._geo

    @property
    def exempt_phrases(self) -> tuple[str, ...]:
        """Exonyms and fixed official names, longest first (match these before single names)."""
        return tuple(sorted({*self.exonym_phrases, *self.fixed_phrases}, key=len, reverse=True))

    def with_preferences(self, prefer: Mapping[str, str]) -> Gazetteer:
        """A copy where, for each ``{avoid: use}``, the place spelled ``avoid`` prefers ``use``.

        This is the config's ``[tool.newslint.names] prefer = {"Odessa" = "Odesa"}``. A spelling
        no pack knows becomes a new house place with the two spellings.
        """
        house = dict(self.house)
        for avoid, use in prefer.items():
            info = self.lookup(avoid) or self.lookup(use)
            spellings: dict[str, tuple[str, Role]]
            if info is not None and info.source == "house":
                old = house[info.id]
                spellings = dict(old.spellings)
                spellings[fold(old.preferred)] = (old.preferred, Role.VARIANT)
                place_id, geonames, caution = old.id, old.geonames, old.caution
            else:
                spellings = {}
                place_id = info.id if info is not None else f"user:{fold(use)}"
                geonames = int(info.id.split(":")[1]) if info is not None and info.source == "geonames" else None
                caution = frozenset()
            spellings.setdefault(fold(avoid), (avoid, Role.VARIANT))
            spellings[fold(use)] = (use, Role.PREFERRED)
            house[place_id] = _HousePlace(place_id, use, geonames, spellings, caution)
        copy = replace(self, house=house, _house_index={}, _by_geonames={}, _heads=None, _skeletons=None)
        copy._index_house()
        return copy

    @property
    def house_keys(self) -> Mapping[str, str]:
        """Folded house spelling -> place id (read-only view for fast scanning)."""
        return self._house_index

    def house_lookup(self, name: str) -> PlaceInfo | None:
        """The house-style reading of ``name`` (no possessive stripping, no GeoNames): cheap."""
        key = fold(name)
        place_id = self._house_index.get(key)
        return self._house_info(self.house[place_id], key) if place_id is not None else None

    @property
    def multiword_heads(self) -> Mapping[str, Any]:
        """First word (folded) of every house spelling of two or more words (``Chasiv Yar``,
        ``Ivano-Frankivsk``) -> a case-insensitive pattern matching those spellings at a position."""
        if self._heads is None:
            spellings: dict[str, set[str]] = {}
            for place in self.house.values():
                for spelling, _ in place.spellings.values():
                    words = re.split(r"[\s\-‐‑]+", spelling.strip())
                    if len(words) > 1:
                        spellings.setdefault(fold(words[0]), set()).add(spelling)
            heads: dict[str, Any] = {}
            for head, names in spellings.items():
                alternatives = []
                for name in sorted(names, key=len, reverse=True):
                    parts = re.split(r"([\s\-‐‑]+)", name.strip())
                    alternatives.append(
                        "".join(
                            (r"[\-‐‑]" if "-" in part else r"\s+") if i % 2 else re.escape(part)
                            for i, part in enumerate(parts)
                        )
                    )
                # compiled when an article first names a place starting with this word
                heads[head] = lazy_compile(rf"(?:{'|'.join(alternatives)})(?![^\W_])", re.IGNORECASE)
            self._heads = heads
        return self._heads

    @property
    def house_skeletons(self) -> Mapping[str, tuple[tuple[str, str], ...]]:
        """Skeleton -> (place id, spelling) of house spellings that are neither former names nor
        marked caution: an unlisted spelling with the same skeleton may be one more variant."""
        if self._skeletons is None:
            table: dict[str, list[tuple[str, str]]] = {}
            for place in self.house.values():
                for key, (spelling, role) in place.spellings.items():
                    if role is Role.FORMER or key in place.caution:
                        continue
                    table.setdefault(skeleton(spelling), []).append((place.id, spelling))
            self._skeletons = {k: tuple(v) for k, v in table.items()}
        return self._skeletons

    def lookup(self, token: str) -> PlaceInfo | None:
        """The most likely place spelled ``token`` (a word or a multi-word name), or None."""
        readings = self._readings(token, first_only=True)
        return readings[0] if readings else None

    def readings(self, token: str) -> tuple[PlaceInfo, ...]:
        """Every place ``token`` may name, most likely first (house, main names, alternates)."""
        return tuple(self._readings(token, first_only=False))

    def is_place(self, name: str) -> bool:
        return self.lookup(name) is not None

    def same_place(self, a: str, b: str) -> bool:
        """Whether the most likely readings of two spellings are one place."""
        first, second = self.lookup(a), self.lookup(b)
        return first is not None and second is not None and first.id == second.id

    def match_at(self, words: Sequence[str], i: int) -> tuple[PlaceInfo, int] | None:
        """The longest place name starting at ``words[i]``: (reading, number of words) or None."""
        for n in range(min(self.max_words, len(words) - i), 0, -1):
            info = self.lookup(" ".join(words[i : i + n]))
            if info is not None:
                return info, n
        return None

    def place(self, place_id: str) -> PlaceInfo | None:
        """The preferred reading of a house place id."""
        house = self.house.get(place_id)
        if house is None:
            return None
        return PlaceInfo(house.id, house.preferred, house.preferred, Role.PREFERRED, "house")

    def _house_info(self, place: _HousePlace, key: str, spelling: str | None = None) -> PlaceInfo:
        listed, role = place.spellings.get(key, (spelling or key, Role.VARIANT))
        return PlaceInfo(place.id, place.preferred, listed, role, "house", None, key in place.caution)

    def _readings(self, token: str, *, first_only: bool) -> list[PlaceInfo]:
        name = _strip_possessive(token)
        if not name:
            return []
        key = fold(name)
        out: list[PlaceInfo] = []
        seen: set[str] = set()
        house_id = self._house_index.get(key)
        if house_id is not None:
            out.append(self._house_info(self.house[house_id], key))
            if first_only:
                return out
            seen.add(house_id)
        geo = self.geo
        if first_only:
            number = geo.mains.get(key)
            candidates = [(number, True)] if number is not None else []
            if not candidates and key in geo.alternates:
                candidates = [(geo.alternates[key], False)]
        else:
            candidates = geo.every(key)
        for number, is_main in candidates:
            geonameid, country, main = geo.record(number)
            linked = self._by_geonames.get(int(geonameid)) if geonameid.isdigit() else None
            if linked is not None:
                if linked in seen:
                    continue
                seen.add(linked)
                info = self._house_info(self.house[linked], key, name)
            else:
                place_id = f"geonames:{geonameid}"
                if place_id in seen:
                    continue
                seen.add(place_id)
                role = Role.PREFERRED if is_main else Role.VARIANT
                info = PlaceInfo(place_id, main, main if is_main else name, role, "geonames", country)
            out.append(replace(info, country=country))
            if first_only:
                break
        return out


@lru_cache(maxsize=32)
def _load_gazetteer(user_files: tuple[str, ...]) -> Gazetteer:
    return Gazetteer.from_packs(lambda: load_pack(GAZETTEER_PACK, user_files), load_pack(PLACE_NAMES_PACK, user_files))


# --- transliteration skeletons -------------------------------------------------------------------

_ARTICLE = re.compile(r"(?:^|(?<=\s))(?:al|el|ad|ed|an|en|ar|er|as|es|ash|esh|at|et|az|ez)-")
# Applied in order; each pair folds spellings of one sound across romanisation systems.
_SKELETON_STEPS: tuple[tuple[str, str], ...] = (
    ("schtsch", "sh"),
    ("shch", "sh"),
    ("szcz", "sh"),
    ("tsch", "ch"),
    ("sch", "sh"),
    ("sz", "sh"),
    ("cz", "ch"),
    ("zh", "sh"),
    ("kh", "h"),
    ("ch", "h"),
    ("w", "v"),
    ("ph", "f"),
    ("tz", "ts"),
    ("zk", "tsk"),  # German -zk (Donezk) is -tsk
    ("zj", "tsi"),  # German -zja (Winnyzja) is -tsia
    ("j", "i"),
    ("y", "i"),
    ("ou", "u"),
)
_DOUBLE = re.compile(r"(sh|[a-z])\1+")


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """A transliteration skeleton: spellings of one name in different romanisations tend to share it.

    Folds case, diacritics, apostrophes, hyphens and spaces, Arabic articles (al-/el-), German and
    Polish digraphs (sch, tsch, sz, cz, German -zk), zh/sh, kh/ch/h, w/v, tz/ts, j/y/i, ou/u, ie/e and
    doubled letters (digits are kept); so ``-ija``, ``-iya``, ``-ia`` and ``-ya`` endings meet.
    Deliberately keeps g apart from h, and s apart from z and sh, which keeps Golden/Holden,
    Zalisne/Zalizne and Suzhou/Zhuzhou apart.
    """
    s = fold(_strip_possessive(name))
    s = _ARTICLE.sub("", s)
    s = "".join(c for c in s if c.isalnum())
    for old, new in _SKELETON_STEPS:
        s = s.replace(old, new)
    s = _DOUBLE.sub(r"\1", s)
    s = s.replace("ie", "e")
    return _DOUBLE.sub(r"\1", s)


def likely_same_name(a: str, b: str) -> bool:
    """Whether two different spellings are probably one name: a stricter test than skeletons alone.

    Besides equal skeletons it asks for a skeleton of at least five letters (short names collide by
    chance) and for the same first letter once only diacritics, case and w/v, j/y/i are folded,
    except for the pairs transliterations really swap at the start (Kh/Ch, Sch/Sh/Zh, Ts/Z/S).
    Identical spellings after folding are trivially the same name.
    """
    if fold(a) == fold(b):
        return True
    sa, sb = skeleton(a), skeleton(b)
    if sa != sb or len(sa) < 5:
        return False
    return _onsets_compatible(_onset(a), _onset(b))


_ONSET_TOKENS = (
    "schtsch",
    "shch",
    "tsch",
    "sch",
    "zh",
    "sh",
    "sz",
    "cz",
    "kh",
    "ch",
    "ts",
    "tz",
    "ye",
    "je",
    "ie",
    "yu",
    "ju",
    "iu",
    "ya",
    "ja",
    "ia",
    "yo",
    "jo",
    "io",
)
# Onsets that romanisations swap for one sound. Everything else must match exactly, which keeps
# Sakharovo/Zakharovo, Shylivka/Zhylivka and Golden/Holden apart.
_ONSET_CLASSES: tuple[frozenset[str], ...] = (
    frozenset({"kh", "ch", "h"}),
    frozenset({"ch", "tsch", "cz"}),
    frozenset({"sh", "sch", "sz"}),
    frozenset({"zh", "sch", "z"}),
    frozenset({"shch", "schtsch", "szcz"}),
    frozenset({"ts", "tz", "c"}),
    frozenset({"ye", "je", "ie", "e"}),
    frozenset({"yu", "ju", "iu", "u"}),
    frozenset({"ya", "ja", "ia"}),
    frozenset({"yo", "jo", "io"}),
    frozenset({"v", "w"}),
    frozenset({"y", "j", "i"}),
)


def _onset(name: str) -> str:
    s = fold(_strip_possessive(name))
    s = _ARTICLE.sub("", s).lstrip("'- ")
    for token in _ONSET_TOKENS:
        if s.startswith(token):
            return token
    return s[:1]


def _onsets_compatible(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in _ONSET_CLASSES)


def word_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, as a trie: one branch per shared prefix, so
    the regex engine (not Python) scans the text and a position costs a few character tests."""
    trie: dict[str, dict[str, Any]] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict[str, dict[str, Any]]) -> str:
        ends = "" in node
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if ends else body

    return render(trie)


# --- British and American spelling ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SpellingVariant:
    """A word that marks one variety of English, and its spelling in the other variety.

    ``oxford`` is true for -ise/-ize pairs: the -ize form is also correct British (Oxford) spelling,
    so a rule may want to treat it as neutral.
    """

    variety: Variety
    counterpart: str
    oxford: bool = False


def _match_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@dataclass
class SpellingVariants:
    """British and American spellings; a word is classified only if it marks its variety."""

    _words: dict[str, SpellingVariant]
    proper_names: tuple[str, ...] = ()
    _others: dict[str, str] = field(default_factory=dict)  # every listed word -> its other spelling

    @classmethod
    def load(cls, user_files: Iterable[str | Path] = ()) -> SpellingVariants:
        return _load_spelling(tuple(str(f) for f in user_files))

    @classmethod
    def from_pack(cls, pack: Pack) -> SpellingVariants:
        words: dict[str, SpellingVariant] = {}
        others: dict[str, str] = {}

        def table(key: str) -> dict[str, str]:
            value = pack.get(key, {})
            if not all(isinstance(v, str) for v in value.values()):
                raise PackError(f"{pack.path}: every value of {key!r} must be a string")
            return dict(value)

        for british, american in table("pairs").items():
            words[british] = SpellingVariant("en-GB", american)
            words[american] = SpellingVariant("en-US", british)
        for british, american in table("oxford").items():
            words[british] = SpellingVariant("en-GB", american, oxford=True)
            words[american] = SpellingVariant("en-US", british, oxford=True)
        for british, american in table("british_only").items():
            words[british] = SpellingVariant("en-GB", american)
        for american, british in table("american_only").items():
            words[american] = SpellingVariant("en-US", british)
        for key in ("pairs", "oxford", "british_only", "american_only"):
            for first, second in table(key).items():
                others[first] = second
                others[second] = first
        for word in _str_list(pack.get("exclude"), f"{pack.path}: exclude"):
            words.pop(word.casefold(), None)
            others.pop(word.casefold(), None)
        proper = tuple(_str_list(pack.get("proper_names"), f"{pack.path}: proper_names"))
        return cls(words, proper, others)

    def __len__(self) -> int:
        return len(self._words)

    def classify(self, word: str) -> SpellingVariant | None:
        """The variety ``word`` marks and its counterpart in the input's capitalisation, or None."""
        found = self._words.get(word.casefold())
        if found is None:
            return None
        return replace(found, counterpart=_match_case(word, found.counterpart))

    def other_spelling(self, word: str) -> str | None:
        """The other variety's spelling of ``word`` even when ``word`` marks no variety.

        SCOWL accepts "travelled" in American English, so ``classify("travelled")`` is None, but an
        article that writes both "travelled" and "traveled" is still inconsistent: this finds that.
        """
        other = self._others.get(word.casefold())
        return _match_case(word, other) if other is not None else None

    def words(self) -> frozenset[str]:
        """Every listed spelling (lower case): the classified ones and their counterparts."""
        return frozenset(self._words) | frozenset(self._others)

    def variety(self, word: str) -> Variety | None:
        found = self._words.get(word.casefold())
        return found.variety if found is not None else None


@lru_cache(maxsize=32)
def _load_spelling(user_files: tuple[str, ...]) -> SpellingVariants:
    return SpellingVariants.from_pack(load_pack(SPELLING_PACK, user_files))
