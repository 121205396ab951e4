"""Spelling and typography: one variety of English, one quote style, per article."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

from newslint.findings import Fix, Severity
from newslint.names_data import SpellingVariants, word_pattern
from newslint.rule import Context, Rule
from newslint.rules.names import Segment, segments
from newslint.rules.titles import SMALL_WORDS
from newslint.syntax.nodes import Block, Document

# --- other people's words ------------------------------------------------------------------------

_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_TITLE_MIN_WORDS = 3


def _title_like(text: str) -> bool:
    """Link text set as a title: three or more content words, nearly all capitalised."""
    words = [w for w in _TITLE_WORD.findall(text) if w.casefold() not in SMALL_WORDS]
    return len(words) >= _TITLE_MIN_WORDS and sum(w[0].isupper() for w in words) * 5 >= len(words) * 4


def _linked_titles(doc: Document, block: Block) -> list[tuple[int, int]]:
    """Link texts of a block that are the titles of linked works: the link a list item opens
    with (a roundup entry), or link text set as a title."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    text = doc.text
    for inline in block.inlines:
        raw = text[inline.start : inline.end]
        if (inline.kind == "link" and raw.startswith("[")) or (inline.kind == "html" and raw[:3].lower() == "<a "):
            opened = inline.end
        elif opened is not None and (
            (inline.kind == "link" and raw.startswith("]")) or (inline.kind == "html" and raw[:3].lower() == "</a")
        ):
            leading = not text[block.content_start : opened - 1].strip(" \t*_[")
            if (block.kind == "list_item" and leading) or _title_like(text[opened : inline.start]):
                spans.append((opened, inline.start))
            opened = None
    return spans


# A photo caption with its credit, or an embedded post: the agency's or the poster's words.
_CAPTION = re.compile(
    r"^\W*(?:image|photo|photograph|caption)\s*:"
    r"|\((?:[^()]*[/:]\s*)?(?:reuters|ap|afp|getty images|ap photo|epa)\b[^()]*\)\W*$"
    r"|(?:[/\u2014-]\s*|\s)(?:getty images|ap photo|afp via getty images)\W*$"
    r"|pic\.twitter\.com/",
    re.IGNORECASE,
)
_SENTENCE_END = tuple(".!?:;)\"'\u201d\u2019")


_TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)  # Liquid/Jinja tags


def _unpunctuated_item(doc: Document, block: Block) -> bool:
    if block.kind != "list_item":
        return False
    text = doc.text[block.content_start : block.content_end]
    if "{" in text:
        text = _TEMPLATE_TAG.sub("", text)
    return not text.rstrip().endswith(_SENTENCE_END)


def _maybe_caption(line: str) -> bool:
    """A cheap test before the caption pattern: most lines can't be captions."""
    tail = line.rstrip().rstrip(".;,")
    head = line.lstrip(" \t*_>")[:10].casefold()
    return (
        tail.endswith((")", "Images", "images", "Photo", "photo"))
        or head.startswith(("image", "photo", "caption"))
        or "pic.twitter.com/" in line
    )


