"""Structure: passages the article repeats, and body text left after the reference list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import Match, SequenceMatcher
from typing import Any, ClassVar

import regex

from newslint.findings import Severity
from newslint.lazyre import lazy_compile
from newslint.rule import Context, Rule
from newslint.rules.boilerplate import furniture
from newslint.syntax.nodes import Block, Document
from newslint.syntax.prose import Sentence, prose_text, sentences
from newslint.syntax.text import normalize_words

TOKEN = lazy_compile(r"\S+")
# Punctuation to spaces, then str.split: the same words as WORD for news text, several times faster.
_SEPARATORS = str.maketrans(dict.fromkeys(
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00a0\u00ab\u00bb\u2010\u2011\u2012\u2013\u2014\u2018\u2019\u201c\u201d\u2026",
    " ",
))


def _words(text: str) -> list[str]:
    return text.casefold().translate(_SEPARATORS).split()

# ----- NL203 -------------------------------------------------------------------------------

SHINGLE = 4  # words per shingle
MIN_WORDS = 8  # shorter sentences ("He declined to comment.") repeat innocently
MIN_SHARED = 3  # shingles two sentences must share before they are compared at all
# Measured on /work/shared/corpus (see bench/structure_corpus.py): a repeat "nearly word for word"
# keeps at least 80% of its shingles; a rewrite keeps a long verbatim run and most content words
# while ordinary sentences about one topic share a name or a stock phrase and little else.
VERBATIM = 0.8
REWRITE_RUN = 8  # words in the longest run the two sentences share
# A short sentence reworded is a callback or a recap (technical posts explain a term twice); a
# rewritten article restates its long sentences.
REWRITE_MIN_WORDS = 15
REWRITE_CONTENT = 0.6  # share of the repeat's content words found in the original
REWRITE_JACCARD = 0.45
# Words that carry no content: a rewrite keeps the names and nouns, not these.
_FUNCTION_WORDS = """a an the and or but nor of in on at to for by with from as is are was were be been being
    has have had it its this that these those which who whom whose he she they we you i his her
    their our your my me him them us not no so than then there here also will would can could
    may might must should shall do does did into onto over under after before about while whereas
    s t if when where what how all any some more most such only just very"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
SKIPPED_KINDS = frozenset({"heading", "table"})  # headlines are NL201/NL202's business
# List items and notes repeat by design: release notes, event calendars, summary bullets.
STRUCTURED_KINDS = frozenset({"list_item", "footnote_def"})
SLOT_INLINES = frozenset({"code", "url"})
SCOPES = ("prose", "all")
FOOTNOTE_MARK = "\u21a9"  # "↩": a footnote list flattened into text
_NUMBER_WORDS = """one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred thousand million billion half dozen"""
NUMBER_WORDS = frozenset(_NUMBER_WORDS.split())
CALLBACK = lazy_compile(
    r"(?i)^\W*(?:again\b|once again\b|to recap\b|to repeat\b|in summary\b|to summari[sz]e\b|recall that\b"
    r"|you mentioned\b|as (?:we |I )?(?:mentioned|noted|said|discussed|described|explained)"
    r"(?: (?:earlier|above|before))?\b)"
    r"|\b(?:I|we) (?:wrote|said|mentioned) earlier\b"
)


@dataclass
class _Unit:
    sentence: Sentence
    words: list[str]
    shingles: set[tuple[str, ...]]
    block_index: int
    single: bool  # the only sentence of its block: a pull-quote paragraph can look like this
    section: tuple[int, int]  # (offset, level) of the heading the sentence sits under; (-1, 0): none
    slots: tuple[str, ...]  # code spans and link targets: what a templated sentence varies
    labelled: bool  # its block opens with a field label ("Progress: ..."): a templated section


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return set(zip(*(words[i:] for i in range(SHINGLE)), strict=False))


def _quoted_words(text: str) -> list[bool]:
    spans = [m.span() for m in QUOTED.finditer(text)]
    if not spans:
        return []
    # Word positions as _words sees them (translate keeps every character's offset).
    return [any(a <= m.start() < b for a, b in spans) for m in TOKEN.finditer(text.translate(_SEPARATORS))]


def _content(words: list[str]) -> set[str]:
    return {w for w in words if w not in FUNCTION_WORDS}


