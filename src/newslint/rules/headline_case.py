"""Headline capitalisation: a headline that mixes title case and sentence case (NL204)."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from typing import ClassVar

from newslint.findings import Severity
from newslint.lazyre import lazy_compile
from newslint.rule import Context, Rule
from newslint.rules.titles import (
    BODY_KINDS,
    BODY_WORD,
    CLOSE_QUOTES,
    CODE_SPAN,
    EDGE,
    SEGMENT_END,
    SMALL_WORDS,
    TOKEN,
    headline_tokens,
    title_zone,
)
from newslint.syntax.nodes import Block, Document
from newslint.syntax.prose import prose_text
from newslint.text.headline_events import MAX_HEADLINE_CHARS

# Lowercase words that join the words of one name: "Summer of Code", "Bank of England".
NAME_JOINERS = frozenset({"of", "the", "and", "for", "de", "del", "van", "von", "al", "on", "&"})


def _capital_runs(text: str) -> list[list[str]]:
    """Runs of two or more capitalised words, joined by at most one joiner word each time
    ("International Olympic Committee", "Bank of England"), in headline order."""
    runs: list[list[str]] = []
    current: list[str] = []
    pending: list[str] = []
    for match in TOKEN.finditer(text):
        token = match.group()
        # EDGE strips punctuation from the ends; most words have none (no regex call for them)
        word = token if token[0].isalnum() and token[-1].isalnum() else EDGE.sub("", token)
        if word[:1].isupper():
            current.extend(pending)
            current.append(word)
            pending = []
        elif current and word.casefold() in NAME_JOINERS and not pending:
            pending = [word]
            continue
        else:
            if len([w for w in current if w[:1].isupper()]) >= 2:
                runs.append(current)
            current, pending = [], []
            continue
        if token.rstrip(CLOSE_QUOTES + ")]").endswith(SEGMENT_END):
            if len(current) >= 2:
                runs.append(current)
            current, pending = [], []
    if len([w for w in current if w[:1].isupper()]) >= 2:
        runs.append(current)
    return runs


class _BodyCases:
    """How the body writes given words mid-sentence (a ``BODY_WORD`` token after a letter, digit,
    comma or semicolon and a space): in lowercase somewhere, capitalised somewhere. Each word is
    looked up with ``str.find`` in the lower-cased body and its hits checked, so an article pays
    for the few words its headline holds, not for tokenising its whole body. A body whose
    lowercase differs from its casefold, or changes length, is tokenised whole instead."""

    def __init__(self, doc: Document) -> None:
        # Blocks joined by a character that is neither a letter nor a space: no token of one
        # block sees the words of another as its left context.
        self.text = "\0".join(prose_text(doc, block) for block in _body_blocks(doc))
        self.low = self.text.lower()
        self.found: dict[str, tuple[bool, bool]] = {}
        self.tokenised: tuple[set[str], set[str]] | None = None
        if len(self.low) != len(self.text) or self.low != self.text.casefold():
            lower: set[str] = set()
            capital: set[str] = set()
            for word in set(BODY_WORD.findall(self.text)):
                (capital if word[0].isupper() else lower).add(word.casefold())
            self.tokenised = (lower, capital)

    def usage(self, word: str) -> tuple[bool, bool]:
        """(the body writes ``word`` in lowercase, the body capitalises it), compared casefolded."""
        key = word.casefold()
        if self.tokenised is not None:
            return key in self.tokenised[0], key in self.tokenised[1]
        known = self.found.get(key)
        if known is not None:
            return known
        text, low = self.text, self.low
        lower = capital = False
        position = low.find(key) if key else -1
        while position != -1 and not (lower and capital):
            if _MID_SENTENCE.match(text, position):
                token = _WORD_AT.match(text, position)
                if token is not None and token.end() - position == len(key):
                    if text[position].isupper():
                        capital = True
                    else:
                        lower = True
            position = low.find(key, position + 1)
        self.found[key] = (lower, capital)
        return lower, capital


# BODY_WORD split in two: where a mid-sentence word may start, and the word that starts there.
_MID_SENTENCE = lazy_compile(r"(?<=[\p{L}\p{N},;]\s+)")
_WORD_AT = lazy_compile(r"[\p{L}][\p{L}'\u2019-]*")


def _body_cases(doc: Document) -> _BodyCases:
    cached = doc.cache.get("titles:body-cases")
    if not isinstance(cached, _BodyCases):
        cached = doc.cache["titles:body-cases"] = _BodyCases(doc)
    return cached


def _body_blocks(doc: Document) -> list[Block]:
    return [b for b in doc.blocks if b.kind in BODY_KINDS and not b.headline]


def _body_text(doc: Document) -> str:
    """The body's prose with spacing collapsed: multi-word names are looked up in it."""
    cached = doc.cache.get("titles:body-text")
    if cached is None:
        cached = doc.cache["titles:body-text"] = " " + " ".join(
            " ".join(prose_text(doc, b).split()) for b in _body_blocks(doc)
        ) + " "
    return str(cached)