def _caption_lines(raw: str, base: int) -> list[tuple[int, int]]:
    """Caption lines of a block: a crawl runs a photo's caption into the paragraph around it."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in raw.split("\n"):
        if _maybe_caption(line) and _CAPTION.search(line.strip()):
            spans.append((base + offset, base + offset + len(line)))
        offset += len(line) + 1
    return spans


def others_words(doc: Document) -> list[tuple[int, int]]:
    """Spans of other people's words the article reproduces: block quotes, the titles of
    linked works, source notes, photo captions and embedded posts, lists of other stories' headlines
    (two or more list items in a row without closing punctuation, as a crawl leaves them).
    NL501 and NL502 neither count nor report what is inside them."""
    cached = doc.cache.get("spelling:others")
    if cached is None:
        cached = []
        blocks = doc.blocks
        for index, block in enumerate(blocks):
            if not block.is_prose:
                continue
            if block.kind == "block_quote":
                cached.extend(_quoted_lines(doc, block))
                continue
            if _unpunctuated_item(doc, block) and any(
                0 <= other < len(blocks) and _unpunctuated_item(doc, blocks[other]) for other in (index - 1, index + 1)
            ):
                cached.append((block.content_start, block.content_end))
                continue
            raw = doc.text[block.content_start : block.content_end]
            if "\u21a9" in raw:  # "↩": footnotes run into a paragraph
                cached.append((block.content_start, block.content_end))
                continue
            cached.extend(_caption_lines(raw, block.content_start))
            if any(i.kind in ("link", "html") for i in block.inlines):
                cached.extend(_linked_titles(doc, block))
        if cached:
            # a section headed with the title of a work the article links ("### Extend behavioural
            # testing", listed above as a link to that project) names that work
            linked = {_folded(doc.text[a:b]) for a, b in cached}
            cached.extend(
                (b.content_start, b.content_end)
                for b in doc.blocks
                if b.kind == "heading" and _folded(doc.text[b.content_start : b.content_end]) in linked
            )
        doc.cache["spelling:others"] = cached
    return list(cached)


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def _quoted_lines(doc: Document, block: Block) -> list[tuple[int, int]]:
    """The lines of a block quote that carry its ``>`` marker: a crawl without blank lines runs
    its next paragraphs into the quote as lazy continuation lines, and those are the writer's."""
    spans: list[tuple[int, int]] = []
    text = doc.text
    # A block may start after its own marker ("> " belongs to the container), so each line is
    # read from its physical start.
    line_start = text.rfind("\n", 0, block.start) + 1
    while line_start < block.end:
        line_end = text.find("\n", line_start)
        if line_end < 0:
            line_end = len(text)
        if text[line_start:line_end].lstrip().startswith(">"):
            spans.append((max(line_start, block.start), min(line_end, block.end)))
        line_start = line_end + 1
    return spans


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _inside_quote(seg: Segment, offset: int) -> bool:
    """A mark inside quoted speech, the quotation marks that open and close it aside."""
    return any(a < offset < b - 1 for a, b in seg.quotes)

# --- NL501 ---------------------------------------------------------------------------------------

VARIETIES = ("en-GB", "en-US")
_NAME_REACH = 80  # characters either side of a word searched for a listed official name
# The three consistent ways to spell: British with -ise, British with -ize (Oxford), American.
STYLES = ("GB-ise", "US", "GB-ize")
STYLE_NAMES = {"GB-ise": "British -ise", "US": "American", "GB-ize": "Oxford -ize"}
KIND_NAMES = {"gb": "British spelling", "us": "American spelling", "ise": "-ise spelling", "ize": "-ize spelling"}


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    text: str
    kind: str  # "gb", "us" (marks a variety), "ise", "ize" (the Oxford pair), set below
    counterpart: str


# Bytes that can't be inside a lower-case ASCII word become spaces: ``split`` then yields every
# lower-case word of the text (and some harmless fragments), at C speed.
_NOT_WORD = bytes.maketrans(
    bytes(b for b in range(256) if not (97 <= b <= 122 or 65 <= b <= 90)), b" " * (256 - 52)
)


# Characters read at a time: a list of every word of a 5 MB article would cost 7 bytes per byte.
_CHUNK = 1 << 16


def _listed_words(text: str, listed: frozenset[bytes]) -> set[str]:
    """The distinct lower- or mixed-case ASCII words of ``text`` that are in ``listed``, read a
    chunk at a time (each cut at a space, so no word is cut in two)."""
    hits: set[str] = set()
    start = 0
    while start < len(text):
        end = text.find(" ", start + _CHUNK)
        if end < 0:
            end = len(text)
        words = text[start:end].encode("utf-8", "replace").translate(_NOT_WORD).split()
        hits.update(w.decode() for w in listed.intersection(words))
        start = end
    return hits


@lru_cache(maxsize=16)
def _variants(pack_files: tuple[str, ...]) -> tuple[SpellingVariants, frozenset[bytes], re.Pattern[str] | None]:
    variants = SpellingVariants.load(pack_files)
    listed = frozenset(w.encode() for w in variants.words() if w.isascii())
    names = variants.proper_names
    proper = None
    if names:
        parts = [r"\s+".join(re.escape(w) for w in n.split()) for n in sorted(names, key=lambda n: (-len(n), n))]
        proper = re.compile(rf"\b(?:{'|'.join(parts)})\b")
    return variants, listed, proper


