"""The places an article names: every capitalised word that a place list holds, or that is a
second spelling of one, with what the words around it say (quoted, a source title, a namesake,
part of a longer name, a region, a former name given as history, a name given in passing).

One module with the context cues rather than two: rule modules are imported on every start."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from newslint.lazyre import lazy_compile
from newslint.places.folding import fold, likely_same_name, skeleton
from newslint.places.gazetteer import Gazetteer, lower_ascii
from newslint.places.records import PlaceInfo, Role, era_end
from newslint.places.segments import segments
from newslint.syntax.nodes import Document

__all__ = ["Mention", "foreign_name_unplaced", "gazetteer_for", "place_mentions"]

# A capitalised word of four letters or more (no listed spelling is shorter) with its internal
# apostrophes (Kyiv's, Pokrovs'k, O'Brien). The regex module's property classes scan about five
# times faster than re's equivalent here.
_CAPITALISED = lazy_compile(r"\b\p{Lu}\p{L}{3,}(?:['’ʼ]\p{L}+)*")
_POSSESSIVES = frozenset(f"{a}{s}" for a in "'’ʼ" for s in "sS")
# A preposition of place right before a name ("in Köln", "from Warszawa to Danzig").
_LOCATIVE = lazy_compile(
    r"\b(?:in|from|to|near|at|of|outside|around|across|via|into|toward|towards|between|through)"
    r"\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)
_SKELETON_JOIN_MIN = 6  # an unlisted spelling joins a house place only on a skeleton this long
_SKELETON_PAIR_MIN = 6  # two unlisted spellings pair only when both are this long (David/Dawid)


# --- what the words around a name say -----------------------------------------------------------
# A namesake abroad ("Odessa, Texas"), a longer proper name (Milan Kundera, Danzig Street, Kiew
# Café), a region of the same name (Donetsk oblast), a former name given as history ("known as
# Breslau until 1945"), a name given in passing, a capital that only starts a sentence.

# Patterns compile on first use (lazy_compile): most articles name no place at all.
# US states and Canadian provinces: after a name ("Odessa, Texas") they make it a namesake abroad.
# Matched word by word with str.startswith (a 150-branch pattern costs ~15 ms to compile at every
# start in the regex module).
NAMESAKE_REGIONS = (
    "Alabama", "Ala.", "Alaska", "Arizona", "Ariz.", "Arkansas", "Ark.", "California", "Calif.", "Colorado",
    "Colo.", "Connecticut", "Conn.", "Delaware", "Del.", "Florida", "Fla.", "Georgia", "Ga.", "Idaho",
    "Illinois", "Ill.", "Indiana", "Ind.", "Iowa", "Kansas", "Kan.", "Kentucky", "Ky.", "Louisiana", "La.",
    "Maine", "Maryland", "Md.", "Massachusetts", "Mass.", "Michigan", "Mich.", "Minnesota", "Minn.",
    "Mississippi", "Miss.", "Missouri", "Mo.", "Montana", "Mont.", "Nebraska", "Neb.", "Nevada", "Nev.",
    "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio",
    "Oklahoma", "Okla.", "Oregon", "Ore.", "Pennsylvania", "Pa.", "Rhode Island", "South Carolina",
    "South Dakota", "Tennessee", "Tenn.", "Texas", "Tex.", "Utah", "Vermont", "Vt.", "Virginia", "Va.",
    "Washington", "Wash.", "West Virginia", "Wisconsin", "Wis.", "Wyoming", "Wyo.", "Ontario", "Ont.",
    "Quebec", "Manitoba", "Saskatchewan", "Alberta", "British Columbia", "Nova Scotia", "New Brunswick",
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
    "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
    "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "ON", "QC",
    "BC", "USA", "U.S.",
)
_NAMESAKES_BY_INITIAL: dict[str, list[tuple[str, ...]]] = {}
for _region in NAMESAKE_REGIONS:
    _NAMESAKES_BY_INITIAL.setdefault(_region[0], []).append(tuple(_region.split()))
_GAP = lazy_compile(r",?\s+")
_SPACES = lazy_compile(r"\s+")
_WORD_CHAR = lazy_compile(r"[^\W_]")
# Words that introduce a former name as history, not as the writer's spelling of the place.
_CUE_WINDOW = 80
_FORMER_CUE = lazy_compile(
    r"\b(?:former(?:ly)?|renamed|rename|known\s+as|called|named|name|until|Soviet|then|old|once"
    r"|previously|historic(?:al)?|history|era|battle|siege|war|wartime|century|empire|empire's)\b",
    re.IGNORECASE,
)
_YEAR = lazy_compile(r"\b1[0-9]{3}\b|\b20[0-2][0-9]\b")
# Words after a name that make it a region of that name, not the city (Donetsk oblast).
_REGION_WORDS = (
    "oblast", "oblasts", "region", "regions", "province", "provinces", "raion", "district", "governorate",
    "county", "krai", "kray", "voivodeship", "municipality", "metropolitan",
)
_REGION = lazy_compile(rf"[ \t]+(?:{'|'.join(_REGION_WORDS)})(?![^\W_])", re.IGNORECASE)
_REGION_INITIALS = frozenset(w[0] for w in _REGION_WORDS)
# A capitalised word right after the name that continues a proper name (Kundera, Street, Café):
# title case only, so an all-capitals headline ("KIEV UNDER FIRE") is not a longer name.
_NEXT_NAME = lazy_compile(r"[ \t]+(?:&[ \t]+)?\p{Lu}\p{Ll}")
# A club's or company's letters right before it (FC Köln), or a first name (Glenn Danzig).
_PREVIOUS_NAME = lazy_compile(r"(?<![\p{L}\p{N}'’.-])(?:\p{Lu}{2,4}|\p{Lu}\p{Ll}+)[ \t]$")
_WORD = lazy_compile(r"\p{L}{4,}")
# Words that start a sentence before a place without being part of its name ("In Köln", "Central
# Kyiv"); any other capitalised word there is a first name or a club's (Glenn Danzig).
_OPENERS = frozenset({
    "a", "after", "an", "and", "as", "at", "before", "behind", "beside", "besides", "between",
    "beyond", "both", "but", "by", "central", "despite", "downtown", "during", "east",
    "eastern", "elsewhere", "even", "for", "from", "greater", "here", "if", "in", "inside",
    "into", "later", "like", "meanwhile", "near", "neither", "nor", "north", "northern", "not",
    "now", "occupied", "of", "off", "on", "only", "or", "outside", "over", "past", "since",
    "so", "south", "southern", "still", "than", "that", "the", "then", "there", "these", "this",
    "those", "though", "through", "to", "today", "toward", "towards", "under", "unlike",
    "until", "up", "via", "west", "western", "when", "where", "whether", "while", "with",
    "within", "without", "yesterday", "yet",
})
# Articles and particles that belong to a place's own name (Al Hilla, La Spezia), not a person's.
_PARTICLES = frozenset({"al", "el", "as", "ad", "an", "ar", "ash", "at", "az", "la", "le", "les", "los", "las"})
_SENTENCE_END = lazy_compile(r"(?:^|[.!?:;]['\"’”)\]]*|\n)[\s\"'“‘(\[*_#>-]*$")
_LOOKBACK = 40
_BLANKS = (" ", "\t")  # what _REGION and _NEXT_NAME start with


# The cue patterns after a name all start with a blank (or a comma and a blank); the tests on the
# next characters before them only skip what the pattern cannot match ("Kyiv said", "Kyiv."):
# a place is named dozens of times in an article, and the patterns cost more than the tests.


def namesake_follows(text: str, end: int) -> bool:
    """A US state or Canadian province after the name: "Odessa, Texas"."""
    at = end + 1 if text.startswith(",", end) else end
    if not text[at : at + 1].isspace() or text[at + 1 : at + 2].islower():
        return False  # every state and province starts with a capital, after a blank
    gap = _GAP.match(text, end)
    if gap is None:
        return False
    for words in _NAMESAKES_BY_INITIAL.get(text[gap.end() : gap.end() + 1], ()):
        at = gap.end()
        for number, word in enumerate(words):
            if number:
                space = _SPACES.match(text, at)
                if space is None:
                    break
                at = space.end()
            if not text.startswith(word, at):
                break
            at += len(word)
        else:
            if _WORD_CHAR.match(text, at) is None:
                return True
    return False


def names_region(text: str, end: int) -> bool:
    """The name is that of a region (Donetsk oblast, Kyiv region), not of the city."""
    if not text.startswith(_BLANKS, end):
        return False
    after = text[end + 1 : end + 2]
    if after.islower() and after not in _REGION_INITIALS:
        return False
    return _REGION.match(text, end) is not None


def starts_sentence(text: str, start: int) -> bool:
    return _SENTENCE_END.search(text[max(0, start - _LOOKBACK) : start]) is not None or start == 0


def in_longer_name(text: str, start: int, end: int, region: bool | None = None) -> bool:
    """The name is part of a longer proper name: a person (Milan Kundera, Paris Hilton), a street
    or a business (Danzig Street, Kiew Café), a club (FC Köln), a surname (Glenn Danzig). A
    title-case word right after it counts (not a region word: Donetsk oblast is a region), and
    initials or a title-case word right before it, unless that word starts the sentence ("In
    Köln") or the line is a title-case headline. ``region``: ``names_region(text, end)``, when
    the caller has it."""
    name_follows = (
        text.startswith(_BLANKS, end) and not text[end + 1 : end + 2].islower() and _NEXT_NAME.match(text, end)
    )
    if name_follows and not (names_region(text, end) if region is None else region):
        return True
    if text[start:end].isupper():
        return False  # an all-capitals headline: every word before it is capitals too
    before = text[max(0, start - _LOOKBACK) : start]
    if not before.endswith(_BLANKS):
        return False
    words = before.rsplit(maxsplit=1)
    if not words or words[-1].islower():
        return False  # "in Kyiv": no capital before the name
    previous = _PREVIOUS_NAME.search(before)
    if previous is None:
        return False
    word = previous.group().strip().casefold()
    if word in _PARTICLES:
        return False
    opener = starts_sentence(text, start - len(before) + previous.start())
    if opener and word in _OPENERS:
        return False
    return not _title_case_line(text, start)


def _title_case_line(text: str, at: int) -> bool:
    """A headline in title case ("Fighting Near Pokrovsk"), where every word is capitalised."""
    left = text.rfind("\n", max(0, at - 160), at) + 1 or max(0, at - 160)
    right = text.find("\n", at, at + 160)
    words = _WORD.findall(text[left : right if right >= 0 else at + 160])
    return len(words) <= 12 and sum(w[0].isupper() for w in words) * 5 >= len(words) * 4


_SENTENCE_BREAK = lazy_compile(r"[.!?][\"'’”)\]]*\s")


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``, at most ``_CUE_WINDOW`` characters each side:
    a cue in the sentence before ("known as Breslau until 1945. Later, Breslau ...") says nothing
    about this one."""
    before = text[max(0, start - _CUE_WINDOW) : start]
    breaks = list(_SENTENCE_BREAK.finditer(before))
    left = start - len(before) + (breaks[-1].end() if breaks else 0)
    after = text[end : end + _CUE_WINDOW]
    stop = _SENTENCE_BREAK.search(after)
    right = end + (stop.start() + 1 if stop else len(after))
    return text[left:right]


# A spelling given as another language's or another time's name: "Gdańsk (German: Danzig)",
# "Lviv, or Lwów as Poles called it", "Köln, as Germans call the city".
_LANGUAGES = (
    r"(?:German|Polish|French|Russian|Ukrainian|Italian|Spanish|Dutch|Czech|Hungarian|Romanian"
    r"|Turkish|Arabic|Hebrew|Yiddish|Latin|local|native)"
)
_NAMING_CUE = lazy_compile(
    rf"\b(?:known\s+as|called|calls?|named|spelt|spelled|formerly|aka|in\s+{_LANGUAGES}"
    rf"|{_LANGUAGES}(?:\s+name)?\s*:)",
    re.IGNORECASE,
)
_NAMING_WINDOW = 30


def named_in_passing(text: str, start: int, end: int) -> bool:
    """The spelling is given as a name in passing (another language's, an alias), not used as the
    article's own name for the place: a naming cue right around it, in the same sentence."""
    sentence = _sentence_around(text, start, end)
    at = sentence.find(text[start:end])
    if at < 0:
        return False
    near = sentence[max(0, at - _NAMING_WINDOW) : at + (end - start) + _NAMING_WINDOW]
    return _NAMING_CUE.search(near) is not None


def former_as_history(text: str, start: int, end: int, info: PlaceInfo) -> bool:
    """A former name given as history, not as the place's name today: a cue near it ("known as
    Breslau until 1945", "the former Stalingrad", "the Battle of Stalingrad"), the current name
    beside it, or a year of its era."""
    window = _sentence_around(text, start, end)
    if _FORMER_CUE.search(window) or info.preferred.casefold() in window.casefold():
        return True
    if info.era is None:
        return False
    last = era_end(info.era)
    return any(int(year) <= last for year in _YEAR.findall(window))


# --- mentions ------------------------------------------------------------------------------------


class Mention(NamedTuple):
    """One place name as the article writes it (a named tuple: an article makes dozens)."""

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
        info = self.info
        return info is not None and info.role is Role.FORMER

    @property
    def writers_spelling(self) -> bool:
        """Counts as the article's own spelling of the place (not quoted, not a source title,
        not exempt, not a former name)."""
        return not (self.exempt or self.quoted or self.source or self.former)


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


def foreign_name_unplaced(doc: Document, mention: Mention) -> bool:
    """A city's name in another language (no curated entry: the exonym pack alone), with no
    preposition of place before it: "Raab told the BBC" is a man, not Győr."""
    info = mention.info
    if info is None or info.is_preferred or info.is_former or not info.id.startswith("geonames:"):
        return False
    return _LOCATIVE.search(doc.text, max(0, mention.start - 30), mention.start) is None


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
    caution_words = gaz.exonyms.caution
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
        seen: set[str] = set()
        shared: set[str] = set()  # skeletons of two names or more
        for _, sk in unknown.values():
            (shared if sk in seen else seen).add(sk)
        candidates = {k: n for k, (n, sk) in unknown.items() if sk in shared or sk in house_sk}
        if candidates:
            unlisted = _unlisted(gaz, candidates)
            wanted.update(token for token, key, _, _ in keyed if key in unlisted)
    if not wanted:
        return []
    mentions: list[Mention] = []
    namesakes: set[str] = set()  # spellings that name a namesake somewhere in the article
    for seg in segments(doc):
        text, base = seg.text, seg.base
        for token in wanted:  # a loop, not any(): most segments hold none of a few tokens
            if token in text:
                break
        else:
            continue
        phrases: tuple[list[tuple[int, int]], list[tuple[int, int]]] | None = None
        lowered: str | None = None
        skip_to = -1
        for match in _CAPITALISED.finditer(text):
            token = match.group()
            if token not in wanted:
                continue
            start = match.start()
            if start < skip_to:
                continue
            folded, _, name = _token_keys(token)
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
            in_exonym_phrase = in_fixed_name = False
            needed = gaz.phrase_words(name)
            if needed:
                if lowered is None:
                    lowered = lower_ascii(text)
                if any(all(w in lowered for w in words) for words in needed):
                    if phrases is None:
                        phrases = _phrase_spans(gaz, text)
                    in_exonym_phrase = any(a <= start and end <= b for a, b in phrases[0])
                    in_fixed_name = any(a <= start and end <= b for a, b in phrases[1])
            exempt = info.caution
            region = names_region(text, end)
            if in_exonym_phrase or namesake_follows(text, end):
                namesakes.add(folded)
                exempt = True
            elif (
                in_fixed_name
                or in_longer_name(text, start, end, region)
                or (folded in caution_words and starts_sentence(text, start))  # gaz.sentence_start_caution
                or (info.role is Role.FORMER and (region or former_as_history(text, start, end, info)))
                or (info.role is not Role.PREFERRED and named_in_passing(text, start, end))
            ):
                exempt = True
            quoted = seg.quoted(base + start, base + end)
            mentions.append(
                Mention(base + start, base + end, name, folded, info.id, info, quoted, seg.source, exempt, region)
            )
    if namesakes:
        mentions = [m if m.key not in namesakes or m.exempt else m._replace(exempt=True) for m in mentions]
    return mentions


def _phrase_spans(gaz: Gazetteer, text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans of exonym phrases (chicken Kiev) and fixed official names (Dnipropetrovsk region);
    computed only for a segment that names a place holding a word of one of them."""
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
