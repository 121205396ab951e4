"""What the words around a place name say about it: a namesake abroad ("Odessa, Texas"), a longer
proper name (Milan Kundera, Danzig Street, Kiew Café), a region of the same name (Donetsk
oblast), a former name given as history ("known as Breslau until 1945"), a capital that only
starts a sentence."""

from __future__ import annotations

import re

from newslint.lazyre import lazy_compile
from newslint.places.records import PlaceInfo, era_end

__all__ = [
    "former_as_history",
    "in_longer_name",
    "named_in_passing",
    "names_region",
    "namesake_follows",
    "starts_sentence",
]

# Patterns compile on first use (lazy_compile): most articles name no place at all.
# A US state or Canadian province after a name: "Odessa, Texas" is not the Ukrainian city.
NAMESAKE_REGION = lazy_compile(
    r",?\s+(?:Alabama|Ala\.|Alaska|Arizona|Ariz\.|Arkansas|Ark\.|California|Calif\.|Colorado|Colo\."
    r"|Connecticut|Conn\.|Delaware|Del\.|Florida|Fla\.|Georgia|Ga\.|Idaho|Illinois|Ill\.|Indiana|Ind\."
    r"|Iowa|Kansas|Kan\.|Kentucky|Ky\.|Louisiana|La\.|Maine|Maryland|Md\.|Massachusetts|Mass\.|Michigan"
    r"|Mich\.|Minnesota|Minn\.|Mississippi|Miss\.|Missouri|Mo\.|Montana|Mont\.|Nebraska|Neb\.|Nevada"
    r"|Nev\.|New\s+Hampshire|New\s+Jersey|New\s+Mexico|New\s+York|North\s+Carolina|North\s+Dakota|Ohio"
    r"|Oklahoma|Okla\.|Oregon|Ore\.|Pennsylvania|Pa\.|Rhode\s+Island|South\s+Carolina|South\s+Dakota"
    r"|Tennessee|Tenn\.|Texas|Tex\.|Utah|Vermont|Vt\.|Virginia|Va\.|Washington|Wash\.|West\s+Virginia"
    r"|Wisconsin|Wis\.|Wyoming|Wyo\.|Ontario|Ont\.|Quebec|Manitoba|Saskatchewan|Alberta"
    r"|British\s+Columbia|Nova\s+Scotia|New\s+Brunswick|AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|ID|IL|IN|IA|KS"
    r"|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA"
    r"|WV|WI|WY|ON|QC|BC|USA|U\.S\.)(?![^\W_])"
)
# Words that introduce a former name as history, not as the writer's spelling of the place.
_CUE_WINDOW = 80
_FORMER_CUE = lazy_compile(
    r"\b(?:former(?:ly)?|renamed|rename|known\s+as|called|named|name|until|Soviet|then|old|once"
    r"|previously|historic(?:al)?|history|era|battle|siege|war|wartime|century|empire|empire's)\b",
    re.IGNORECASE,
)
_YEAR = lazy_compile(r"\b1[0-9]{3}\b|\b20[0-2][0-9]\b")
# Words after a name that make it a region of that name, not the city (Donetsk oblast).
_REGION = lazy_compile(
    r"[ \t]+(?:oblast|oblasts|region|regions|province|provinces|raion|district|governorate|county"
    r"|krai|kray|voivodeship|municipality|metropolitan)(?![^\W_])",
    re.IGNORECASE,
)
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


def namesake_follows(text: str, end: int) -> bool:
    """A US state or Canadian province after the name: "Odessa, Texas"."""
    return NAMESAKE_REGION.match(text, end) is not None


def names_region(text: str, end: int) -> bool:
    """The name is that of a region (Donetsk oblast, Kyiv region), not of the city."""
    return _REGION.match(text, end) is not None


def starts_sentence(text: str, start: int) -> bool:
    return _SENTENCE_END.search(text[max(0, start - _LOOKBACK) : start]) is not None or start == 0


def in_longer_name(text: str, start: int, end: int) -> bool:
    """The name is part of a longer proper name: a person (Milan Kundera, Paris Hilton), a street
    or a business (Danzig Street, Kiew Café), a club (FC Köln), a surname (Glenn Danzig). A
    title-case word right after it counts (not a region word: Donetsk oblast is a region), and
    initials or a title-case word right before it, unless that word starts the sentence ("In
    Köln") or the line is a title-case headline."""
    if _NEXT_NAME.match(text, end) and not names_region(text, end):
        return True
    if text[start:end].isupper():
        return False  # an all-capitals headline: every word before it is capitals too
    before = text[max(0, start - _LOOKBACK) : start]
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
