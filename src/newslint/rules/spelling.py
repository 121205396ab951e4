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
from newslint.rules.names import segments
from newslint.syntax.nodes import Document

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


@lru_cache(maxsize=16)
def _variants(pack_files: tuple[str, ...]) -> tuple[SpellingVariants, frozenset[bytes], re.Pattern[str] | None]:
    variants = SpellingVariants.load(pack_files)
    listed = frozenset(w.encode() for w in variants.words() if w.isascii())
    names = variants.proper_names
    proper = None
    if names:
        parts = [r"\s+".join(re.escape(w) for w in n.split()) for n in sorted(names, key=len, reverse=True)]
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
    accepts in both (travelled) only when its other spelling also appears. Quoted speech, source
    titles and capitalised words (Labor Party, Pearl Harbor, a headline's Colour) are skipped.

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
        raw_words = doc.text.encode("utf-8", "replace").translate(_NOT_WORD).split()
        hits = {w.decode() for w in listed.intersection(raw_words)}
        if not hits:
            return
        kinds = {k[0] for k in (_kind(variants, w, hits) for w in hits) if k is not None}
        candidates = ("US",) if english == "en-US" else ("GB-ise", "GB-ize") if english == "en-GB" else STYLES
        if any(not kinds.intersection(_BAD[style]) for style in candidates):
            return
        pattern = _words_pattern(frozenset(hits))
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
# Quote marks and apostrophes; not after a digit (5'10", 12" are feet and inches).
_MARKS = re.compile(r"(?<!\d)['\"]|[‘’“”]")
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
    mark after a digit (5'10", a 12" pipe) is a unit, not a quote.

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
        for seg in segments(doc):
            if seg.entry:
                continue
            text = seg.text
            for match in _MARKS.finditer(text):
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
