"""LSP positions: zero-based line and character, where a line ends at ``\\n``, ``\\r\\n`` or ``\\r``
and a character is counted in the code units the client and server agreed on (UTF-16 unless
the client offers another). newslint counts Python characters (code points) on ``\\n`` lines,
so every finding and edit goes through a ``LineIndex`` of the text it was made on.

Conversions cost O(log n) per position in UTF-16 and UTF-32: the index keeps the offsets of
the characters outside the Basic Multilingual Plane (two UTF-16 units each), so a 2 MB line
with thousands of findings never re-encodes its prefix."""

from __future__ import annotations

import bisect
import re

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
LINE_BREAK = re.compile(r"\r\n|\r|\n")
ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class LineIndex:
    def __init__(self, text: str, encoding: str = UTF16):
        self.text = text
        self.encoding = encoding
        self.starts = [0]  # LSP line starts
        self.ends: list[int] = []  # where each LSP line's content ends (before its line break)
        for match in LINE_BREAK.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))
        self.astral: list[int] = [] if text.isascii() else [m.start() for m in ASTRAL.finditer(text)]
        self._newline_starts: list[int] | None = None

    # ----- offsets <-> LSP positions -----------------------------------------------------

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character) of a character offset, in the agreed code units."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        offset = min(offset, self.ends[line])  # inside a \r\n: the end of the line
        return line, self._units(start, offset)

    def offset(self, line: int, character: int) -> int:
        """The character offset of an LSP position (clamped to the line, as the spec asks)."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.ends[line]
        character = max(0, character)
        if self.encoding == UTF32 or (not self.astral and self.encoding == UTF16):
            return min(start + character, end)
        if self.encoding == UTF16:
            return self._utf16_offset(start, end, character)
        return self._utf8_offset(start, end, character)

    def _units(self, start: int, offset: int) -> int:
        if self.encoding == UTF32:
            return offset - start
        if self.encoding == UTF16:
            if not self.astral:
                return offset - start
            astral = bisect.bisect_left(self.astral, offset) - bisect.bisect_left(self.astral, start)
            return offset - start + astral
        segment = self.text[start:offset]
        return len(segment) if segment.isascii() else len(segment.encode("utf-8", "surrogatepass"))

    def _utf16_offset(self, start: int, end: int, units: int) -> int:
        position = start
        index = bisect.bisect_left(self.astral, start)
        while index < len(self.astral) and self.astral[index] < end:
            wide = self.astral[index]
            if wide - position >= units:
                break
            units -= wide - position
            if units == 1:
                return wide + 1  # inside a surrogate pair: after the character
            units -= 2
            position = wide + 1
            index += 1
        return min(position + units, end)

    def _utf8_offset(self, start: int, end: int, units: int) -> int:
        position = start
        while position < end and units > 0:
            units -= len(self.text[position].encode("utf-8", "surrogatepass"))
            position += 1
        return position

    # ----- newslint positions ----------------------------------------------------------

    def offset_of(self, line: int, column: int) -> int:
        """The character offset of newslint's 1-based (line, column), lines split at ``\\n``."""
        if self._newline_starts is None:
            starts = [0]
            find = self.text.find
            found = find("\n")
            while found != -1:
                starts.append(found + 1)
                found = find("\n", found + 1)
            self._newline_starts = starts
        starts = self._newline_starts
        if line < 1:
            return 0
        if line > len(starts):
            return len(self.text)
        return min(starts[line - 1] + max(0, column - 1), len(self.text))