@lru_cache(maxsize=256)
def _words_pattern(words: frozenset[str]) -> re.Pattern[str]:
    # Lower case only: capitalised words are names (Labor Party) or headline capitals, never counted.
    return re.compile(rf"\b(?:{word_pattern(sorted(words))})\b")


def _kind(variants: SpellingVariants, word: str, present: set[str] | frozenset[str]) -> tuple[str, str] | None:
    """The style a word marks ("gb", "us", "ise", "ize") and its other spelling, or None."""
    marked = variants.classify(word)
    if marked is not None:
        if marked.oxford:
            return ("ise" if marked.variety == "en-GB" else "ize"), marked.counterpart
        return ("gb" if marked.variety == "en-GB" else "us"), marked.counterpart
    other = variants.other_spelling(word)
    # Accepted in both varieties (travelled): a mark only beside its other spelling.
    if other is not None and other.casefold() in present:
        other_variety = variants.variety(other)
        if other_variety is not None:
            return ("us" if other_variety == "en-GB" else "gb"), other
    return None


_BAD = {"GB-ise": frozenset({"us", "ize"}), "GB-ize": frozenset({"us", "ise"}), "US": frozenset({"gb", "ise"})}


def _violations(style: str, words: list[_Word]) -> list[_Word]:
    bad = _BAD[style]
    return [w for w in words if w.kind in bad]