def _body_code(doc: Document) -> set[str]:
    """Words the body writes as code (``slog``): identifiers keep their case in a headline."""
    cached = doc.cache.get("titles:body-code")
    if cached is None:
        cached = doc.cache["titles:body-code"] = {
            word.casefold()
            for block in _body_blocks(doc)
            for inline in block.inlines
            if inline.kind == "code"
            for word in WORD.findall(doc.text[inline.start : inline.end])
        }
    return cached  # type: ignore[no-any-return]


WORD = lazy_compile(r"[\p{L}][\p{L}\p{N}_]*")


def _name_words(doc: Document, runs: list[list[str]], ctx: Context | None) -> set[str]:
    """Capitalised words of the headline's capital ``runs`` that belong to a multi-word name: a
    run the body also writes ("the Summer Games"), or a place the gazetteer knows ("New
    Zealand")."""
    names: set[str] = set()
    if not runs:
        return names
    body = _body_text(doc)
    for run in runs:
        # A part is in the body only if each pair of neighbours in it is: those are looked up
        # once, and a longer part only where all of its pairs were found.
        paired = [f" {left} {right}" in body for left, right in pairwise(run)]
        for size in range(len(run), 1, -1):
            for first in range(len(run) - size + 1):
                part = run[first : first + size]
                if not (part[0][:1].isupper() and part[-1][:1].isupper()):
                    continue
                in_body = all(paired[first : first + size - 1]) and f" {' '.join(part)}" in body
                if in_body or (ctx is not None and _is_place(" ".join(part), ctx)):
                    names.update(part)
    return names


def _is_place(name: str, ctx: Context) -> bool:
    from newslint.names_data import Gazetteer

    return Gazetteer.load(ctx.pack_files).is_place(name)


