"""The places an article names: every capitalised word that a place list holds, or that is a
second spelling of one, with what its context says (quoted, a source title, a namesake, part of a
longer name, a region, a former name given as history)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from newslint.lazyre import lazy_compile
from newslint.places.context import (
    former_as_history,
    in_longer_name,
    named_in_passing,
    names_region,
    namesake_follows,
    starts_sentence,
)
from newslint.places.folding import fold, likely_same_name, skeleton
from newslint.places.gazetteer import Gazetteer
from newslint.places.records import PlaceInfo, Role
from newslint.places.segments import segments
from newslint.syntax.nodes import Document

__all__ = ["Mention", "gazetteer_for", "place_mentions"]

# A capitalised word of four letters or more (no listed spelling is shorter) with its internal
# apostrophes (Kyiv's, Pokrovs'k, O'Brien). The regex module's property classes scan about five
# times faster than re's equivalent here.
_CAPITALISED = lazy_compile(r"\b\p{Lu}\p{L}{3,}(?:['’ʼ]\p{L}+)*")
_POSSESSIVES = frozenset(f"{a}{s}" for a in "'’ʼ" for s in "sS")
_SKELETON_JOIN_MIN = 6  # an unlisted spelling joins a house place only on a skeleton this long
_SKELETON_PAIR_MIN = 6  # two unlisted spellings pair only when both are this long (David/Dawid)


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str  # as written, possessive removed
    key: str  # folded spelling
    group: str  # place id, or "skeleton:<skeleton>" for names no list holds
    info: PlaceInfo | None
    quoted: bool
    source: bool
    exempt: bool = False  # a namesake, a dish, a fixed official name, a longer name, a former name as history
    region: bool = False  # names the region of that name (Donetsk oblast), not the city

    @property
    def former(self) -> bool:
        return self.info is not None and self.info.is_former

    @property
    def writers_spelling(self) -> bool:
        """Counts as the article's own spelling of the place (not quoted, not a source title,
        not exempt, not a former name)."""
        return not (self.exempt or self.former or self.quoted or self.source)


@lru_cache(maxsize=16)
def gazetteer_for(pack_files: tuple[str, ...], prefer: tuple[tuple[str, str], ...]) -> Gazetteer:
    gaz = Gazetteer.load(pack_files)
    return gaz.with_preferences(dict(prefer)) if prefer else gaz


@lru_cache(maxsize=16)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    parts = [r"\s+".join(re.escape(w) for w in p.split()) for p in phrases]
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(parts)})(?![^\W_])", re.IGNORECASE)


def place_mentions(doc: Document, gaz: Gazetteer) -> list[Mention]:
    """Every place name the article writes, in order, once per document and gazetteer."""
    key = f"names:mentions:{id(gaz)}"
    cached = doc.cache.get(key)
    if cached is None:
        cached = doc.cache[key] = _scan(doc, gaz)
    return list(cached)


def _bare(token: str) -> str:
    return token[:-2] if token[-2:] in _POSSESSIVES else token


_TOKENS: dict[str, tuple[str, str, str]] = {}
_TOKENS_MAX = 100_000


def _token_keys(token: str) -> tuple[str, str, str]:
    """(folded spelling without possessive, its skeleton or "" when too short to compare, the
    spelling without possessive); cached across articles."""
    keys = _TOKENS.get(token)
    if keys is None:
        bare = _bare(token)
        key = fold(bare)
        keys = (key, skeleton(key) if len(key) >= 5 else "", bare)
        if len(_TOKENS) < _TOKENS_MAX:
            _TOKENS[token] = keys
    return keys


def _scan(doc: Document, gaz: Gazetteer) -> list[Mention]:
    heads = gaz.multiword_heads
    known = gaz.known_keys
    city_phrases = gaz.exonyms.phrases
    # Phase 1, per distinct capitalised word of the raw text (a superset of the prose's): which
    # can name a place, or a place written two ways?
    keyed = [(token, *_token_keys(token)) for token in dict.fromkeys(_CAPITALISED.findall(doc.text))]
    wanted = {token for token, key, _, _ in keyed if key in known or key in heads or key in city_phrases}
    # names no list holds: folded -> (spelling, skeleton)
    unknown = {
        key: (bare, sk)
        for _, key, sk, bare in keyed
        if sk and key not in known and key not in heads and key not in city_phrases
    }
    unlisted: dict[str, tuple[str, PlaceInfo | None]] = {}
    if unknown:
        # Only a skeleton shared by two names, or by a house spelling, can matter.
        house_sk = gaz.house_skeletons
        shared = Counter(sk for _, sk in unknown.values())
        candidates = {k: n for k, (n, sk) in unknown.items() if shared[sk] > 1 or sk in house_sk}
        if candidates:
            unlisted = _unlisted(gaz, candidates)
            wanted.update(token for token, key, _, _ in keyed if key in unlisted)
    if not wanted:
        return []
    mentions: list[Mention] = []
    namesakes: set[str] = set()  # spellings that name a namesake somewhere in the article
    for seg in segments(doc):
        text, base = seg.text, seg.base
        if not any(t in text for t in wanted):
            continue
        phrases: tuple[list[tuple[int, int]], list[tuple[int, int]]] | None = None
        skip_to = -1
        for match in _CAPITALISED.finditer(text):
            start = match.start()
            if start < skip_to or match.group() not in wanted:
                continue
            name = _bare(match.group())
            folded = fold(name)
            end = start + len(name)
            extra = unlisted.get(folded)
            if extra is not None:
                group, extra_info = extra
                exempt = in_longer_name(text, start, end)
                mentions.append(
                    Mention(
                        base + start, base + end, name, folded, group, extra_info,
                        seg.quoted(base + start, base + end), seg.source, exempt,
                    )
                )
                continue
            info = None
            head = heads.get(folded)
            if head is not None:
                longer = head.match(text, start)
                if longer is not None and longer.end() > end:
                    info = gaz.house_lookup(longer.group())
                    if info is not None:
                        name, end = longer.group(), longer.end()
                        folded = fold(name)
                        skip_to = end
            if info is None and folded in city_phrases:
                # a word of a multi-word city name (The Hague, Den Haag): the whole name around it
                for found in gaz.exonym_phrase(folded).finditer(text, max(0, start - 24), min(len(text), end + 40)):
                    if found.start() <= start and found.end() >= end:
                        info = gaz.house_lookup(found.group())
                        if info is not None:
                            start, end, name = found.start(), found.end(), found.group()
                            folded = fold(name)
                            skip_to = end
                        break
            if info is None:
                info = gaz.house_lookup(name)
                if info is None:
                    continue
            if phrases is None:
                phrases = _phrase_spans(gaz, text)
            exonym_spans, fixed_spans = phrases
            exempt = info.caution
            region = names_region(text, end)
            if any(a <= start and end <= b for a, b in exonym_spans) or namesake_follows(text, end):
                namesakes.add(folded)
                exempt = True
            elif (
                any(a <= start and end <= b for a, b in fixed_spans)
                or in_longer_name(text, start, end)
                or (gaz.sentence_start_caution(folded) and starts_sentence(text, start))
                or (info.is_former and (region or former_as_history(text, start, end, info)))
                or (not info.is_preferred and named_in_passing(text, start, end))
            ):
                exempt = True
            quoted = seg.quoted(base + start, base + end)
            mentions.append(
                Mention(base + start, base + end, name, folded, info.id, info, quoted, seg.source, exempt, region)
            )
    if namesakes:
        mentions = [m if m.key not in namesakes or m.exempt else replace(m, exempt=True) for m in mentions]
    return mentions


def _phrase_spans(gaz: Gazetteer, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans of exonym phrases (chicken Kiev) and fixed official names (Dnipropetrovsk region);
    computed only for a segment that names a listed place."""
    exonyms = _phrase_pattern(gaz.exonym_phrases)
    fixed = _phrase_pattern(gaz.fixed_phrases)
    return (
        [m.span() for m in exonyms.finditer(text)] if exonyms else [],
        [m.span() for m in fixed.finditer(text)] if fixed else [],
    )