class MixedSpellingVariants(Rule):
    """British and American spellings of words mixed in one article.

    **What it flags**: the words of the less-used spelling when an article mixes British and
    American spellings (colour/color, defence/defense, travelled/traveled) or -ise and -ize
    (emphasised/emphasized). Three styles are consistent: British, British with -ize (Oxford
    spelling) and American; the one that needs the fewest changes is kept (on a tie, the one the
    article starts with). With ``english`` set, every word of the other variety is flagged.
    Words used in both varieties (practice, program, grey) are never flagged; a word SCOWL
    accepts in both (travelled) only when its other spelling also appears. Capitalised words
    (Labor Party, Pearl Harbor, a headline's Colour) are skipped, and so are other people's
    words, which are neither counted nor reported: quoted speech, block quotes, source titles,
    the titles of linked works (the link a list item opens with, as in a roundup; link text
    set in title case; a heading that repeats such a title), photo captions with an agency
    credit, embedded posts, and lists of other stories' headlines (list items in a row without
    closing punctuation). A word with a sense both varieties
    share (check, a computer program, to tire) never marks a variety.

    **Why it matters**: a mix of spellings reads as careless copy, and usually is: paragraphs
    pasted from sources edited on two sides of the Atlantic.

    **Example**:

    ```text
    The minister emphasised the plan. Her deputy later emphasized the cost.
    ```

    Not flagged:

    ```text
    The minister emphasised the plan. Her deputy later stressed the colour of the budget.
    ```

    **Fix**: safe: respell the word in the article's (or the configured) variety.

    **Options**: ``english = "en-GB" | "en-US"`` in ``[tool.newslint]`` fixes the variety
    (en-GB accepts -ize throughout, Oxford style, but not a mix of -ise and -ize).
    """

    code = "NL501"
    name = "mixed-spelling-variants"
    severity = Severity.WARNING
    fix = "safe"
    options: ClassVar[Mapping[str, Any]] = {"english": VARIETIES}

    def check(self, doc: Document, ctx: Context) -> None:
        english = ctx.option("english")  # checked against VARIETIES when the config loads
        variants, listed, proper = _variants(tuple(ctx.pack_files))
        # First the distinct words of the raw text (a superset of the prose's): most articles
        # are consistent, and that needs no positions.
        hits = _listed_words(doc.text, listed)
        if not hits:
            return
        kinds = {k[0] for k in (_kind(variants, w, hits) for w in hits) if k is not None}
        candidates = ("US",) if english == "en-US" else ("GB-ise", "GB-ize") if english == "en-GB" else STYLES
        if any(not kinds.intersection(_BAD[style]) for style in candidates):
            return
        pattern = _words_pattern(frozenset(hits))
        others = others_words(doc)
        found: list[tuple[int, int, str]] = []
        for seg in segments(doc):
            if seg.source:
                continue
            text = seg.text
            for match in pattern.finditer(text):
                word, start = match.group(), match.start()
                if start and text[start - 1] in "'’":
                    continue  # the tail of an elision or a name (o'er, d'Estaing)
                if proper is not None and self._in_name(proper, text, start, match.end()):
                    continue
                if seg.quoted(seg.base + start, seg.base + match.end()):
                    continue
                if others and _inside(others, seg.base + start, seg.base + match.end()):
                    continue
                found.append((seg.base + start, seg.base + match.end(), word))
        if not found:
            return
        present = {w.casefold() for _, _, w in found}
        words: list[_Word] = []
        for start, end, word in found:
            marked = _kind(variants, word, present)
            if marked is not None:
                words.append(_Word(start, end, word, *marked))
        if not words:
            return
        style = min(candidates, key=lambda s: self._cost(s, words))
        named = STYLE_NAMES[style]
        if style != "US" and not any(w.kind in ("ise", "ize") for w in words):
            named = "British"  # nothing in the article says -ise or -ize
        for w in _violations(style, words):
            what = KIND_NAMES[w.kind]
            if english is not None:
                message = f"{w.text}: {what}; the configured variety is {english}: write {w.counterpart}"
            else:
                message = f"{w.text}: {what} in an article that otherwise uses {named} spelling; write {w.counterpart}"
            ctx.report(
                w.start,
                w.end,
                message,
                fix=Fix(f"Respell as {w.counterpart}", (ctx.edit(w.start, w.end, w.counterpart),)),
            )

    @staticmethod
    def _in_name(proper: re.Pattern[str], text: str, start: int, end: int) -> bool:
        """Whether the word is part of an official name the pack lists (Pearl Harbor)."""
        low = max(0, start - _NAME_REACH)
        return any(m.start() <= start and end <= m.end() for m in proper.finditer(text, low, end + _NAME_REACH))

    @staticmethod
    def _cost(style: str, words: list[_Word]) -> tuple[int, int]:
        bad = _violations(style, words)
        first_bad = min((words.index(w) for w in bad), default=len(words))
        return (len(bad), -first_bad)


# --- NL502 ---------------------------------------------------------------------------------------

QUOTE_STYLES = ("curly", "straight")
# Quote marks and apostrophes; a straight one after a digit (5'10", 12") is feet and inches, which
# the loop skips: a lookbehind in the pattern (?<!\d) costs it the fast scan, ten times slower.
_MARKS = re.compile(r"['\"‘’“”]")
_ELISION = re.compile(r"\d0s\b|\d\d\b|(?:em|tis|twas|n|cause|til)\b", re.IGNORECASE)
_OPENERS = frozenset(" \t\r\n([{<—–-/‘“\"'")


def _curly_for(text: str, index: int) -> str:
    """The curly mark a straight one at ``text[index]`` stands for."""
    mark = text[index]
    before = text[index - 1] if index > 0 else " "
    opening = before in _OPENERS
    if mark == '"':
        return "“" if opening else "”"
    if opening and not _ELISION.match(text, index + 1):
        return "‘"
    return "’"


_NAMES = {
    "'": "apostrophe", '"': "quotation mark", "‘": "quotation mark", "’": "apostrophe", "“": "quotation mark",
    "”": "quotation mark",
}


