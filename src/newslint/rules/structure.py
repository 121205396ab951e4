"""Structure: passages the article repeats, and body text left after the reference list."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import regex

from newslint.findings import Severity
from newslint.lazyre import lazy_compile
from newslint.rule import Context, Rule
from newslint.rules.boilerplate import furniture
from newslint.rules.repetition import SCOPES, repeats
from newslint.syntax.nodes import Document
from newslint.syntax.prose import prose_text
from newslint.syntax.text import normalize_words

# ----- NL203 -------------------------------------------------------------------------------


class RepeatedPassage(Rule):
    """A sentence or paragraph that repeats an earlier one verbatim or nearly so.

    **What it flags**: a sentence of eight words or more whose word sequence repeats an earlier
    sentence of the article (at least 80% of its four-word shingles), or rewrites one: both
    sentences fifteen words or more, a run of eight or more words in common and most of the
    content words kept, within one section. Reported at the repeat, naming the line of the
    first occurrence; a run of repeated paragraphs is one finding. Not flagged: a pull quote (a
    block quote repeating the body), short stock sentences ("He declined to comment."),
    sentences built on one template ("Goals: ..." in every section), and a sentence restating
    its neighbour in the same paragraph. Structured documents repeat on purpose, so by default
    these are not repeats either: a list item or footnote repeating another (release notes,
    event calendars, summary bullets), tables, a passage under two different headings of one level (one
    paragraph per release line, CVE or project), a block that opens with a field label
    ("Progress: ..."), a sentence template whose code spans, links or figures differ ("`--offline`
    stops ..." / "`--frozen` stops ..."), a short sentence said again in another section (a
    recap), and a deliberate callback ("Again, ...", "As mentioned earlier, ...").

    **Why it matters**: scraped and machine-rewritten articles repeat themselves: a closing
    paragraph that restates an earlier one, a block pasted twice. Readers notice and trust the
    article less; editors want to cut it.

    **Example**:

    ```text
    Port Strike Ends

    Dock workers returned to work on Monday after the union accepted a four percent pay rise.

    Shipping lines said the backlog would take two weeks to clear.

    Dock workers returned to work on Monday after the union accepted a four percent pay rise.
    ```

    The last paragraph repeats the first. Not flagged: a pull quote.

    ```markdown
    # Port strike ends

    "We have won what we came for," the union leader said after the vote on Monday.

    > "We have won what we came for," the union leader said after the vote on Monday.

    Shipping lines said the backlog would take two weeks to clear.
    ```

    **Fix**: delete the repeat or merge the two passages. No automatic fix: which copy to keep
    is an editorial decision.

    **Options**: ``repeated-passage-scope = "all"`` compares every prose block, list items
    included, across all sections (the structure exemptions above off); the default ``"prose"``
    compares running prose as described.
    """

    code = "NL203"
    name = "repeated-passage"
    severity = Severity.WARNING
    options: ClassVar[Mapping[str, Any]] = {"repeated-passage-scope": SCOPES}

    def check(self, doc: Document, ctx: Context) -> None:
        reported_blocks: set[int] = set()
        scope = ctx.option("repeated-passage-scope") or "prose"
        for repeat, original, block_index in repeats(doc, scope):
            if block_index in reported_blocks or block_index - 1 in reported_blocks:
                reported_blocks.add(block_index)  # one finding per repeated paragraph or run
                continue
            reported_blocks.add(block_index)
            line, _ = doc.position(original.start)
            start, end = repeat.start, repeat.end
            while end > start and repeat.text[end - start - 1].isspace():
                end -= 1
            ctx.report(start, end, f"passage repeats line {line}")


# ----- NL205 -------------------------------------------------------------------------------

BODY_KINDS = frozenset({"paragraph", "list_item", "block_quote", "table"})
MIN_BODY_WORDS = 6
SENTENCE_END = lazy_compile(r"[.!?][\"'\u201d\u2019)\]]*\s*$|[.!?][\"'\u201d\u2019)\]]*\s")
# End matter that legitimately follows the sources: credits, copyright, corrections.
END_MATTER = lazy_compile(
    r"""^\W*(?:©|\(c\)|copyright\b|all\ rights\ reserved|reporting\ by|additional\ reporting
    |editing\ by|writing\ by|compiled\ by|edited\ by|written\ by|originally\ published|published
    |updated|correction|clarification|editor'?s?\ note|disclosure|about\ the\ author|photo
    |image|credit|note:|this\ (?:article|story|report|post)\ (?:was|has\ been|is|first))
    |contributed\ (?:to\ )?(?:this|the)\ (?:report|story|article)\W*$""",
    regex.IGNORECASE | regex.VERBOSE,
)


def _reference_list_end(doc: Document) -> int | None:
    """Index of the last block of the reference list: numbered or listed entries."""
    last = None
    for index, block in enumerate(doc.blocks):
        if block.kind == "references":
            last = index
    return last


class ContentAfterReferences(Rule):
    """Body prose placed after the article's reference list.

    **What it flags**: the first paragraph, list item, quote or table of running prose (six
    words or more, with a full stop) that follows the reference list (numbered ``[n] Title``
    entries, or a list under a References or Sources heading) without a heading of its own.
    End matter is not body prose: credits ("Reporting by ..."), copyright lines, corrections,
    "This article was first published ...", and page furniture (NL601).

    **Why it matters**: the reference list closes the article. Text after it is a paragraph
    that lost its place in an edit, or a generator appending a summary after the sources;
    readers who stop at the sources miss it, and its claims sit outside the cited body.

    **Example**:

    ```text
    Port Strike Ends

    Dock workers returned to work on Monday [1].

    [1] Union statement, 3 March

    Shipping lines said the backlog would take two weeks to clear.
    ```

    The last paragraph follows the reference list. Not flagged: a credit line.

    ```text
    Port Strike Ends

    Dock workers returned to work on Monday [1].

    [1] Union statement, 3 March

    Reporting by Ana Costa; editing by Lee Park.
    ```

    **Fix**: move the paragraph above the reference list, or delete it. No automatic fix.
    """

    code = "NL205"
    name = "content-after-references"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> None:
        last = _reference_list_end(doc)
        if last is None:
            return
        table = furniture(tuple(ctx.pack_files))
        first_entry = next(b for b in doc.blocks if b.kind == "references")
        list_line, _ = doc.position(first_entry.start)
        for block in doc.blocks[last + 1 :]:
            if block.kind == "heading":
                return  # a new section of its own (an appendix, an author's note)
            if block.kind not in BODY_KINDS:
                continue
            text = prose_text(doc, block).strip()
            if not self._body_prose(text) or table.matches(text.split("\n", 1)[0]):
                continue
            start = block.content_start + (len(prose_text(doc, block)) - len(prose_text(doc, block).lstrip()))
            end = block.content_end
            first_line_end = doc.text.find("\n", start, end)
            ctx.report(
                start,
                first_line_end if first_line_end > 0 else end,
                f"body text after the reference list (line {list_line})",
            )
            return

    @staticmethod
    def _body_prose(text: str) -> bool:
        if len(normalize_words(text).split()) < MIN_BODY_WORDS:
            return False
        if END_MATTER.search(text):
            return False
        return bool(SENTENCE_END.search(text))


RULES = [RepeatedPassage, ContentAfterReferences]
