"""Places by spelling: house style, each city's names across languages, former names, GeoNames.

Lookups are case-insensitive, ignore a trailing possessive (``Kyiv's``) and treat curly and
straight apostrophes alike. Loading is cached per tuple of user pack files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from newslint.lazyre import lazy_compile
from newslint.packs import Pack, load_pack
from newslint.places.folding import fold, skeleton, strip_possessive
from newslint.places.records import (
    ExonymIndex,
    FormerName,
    GeoIndex,
    HousePlace,
    PlaceInfo,
    Role,
    former_names,
    house_places,
    str_list,
)

__all__ = ["Gazetteer"]

_READINGS_KEPT = 50_000  # spellings whose house reading is remembered (a bound on memory, not a tuning)
_LETTERS = lazy_compile(r"\p{L}+")
# The four non-ASCII letters that match an ASCII letter in a case-insensitive pattern.
_ASCII_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def lower_ascii(text: str) -> str:
    """``text`` lower-cased, such that an ASCII word occurs in it whenever a case-insensitive
    pattern finds that word in ``text``."""
    return text.translate(_ASCII_TWINS).lower()

GAZETTEER_PACK = "places"
PLACE_NAMES_PACK = "place-names"
EXONYM_PACK = "place-exonyms"
FORMER_PACK = "former-place-names"


class Gazetteer:
    """Places by spelling: house style first, then GeoNames main names, then alternate names.

    A plain class, not a dataclass: its module is imported on every start, and building its
    indexes waits for first use."""

    def __init__(
        self,
        house: Mapping[str, HousePlace],
        exonym_phrases: tuple[str, ...],
        fixed_phrases: tuple[str, ...],
        geo_blocks: Callable[[], tuple[str, ...]],
        exonym_pack: Callable[[], Pack] | None = None,
        former_pack: Callable[[], Pack] | None = None,
    ) -> None:
        self.house = house
        self.exonym_phrases = exonym_phrases
        self.fixed_phrases = fixed_phrases
        # The GeoNames records, loaded on first use: most articles need only the house table,
        # and the 1.5 MB pack costs ~7 ms to read even from the parse cache.
        self._geo_blocks = geo_blocks
        self._geo: GeoIndex | None = None
        # Each city's names across languages and the former names: read on first use (every
        # article with a capitalised word needs them, but a run that selects no place rule doesn't).
        self._exonym_pack = exonym_pack
        self._former_pack = former_pack
        self._exonyms: ExonymIndex | None = None
        self._former: dict[str, FormerName] | None = None
        self._exonym_patterns: dict[str, Any] = {}
        # Built from the house places (see _index_house and the properties that fill them).
        self._house_index: dict[str, str] = {}  # folded spelling -> place id
        self._by_geonames: dict[int, str] = {}  # geonameid -> place id
        self.max_words = 1
        self._known: frozenset[str] | None = None
        self._heads: dict[str, Any] | None = None
        self._skeletons: dict[str, tuple[tuple[str, str], ...]] | None = None
        self._house_readings: dict[str, PlaceInfo | None] = {}  # house_lookup, by name
        self._phrase_table: dict[str, list[tuple[str, ...]]] | None = None  # folded word -> words of its phrases
        self._phrase_hits: dict[str, tuple[tuple[str, ...], ...]] = {}
        self._index_house()

    @classmethod
    def load(cls, user_files: Iterable[str | Path] = ()) -> Gazetteer:
        """The built-in packs extended by ``user_files``; cached."""
        return _load_gazetteer(tuple(str(f) for f in user_files))

    @classmethod
    def from_packs(
        cls,
        places: Pack | Callable[[], Pack],
        place_names: Pack,
        exonyms: Callable[[], Pack] | None = None,
        former: Callable[[], Pack] | None = None,
    ) -> Gazetteer:
        def blocks() -> tuple[str, ...]:
            pack = places() if callable(places) else places
            table = pack.get("gazetteer", {})
            return tuple(v for k, v in sorted(table.items()) if k in ("records", "extra") and isinstance(v, str))

        house = house_places(place_names)
        phrases = tuple(str_list(place_names.get("exonyms"), f"{place_names.path}: exonyms"))
        fixed = tuple(str_list(place_names.get("fixed_names"), f"{place_names.path}: fixed_names"))
        return cls(house, phrases, fixed, blocks, exonyms, former)

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
    def geo(self) -> GeoIndex:
        """The GeoNames records, read on first use (see GeoIndex)."""
        if self._geo is None:
            self._geo = GeoIndex.build(self._geo_blocks())
        return self._geo

    @property
    def exonyms(self) -> ExonymIndex:
        """Each city's names across languages (the ``place-exonyms`` pack), read on first use."""
        if self._exonyms is None:
            pack = self._exonym_pack() if self._exonym_pack is not None else None
            self._exonyms = ExonymIndex.from_pack(pack) if pack is not None else ExonymIndex([], {}, frozenset(), {})
        return self._exonyms

    @property
    def former(self) -> Mapping[str, FormerName]:
        """Folded former name -> its record (the ``former-place-names`` pack), read on first use."""
        if self._former is None:
            self._former = former_names(self._former_pack()) if self._former_pack is not None else {}
        return self._former

    def exonym_phrase(self, word: str) -> Any:
        """A case-insensitive pattern of the multi-word city names holding the folded ``word``
        (Hague: The Hague, Den Haag), or None."""
        pattern = self._exonym_patterns.get(word)
        if pattern is None and word in self.exonyms.phrases:
            names = sorted(set(self.exonyms.phrases[word]), key=lambda w: (-len(w), w))
            alternatives = [r"[\s\-‐‑]+".join(re.escape(w) for w in re.split(r"[\s\-‐‑]+", n)) for n in names]
            pattern = self._exonym_patterns[word] = re.compile(
                rf"(?<![^\W_])(?:{'|'.join(alternatives)})(?![^\W_])", re.IGNORECASE
            )
        return pattern

    def sentence_start_caution(self, key: str) -> bool:
        """Whether a city name is also an English word (Nice, Cologne): at the start of a
        sentence its capital says nothing."""
        return key in self.exonyms.caution

    def phrase_words(self, name: str) -> tuple[tuple[str, ...], ...]:
        """For each exonym phrase or fixed official name holding a word of ``name`` (Odessa:
        Odessa, Texas), the words a text must hold for that phrase to occur in it: lower-case
        ASCII words only (see ``lower_ascii``); none when no phrase holds a word of ``name``, as for
        most names (then the phrase search is skipped)."""
        found = self._phrase_hits.get(name)
        if found is None:
            table = self._phrase_table
            if table is None:
                table = {}
                for phrase in (*self.exonym_phrases, *self.fixed_phrases):
                    words = _LETTERS.findall(phrase)
                    needed = tuple(w.lower() for w in words if w.isascii())
                    for word in words:
                        table.setdefault(fold(word), []).append(needed)
                self._phrase_table = table
            found = tuple(dict.fromkeys(n for w in _LETTERS.findall(name) for n in table.get(fold(w), ())))
            if len(self._phrase_hits) < _READINGS_KEPT:
                self._phrase_hits[name] = found
        return found

    @property
    def exempt_phrases(self) -> tuple[str, ...]:
        """Exonyms and fixed official names, longest first (match these before single names)."""
        return tuple(sorted({*self.exonym_phrases, *self.fixed_phrases}, key=lambda w: (-len(w), w)))

    def with_preferences(self, prefer: Mapping[str, str]) -> Gazetteer:
        """A copy where, for each ``{avoid: use}``, the place spelled ``avoid`` prefers ``use``.

        This is the config's ``[tool.newslint.names] prefer = {"Odessa" = "Odesa"}``. A spelling
        no pack knows becomes a new house place with the two spellings.
        """
        house = dict(self.house)
        for avoid, use in prefer.items():
            info = self.lookup(avoid) or self.lookup(use)
            spellings: dict[str, tuple[str, Role]]
            if info is not None and info.id not in house and info.id.startswith("geonames:"):
                place = self._exonym_place(int(info.id.split(":")[1]))
                if place is not None:
                    house[place.id] = place
            if info is not None and info.id in house:
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
            house[place_id] = HousePlace(place_id, use, geonames, spellings, caution)
        copy = Gazetteer(house, self.exonym_phrases, self.fixed_phrases, self._geo_blocks,
                         self._exonym_pack, self._former_pack)
        # what does not depend on the house table is shared
        copy._geo, copy._exonyms, copy._former = self._geo, self._exonyms, self._former
        copy._exonym_patterns = self._exonym_patterns
        return copy

    @property
    def house_keys(self) -> Mapping[str, str]:
        """Folded house spelling -> place id (read-only view for fast scanning)."""
        return self._house_index

    def house_lookup(self, name: str) -> PlaceInfo | None:
        """The reading of ``name`` as a former name, a house place or a city of the exonym pack
        (no possessive stripping, no GeoNames alternates): cheap, and remembered per spelling
        (an article names the same few places dozens of times)."""
        try:
            return self._house_readings[name]
        except KeyError:
            pass
        info = self._house_reading(name)
        if len(self._house_readings) < _READINGS_KEPT:
            self._house_readings[name] = info
        return info

    def _house_reading(self, name: str) -> PlaceInfo | None:
        key = fold(name)
        former = self.former.get(key)
        if former is not None:
            return self._former_info(former, key)
        place_id = self._house_index.get(key)
        if place_id is not None:
            return self._house_info(self.house[place_id], key)
        number = self.exonyms.keys.get(key)
        return self._exonym_info(number, key, name) if number is not None else None

    @property
    def known_keys(self) -> frozenset[str]:
        """Every folded spelling that is a former name, a house spelling or a city's name."""
        if self._known is None:
            self._known = frozenset(self._house_index) | frozenset(self.exonyms.keys) | frozenset(self.former)
        return self._known

    def is_known(self, key: str) -> bool:
        return key in self.known_keys

    def _former_info(self, former: FormerName, key: str) -> PlaceInfo:
        linked = self._by_geonames.get(former.geonames)
        if linked is not None:
            place = self.house[linked]
            return PlaceInfo(place.id, place.preferred, former.name, Role.FORMER, "house",
                             caution=key in place.caution, era=former.era)
        return PlaceInfo(f"geonames:{former.geonames}", former.current, former.name, Role.FORMER, "house",
                         era=former.era)

    def _exonym_info(self, number: int, key: str, name: str) -> PlaceInfo:
        gid, country, house_style, names = self.exonyms.record(number)
        linked = self._by_geonames.get(gid)
        if linked is not None:
            return self._house_info(self.house[linked], key, name)._replace(country=country)
        listed = next((n for n in names if fold(n) == key), name)
        role = Role.PREFERRED if fold(names[0]) == key else Role.VARIANT
        return PlaceInfo(f"geonames:{gid}", names[0], listed, role, "house" if house_style else "exonym", country)

    def _exonym_place(self, gid: int) -> HousePlace | None:
        number = next((n for n, line in enumerate(self.exonyms.records) if line.startswith(f"{gid}\t")), None)
        if number is None:
            return None
        _, _, _, names = self.exonyms.record(number)
        spellings = {fold(n): (n, Role.VARIANT) for n in names[1:]}
        spellings[fold(names[0])] = (names[0], Role.PREFERRED)
        return HousePlace(f"geonames:{gid}", names[0], gid, spellings, frozenset())

    def geonames_id(self, place_id: str) -> int | None:
        """The GeoNames id of a place id (a house place's link, or ``geonames:<id>``)."""
        place = self.house.get(place_id)
        if place is not None:
            return place.geonames
        tail = place_id.split(":", 1)[1] if place_id.startswith("geonames:") else ""
        return int(tail) if tail.isdigit() else None

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
                for name in sorted(names, key=lambda w: (-len(w), w)):
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
        """The preferred reading of a house place id, or of a city of the exonym pack."""
        house = self.house.get(place_id)
        if house is None:
            gid = self.geonames_id(place_id)
            exonym = self._exonym_place(gid) if gid is not None else None
            if exonym is None:
                return None
            key = fold(exonym.preferred)
            return self._exonym_info(self.exonyms.keys[key], key, exonym.preferred)
        return PlaceInfo(house.id, house.preferred, house.preferred, Role.PREFERRED, "house")

    def _house_info(self, place: HousePlace, key: str, spelling: str | None = None) -> PlaceInfo:
        listed, role = place.spellings.get(key, (spelling or key, Role.VARIANT))
        return PlaceInfo(place.id, place.preferred, listed, role, "house", None, key in place.caution)

    def _readings(self, token: str, *, first_only: bool) -> list[PlaceInfo]:
        name = strip_possessive(token)
        if not name:
            return []
        key = fold(name)
        out: list[PlaceInfo] = []
        seen: set[str] = set()
        known = self.house_lookup(name)
        if known is not None:
            out.append(known)
            if first_only:
                return out
            seen.add(known.id)
        geo = self.geo
        if first_only:
            number = geo.main(key)
            candidates = [(number, True)] if number is not None else []
            if not candidates:
                number = geo.alternate(key)
                candidates = [(number, False)] if number is not None else []
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
            out.append(info._replace(country=country))
            if first_only:
                break
        return out


@lru_cache(maxsize=32)
def _load_gazetteer(user_files: tuple[str, ...]) -> Gazetteer:
    return Gazetteer.from_packs(
        lambda: load_pack(GAZETTEER_PACK, user_files),
        load_pack(PLACE_NAMES_PACK, user_files),
        lambda: load_pack(EXONYM_PACK, user_files),
        lambda: load_pack(FORMER_PACK, user_files),
    )