class MixedQuoteStyle(Rule):
    """Curly and straight quotation marks or apostrophes mixed in one article's prose.

    **What it flags**: each quotation mark or apostrophe of the less-used style when an article's
    prose has both curly (‘ ’ “ ”) and straight (' ") ones; with ``quotes`` set, every mark of
    the other style. Code, URLs, HTML, front matter and source titles are not prose; a straight
    mark after a digit (5'10", a 12" pipe) is a unit, not a quote. Other people's words are
    neither counted nor reported: block quotes, the titles of linked works, photo captions
    and embedded posts, lists of other stories' headlines (as for NL501), and the apostrophes
    inside quoted speech; the quotation marks around speech are the article's own and count.
    A plain-text headline line is the article's title field, like a front-matter title, and is
    not weighed against the body.

    **Why it matters**: mixed marks show text pasted from different tools or sources; they look
    sloppy in print, and search and diff tools treat Ukraine’s and Ukraine's as different words.

    **Example**:

    ```text
    Europe's security is not up for negotiation, she said, and Ukraine’s army agrees.
    ```

    Not flagged:

    ```text
    Europe's security is not up for negotiation, she said, and Ukraine's army agrees.
    ```

    **Fix**: safe: replace the mark with its counterpart in the article's (or the configured)
    style; a straight mark becomes an opening or closing curly one by what precedes it.

    **Options**: ``quotes = "curly" | "straight"`` in ``[tool.newslint]`` fixes the style.
    """

    code = "NL502"
    name = "mixed-quote-style"
    severity = Severity.WARNING
    fix = "safe"
    options: ClassVar[Mapping[str, Any]] = {"quotes": QUOTE_STYLES}

    def check(self, doc: Document, ctx: Context) -> None:
        wanted = ctx.option("quotes")  # checked against QUOTE_STYLES when the config loads
        text = doc.text
        if wanted != "curly" and not ("’" in text or "‘" in text or "“" in text or "”" in text):
            return  # nothing curly to report or to weigh
        if wanted != "straight" and "'" not in text and '"' not in text:
            return
        marks: list[tuple[int, str, int]] = []  # (offset, segment text, index in it)
        curly = straight = 0
        first_curly: bool | None = None
        others = others_words(doc)
        titles = [(b.start, b.end) for b in doc.blocks if b.headline]
        for seg in segments(doc):
            if seg.entry or (titles and _inside(titles, seg.base, seg.base)):
                continue
            text = seg.text
            for match in _MARKS.finditer(text):
                at = match.start()
                if at and text[at] in "'\"" and text[at - 1].isdecimal():  # isdecimal: what \d matches
                    continue
                offset = seg.base + at
                if (others and _inside(others, offset, offset + 1)) or (seg.quotes and _inside_quote(seg, offset)):
                    continue
                mark = match.group()
                is_curly = mark not in "'\""
                if first_curly is None:
                    first_curly = is_curly
                if is_curly:
                    curly += 1
                else:
                    straight += 1
                marks.append((seg.base + match.start(), text, match.start()))
        if not marks:
            return
        if wanted is None:
            if not curly or not straight:
                return
            keep_curly = curly > straight or (curly == straight and bool(first_curly))
        else:
            keep_curly = wanted == "curly"
        wrong = [(offset, text, index) for offset, text, index in marks if (text[index] not in "'\"") != keep_curly]
        if not wrong:
            return
        edits = []
        for offset, text, index in wrong:
            mark = text[index]
            new = _curly_for(text, index) if keep_curly else ("'" if mark in "‘’" else '"')
            edits.append(ctx.edit(offset, offset + 1, new))
        offset, text, index = wrong[0]
        mark, new = text[index], edits[0].content
        noun = _NAMES[mark]
        if noun == "apostrophe" and new in "‘“":
            noun = "quotation mark"
        style, other = ("straight", "curly") if keep_curly else ("curly", "straight")
        more = f" (and {len(wrong) - 1} more)" if len(wrong) > 1 else ""
        if wanted is not None:
            message = f"{style} {noun} {mark}{more}: the configured quote style is {wanted}; write {new}"
        else:
            kept = curly if keep_curly else straight
            message = (
                f"{style} {noun} {mark}{more} in an article whose other {kept} quote marks and apostrophes"
                f" are {other}; write {new}"
            )
        ctx.report(offset, offset + 1, message, fix=Fix(f"Make every quote mark and apostrophe {other}", tuple(edits)))


RULES = [MixedSpellingVariants, MixedQuoteStyle]