class HeadlineCapitalization(Rule):
    """A headline that mixes title case and sentence case.

    **What it flags**: a headline (front-matter title, H1 or headline line of the title zone)
    written mostly in title case with a content word left lowercase ("Mayor Rejects Budget
    Despite protests"), or in sentence case with a common word capitalised ("Council
    approves New budget"). Neutral either way: the first word and the first word after a colon,
    dash or question mark, small words (articles, conjunctions, prepositions, name particles),
    acronyms (NATO, U.S.), mixed-case names (iPhone), identifiers (web.go, a word the body sets
    as code), numbers, quoted words and the word right after a quoted title ("'The Salt Road'
    Series 2"), and proper names: a capitalised word the article's body also capitalises
    mid-sentence, and never writes in lowercase, is a name, so "Biden meets Xi in San
    Francisco" is sentence case; so is a run of capitalised words the body writes the same way
    or the gazetteer knows as a place ("by the International Olympic Committee"). Each sentence
    of a two-sentence headline, and each part after a colon or dash, is judged on its own. A
    note in brackets before the headline ("[Video]", "_(Update 7 March)_") and a section label
    ("LIVE:") are not part of it. All-capital headlines and kickers are not checked. Without a
    house style, a headline is reported only when the body shows that a capitalised word is a
    common word (it writes the word in lowercase and never capitalises it): then it is mixed
    when its capitalised words outnumber its lowercase ones and come first, yet one is
    lowercase, or several are and they all come last; or when such a common word stands alone
    capitalised in an otherwise sentence-case headline.

    **Why it matters**: a headline half in one style is a typo readers see first, and often the
    mark of a machine rewrite.

    **Example**:

    ```text
    Mayor Rejects Harbour Budget Despite protests

    The mayor rejected the harbour budget on Monday.
    ```

    "protests" is lowercase in a title-case headline. Not flagged: an acronym in sentence case.

    ```text
    NATO allies agree to raise defence spending

    NATO allies agreed on Monday to raise defence spending.
    ```

    **Fix**: rewrite the headline in one style. No automatic fix: a word that looks like a name
    may be one.

    **Options**: ``headline-case = "title"`` or ``"sentence"`` checks every headline against
    that house style instead: in title case every word but small words is capitalised; in
    sentence case only the first word and names are (a capitalised word is a name unless the
    body writes it in lowercase; an all-capitalised headline of unknown words is title case).
    """

    code = "NL204"
    name = "headline-capitalization"
    severity = Severity.WARNING
    options: ClassVar[Mapping[str, type | tuple[type, ...]]] = {"headline-case": str}

    def check(self, doc: Document, ctx: Context) -> None:
        style = ctx.option("headline-case")
        if style not in (None, "title", "sentence"):
            raise ValueError(f"headline-case must be 'title' or 'sentence', not {style!r}")
        verdicts: dict[str, str | None] = {}  # a title repeated (plain-text copies) is judged once
        for headline, text in title_zone(doc, ctx):
            if len(text) > MAX_HEADLINE_CHARS:  # pasted body text or debris on a title line
                continue
            if text in verdicts:
                message = verdicts[text]
            else:
                message = verdicts[text] = self._verdict(doc, text, style, ctx)
            if message:
                ctx.report(headline.start, headline.end, message)

    def _verdict(self, doc: Document, text: str, style: str | None, ctx: Context) -> str | None:
        letters = [c for c in text if c.isalpha()]
        if not letters or all(c.isupper() for c in letters):
            return None
        message = self._judge(doc, text, style, ctx, gazetteer=False)
        if message and style is None:
            # a place the gazetteer knows ("Port Moresby") is a name too: looked up only
            # here, so the gazetteer loads only for the rare headline that would be reported
            message = self._judge(doc, text, style, ctx, gazetteer=True)
        return message

    def _judge(self, doc: Document, text: str, style: str | None, ctx: Context, *, gazetteer: bool) -> str | None:
        # Each segment ("Call for Testing: Speeding up compilation", or each sentence of a
        # two-sentence headline) may have its own style.
        text = CODE_SPAN.sub(" ", text)
        segments: list[list[str]] = [[]]
        for word, start, boundary in headline_tokens(text):
            if (start or boundary) and segments[-1]:
                segments.append([])
            if not start and len(word) > 2 and word.casefold() not in SMALL_WORDS:
                segments[-1].append(word)
        runs = _capital_runs(text)
        names = _name_words(doc, runs, ctx if gazetteer else None)
        in_runs = {w for run in runs for w in run}
        for inner in segments:
            message = self._judge_segment(doc, inner, style, names, in_runs)
            if message:
                return message
        return None

    def _judge_segment(
        self, doc: Document, inner: list[str], style: str | None, run_names: set[str], in_runs: set[str]
    ) -> str | None:
        code = _body_code(doc)
        lower = [w for w in inner if w[0].islower() and w.casefold() not in code]
        capital = [w for w in inner if w[0].isupper()]
        if style == "title":
            return f"headline is not in title case: {_quote(lower)} lowercase" if lower else None
        if not capital:
            return None
        cases = _body_cases(doc)
        usage = {w: cases.usage(w) for w in capital}  # (written lowercase, capitalised) mid-sentence
        names = {w for w in capital if usage[w] == (False, True)}
        names |= run_names
        common = [w for w in capital if usage[w] == (True, False)]
        common = [w for w in common if w not in run_names]
        capital = [w for w in capital if w not in names]
        if style == "sentence":
            if common or (not lower and len(capital) >= 2):
                return f"headline is not in sentence case: {_quote(capital)} capitalised"
            return None
        if not common:
            return None  # nothing shows the capitals are common words: they may all be names
        # Title case that slips: capitals first, then a lowercase word. When the lowercase words
        # come first ("Uganda bans Vagina Monologues"), it is sentence case ending in a name; and
        # lowercase words between capitalised runs are sentence case around names.
        starts_titled = bool(capital) and bool(lower) and inner.index(capital[0]) < inner.index(lower[0])
        trailing = bool(lower) and bool(capital) and inner.index(lower[0]) > max(inner.index(w) for w in capital)
        if (
            lower and len(capital) >= 2 and len(capital) > len(lower) and starts_titled
            and (len(lower) == 1 or trailing)
        ):
            return f"headline mixes title case and sentence case: {_quote(lower)} lowercase"
        # One common word capitalised in sentence case; a capitalised word next to another may
        # be part of a name the body never writes out ("Olympic Committee").
        lone = [w for w in common if w not in in_runs]
        if lone and lower and len(lower) >= len(capital):
            return f"headline mixes title case and sentence case: {_quote(lone)} capitalised"
        return None


def _quote(words: list[str]) -> str:
    shown = ", ".join(f"'{w}'" for w in dict.fromkeys(words))
    return shown + (" is" if len(set(words)) == 1 else " are")


RULES = [HeadlineCapitalization]
