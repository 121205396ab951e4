"""The document model every rule reads: frozen nodes with absolute character offsets.

Offsets index the decoded text (BOM removed, line endings kept as they are in the file), so
``document.text[node.start:node.end]`` is always the node's source. Line and column come from
``Document.position`` and are 1-based, counted in characters.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

# ----- inline -------------------------------------------------------------------------

InlineKind = Literal[
    "text", "code", "link", "url", "html", "comment", "emphasis", "escape", "bracket", "citation"
]
CitationKind = Literal["numeric", "footnote", "pandoc", "link", "shortcut"]


@dataclass(frozen=True, slots=True)
class Inline:
    """A run of inline content. ``kind`` says what it is; prose rules read ``text`` runs."""

    kind: InlineKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Citation:
    """A pointer from the body to a source: ``[1]``, ``[2-4]``, ``[^note]``, ``[@key]``,
    ``[text][label]``, ``[label][]``, or ``[label]`` where a definition of that label exists.

    ``labels`` are normalised keys into ``Document.references`` (numbers as decimal strings,
    footnotes as ``^label``, link labels case-folded with spacing collapsed)."""

    kind: CitationKind
    start: int
    end: int
    labels: tuple[str, ...]
    linked: bool = False  # inside a link's text, as in "[[3]](#note-3)": it points somewhere


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


@dataclass(frozen=True, slots=True)
class Block:
    """One block. ``content_start``/``content_end`` bound its text without markers (``#``,
    ``-``, ``>``); ``inlines`` cover that content for prose-bearing kinds, in order."""

    kind: BlockKind
    start: int
    end: int
    content_start: int
    content_end: int
    inlines: tuple[Inline, ...] = ()
    citations: tuple[Citation, ...] = ()
    level: int = 0  # heading level; list nesting is not modelled
    ordered: bool = False  # list items
    number: int | None = None  # ordered list items and numbered reference entries
    label: str | None = None  # footnote and link definitions
    section: str | None = None  # text of the heading this block sits under
    headline: bool = False  # plain text: a headline line block
    # The content with container markers (block quote ">") blanked to spaces, when it differs
    # from the document's text; aligned with content_start.
    source: str | None = field(default=None, repr=False)

    @property
    def is_prose(self) -> bool:
        return self.kind in PROSE_KINDS


@dataclass(frozen=True, slots=True)
class Headline:
    """A title or headline line: front-matter title, H1 heading, or a plain-text headline line."""

    source: Literal["front-matter", "heading", "line"]
    text: str
    start: int
    end: int
    # An H1 after the body has begun: a section heading ("# Quote of the Week" in a newsletter),
    # never the article's title; kept for rules that look for a headline printed again.
    in_body: bool = False


ReferenceKind = Literal["numbered", "footnote", "link", "listed"]


@dataclass(frozen=True, slots=True)
class ReferenceEntry:
    """A source the body can cite: a numbered reference (``[5] Title`` or ``5.`` under a
    References heading), a footnote definition, a link reference definition, or an unnumbered
    item of a sources list (``label`` None: it can't be cited by label)."""

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
    url: str | None = None


@dataclass(frozen=True, slots=True)
class FrontMatter:
    format: Literal["yaml", "toml", "keys"]  # keys: a Pelican / MultiMarkdown header block
    start: int
    end: int
    fields: Mapping[str, str] = field(default_factory=dict)
    field_spans: Mapping[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Document:
    path: str
    text: str
    format: Literal["markdown", "text"]
    blocks: tuple[Block, ...]
    front_matter: FrontMatter | None
    headlines: tuple[Headline, ...]
    references: tuple[ReferenceEntry, ...]
    citations: tuple[Citation, ...]
    _line_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    # Derived views (prose text, sentences) computed once per document by newslint.syntax.prose.
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

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
