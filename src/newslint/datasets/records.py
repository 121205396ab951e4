"""From a dataset record to the article newslint lints, and its findings back to the record.

A record's title becomes the article's headline line: the article linted is the title, a blank
line and the text (in Markdown the title is an H1). Findings are then placed back in the record:
``field`` says which field they are in (``title`` or ``text``) and line and column count within
that field, so a pipeline can index the record's own strings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from newslint.findings import Edit, Finding, Fix

DEFAULT_TEXT_FIELDS = ("text", "body", "content")
MARKUPS = ("markdown", "plaintext")
MARKDOWN_TITLE_PREFIX = "# "
TITLE_GAP_LINES = 2  # the title line and the blank line after it

# Markup that plain text doesn't have: a heading, a fence, a link, a reference definition,
# front matter, strong emphasis. One of them, at a line start where it must be, makes a
# record Markdown; a news text with "[1]" citations alone stays plain text.
_MARKDOWN_SIGNS = re.compile(
    r"\A---[ \t]*\r?\n"
    r"|^#{1,6}[ \t]+\S"
    r"|^(?:```|~~~)"
    r"|^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S"
    r"|\[[^\]\n]+\]\([^)\s]+\)"
    r"|\*\*[^*\n]+\*\*",
    re.MULTILINE,
)


class BadRecord(Exception):
    """A record that can't be linted: one line saying why."""


@dataclass(frozen=True)
class Fields:
    """Which fields hold an article. ``text`` None means "text", else "body", else "content"."""

    text: str | None = None
    title: str = "title"
    id: str = "id"
    markup: str | None = None  # "markdown", "plaintext" or None: Markdown when the text looks like it

    def wanted(self) -> list[str]:
        texts = [self.text] if self.text else list(DEFAULT_TEXT_FIELDS)
        return [*texts, self.title, self.id]


@dataclass(frozen=True)
class Article:
    """One record as an article: what is linted, and how to place findings back."""

    path: str  # dataset#id
    record: str
    number: int
    text: str
    fmt: str  # the parser's "markdown" or "text"
    title_prefix: int | None = None  # characters before the title on line 1; None: no title


class RecordFinding(Finding):
    """A finding in a dataset record. Its JSON carries ``record`` (the id) and ``field``."""

    __slots__ = ("field", "record")
    record: str
    field: str

    def __init__(self, finding: Finding, record: str, field: str) -> None:
        super().__init__(*(getattr(finding, name) for name in Finding.__dataclass_fields__))
        object.__setattr__(self, "record", record)
        object.__setattr__(self, "field", field)

    def __reduce__(self) -> tuple[Any, ...]:
        plain = Finding(*(getattr(self, name) for name in Finding.__dataclass_fields__))
        return (RecordFinding, (plain, self.record, self.field))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RecordFinding):
            return NotImplemented
        return Finding.__eq__(self, other) and (self.record, self.field) == (other.record, other.field)

    def __hash__(self) -> int:
        return hash((Finding.__hash__(self), self.record, self.field))

    def as_dict(self) -> dict[str, Any]:
        data = Finding.as_dict(self)
        data["record"] = self.record
        data["field"] = self.field
        return data


def in_record_order(finding: Finding) -> tuple[bool, int, int, str, str]:
    """Within one record: the title's findings, then the text's, by position."""
    return (getattr(finding, "field", "text") != "title", finding.line, finding.column, finding.code, finding.message)


def _text_field(row: Mapping[str, Any], fields: Fields) -> tuple[str, Any]:
    if fields.text:
        if fields.text not in row:
            raise BadRecord(f"no field {fields.text!r}")
        return fields.text, row[fields.text]
    for name in DEFAULT_TEXT_FIELDS:
        if name in row and row[name] is not None:
            return name, row[name]
    for name in DEFAULT_TEXT_FIELDS:
        if name in row:
            return name, None  # a null field: "is null", not "no field"
    raise BadRecord("no field 'text' (nor 'body' or 'content')")


def record_id(row: Mapping[str, Any] | None, number: int, fields: Fields) -> str:
    value = row.get(fields.id) if row is not None else None
    if value is None or isinstance(value, (dict, list)):
        return str(number)
    return str(value)


def looks_like_markdown(text: str) -> bool:
    return _MARKDOWN_SIGNS.search(text) is not None


def article_from_row(dataset: str, number: int, row: Mapping[str, Any], fields: Fields) -> Article:
    name, text = _text_field(row, fields)
    if not isinstance(text, str):
        kind = "null" if text is None else type(text).__name__
        raise BadRecord(f"field {name!r} is {kind}, not a string")
    title = row.get(fields.title)
    if title is not None and not isinstance(title, str):
        raise BadRecord(f"field {fields.title!r} is {type(title).__name__}, not a string")
    markup = fields.markup or ("markdown" if looks_like_markdown(text) else "plaintext")
    fmt = "markdown" if markup == "markdown" else "text"
    record = record_id(row, number, fields)
    path = f"{dataset}#{record}"
    if title and title.strip():
        # one line, same length: offsets within the title stay true
        line = title.replace("\r", " ").replace("\n", " ")
        prefix = MARKDOWN_TITLE_PREFIX if fmt == "markdown" else ""
        return Article(path, record, number, f"{prefix}{line}\n\n{text}", fmt, len(prefix))
    return Article(path, record, number, text, fmt, None)


def _place(title_prefix: int | None, line: int, column: int) -> tuple[str, int, int]:
    if title_prefix is None:
        return "text", line, column
    if line == 1:
        return "title", 1, max(1, column - title_prefix)
    return "text", max(1, line - TITLE_GAP_LINES), column


def _place_span(title_prefix: int | None, line: int, column: int, end_line: int, end_column: int
                ) -> tuple[str, int, int, int, int]:
    field, line, column = _place(title_prefix, line, column)
    end_field, end_line, end_column = _place(title_prefix, end_line, end_column)
    if end_field != field:  # a span from the title into the text: shown on the title
        end_line, end_column = line, column + 1
    return field, line, column, end_line, end_column


def place_finding(finding: Finding, record: str, title_prefix: int | None) -> RecordFinding:
    """The finding with line and column counted in its field, tagged with the record."""
    field, line, column, end_line, end_column = _place_span(
        title_prefix, finding.line, finding.column, finding.end_line, finding.end_column)
    fix = finding.fix
    if fix is not None and title_prefix is not None:
        fix = Fix(fix.message, tuple(_place_edit(e, title_prefix) for e in fix.edits), fix.safe)
    moved = replace(finding, line=line, column=column, end_line=end_line, end_column=end_column, fix=fix)
    return RecordFinding(moved, record, field)


def _place_edit(edit: Edit, title_prefix: int) -> Edit:
    _, line, column, end_line, end_column = _place_span(
        title_prefix, edit.line, edit.column, edit.end_line, edit.end_column)
    return replace(edit, line=line, column=column, end_line=end_line, end_column=end_column)
