"""Container blocks (block quotes, list items, notes): their content with the markers taken off,
and the way back from offsets in that content to offsets in the article.

The model parses a container's content again with the block grammar, as CommonMark does, so a
definition, a fence or a quote inside a list item or a note is what it is at the top level.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_QUOTE_MARKER = re.compile(r" {0,3}> ?")
# A line that may start some block other than a paragraph's continuation: a marker character
# after at most three spaces, a blank line, or a bracket that may open a definition or entry.
# Lines that match nothing here are TEXT to the block grammar.
_MAY_START_BLOCK = re.compile(
    r"^(?: {0,3}(?:[-#>*+=_`~<|0-9]|\{[{%]|\[(?:[^\]\n]*$|\^|\d{1,4}\]|[^\n]*\]:))|[ \t]*\r?$)",
    re.MULTILINE,
)


def one_paragraph(text: str) -> bool:
    """Whether the block grammar would read ``text`` as a single paragraph (or nothing but
    lazy text lines): no line may start another block, and the first is not indented code."""
    return bool(text.strip()) and text[:1] not in " \t" and _MAY_START_BLOCK.search(text.rstrip("\r\n")) is None


def columns(prefix: str) -> int:
    """Width of leading whitespace in columns (a tab reaches the next multiple of four)."""
    width = 0
    for char in prefix:
        if char == "\t":
            width += 4 - width % 4
        elif char == " ":
            width += 1
        else:
            break
    return width


def strip_columns(line: str, width: int) -> int:
    """How many leading characters of ``line`` make up at most ``width`` columns of indent."""
    used = 0
    index = 0
    while index < len(line) and line[index] in " \t" and used < width:
        used += 4 - used % 4 if line[index] == "\t" else 1
        index += 1
    return index


def item_content_width(first_line: str, marker_end: int) -> int:
    """CommonMark's content column of a list item from its first line: after the marker and
    1-4 spaces, or marker + 1 when the rest is blank or indented code (5+ spaces)."""
    rest = first_line[marker_end:].rstrip("\r\n")
    gap = columns(rest)
    if not rest.strip() or gap > 4:
        return marker_end + 1
    return marker_end + strip_columns(rest, gap)


@dataclass(frozen=True)
class Content:
    """A container's content: ``text`` is what is parsed; line ``i`` of it starts at
    ``inner_starts[i]`` and is the article's text from ``outer_starts[i]``."""

    text: str
    inner_starts: list[int]
    outer_starts: list[int]

    def outer(self, offset: int) -> int:
        index = bisect.bisect_right(self.inner_starts, offset) - 1
        return self.outer_starts[index] + offset - self.inner_starts[index]

    def outer_source(self, source: str, inner_start: int) -> str:
        """``source`` (content text from ``inner_start``) laid over the article's offsets, the
        markers in between as spaces."""
        inner_end = inner_start + len(source)
        begin = self.outer(inner_start)
        out = [" "] * (self.outer(inner_end) - begin)
        first = bisect.bisect_right(self.inner_starts, inner_start) - 1
        for index in range(first, len(self.inner_starts)):
            line_start = self.inner_starts[index]
            if line_start >= inner_end and index > first:
                break
            next_start = self.inner_starts[index + 1] if index + 1 < len(self.inner_starts) else len(self.text)
            piece_start = max(line_start, inner_start)
            piece_end = min(next_start, inner_end)
            if piece_end <= piece_start:
                continue
            at = self.outer(piece_start) - begin
            out[at : at + piece_end - piece_start] = source[piece_start - inner_start : piece_end - inner_start]
        return "".join(out)


def extract(text: str, start: int, end: int, strip: Callable[[int, str], int]) -> Content:
    """The content of ``text[start:end]``: ``strip(i, line)`` says how many characters of
    line ``i`` are container markers or indentation."""
    pieces: list[str] = []
    inner_starts: list[int] = []
    outer_starts: list[int] = []
    position = start
    inner = 0
    for index, line in enumerate(lines_of(text[start:end])):
        cut = min(strip(index, line), len(line.rstrip("\r\n")))
        inner_starts.append(inner)
        outer_starts.append(position + cut)
        pieces.append(line[cut:])
        inner += len(line) - cut
        position += len(line)
    return Content("".join(pieces), inner_starts or [0], outer_starts or [start])


def lines_of(chunk: str) -> Sequence[str]:
    """Lines with their endings, split at "\n" only (as the grammar does)."""
    parts = chunk.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines or [""]


def quote_strip(_index: int, line: str) -> int:
    """A ``>`` marker and one space after it; lazy continuation lines have none."""
    match = _QUOTE_MARKER.match(line)
    return match.end() if match else 0


def indent_strip(first: int, width: int) -> Callable[[int, str], int]:
    """The first line loses its marker (``first`` characters); the others up to ``width``
    columns of indentation (lazy lines have less, and keep what they have)."""

    def strip(index: int, line: str) -> int:
        return first if index == 0 else strip_columns(line, width)

    return strip
