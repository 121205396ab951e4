"""The document model every rule reads: frozen nodes with absolute character offsets.

Offsets index the decoded text (BOM removed, line endings kept as they are in the file), so
``document.text[node.start:node.end]`` is always the node's source. Line and column come from
``Document.position`` and are 1-based, counted in characters.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from dataclasses import FrozenInstanceError
from typing import Any, ClassVar, Literal, TypeVar

_set = object.__setattr__
_N = TypeVar("_N", bound="_Node")


class _Node:
    """A frozen value: equal, hashed and printed by its fields, as a frozen dataclass is.

    Written out rather than generated with ``@dataclass``: generating the methods of the seven
    node classes cost about 10 ms of every start on a slow machine, more than parsing an article."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()  # in __init__ order
    _compared: ClassVar[tuple[str, ...]] = ()  # in == and hash()
    _shown: ClassVar[tuple[str, ...]] = ()  # in repr()
    _positions: ClassVar[dict[str, int]] = {}  # field name -> its index in _fields

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        cls._positions = {name: index for index, name in enumerate(cls._fields)}

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self._compared)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, name) for name in self._compared))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._shown)
        return f"{type(self).__qualname__}({shown})"

    def __reduce__(self) -> tuple[Any, ...]:  # pickle and copy: __setattr__ refuses
        return (self.__class__, tuple(getattr(self, name) for name in self._fields))

    def replace(self: _N, **changes: Any) -> _N:
        """A copy with ``changes`` (as ``dataclasses.replace``)."""
        positions = self._positions
        values = [getattr(self, name) for name in self._fields]
        for name, value in changes.items():
            if name not in positions:
                raise TypeError(f"{type(self).__name__} has no field {name!r}")
            values[positions[name]] = value
        return self.__class__(*values)

# ----- inline -------------------------------------------------------------------------

InlineKind = Literal[
    "text", "code", "link", "url", "html", "comment", "emphasis", "escape", "bracket", "citation"
]
CitationKind = Literal["numeric", "footnote", "pandoc", "link", "shortcut"]


class Inline(_Node):
    """A run of inline content. ``kind`` says what it is; prose rules read ``text`` runs."""

    __slots__ = _fields = _compared = _shown = ("kind", "start", "end")
    kind: InlineKind
    start: int
    end: int

    def __init__(self, kind: InlineKind, start: int, end: int) -> None:
        _set(self, "kind", kind)
        _set(self, "start", start)
        _set(self, "end", end)


class Citation(_Node):
    """A pointer from the body to a source: ``[1]``, ``[2-4]``, ``[^note]``, ``[@key]``,
    ``[text][label]``, ``[label][]``, or ``[label]`` where a definition of that label exists.

    ``labels`` are normalised keys into ``Document.references`` (numbers as decimal strings,
    footnotes as ``^label``, link labels case-folded with spacing collapsed)."""

    __slots__ = _fields = _compared = _shown = ("kind", "start", "end", "labels", "linked")
    kind: CitationKind
    start: int
    end: int
    labels: tuple[str, ...]
    linked: bool  # inside a link's text, as in "[[3]](#note-3)": it points somewhere

    def __init__(self, kind: CitationKind, start: int, end: int, labels: tuple[str, ...], linked: bool = False) -> None:
        _set(self, "kind", kind)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "labels", labels)
        _set(self, "linked", linked)


# ----- blocks -------------------------------------------------------------------------

BlockKind = Literal[
    "paragraph",
    "heading",
    "block_quote",
    "list_item",
    "table",
    "code",
    "html",
    "comment",
    "thematic_break",
    "footnote_def",
    "link_def",
    "references",
]

PROSE_KINDS = frozenset({"paragraph", "heading", "block_quote", "list_item", "table", "footnote_def"})


class Block(_Node):
    """One block. ``content_start``/``content_end`` bound its text without markers (``#``,
    ``-``, ``>``); ``inlines`` cover that content for prose-bearing kinds, in order."""

    __slots__ = _fields = _compared = (
        "kind", "start", "end", "content_start", "content_end", "inlines", "citations", "level", "ordered", "number",
        "label", "section", "headline", "source",
    )
    _shown = _fields[:-1]
    kind: BlockKind
    start: int
    end: int
    content_start: int
    content_end: int
    inlines: tuple[Inline, ...]
    citations: tuple[Citation, ...]
    level: int  # heading level; list nesting is not modelled
    ordered: bool  # list items
    number: int | None  # ordered list items and numbered reference entries
    label: str | None  # footnote and link definitions
    section: str | None  # text of the heading this block sits under
    headline: bool  # plain text: a headline line block
    # The content with container markers (block quote ">") blanked to spaces, when it differs
    # from the document's text; aligned with content_start.
    source: str | None

    def __init__(
        self,
        kind: BlockKind,
        start: int,
        end: int,
        content_start: int,
        content_end: int,
        inlines: tuple[Inline, ...] = (),
        citations: tuple[Citation, ...] = (),
        level: int = 0,
        ordered: bool = False,
        number: int | None = None,
        label: str | None = None,
        section: str | None = None,
        headline: bool = False,
        source: str | None = None,
    ) -> None:
        _set(self, "kind", kind)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "content_start", content_start)
        _set(self, "content_end", content_end)
        _set(self, "inlines", inlines)
        _set(self, "citations", citations)
        _set(self, "level", level)
        _set(self, "ordered", ordered)
        _set(self, "number", number)
        _set(self, "label", label)
        _set(self, "section", section)
        _set(self, "headline", headline)
        _set(self, "source", source)

    @property
    def is_prose(self) -> bool:
        return self.kind in PROSE_KINDS


