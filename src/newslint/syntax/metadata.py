"""Metadata at the top of an article: YAML (``---``) or TOML (``+++``) front matter, and the
``Key: value`` header block of Pelican, MultiMarkdown and Python-Markdown's meta extension."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Literal

from newslint.syntax.containers import lines_of
from newslint.syntax.lark_runtime import Token
from newslint.syntax.nodes import FrontMatter

MetadataFormat = Literal["yaml", "toml", "keys"]

# Keys these generators document for their header blocks. A block of "Key: value" lines is
# metadata only when it names a title or two of these: "Note: the figures are provisional" is
# the article's first paragraph.
KNOWN_KEYS = frozenset(
    {
        "title", "date", "modified", "tags", "category", "categories", "slug", "author", "authors",
        "summary", "lang", "language", "translation", "status", "template", "save_as", "url",
        "keywords", "description", "subtitle", "css", "base header level", "format", "layout",
    }
)


def _line_end(token_text: str) -> int:
    return len(token_text.rstrip("\r\n"))


def _value_span(token: Token, value: str, separator: str) -> tuple[int, int]:
    raw = str(token)
    at = raw.find(separator)
    index = raw.find(value, at + 1 if at >= 0 else 0)
    base = token.start_pos or 0
    if index < 0:
        return base, base + _line_end(raw)
    return base + index, base + index + len(value)


def front_matter(tokens: Sequence[Token], start: int, end: int) -> FrontMatter:
    """YAML or TOML front matter: its scalar fields and where each value is written."""
    fmt: MetadataFormat = "toml" if str(tokens[0]).startswith("+") else "yaml"
    lines = tokens[1:-1] if len(tokens) > 1 else []
    fields: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    if fmt == "toml":
        # TOML front matter is rare: tomllib (~5 ms to import) loads only for it
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover
            import tomli as tomllib

        try:
            data = tomllib.loads("".join(str(t) for t in lines))
        except tomllib.TOMLDecodeError:
            data = {}
        scalar = {k: v for k, v in data.items() if isinstance(v, (str, int, float))}
        for token in lines:
            key = str(token).split("=", 1)[0].strip()
            if key in scalar and key not in fields:
                fields[key] = str(scalar[key])
                spans[key] = _value_span(token, str(scalar[key]), "=")
    else:
        for token in lines:
            raw = str(token)
            if raw[:1] in " \t#-" or ":" not in raw:
                continue
            key, value = raw.split(":", 1)
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            key = key.strip()
            if key and value and key not in fields:
                fields[key] = value
                spans[key] = _value_span(token, value, ":")
    return FrontMatter(fmt, start, end, fields, spans)


def header_block(token: Token, start: int, end: int) -> FrontMatter | None:
    """A ``Key: value`` header block (keys case-folded, as Pelican reads them), or None when
    the lines are the article's first paragraph."""
    fields: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    base = token.start_pos or 0
    offset = 0
    for line in lines_of(str(token)):
        if line[:1] not in (" ", "\t") and ":" in line:
            key, value = line.split(":", 1)
            key = " ".join(key.split()).casefold()
            shown = value.strip()
            if key and key not in fields:
                fields[key] = shown
                at = line.find(":") + 1 + (len(value) - len(value.lstrip()))
                spans[key] = (base + offset + at, base + offset + at + len(shown))
        offset += len(line)
    known = sum(key in KNOWN_KEYS for key in fields)
    if not (fields.get("title") or known >= 2):
        return None
    return FrontMatter("keys", start, end, fields, spans)
