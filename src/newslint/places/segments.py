"""The prose an article's place and spelling rules read: block by block, non-prose blanked, with
its quoted speech marked, then the source titles of its reference entries."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import NamedTuple

from newslint.syntax.nodes import Document
from newslint.syntax.prose import prose_text

__all__ = ["Segment", "segments"]


class Segment(NamedTuple):
    """A stretch of prose: ``text`` starts at document offset ``base``; non-prose is blanked.

    ``source`` marks source titles (reference entries, footnote definitions): text a rule may
    report for consistency but never rewrite. ``quotes`` are the absolute spans of quoted speech.
    """

    text: str
    base: int
    source: bool
    quotes: tuple[tuple[int, int], ...]
    entry: bool = False  # a reference entry (not a footnote definition)

    def quoted(self, start: int, end: int) -> bool:
        for a, b in self.quotes:  # noqa: SIM110 -- a loop, not any(): called for every place an article names
            if a <= start and end <= b:
                return True
        return False


_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")
_TEMPLATE = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)  # Liquid/Jinja tags in Markdown posts
_CURLY_QUOTED = re.compile(r"“[^“”]*(?:”|\Z)|‘[^‘’]*’(?![^\W_])")
_STRAIGHT_DOUBLE = re.compile(r'"')


def _quote_spans(text: str, base: int) -> tuple[tuple[int, int], ...]:
    """Quoted speech in one block: curly pairs, and straight double quotes paired in order (an
    unclosed quote runs to the end of the block, as a quotation continued in the next paragraph)."""
    if '"' not in text and "“" not in text and "‘" not in text:
        return ()
    spans = [(base + m.start(), base + m.end()) for m in _CURLY_QUOTED.finditer(text)]
    marks = [m.start() for m in _STRAIGHT_DOUBLE.finditer(text)]
    for i in range(0, len(marks), 2):
        end = marks[i + 1] + 1 if i + 1 < len(marks) else len(text)
        spans.append((base + marks[i], base + end))
    return tuple(spans)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def segments(doc: Document) -> list[Segment]:
    """The article's prose, block by block, then the source titles of its reference entries."""
    cached = doc.cache.get("names:segments")
    if cached is not None:
        return list(cached)
    out: list[Segment] = []
    covered: list[tuple[int, int]] = []
    for block in doc.prose_blocks():
        text = prose_text(doc, block)
        if "{%" in text or "{{" in text:
            text = _TEMPLATE.sub(_blank, text)
        covered.append((block.start, block.end))
        source = block.kind == "footnote_def"
        out.append(Segment(text, block.content_start, source, _quote_spans(text, block.content_start)))
    # Whether an entry lies in a prose block (read there): of the blocks starting at or before
    # it, the furthest end reaches past it.
    covered.sort()
    starts = [a for a, _ in covered]
    reach = list(accumulate((b for _, b in covered), max))
    for entry in doc.references:
        if entry.kind == "link":
            continue
        at = bisect_right(starts, entry.start) - 1
        if at >= 0 and entry.start < reach[at]:
            continue
        raw = doc.text[entry.text_start : entry.text_end]
        text = _URL.sub(_blank, raw)
        out.append(Segment(text, entry.text_start, True, _quote_spans(text, entry.text_start), entry=True))
    doc.cache["names:segments"] = out
    return list(out)


