"""The editor's open buffers: text kept in step with the client's incremental changes.

pygls keeps its own copy of each document, but it splits lines with ``str.splitlines`` (which
also breaks at form feeds and U+2028, unlike LSP) and walks a line character by character for
each change, so a keystroke at the end of a 2 MB line would cost the message loop a second.
The buffers here use ``LineIndex``: LSP's line breaks, and O(log n) position lookups."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

from newslint.server.positions import UTF16, LineIndex

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def path_of(uri: str, language: str = "") -> str:
    """The path the engine knows a document by (see ``engine_path``): a ``file:`` URI's file;
    for another scheme (an unsaved buffer), a name whose suffix tells the parser Markdown from
    plain text."""
    parsed = urlparse(uri)
    if parsed.scheme == "file":
        return engine_path(fs_path(uri))
    name = unquote(parsed.path or uri).rsplit("/", 1)[-1] or "untitled"
    if not name.lower().endswith((*MARKDOWN_SUFFIXES, ".txt")):
        name += ".md" if language == "markdown" else ".txt"
    return engine_path(name)


def fs_path(uri: str) -> str:
    """The absolute filesystem path of a ``file:`` URI."""
    path = unquote(urlparse(uri).path)
    if os.name == "nt" and len(path) > 2 and path[0] == "/" and path[2] == ":":  # pragma: no cover
        path = path[1:]
    return os.path.abspath(path)


def engine_path(path: str) -> str:
    """One spelling per file for buffers and files on disk alike: relative to the workspace
    folder (the server's working folder) when inside it, as `newslint check` run there names
    files in its messages ("title is also the title of news/a.md"); absolute otherwise."""
    absolute = os.path.abspath(path)
    here = os.getcwd()
    if absolute.startswith(here.rstrip(os.sep) + os.sep):
        return os.path.relpath(absolute, here)
    return absolute


@dataclass(frozen=True)
class Snapshot:
    """One version of a buffer: what a lint job reads (swapped whole, so a worker thread never
    sees a version with another version's text)."""

    version: int
    text: str


@dataclass
class OpenDocument:
    uri: str
    path: str
    language: str
    snapshot: Snapshot
    encoding: str = UTF16
    _index: LineIndex | None = field(default=None, repr=False)

    @property
    def version(self) -> int:
        return self.snapshot.version

    @property
    def text(self) -> str:
        return self.snapshot.text

    def index(self) -> LineIndex:
        if self._index is None or self._index.text is not self.snapshot.text:
            self._index = LineIndex(self.snapshot.text, self.encoding)
        return self._index

    def apply(self, version: int, changes: Sequence[tuple[tuple[int, int, int, int] | None, str]]) -> None:
        """Apply content changes in order: (start line, start char, end line, end char) or None
        for the whole text, and the new text."""
        index = self.index()
        for where, new in changes:
            if where is None:
                index = LineIndex(new, self.encoding)
                continue
            start = index.offset(where[0], where[1])
            end = max(start, index.offset(where[2], where[3]))
            index = index.replaced(start, end, new)
        self.snapshot = Snapshot(version, index.text)
        self._index = index