# A real sentence ends with a full stop or an exclamation: questions repeat in interviews by
# design, and link lists, menus and captions (no closing punctuation) are NL601's business.
STATEMENT_END = lazy_compile(r"[.!][\"'\u201d\u2019)\]]*\s*$")
# "Progress: ...", "How it's going: ...": a templated field, repeated in every section on purpose.
FIELD_LABEL = lazy_compile(r"^\W*(?:[\w.'\u2019-]+\s+){0,3}[\w.'\u2019-]+\W*:")
QUOTED = lazy_compile(r"\u201c[^\u201d]*(?:\u201d|$)|\"[^\"]*(?:\"|$)")
LENGTH_RATIO = 0.6  # a one-line summary of a long sentence is not a repeat of it
PULL_QUOTE_DISTANCE = 3  # blocks between a pull-quote paragraph and the passage it quotes
CANDIDATES = 3  # earlier blocks compared in full with a block that shares shingles with them


def _repeatable(sentence: Sentence) -> bool:
    text = sentence.text.strip()
    return not STATEMENT_END.search(text) or bool(FIELD_LABEL.match(text))


def _opener(words: list[str]) -> tuple[str, ...]:
    return tuple(words[:2])


class _Blocks:
    """The article's prose blocks, each split into sentence units only when it is compared."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.blocks: list[Block] = []
        self.sections: list[tuple[int, int]] = []  # per block: the heading it sits under
        self._units: dict[int, tuple[list[_Unit], dict[tuple[str, ...], int]]] = {}

    def _labelled(self, index: int) -> bool:
        return bool(FIELD_LABEL.match(prose_text(self.doc, self.blocks[index]).strip()))

    def units(self, index: int) -> tuple[list[_Unit], dict[tuple[str, ...], int]]:
        """Sentence units of block ``index`` and a table from shingle to its first unit."""
        cached = self._units.get(index)
        if cached is None:
            found = [s for s in sentences(self.doc, self.blocks[index])]
            units: list[_Unit] = []
            table: dict[tuple[str, ...], int] = {}
            for sentence in found:
                words = _words(sentence.text)
                if len(words) < MIN_WORDS:
                    continue
                unit = _Unit(
                    sentence, words, _shingles(words), index, len(found) == 1, self.sections[index],
                    _slots(self.doc, sentence), self._labelled(index),
                )
                for shingle in unit.shingles:
                    table.setdefault(shingle, len(units))
                units.append(unit)
            cached = self._units[index] = (units, table)
        return cached


def _slots(doc: Document, sentence: Sentence) -> tuple[str, ...]:
    return tuple(
        doc.text[i.start : i.end]
        for i in sentence.block.inlines
        if i.kind in SLOT_INLINES and sentence.start <= i.start < sentence.end
    )


def repeats(doc: Document, scope: str = "prose") -> list[tuple[Sentence, Sentence, int]]:
    """(repeat, first occurrence, block index of the repeat) for each block with a repeat.

    Each prose block's word shingles go into one table mapping a shingle to the first block
    that had it; a block looks up only its own shingles, so the work is linear in the length of
    the article. Only a block sharing ``MIN_SHARED`` shingles with an earlier one is split into
    sentences and compared, sentence by sentence and again through shingle tables, with the
    few earlier blocks it shares most with.
    """
    index: dict[tuple[str, ...], int] = {}
    table = _Blocks(doc)
    found: list[tuple[Sentence, Sentence, int]] = []
    quoted_once: set[tuple[int, int]] = set()
    section = (-1, 0)
    title = doc.title  # the title's H1 opens no section; any other heading does
    title_start = title.start if title is not None and title.source == "heading" else -1
    for block in doc.blocks:
        if block.kind == "heading" and not block.headline and block.content_start != title_start:
            section = (block.start, block.level)
        if not block.is_prose or block.kind in SKIPPED_KINDS or block.headline:
            continue
        words = _words(prose_text(doc, block))
        if len(words) < MIN_WORDS:
            continue
        number = len(table.blocks)
        table.blocks.append(block)
        table.sections.append(section)
        shingles = _shingles(words)
        common = index.keys() & shingles
        if len(common) >= MIN_SHARED:
            counts = Counter(index[s] for s in common).most_common(CANDIDATES)
            candidates = [b for b, shared in counts if shared >= MIN_SHARED]
            match = _match(table, number, candidates, quoted_once, scope) if candidates else None
            if match is not None:
                found.append((match[0].sentence, match[1].sentence, number))
        index.update(dict.fromkeys(shingles - common, number))
    return found


def _match(
    table: _Blocks, number: int, candidates: list[int], quoted_once: set[tuple[int, int]], scope: str
) -> tuple[_Unit, _Unit] | None:
    """The first sentence of block ``number`` that repeats a sentence of a candidate block."""
    units, _ = table.units(number)
    for unit in units:
        if _repeatable(unit.sentence):
            continue
        for candidate in candidates:
            others, shingle_table = table.units(candidate)
            counts = Counter(shingle_table[s] for s in shingle_table.keys() & unit.shingles)
            for position, shared in counts.most_common(CANDIDATES):
                if shared < MIN_SHARED:
                    break
                other = others[position]
                if scope != "all" and _structured(unit, other):
                    continue
                if _repeats(unit, other, shared, (candidate, position), quoted_once, scope):
                    return unit, other
    return None


def _structured(unit: _Unit, other: _Unit) -> bool:
    """A repeat the document's structure explains: the same passage under two parallel headings
    (one paragraph per release line, CVE or project), a sentence template whose code or link
    varies ("See the [slides](a.slide)", "See the [slides](b.slide)"), or a deliberate callback
    ("Again, ...", "As mentioned earlier, ...")."""
    if unit.sentence.block.kind in STRUCTURED_KINDS and other.sentence.block.kind in STRUCTURED_KINDS:
        return True  # entries of a list repeat one another by design; a list item repeating a paragraph does not
    parallel = unit.section[1] == other.section[1] and min(unit.section[0], other.section[0]) >= 0
    if parallel and unit.section != other.section:
        return True
    if unit.slots != other.slots and unit.slots and other.slots:
        return True
    figures, other_figures = _figures(unit.words), _figures(other.words)
    if figures != other_figures and figures and other_figures:
        return True  # "five seconds" and "3.5 seconds": one template, two facts
    if unit.section != other.section and len(unit.words) < REWRITE_MIN_WORDS:
        return True  # a short sentence said again in another section: a recap
    if unit.labelled or other.labelled or FOOTNOTE_MARK in unit.sentence.text:
        return True
    return bool(CALLBACK.search(unit.sentence.text))


def _figures(words: list[str]) -> list[str]:
    return sorted(w for w in words if w in NUMBER_WORDS or any(c.isdigit() for c in w))


def _repeats(
    unit: _Unit, other: _Unit, shared: int, key: tuple[int, int], quoted_once: set[tuple[int, int]], scope: str
) -> bool:
    shorter, longer = sorted((len(unit.words), len(other.words)))
    if shorter / longer < LENGTH_RATIO:
        return False
    run = _longest_run(unit.words, other.words)
    verbatim = shared / len(unit.shingles) >= VERBATIM
    if not verbatim and scope != "all" and unit.section != other.section:
        return False  # a summary restating another section in new words is how articles are built
    if not verbatim and not _rewrite(unit.words, other.words, run.size):
        return False
    if _pull_quote(unit, other, run.a, run.b, run.size) and key not in quoted_once:
        quoted_once.add(key)  # a quote pulled out once is layout; twice is a repeat
        return False
    return True


def _longest_run(words: list[str], original: list[str]) -> Match:
    return SequenceMatcher(None, words, original, autojunk=False).find_longest_match(
        0, len(words), 0, len(original)
    )


def _pull_quote(unit: _Unit, other: _Unit, at: int, at_other: int, size: int) -> bool:
    """A pull quote repeats the body on purpose: a block quote, a one-sentence paragraph set
    beside the passage it quotes, or words that are quoted speech in either place."""
    if unit.sentence.block.kind == "block_quote" or other.sentence.block.kind == "block_quote":
        return True
    if unit.single != other.single and unit.block_index - other.block_index <= PULL_QUOTE_DISTANCE:
        return True
    for sentence, start in ((unit.sentence, at), (other.sentence, at_other)):
        if "\u201c" in sentence.text or '"' in sentence.text:
            quoted = _quoted_words(sentence.text)
            if quoted and sum(quoted[start : start + size]) * 2 >= size:
                return True
    return False


def _rewrite(words: list[str], original: list[str], run: int) -> bool:
    """A reworded repeat: a long verbatim run and most content words kept, in a sentence that is
    not merely built on the same template (same opening words, one slot changed)."""
    if _opener(words) == _opener(original) or min(len(words), len(original)) < REWRITE_MIN_WORDS:
        return False
    mine, theirs = _content(words), _content(original)
    if not mine or len(mine & theirs) / len(mine) < REWRITE_CONTENT:
        return False
    if len(mine & theirs) / len(mine | theirs) < REWRITE_JACCARD:
        return False
    return run >= REWRITE_RUN


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
