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
    def __init__(self, text: str, encoding: str = UTF16, starts: list[int] | None = None,
                 astral: list[int] | None = None):
        self.text = text
        self.encoding = encoding
        # LSP line starts, and where the characters outside the BMP are
        self.starts = starts if starts is not None else [0, *(m.end() for m in LINE_BREAK.finditer(text))]
        if astral is None:
            astral = [] if text.isascii() else [m.start() for m in ASTRAL.finditer(text)]
        self.astral = astral
        self._newline_starts: list[int] | None = None

    def replaced(self, start: int, end: int, new: str) -> LineIndex:
        """The index of the text with ``[start, end)`` replaced by ``new``, rebuilt only around
        the edit: a keystroke in a 2 MB article costs a list shift, not a rescan."""
        text = self.text[:start] + new + self.text[end:]
        delta = len(new) - (end - start)
        starts = self.starts
        first = max(0, bisect.bisect_right(starts, start) - 2)  # a line back: an edit can join "\r" and "\n"
        after = bisect.bisect_right(starts, end) + 1  # the first line start safely past the edit
        window_start = starts[first]
        if after < len(starts):
            window_end = starts[after] + delta  # a line start the edit can't reach: the tail, shifted
            middle = [m.end() for m in LINE_BREAK.finditer(text, window_start, window_end) if m.end() < window_end]
        else:
            middle = [m.end() for m in LINE_BREAK.finditer(text, window_start)]
        new_starts = [*starts[: first + 1], *middle, *(s + delta for s in starts[after:])]
        if self.astral or not new.isascii():
            low = bisect.bisect_left(self.astral, start)
            high = bisect.bisect_left(self.astral, end)
            astral = [*self.astral[:low], *(start + m.start() for m in ASTRAL.finditer(new)),
                      *(a + delta for a in self.astral[high:])]
        else:
            astral = []
        return LineIndex(text, self.encoding, new_starts, astral)

    def line_end(self, line: int) -> int:
        """Where a line's content ends (before its line break)."""
        if line + 1 >= len(self.starts):
            return len(self.text)
        following = self.starts[line + 1]
        return following - 2 if self.text.startswith("\r\n", following - 2) else following - 1

    # ----- offsets <-> LSP positions -----------------------------------------------------

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character) of a character offset, in the agreed code units."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        offset = min(offset, self.line_end(line))  # inside a \r\n: the end of the line
        return line, self._units(start, offset)

    def offset(self, line: int, character: int) -> int:
        """The character offset of an LSP position (clamped to the line, as the spec asks)."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.line_end(line)
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
