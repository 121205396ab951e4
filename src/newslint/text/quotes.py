"""Direct quotation and questions in one sentence: the words that are someone else's, or asked."""

from __future__ import annotations

from newslint.lazyre import lazy_compile

__all__ = ["inside", "is_question", "quotation_spans"]

_QUOTES = lazy_compile(
    r"“[^“”]*(?:”|\Z)"  # curly: may run to the end when the quote continues into the next sentence
    r"|(?:(?<=^|[\s(\[—–-])\"[^\"]*(?:\"|\Z))"  # straight: opening quote after a space
    r"|‘[^‘’]*’(?!\w)"
)
_QUESTION_TAIL = lazy_compile(r"\?[\s\"'”’)\]]*(?:\[[^\]]{1,8}\][\s.]*)*\Z")



def quotation_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of direct quotation, quote marks included; an unclosed quote runs to the end."""
    return [m.span() for m in _QUOTES.finditer(sentence)]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def is_question(sentence: str) -> bool:
    """Whether the sentence ends with a question mark (before closing quotes and citation markers)."""
    return _QUESTION_TAIL.search(sentence.rstrip()) is not None
