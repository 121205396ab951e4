"""Small normalisers shared by the parser and the rules."""

from __future__ import annotations

import regex

_MARKUP = regex.compile(r"[*_`#>\[\]]+")
# A trailing run is tried only from its first character (the look-behind) and never backtracks:
# "[...]+$" alone retried from every character of a long run that stops short of the end, so
# 50,000 dots before a final word took quadratic time.
_EDGE_PUNCT = regex.compile(r"^[\p{P}\p{S}\s]+|(?<![\p{P}\p{S}\s])[\p{P}\p{S}\s]++$")
_SPACE = regex.compile(r"\s+")
_WORD = regex.compile(r"[\p{L}\p{N}]+")


def normalize_label(label: str) -> str:
    """Link and footnote labels match case-insensitively with spacing collapsed (CommonMark)."""
    return " ".join(label.split()).casefold()


def normalize_phrase(text: str) -> str:
    """Case, spacing, markup and edge punctuation aside: "## Sources:" -> "sources"."""
    text = _MARKUP.sub(" ", text)
    text = _EDGE_PUNCT.sub("", text)
    return _SPACE.sub(" ", text).casefold()


# normalize_phrase drops or replaces only punctuation, symbols and spaces, never a letter or a
# digit, and case folding turns every letter or digit into a string that holds one (both checked
# over all of Unicode). So normalising never lowers a text's count of letters and digits: a text
# with more of them than a phrase has can never normalise to that phrase. That is a cheap, exact
# test before normalising a whole paragraph.


def alnum_count(text: str) -> int:
    """How many characters of ``text`` are letters or digits (``str.isalnum``)."""
    return sum(char.isalnum() for char in text)


def alnum_count_exceeds(text: str, limit: int) -> bool:
    """Whether ``alnum_count(text) > limit``, reading no further into ``text`` than it must."""
    count = 0
    for char in text:
        if char.isalnum():
            count += 1
            if count > limit:
                return True
    return False


def normalize_words(text: str) -> str:
    """Words only, case-folded: for comparing headlines and entries "once normalised"."""
    return " ".join(_WORD.findall(text.casefold()))