def _unlisted(gaz: Gazetteer, unknown: dict[str, str]) -> dict[str, tuple[str, PlaceInfo | None]]:
    """Names no house list holds that still name a place written two ways: a transliteration of
    a house place (Dobropylija for Dobropillia: joins that place), or two spellings of one name,
    one of them a known place (GeoNames). Folded spelling -> (group, reading)."""
    house = gaz.house_skeletons
    found: dict[str, tuple[str, PlaceInfo | None]] = {}
    by_skeleton: dict[str, list[str]] = {}
    for folded, name in unknown.items():
        sk = skeleton(folded)
        if len(sk) >= _SKELETON_JOIN_MIN and sk in house:
            joined = next((pid for pid, spelling in house[sk] if likely_same_name(name, spelling)), None)
            if joined is not None:
                # GeoNames knows it as another place (Pokrovske is not Pokrovsk): leave it alone.
                other = gaz.lookup(name)
                place = gaz.place(joined)
                if place is not None and (other is None or other.id == joined):
                    found[folded] = (joined, PlaceInfo(joined, place.preferred, name, Role.VARIANT, "house"))
                    continue
        if len(sk) >= _SKELETON_PAIR_MIN and len(folded) >= _SKELETON_PAIR_MIN:
            by_skeleton.setdefault(sk, []).append(folded)
    for sk, keys in by_skeleton.items():
        if len(keys) < 2:
            continue
        names = [unknown[k] for k in keys]
        if not all(likely_same_name(names[0], other) for other in names[1:]):
            continue
        if not any(gaz.lookup(n) for n in names):
            continue
        # Two main names of different GeoNames places are two places (Hrushivka, Khrushchivka).
        mains = [frozenset(r.id for r in gaz.readings(n) if r.is_preferred) for n in names]
        if any(a and b and a.isdisjoint(b) for i, a in enumerate(mains) for b in mains[i + 1 :]):
            continue
        for key in keys:
            found[key] = (f"skeleton:{sk}", None)
    return found
