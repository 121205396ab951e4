"""Prose views of the document for the word- and sentence-level rules.

``prose_text`` gives a block's content with everything that is not prose (code spans, URLs,
HTML, link and emphasis markup, container markers) replaced by spaces, so every character
offset still equals the document's; ``sentences`` splits that text into sentences with their
citations. Both are computed once per document and cached on it.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from newslint.syntax.nodes import Block, Citation, Document

PROSE_INLINES = frozenset({"text"})
# Kept by default beside text: citations mark where a claim is sourced.
SENTENCE_INLINES = frozenset({"text", "citation"})


def _blank(piece: str) -> str:
    """``piece`` as spaces, its line breaks kept so that line-based reasoning and offsets agree."""
    if "\n" not in piece:
        return " " * len(piece)
    return "\n".join(" " * len(line) for line in piece.split("\n"))


def _mask(source: str, spans: list[tuple[int, int]]) -> str:
    """``source`` with only ``spans`` (relative offsets, in order) kept; line breaks survive everywhere."""
    pieces: list[str] = []
    run_start = run_end = 0  # the run of kept spans that touch or overlap, not yet copied
    for start, end in spans:
        if end <= start:
            continue
        if start > run_end:
            pieces.append(source[run_start:run_end])
            pieces.append(_blank(source[run_end:start]))
            run_start = start
        run_end = max(run_end, end)
    pieces.append(source[run_start:run_end])
    pieces.append(_blank(source[run_end:]))
    return "".join(pieces)


@lru_cache(maxsize=16)
def _keep_name(keep: frozenset[str]) -> str:
    return ",".join(sorted(keep))


def prose_text(doc: Document, block: Block, keep: frozenset[str] = PROSE_INLINES) -> str:
    """The block's content (from ``block.content_start``) with non-prose blanked out."""
    key = f"prose:{block.start}:{block.kind}:{_keep_name(keep)}"
    cached = doc.cache.get(key)
    if cached is not None:
        return str(cached)
    base = block.content_start
    source = block.source if block.source is not None else doc.text[base : block.content_end]
    masked = _mask(source, [(i.start - base, i.end - base) for i in block.inlines if i.kind in keep])
    doc.cache[key] = masked
    return masked


class Sentence(NamedTuple):
    """One sentence of a prose block: a named tuple, as a dense article has hundreds of them
    and building a frozen dataclass costs several times more."""

    start: int
    end: int
    text: str  # the sentence as written, non-prose blanked (same length as end - start)
    block: Block
    citations: tuple[Citation, ...]


def sentences(doc: Document, block: Block) -> list[Sentence]:
    """Sentences of one prose block, with the citations inside or right after each."""
    key = f"sentences:{block.start}:{block.kind}"
    cached = doc.cache.get(key)
    if cached is not None:
        return list(cached)
    from newslint.text.sentences import split_sentences

    masked = prose_text(doc, block, SENTENCE_INLINES)
    base = block.content_start
    spans = split_sentences(masked, base)
    cited = _citations_by_sentence(block, [start for start, _ in spans])
    result = [
        Sentence(start, end, masked[start - base : end - base], block, tuple(cited[index]))
        for index, (start, end) in enumerate(spans)
    ]
    doc.cache[key] = result
    return list(result)


def _citations_by_sentence(block: Block, starts: list[int]) -> list[list[Citation]]:
    """The block's citations that start in each sentence or after it, before the next one."""
    cited: list[list[Citation]] = [[] for _ in starts]
    for citation in block.citations:
        index = bisect_right(starts, citation.start) - 1
        if index >= 0 and (index + 1 < len(starts) or citation.start < block.content_end):
            cited[index].append(citation)
    return cited


def all_sentences(doc: Document) -> list[Sentence]:
    """Sentences of the article's prose blocks (headings and headline lines included), in order."""
    cached = doc.cache.get("sentences:all")
    if cached is None:
        cached = [s for block in doc.prose_blocks() for s in sentences(doc, block)]
        doc.cache["sentences:all"] = cached
    return list(cached)
