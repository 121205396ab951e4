"""The article's events, read once and shared by the rules that compare claims (NL304-NL306).

Builds, per document and cached on it: the body sentences in the writer's voice, the names the
article capitalises mid-sentence, which actor keys name the same party (``ActorLinks``), and the
event mentions of every body sentence. No rules live here.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

import regex

from newslint.lazyre import lazy_compile
from newslint.syntax.nodes import Document
from newslint.syntax.prose import Sentence, all_sentences
from newslint.text.claims import (
    ClaimLexicon,
    claimed_by_source,
    find_hedge,
    has_hedge,
    hedges_previous,
    is_attributed,
    is_question,
)
from newslint.text.events import ActorLinks, EventLexicon, Mention, actor_keys, sentence_mentions

# Quoted blocks are someone else's words; footnote definitions are the sources themselves.
NOT_WRITERS_VOICE = frozenset({"block_quote", "footnote_def"})


class BodyMention(NamedTuple):
    mention: Mention
    sentence: Sentence
    number: int  # position of the sentence in ``EventIndex.sentences``


class EventIndex:
    """What the event rules need of one article, each part computed on first use: most articles
    never need the event mentions (their headline has no known predicate) or the sentence keys
    (their body has no report cue)."""

    def __init__(self, doc: Document, lex: EventLexicon) -> None:
        self.lex = lex
        self._doc = doc
        self._sentences: tuple[Sentence, ...] | None = None
        self._names: frozenset[str] | None = None
        self._links: ActorLinks | None = None
        self._mentions: dict[frozenset[str], tuple[BodyMention, ...]] = {}
        self._text: str | None = None
        self._starts: list[int] = []
        self._spaced = ""
        self._counts: dict[str, int] = {}
        self._words_view = ""
        self._vocabulary: frozenset[str] | None = None
        # Per sentence number, read once and shared by every rule that asks: its event mentions
        # (all classes), and per claims lexicon its framing.
        self._sentence_mentions: dict[int, tuple[Mention, ...]] = {}
        self._framing: dict[tuple[int, int], str | None] = {}

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """The body's sentences (the sentence split runs on first use)."""
        if self._sentences is None:
            self._sentences = tuple(body_sentences(self._doc))
        return self._sentences

    def next_sentence(self, index: int) -> Sentence | None:
        return self.sentences[index + 1] if index + 1 < len(self.sentences) else None

    @property
    def text(self) -> str:
        """The body sentences joined by spaces, lower-cased, for one-pass searches."""
        if self._text is None:
            self._text = " ".join(s.text for s in self.sentences).lower()
            starts = []
            position = 0
            for sentence in self.sentences:
                starts.append(position)
                position += len(sentence.text) + 1
            self._starts = starts
        return self._text

    @property
    def aligned(self) -> bool:
        """Whether lower-casing kept every sentence's length, so ``starts`` hold in ``text``."""
        return len(self.text) == sum(len(s.text) + 1 for s in self.sentences) - 1 or not self.sentences

    @property
    def starts(self) -> list[int]:
        """Where each sentence starts in ``text``."""
        self.text  # noqa: B018 - builds the joined view and its starts
        return self._starts

    def sentences_with(self, words: Iterable[str]) -> set[int]:
        """Numbers of the sentences holding one of ``words`` (lower-case, single words, as
        ``str.split`` cuts the body with punctuation blanked). The words the body holds at all
        are found first, in its vocabulary; each of those few is then found with ``str.find``."""
        wanted = frozenset(words)
        if not wanted:
            return set()
        if not self.aligned:
            return {
                number
                for number, sentence in enumerate(self.sentences)
                if not wanted.isdisjoint(PUNCTUATION.sub(" ", sentence.text.lower()).split())
            }
        view = self.words_view
        if self._vocabulary is None:
            self._vocabulary = frozenset(view.split())
        starts = self.starts
        last = len(starts) - 1
        found: set[int] = set()
        for word in wanted & self._vocabulary:
            probe = f" {word} "
            position = view.find(probe)
            while position != -1:
                # The probe's space stands at the word's offset in ``text``, minus one, plus one.
                number = bisect.bisect_right(starts, position) - 1
                found.add(number)
                if number == last:
                    break
                position = view.find(probe, starts[number + 1])
        return found

    @property
    def words_view(self) -> str:
        """``spaced`` with every white space a plain space, and one more at the end: a word of
        sentence ``n`` is found as " word " at or after ``starts[n]``."""
        if not self._words_view:
            self._words_view = " " + blank_punctuation(self.text, spaces=True) + " "
        return self._words_view

    def count(self, probe: str) -> int:
        """How often ``probe`` (lower-case) occurs in the body; remembered."""
        counts = self._counts
        found = counts.get(probe)
        if found is None:
            found = counts[probe] = self.text.count(probe)
        return found

    def sentences_containing(self, marks: Iterable[str]) -> set[int]:
        """Numbers of the sentences holding any of ``marks`` (lower-case substrings)."""
        text = self.text
        starts = self._starts
        found: set[int] = set()
        for mark in marks:
            position = text.find(mark)
            while position != -1:
                number = bisect.bisect_right(starts, position) - 1
                found.add(number)
                following = starts[number + 1] if number + 1 < len(starts) else len(text)
                position = text.find(mark, following)
        return found

    @property
    def spaced(self) -> str:
        """``text`` with a space in front and punctuation blanked (same offsets, plus one)."""
        if not self._spaced:
            self._spaced = " " + blank_punctuation(self.text)
        return self._spaced

    def sentences_with_beginnings(self, beginnings: Iterable[str]) -> dict[int, int]:
        """Sentence number -> how many of ``beginnings`` start a word in it: ``str.find`` over
        the lower-cased body with punctuation blanked, no tokeniser."""
        spaced = self.spaced
        starts = self.starts
        found: dict[int, set[str]] = {}
        for beginning in beginnings:
            probe = " " + beginning
            position = spaced.find(probe)
            while position != -1:
                number = bisect.bisect_right(starts, position) - 1  # position - 1 + 1 for the lead space
                found.setdefault(number, set()).add(beginning)
                position = spaced.find(probe, position + 1)
        return {number: len(hits) for number, hits in found.items()}

    @property
    def names(self) -> frozenset[str]:
        """Words the body capitalises mid-sentence: names, mostly."""
        if self._names is None:
            joined = "\n".join(s.text for s in self.sentences)
            self._names = frozenset(
                w.removesuffix("'s").removesuffix("’s").rstrip("'’") for w in set(_MID_CAPITAL.findall(joined))
            )
        return self._names

    @property
    def links(self) -> ActorLinks:
        """The words of each multi-word name run ("Governor Alma Castell") as one party."""
        if self._links is None:
            links = ActorLinks()
            texts = [s.text for s in self.sentences]
            # One search over the sentences joined by a character a run cannot cross (no space,
            # letter or digit), not one per sentence: the same runs, fewer calls.
            joined = _NO_RUN.join(texts) if not any(_NO_RUN in t for t in texts) else None
            for text in texts if joined is None else (joined,):
                for run in _NAME_RUN.findall(text):
                    links.link(actor_keys(run.split(), self.lex))
            self._links = links
        return self._links

    def sentence_mentions(self, number: int) -> tuple[Mention, ...]:
        """Every event mention of body sentence ``number``, read once."""
        found = self._sentence_mentions.get(number)
        if found is None:
            found = tuple(sentence_mentions(self.sentences[number].text, self.lex, self.names))
            self._sentence_mentions[number] = found
        return found

    def framing(self, number: int, claims: ClaimLexicon) -> str | None:
        """``sentence_framing`` of sentence ``number``, read once per claims lexicon."""
        key = (number, id(claims))
        if key not in self._framing:
            self._framing[key] = sentence_framing(self, number, self.lex, claims)
        return self._framing[key]

    def stands_flat(self, number: int, claims: ClaimLexicon) -> bool:
        """Sentence ``number`` is neither a question, nor attributed, nor hedged (decided once
        per sentence text by ``stands_unqualified``)."""
        return stands_unqualified(self._doc, self.sentences[number].text, claims)

    def iter_mentions(self, classes: frozenset[str]) -> Iterator[BodyMention]:
        """``mentions(classes)`` read one sentence at a time, for a caller that may stop early."""
        found = self._mentions.get(classes)
        if found is not None:
            yield from found
            return
        for number in sorted(self.sentences_with(self.lex.forms_of(classes))):
            sentence = self.sentences[number]
            for mention in self.sentence_mentions(number):
                if mention.classes & classes:
                    yield BodyMention(mention, sentence, number)

    def mentions(
        self, classes: frozenset[str] | None = None, within: set[int] | None = None
    ) -> tuple[BodyMention, ...]:
        """Event mentions of the body (of the given predicate classes, or all; in the sentences
        numbered ``within``, or all), in order. Only sentences holding a form of one of those
        classes are tokenised."""
        key = classes if classes is not None else frozenset({"*"})
        found = self._mentions.get(key)
        if found is not None:
            return found if within is None else tuple(b for b in found if b.number in within)
        lex = self.lex
        forms = lex.first_words if classes is None else lex.forms_of(classes)
        out: list[BodyMention] = []
        numbers = self.sentences_with(forms)
        for number in sorted(numbers if within is None else numbers & within):
            sentence = self.sentences[number]
            for mention in self.sentence_mentions(number):
                if classes is None or mention.classes & classes:
                    out.append(BodyMention(mention, sentence, number))
        found = tuple(out)
        if within is None:
            self._mentions[key] = found
        return found