class Headline(_Node):
    """A title or headline line: front-matter title, H1 heading, or a plain-text headline line."""

    __slots__ = _fields = _compared = _shown = ("source", "text", "start", "end", "in_body")
    source: Literal["front-matter", "heading", "line"]
    text: str
    start: int
    end: int
    # An H1 after the body has begun: a section heading ("# Quote of the Week" in a newsletter),
    # never the article's title; kept for rules that look for a headline printed again.
    in_body: bool

    def __init__(
        self, source: Literal["front-matter", "heading", "line"], text: str, start: int, end: int, in_body: bool = False
    ) -> None:
        _set(self, "source", source)
        _set(self, "text", text)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "in_body", in_body)


ReferenceKind = Literal["numbered", "footnote", "link", "listed"]


class ReferenceEntry(_Node):
    """A source the body can cite: a numbered reference (``[5] Title`` or ``5.`` under a
    References heading), a footnote definition, a link reference definition, or an unnumbered
    item of a sources list (``label`` None: it can't be cited by label)."""

    __slots__ = _fields = _compared = _shown = (
        "kind", "label", "display", "start", "end", "label_start", "label_end", "text", "text_start", "text_end", "url",
    )
    kind: ReferenceKind
    label: str | None
    display: str  # how the label is written: "[5]", "[^note]", "[site]"
    start: int  # the whole entry
    end: int
    label_start: int
    label_end: int
    text: str  # title or content; for link definitions the URL and title
    text_start: int
    text_end: int
    url: str | None

    def __init__(
        self,
        kind: ReferenceKind,
        label: str | None,
        display: str,
        start: int,
        end: int,
        label_start: int,
        label_end: int,
        text: str,
        text_start: int,
        text_end: int,
        url: str | None = None,
    ) -> None:
        _set(self, "kind", kind)
        _set(self, "label", label)
        _set(self, "display", display)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "label_start", label_start)
        _set(self, "label_end", label_end)
        _set(self, "text", text)
        _set(self, "text_start", text_start)
        _set(self, "text_end", text_end)
        _set(self, "url", url)


class FrontMatter(_Node):
    __slots__ = _fields = _compared = _shown = ("format", "start", "end", "fields", "field_spans")
    format: Literal["yaml", "toml", "keys"]  # keys: a Pelican / MultiMarkdown header block
    start: int
    end: int
    fields: Mapping[str, str]
    field_spans: Mapping[str, tuple[int, int]]

    def __init__(
        self,
        format: Literal["yaml", "toml", "keys"],
        start: int,
        end: int,
        fields: Mapping[str, str] | None = None,
        field_spans: Mapping[str, tuple[int, int]] | None = None,
    ) -> None:
        _set(self, "format", format)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "fields", {} if fields is None else fields)
        _set(self, "field_spans", {} if field_spans is None else field_spans)


class Document(_Node):
    __slots__ = _fields = (
        "path", "text", "format", "blocks", "front_matter", "headlines", "references", "citations", "_line_starts",
        "cache",
    )
    _compared = _shown = _fields[:-2]
    path: str
    text: str
    format: Literal["markdown", "text"]
    blocks: tuple[Block, ...]
    front_matter: FrontMatter | None
    headlines: tuple[Headline, ...]
    references: tuple[ReferenceEntry, ...]
    citations: tuple[Citation, ...]
    _line_starts: list[int]
    # Derived views (prose text, sentences) computed once per document by newslint.syntax.prose.
    cache: dict[str, Any]

    def __init__(
        self,
        path: str,
        text: str,
        format: Literal["markdown", "text"],
        blocks: tuple[Block, ...],
        front_matter: FrontMatter | None,
        headlines: tuple[Headline, ...],
        references: tuple[ReferenceEntry, ...],
        citations: tuple[Citation, ...],
        _line_starts: list[int] | None = None,
        cache: dict[str, Any] | None = None,
    ) -> None:
        _set(self, "path", path)
        _set(self, "text", text)
        _set(self, "format", format)
        _set(self, "blocks", blocks)
        _set(self, "front_matter", front_matter)
        _set(self, "headlines", headlines)
        _set(self, "references", references)
        _set(self, "citations", citations)
        _set(self, "_line_starts", [] if _line_starts is None else _line_starts)
        _set(self, "cache", {} if cache is None else cache)

    @property
    def title(self) -> Headline | None:
        """The article's title: front matter's, else the first H1 or headline line before
        the body."""
        return next((h for h in self.headlines if not h.in_body), None)

    def line_starts(self) -> list[int]:
        if not self._line_starts:
            starts = [0]
            text = self.text
            find = text.find
            position = find("\n")
            while position != -1:
                starts.append(position + 1)
                position = find("\n", position + 1)
            self._line_starts.extend(starts)
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        starts = self.line_starts()
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def line_text(self, line: int) -> str:
        starts = self.line_starts()
        if not 1 <= line <= len(starts):
            return ""
        begin = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[begin:end].rstrip("\r")

    def slice(self, start: int, end: int) -> str:
        return self.text[start:end]

    def prose_blocks(self) -> Iterator[Block]:
        return (b for b in self.blocks if b.kind in PROSE_KINDS)

    def references_by_label(self) -> dict[str, list[ReferenceEntry]]:
        table: dict[str, list[ReferenceEntry]] = {}
        for entry in self.references:
            if entry.label is not None:
                table.setdefault(entry.label, []).append(entry)
        return table
