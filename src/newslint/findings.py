"""What a rule reports: findings with exact positions, and the edits that fix them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(str, enum.Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    def __str__(self) -> str:
        return self.value


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see Finding
class Edit:
    """Replace the characters between two positions (1-based line/column, end exclusive)."""

    line: int
    column: int
    end_line: int
    end_column: int
    content: str
    start: int = field(default=0, compare=False)  # absolute character offsets, for applying
    end: int = field(default=0, compare=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "content": self.content,
        }


@dataclass(slots=True, unsafe_hash=True)  # not frozen: see Finding
class Fix:
    message: str
    edits: tuple[Edit, ...]
    safe: bool = True

    def as_dict(self) -> dict[str, Any]:
        return {"message": self.message, "edits": [e.as_dict() for e in self.edits]}


# Not frozen: a frozen dataclass sets each field through object.__setattr__, ~3 us a finding
# against ~0.6 us, and a warm re-run builds every finding of a repository from the results cache
# (20,000 of them: 50 ms). Treat findings as values all the same; they stay hashable by their fields.
@dataclass(slots=True, unsafe_hash=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: Severity
    message: str
    fix: Fix | None = None
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "fix": self.fix.as_dict() if self.fix else None,
        }


def excerpt_line(text: str, start: int, column: int) -> str:
    """The source line a finding starting at ``start`` (in ``column``) is on, as the text report
    shows it: without its line ending. The results cache keeps these, so a warm run needn't
    read the articles again."""
    begin = start - (column - 1)
    end = text.find("\n", start)
    return text[begin : end if end >= 0 else len(text)].rstrip("\r")
