"""Parse an article into the document model.

Two grammar levels keep both grammars small and LALR (grammar.py): the block grammar sees one
token per line, the inline grammar one block's text. model.py builds the model from the block
tree, parsing container content again; inline.py reads the inline tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from newslint.syntax.grammar import Format
from newslint.syntax.model import Builder
from newslint.syntax.nodes import Document
from newslint.syntax.text import alnum_count, normalize_phrase

__all__ = ["MARKDOWN_SUFFIXES", "Format", "ParseOptions", "default_options", "format_for", "options_for", "parse"]

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdx")


def format_for(path: str) -> Format:
    return "markdown" if path.lower().endswith(MARKDOWN_SUFFIXES) else "text"


@dataclass(frozen=True)
class ParseOptions:
    """Words the model needs from packs: which headings open a reference list, and which
    lines are page furniture (never the article's title)."""

    reference_headings: frozenset[str] = frozenset()
    boilerplate_phrases: frozenset[str] = frozenset()

    @cached_property
    def heading_alnum_max(self) -> int:
        """The most letters and digits any reference heading has: a line with more can't be one,
        whatever its markup and punctuation (see ``text.alnum_count``)."""
        return max((alnum_count(heading) for heading in self.reference_headings), default=0)


@lru_cache(maxsize=64)
def options_for(pack_files: tuple[str, ...] = ()) -> ParseOptions:
    """Parse options from the built-in packs, extended by a config's user pack files."""
    from newslint.packs import load_pack

    return ParseOptions(
        reference_headings=frozenset(
            normalize_phrase(h) for h in load_pack("references", pack_files).get("headings", [])
        ),
        boilerplate_phrases=frozenset(
            normalize_phrase(p) for p in load_pack("boilerplate", pack_files).get("phrases", [])
        ),
    )


def default_options() -> ParseOptions:
    return options_for(())


def parse(
    text: str,
    path: str = "<string>",
    fmt: Format | None = None,
    options: ParseOptions | None = None,
) -> Document:
    """Parse decoded article text. Never raises on any text."""
    return Builder(text, path, fmt or format_for(path), options or default_options()).document()
