"""Inline content of one block: text runs, code, links, HTML, and the citations among them.

Whether ``[label]`` is a shortcut reference depends on the document's definitions, so the
builder is given the set of defined link labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.syntax.grammar import inline_scanner
from newslint.syntax.nodes import Citation, Inline
from newslint.syntax.text import normalize_label

MAX_RANGE = 50  # a citation range wider than this is a typo, not fifty sources
# Tokens that are plain text to the model, merged into one "text" run with their neighbours.
_TEXT_KINDS = frozenset({"TEXT", "OTHER", "ESCAPE", "BLANK_REF"})


def _numeric_labels(inner: str) -> tuple[str, ...]:
    if inner.isdigit():
        return (str(int(inner)),)
    labels: list[str] = []
    for part in inner.replace(";", ",").split(","):
        bounds = part.replace("\u2013", "-").replace("\u2014", "-").split("-")
        numbers = [b.strip() for b in bounds if b.strip()]
        if len(numbers) == 2 and numbers[0].isdigit() and numbers[1].isdigit():
            low, high = int(numbers[0]), int(numbers[1])
            if low <= high and high - low <= MAX_RANGE:
                labels.extend(str(n) for n in range(low, high + 1))
                continue
        labels.extend(str(int(n)) for n in numbers if n.isdigit())
    return tuple(dict.fromkeys(labels))


def _tokens(source: str) -> Iterator[re.Match[str]]:
    """The inline tokens of ``source``. Past the last ``-->`` no comment can close, so the
    scanner there leaves the comment terminal out: otherwise every unclosed ``<!--`` would
    scan to the end of the block (quadratic on a run of them)."""
    last_close = source.rfind("-->")
    if last_close < 0 or "<!--" not in source:
        return inline_scanner(comments=last_close >= 0).finditer(source)
    return _tokens_with_comments(source, last_close)


def _tokens_with_comments(source: str, last_close: int) -> Iterator[re.Match[str]]:
    with_comments = inline_scanner(comments=True)
    position = 0
    length = len(source)
    while position <= last_close:
        match = with_comments.match(source, position)
        if match is None:  # pragma: no cover - OTHER matches any character
            break
        yield match
        position = match.end()
    if position < length:
        yield from inline_scanner(comments=False).finditer(source, position)


class InlineBuilder:
    """Turns the inline token stream of one block into inline runs and citations."""

    def __init__(self, defined_links: frozenset[str]):
        self.defined_links = defined_links

    def build(self, source: str, base: int) -> tuple[list[Inline], list[Citation]]:
        inlines: list[Inline] = []
        citations: list[Citation] = []
        self._walk(source, base, inlines, citations, linked=False)
        return inlines, citations

    def _walk(
        self,
        source: str,
        base: int,
        inlines: list[Inline],
        citations: list[Citation],
        linked: bool,
    ) -> None:
        text_start = -1
        text_end = -1
        for match in _tokens(source):
            kind = match.lastgroup
            if kind in _TEXT_KINDS:
                if text_start < 0:
                    text_start = base + match.start()
                text_end = base + match.end()
                continue
            start, end = match.span()
            start += base
            end += base
            if text_start >= 0:
                inlines.append(Inline("text", text_start, text_end))
                text_start = -1
            value = match.group()
            if kind == "NUM_CITE":
                labels = _numeric_labels(value[1:-1])
                citations.append(Citation("numeric", start, end, labels, linked))
                inlines.append(Inline("citation", start, end))
            elif kind == "FOOTNOTE_CITE":
                citations.append(
                    Citation("footnote", start, end, ("^" + normalize_label(value[2:-1]),), linked)
                )
                inlines.append(Inline("citation", start, end))
            elif kind == "PANDOC_CITE":
                keys = tuple(
                    "@" + normalize_label(word.lstrip("-@").rstrip(",;."))
                    for word in value[1:-1].replace(";", " ").split()
                    if word.lstrip("-").startswith("@")
                )
                citations.append(Citation("pandoc", start, end, keys))
                inlines.append(Inline("citation", start, end))
            elif kind == "LINK":
                self._link_text(value, start, inlines, citations)
                close = value.rfind("](")
                inlines.append(Inline("url", start + close + 1, end))
            elif kind == "REF_LINK":
                close = value.rfind("][")
                label_text = value[close + 2 : -1]
                text_end_rel = close
                label = normalize_label(label_text) or normalize_label(
                    value[(2 if value.startswith("!") else 1) : close]
                )
                if not label:  # "[][]" (Go's [][]int): no label, so no reference
                    if text_start < 0:
                        text_start = start
                    text_end = end
                    continue
                citations.append(Citation("link", start, end, (label,)))
                self._link_text(value[: text_end_rel + 1], start, inlines, citations)
                inlines.append(Inline("citation", start + close + 1, end))
            elif kind == "BRACKET":
                inner = value[2:-1] if value.startswith("!") else value[1:-1]
                label = normalize_label(inner)
                if label and label in self.defined_links:
                    citations.append(Citation("shortcut", start, end, (label,)))
                    inlines.append(Inline("citation", start, end))
                else:
                    # "[sic]", "[the ministry]", "[ ]": text that happens to be bracketed
                    if text_start < 0:
                        text_start = start
                    text_end = end
            elif kind == "CODE":
                inlines.append(Inline("code", start, end))
            elif kind in ("URL", "AUTOLINK"):
                inlines.append(Inline("url", start, end))
            elif kind == "COMMENT":
                inlines.append(Inline("comment", start, end))
            elif kind == "HTML_TAG":
                inlines.append(Inline("html", start, end))
            else:  # EMPH
                inlines.append(Inline("emphasis", start, end))
        if text_start >= 0:
            inlines.append(Inline("text", text_start, text_end))

    def _link_text(
        self, value: str, start: int, inlines: list[Inline], citations: list[Citation]
    ) -> None:
        """The visible text of ``[text](...)`` is prose (it may hold citations); an image's
        alt text is not."""
        if value.startswith("!"):
            inlines.append(Inline("link", start, start + value.find("]") + 1))
            return
        close = _matching_bracket(value)
        inlines.append(Inline("link", start, start + 1))
        if close > 1:
            self._walk(value[1:close], start + 1, inlines, citations, linked=True)
        inlines.append(Inline("link", start + close, start + close + 1))


def _matching_bracket(value: str) -> int:
    depth = 0
    escaped = False
    for index, char in enumerate(value):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index
    return len(value) - 1