_MID_CAPITAL = lazy_compile(r"(?<=[\p{L}\p{N},;)’'%]\s+)\p{Lu}[\p{L}\p{N}'’.-]*")
_NO_RUN = "\x00"
_NAME_RUN = lazy_compile(r"\p{Lu}[\p{L}\p{N}'’.-]*(?:\s+\p{Lu}[\p{L}\p{N}'’.-]*)+")


PUNCTUATION = lazy_compile(r"[^\p{L}\p{N}'’\s-]")


@lru_cache(maxsize=2)
def _ascii_blanking(spaces: bool) -> bytes:
    """A byte table: each ASCII character ``PUNCTUATION`` matches (and, with ``spaces``, each
    white space) becomes a space; the bytes of wider characters stay."""
    return bytes(
        0x20 if b < 0x80 and (PUNCTUATION.match(chr(b)) or (spaces and chr(b).isspace())) else b for b in range(256)
    )


_ASCII_BYTES = bytes(range(0x80))
_WIDE_BLANKED: dict[str, bool] = {}


def blank_punctuation(text: str, spaces: bool = False) -> str:
    """``PUNCTUATION.sub(" ", text)`` (with ``spaces``, every white space a plain space too), by
    byte translation: one regex match per punctuation mark costs more than the whole
    translation. Wider characters are looked up one distinct character at a time."""
    data = text.encode("utf-8", "surrogatepass")
    blanked = data.translate(_ascii_blanking(spaces)).decode("utf-8", "surrogatepass")
    if len(data) != len(text):
        for char in set(data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")):
            punctuation = _WIDE_BLANKED.get(char)
            if punctuation is None:
                punctuation = _WIDE_BLANKED[char] = PUNCTUATION.match(char) is not None
            if punctuation or (spaces and char.isspace()):
                blanked = blanked.replace(char, " ")
    return blanked


def stands_unqualified(doc: Document, sentence: str, claims: ClaimLexicon) -> bool:
    """Neither a question, nor attributed (verb, quotation, "according to"), nor hedged: decided
    once per sentence text and article, for every rule that asks (NL301 asks it of the sentences
    citing a doubtful source and again of the restatements)."""
    cache = doc.cache.get("claims:unqualified")
    if not isinstance(cache, dict):
        cache = doc.cache["claims:unqualified"] = {}
    key = (sentence, id(claims))
    found = cache.get(key)
    if found is None:
        found = cache[key] = not (
            is_question(sentence) or is_attributed(sentence, claims) or has_hedge(sentence, claims)
        )
    return bool(found)


def body_sentences(doc: Document) -> list[Sentence]:
    """The writer's running prose: no headings or headline lines, quoted blocks or footnotes."""
    return [
        s
        for s in all_sentences(doc)
        if s.block.kind not in NOT_WRITERS_VOICE and s.block.kind != "heading" and not s.block.headline
    ]


class _Paragraphs:
    """The writer's body blocks, lower-cased (``lowered``); as written with punctuation blanked
    and a space in front (``raw``), and their words (``words``): a byte translation and a split
    per paragraph, cheap enough to make for every paragraph at once."""

    def __init__(self, doc: Document) -> None:
        text = doc.text
        self.lowered = [
            text[b.content_start : b.content_end].lower()
            for b in doc.prose_blocks()
            if b.kind not in NOT_WRITERS_VOICE and b.kind != "heading" and not b.headline
        ]
        self.raw = [" " + blank_punctuation(paragraph) for paragraph in self.lowered]
        self.words = [frozenset(paragraph.split()) for paragraph in self.raw]


def _paragraphs(doc: Document) -> _Paragraphs:
    cached = doc.cache.get("events:paragraphs")
    if not isinstance(cached, _Paragraphs):
        cached = doc.cache["events:paragraphs"] = _Paragraphs(doc)
    return cached


def paragraph_words(doc: Document) -> list[frozenset[str]]:
    """The words of each of ``raw_paragraphs``."""
    return _paragraphs(doc).words


def raw_paragraphs(doc: Document) -> list[str]:
    """The writer's body blocks as written, lower-cased, punctuation blanked, with a space in
    front: a superset of their prose words for prechecks that must not split sentences."""
    return _paragraphs(doc).raw


def some_paragraph_holds(doc: Document, marks: tuple[str, ...], words: frozenset[str]) -> bool:
    """Whether one of ``raw_paragraphs`` holds one of ``marks`` (letters only) and one of
    ``words``."""
    paragraphs = _paragraphs(doc)
    return any(
        any(mark in raw for mark in marks) and not words.isdisjoint(found)
        for raw, found in zip(paragraphs.raw, paragraphs.words, strict=True)
    )


def event_index(doc: Document, lex: EventLexicon) -> EventIndex:
    cached = doc.cache.get("events:index")
    if isinstance(cached, EventIndex) and cached.lex is lex:
        return cached
    index = EventIndex(doc, lex)
    doc.cache["events:index"] = index
    return index


# ---------------------------------------------------------------------------- framing

# A denial of the account itself, not of something else the sentence mentions.
_DENIAL = lazy_compile(
    r"\b(?:claims?|reports?|allegations?|accounts?|assertions?)\b[^.;]{0,40}?\b(?:denied|denies|disputed|disputes"
    r"|rejected|rejects|dismissed|dismisses|refuted|refutes)\b"
    r"|\b(?:denied|denies|deny|denying|disputed|disputes|refuted|refutes|dismissed)\s+"
    r"(?:(?:the|this|that|these|those|such)\s+)?(?:claims?|reports?|allegations?|accounts?)\b"
    r"|\b(?:denied|denies|deny|denying)\s+(?:that|having|it|this)\b",
    regex.IGNORECASE,
)
_CLAUSE_END = lazy_compile(r"[,;:—–(]|\b(?:but|while|whereas|although|though|and)\b", regex.IGNORECASE)
# How far before the predicate a hedge word still governs it ("could be built and launched").
_HEDGE_REACH = 60


def claim_framing(index: EventIndex, body: BodyMention, lex: ClaimLexicon) -> str | None:
    """Why the sentence only reports the event and does not assert it, or ``None``: a
    verification cue anywhere in it ("could not be independently verified"), a denial of the
    account ("a claim the ministry denied"), a hedge word governing the predicate ("allegedly
    seized", "may have shot down", "claimed to have taken"), or a next sentence that says it
    could not be verified. Mere attribution ("the ministry said") is reporting, not doubt."""
    text = body.sentence.text
    cue = find_hedge(text, lex)
    if cue is not None and cue.kind == "verification":
        return cue.text
    denial = _DENIAL.search(text)
    if denial is not None:
        return str(denial.group())
    if cue is not None:
        start = max(0, body.mention.start - _HEDGE_REACH)
        window = text[start : body.mention.start]
        breaks = list(_CLAUSE_END.finditer(window))
        if breaks:
            window = window[breaks[-1].end() :]
        near = find_hedge(window, lex)
        if near is not None:
            return near.text
    following = index.next_sentence(body.number)
    if following is not None and hedges_previous(following.text, lex):
        verification = lex.verification_re.search(following.text)
        return str(verification.group()) if verification is not None else "could not be verified"
    return None


_RELATIVE_BEFORE = frozenset({"who", "that", "which", "whom"})


def report_cue(text: str, lex: EventLexicon) -> str | None:
    """The cue that presents the sentence's content as a report or claim ("allegedly", "it has
    been claimed", "according to reports"), skipping one inside a relative clause about a
    participant ("the woman who claimed to ...")."""
    for match in lex.report_re.finditer(text):
        before = text[max(0, match.start() - 15) : match.start()].lower().split()
        if before and before[-1] in _RELATIVE_BEFORE:
            continue
        return str(match.group())
    return None


_REPORT_MARKS = (
    "alleg",
    "purport",
    "suppos",
    "unconfirm",
    "unverif",
    "rumo",
    "claim",
    "report",
    "according",
    "source",
    "verif",
    "confirm",
    "corrob",
)
_VERIFICATION_MARKS = ("verif", "confirm", "corrob", "substant", "unproven", "disput", "reached", "evidence")
_DENIAL_MARKS = ("deni", "deny", "disput", "reject", "dismiss", "refut")


def _holds(low: str, marks: tuple[str, ...]) -> bool:
    return any(mark in low for mark in marks)


def sentence_framing(index: EventIndex, number: int, lex: EventLexicon, claims: ClaimLexicon) -> str | None:
    """Why body sentence ``number`` reports rather than asserts, whatever it is about: a report
    cue, a verification cue, a denial of the account, or a next sentence that says it could
    not be verified."""
    text = index.sentences[number].text
    low = text.lower()
    # Each test runs only when the sentence holds a word its patterns need: most sentences
    # compile and search nothing (a one-article run pays no pattern compilation for them).
    if _holds(low, _REPORT_MARKS):
        cue = report_cue(text, lex)
        if cue is not None:
            return cue
    if _holds(low, ("claim", "alleg")):
        claimed = claimed_by_source(text, claims)
        if claimed is not None:
            return claimed  # "the command claims its units ...": a party's claim
    if _holds(low, _VERIFICATION_MARKS):
        hedge = find_hedge(text, claims)
        if hedge is not None and hedge.kind == "verification":
            return hedge.text
    if _holds(low, _DENIAL_MARKS):
        denial = _DENIAL.search(text)
        if denial is not None:
            return str(denial.group())
    following = index.next_sentence(number)
    if (
        following is not None
        and _holds(following.text.lower(), _VERIFICATION_MARKS)
        and hedges_previous(following.text, claims)
    ):
        verification = claims.verification_re.search(following.text)
        return str(verification.group()) if verification is not None else "could not be verified"
    return None
