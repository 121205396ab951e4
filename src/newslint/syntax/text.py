"""Small normalisers shared by the parser and the rules."""

from __future__ import annotations

from functools import lru_cache

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


# normalize_phrase drops or replaces only punctuation, symbols and spaces (markup characters are
# all punctuation or symbols), and case folding turns any other character into one or more others
# (checked over all of Unicode). So normalising never lowers the count of these "kept" characters:
# a text with more of them than a phrase has can never normalise to that phrase. That is a cheap,
# exact test before normalising a whole paragraph.
_KEPT = r"[^\p{P}\p{S}\s]"


def kept_count(text: str) -> int:
    """How many characters of ``text`` are neither punctuation, a symbol nor a space."""
    return len(regex.findall(_KEPT, text))


@lru_cache(maxsize=8)
def _more_kept_than(limit: int) -> regex.Pattern[str]:
    return regex.compile(rf"(?:[\p{{P}}\p{{S}}\s]*+{_KEPT}){{{limit + 1}}}")


def keeps_more_than(text: str, limit: int) -> bool:
    """Whether ``kept_count(text) > limit``, reading no further into ``text`` than it must."""
    return _more_kept_than(limit).match(text) is not None


def normalize_words(text: str) -> str:
    """Words only, case-folded: for comparing headlines and entries "once normalised"."""
    return " ".join(_WORD.findall(text.casefold()))
