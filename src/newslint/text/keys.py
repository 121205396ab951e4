"""Content words as comparison keys: what two texts (a sentence and a source title, a headline
and a body sentence) have in common; and a verb's regular inflections, which the cue and event
lexicons both expand their lemmas with."""

from __future__ import annotations

from newslint.lazyre import lazy_compile

__all__ = ["content_keys"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CONTENT_TOKEN = lazy_compile(r"\p{L}[\p{L}\p{N}'’-]*")
# Function words and the newsroom's own vocabulary: sharing "said" or "report" with a source
# title says nothing about whether the sentence is about what the source covers.
_STOPWORDS = _words(
    "about above after again against also although among an and another any are around as at "
    "be been before being below between both but by can could did does doing down during each "
    "either even ever every few for from further had has have having her here hers herself him "
    "himself his how however into its itself just least less many more most much must near neither "
    "never next none nor not now off once only onto other others otherwise ought ours ourselves out "
    "over own same shall she should since some still such than that their theirs them themselves "
    "then there these they this those though through thus till too toward towards under until upon "
    "very was were what whatever when where whether which while who whom whose why will with within "
    "without would yet your yours the one two three new news says said say saying told tells report "
    "reports reported reporting according amid amidst despite week weeks year years today yesterday "
    "monday tuesday wednesday thursday friday saturday sunday like make makes made well back first "
    "last latest update updates live"
)


def content_keys(text: str, prefix: int = 5) -> frozenset[str]:
    """Content words of ``text`` as comparison keys: lower-cased, cut to ``prefix`` letters so
    that inflections and demonyms meet ("territories"/"territory", "Ukraine"/"Ukrainian").

    Words of four letters or more count unless they are function or newsroom words; shorter
    ones only when written in capitals ("US", "EU", "NATO").
    """
    keys: set[str] = set()
    for match in _CONTENT_TOKEN.finditer(text):
        word = match.group().rstrip("'’")
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        low = word.lower()
        if len(word) >= 4:
            if low not in _STOPWORDS:
                keys.add(low[:prefix])
        elif len(word) >= 2 and word.isupper():
            keys.add(low)
    return frozenset(keys)


def regular_forms(lemma: str) -> set[str]:
    """say -> says, sayed (harmless), saying; deny -> denies, denied; argue -> argued, arguing."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return forms
