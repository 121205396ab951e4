"""Page furniture: navigation, sharing and subscription prompts left in the article by a scrape."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from newslint.findings import Fix, Severity
from newslint.rule import Context, Rule
from newslint.syntax.nodes import Block, Document
from newslint.syntax.prose import prose_text
from newslint.syntax.text import normalize_phrase

PACK = "boilerplate"
# Blocks whose lines can be furniture. Block quotes are quoted text; code, HTML and comments
# are never read as prose.
FURNITURE_KINDS = frozenset({"paragraph", "heading", "list_item"})
# A line that follows one ending like this starts afresh: it is not a wrapped sentence's tail.
LINE_END = tuple(".!?:;\"'\u201d\u2019)]|")


@dataclass(frozen=True)
class Furniture:
    """The compiled boilerplate pack: exact phrases and whole-line patterns."""

    phrases: frozenset[str]
    patterns: tuple[regex.Pattern[str], ...]

    def matches(self, line: str) -> bool:
        """``line`` (prose text of one line) is, as a whole, page furniture."""
        stripped = line.strip()
        if not stripped or len(stripped) > MAX_LINE:
            return False
        if normalize_phrase(stripped) in self.phrases:
            return True
        return any(p.match(stripped) for p in self.patterns)


@lru_cache(maxsize=32)
def furniture(pack_files: tuple[str, ...] = ()) -> Furniture:
    from newslint.packs import load_pack

    pack = load_pack(PACK, pack_files)
    return Furniture(
        frozenset(normalize_phrase(p) for p in pack.get("phrases", [])),
        tuple(regex.compile(p) for p in pack.get("patterns", [])),
    )


def block_lines(doc: Document, block: Block) -> Iterator[tuple[int, int, str]]:
    """(line start, line end, prose text) of each line of a block's content, offsets absolute."""
    masked = prose_text(doc, block)
    base = block.content_start
    offset = 0
    for line in masked.split("\n"):
        yield base + offset, base + offset + len(line.rstrip("\r")), line
        offset += len(line) + 1


MAX_LINE = 200  # furniture is a short line; longer ones are never compared


def furniture_lines(doc: Document, table: Furniture) -> Iterator[tuple[Block, int, int]]:
    """Lines that stand alone as furniture: a whole block, or a line of a block whose neighbours
    show it is not part of a wrapped sentence (the line before ends a sentence or is furniture
    too, the line after starts a new one)."""
    blocks = doc.blocks
    text = doc.text
    for position, block in enumerate(blocks):
        if block.kind not in FURNITURE_KINDS:
            continue
        raw = text[block.content_start : block.content_end]
        if "\n" not in raw and len(raw) > MAX_LINE:
            continue  # one long line: a paragraph of prose, the common case
        lines = list(block_lines(doc, block))
        for index, (start, end, line) in enumerate(lines):
            if not table.matches(line):
                continue
            if index > 0:
                before = lines[index - 1][2].rstrip()
                if before and not before.endswith(LINE_END) and not table.matches(before):
                    continue
            if index + 1 < len(lines):
                after = lines[index + 1][2].lstrip()
                if after[:1].islower():
                    continue
            if len(lines) == 1 and _inside_label_list(doc, blocks, position, table):
                continue
            yield block, start, end


def _short_label(doc: Document, block: Block, table: Furniture) -> bool:
    """A one-line block of a few words without closing punctuation that is not furniture."""
    if block.kind not in FURNITURE_KINDS:
        return False
    text = doc.text[block.content_start : block.content_end].strip()
    return (
        bool(text)
        and "\n" not in text
        and len(text.split()) <= 4
        and not text.endswith(LINE_END)
        and not table.matches(text)
    )


def _inside_label_list(doc: Document, blocks: tuple[Block, ...], index: int, table: Furniture) -> bool:
    """Between two short label lines ("Metrics", "Comments", "Likes"), a furniture word is an
    item of a flattened list or table, not navigation."""
    if index == 0 or index + 1 >= len(blocks):
        return False
    return _short_label(doc, blocks[index - 1], table) and _short_label(doc, blocks[index + 1], table)


class Boilerplate(Rule):
    """Navigation or page furniture left in the article: "Skip to content", "Read also:".

    **What it flags**: a line or block whose whole text is page furniture from the
    ``boilerplate`` pack: navigation ("Skip to content", "Latest", "Back to top"), link-list
    labels ("Read also:", "Related:"), sharing and subscription prompts ("Share this article",
    "Sign up for our newsletter"), "Advertisement", cookie notices. Only when it stands as its
    own line (a paragraph, heading, list item or headline line, or a line of a block whose
    neighbours show it is not a wrapped sentence); the same words inside a sentence ("read
    more about the plan in our explainer") are prose.

    **Why it matters**: furniture is what a scrape or a copy-paste from a web page leaves behind.
    Readers of the republished article see menu labels in the middle of the story.

    **Example**:

    ```text
    Skip to content

    Council Approves New Budget

    The city council approved the budget on Tuesday.

    Advertisement
    ```

    "Skip to content" and "Advertisement" are page furniture. Not flagged:

    ```text
    Council Approves New Budget

    The city council approved the budget on Tuesday. Read more about the vote in our explainer.
    ```

    **Fix**: safe: delete the line.

    **Options**: add phrases (matched whole, case and edge punctuation aside) or patterns (regular
    expressions matched against the whole line) with a user pack that says
    ``extends = "boilerplate"``.
    """

    code = "NL601"
    name = "boilerplate"
    severity = Severity.WARNING
    fix = "safe"

    def check(self, doc: Document, ctx: Context) -> None:
        table = furniture(tuple(ctx.pack_files))
        text = doc.text
        for _block, start, end in furniture_lines(doc, table):
            line_start = text.rfind("\n", 0, start) + 1
            newline = text.find("\n", end)
            line_end = len(text) if newline < 0 else newline + 1
            if newline < 0 and line_start > 0:
                line_start -= 1  # last line: take the break before it instead
                if line_start > 0 and text[line_start - 1] == "\r":
                    line_start -= 1
            visible = start
            while visible < end and text[visible] in " \t":
                visible += 1
            words = " ".join(text[visible:end].split())
            ctx.report(
                visible,
                end,
                f"page furniture {words!r} left in the article",
                fix=Fix("delete the line", (ctx.edit(line_start, line_end, ""),), safe=True),
            )


RULES = [Boilerplate]
