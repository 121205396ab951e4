"""The article's events, read once and shared by the rules that compare claims (NL304-NL306).

Builds, per document and cached on it: the body sentences in the writer's voice, the names the
article capitalises mid-sentence, which actor keys name the same party (``ActorLinks``), and the
event mentions of every body sentence. No rules live here.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from newslint.lazyre import lazy_compile
from newslint.syntax.nodes import Document
from newslint.syntax.prose import Sentence, all_sentences
from newslint.text.claims import ClaimLexicon, find_hedge, hedges_previous
from newslint.text.events import ActorLinks, EventLexicon, Mention, actor_keys, sentence_mentions

# Quoted blocks are someone else's words; footnote definitions are the sources themselves.
NOT_WRITERS_VOICE = frozenset({"block_quote", "footnote_def"})


@dataclass(frozen=True, slots=True)
class BodyMention:
    mention: Mention
    sentence: Sentence
    index: int  # position of the sentence in ``EventIndex.sentences``


class EventIndex:
    """What the event rules need of one article, each part computed on first use: most articles
    never need the event mentions (their headline has no known predicate) or the sentence keys
    (their body has no report cue)."""

    def __init__(self, doc: Document, lex: EventLexicon) -> None:
        self.lex = lex
        self.sentences: tuple[Sentence, ...] = tuple(body_sentences(doc))
        self._names: frozenset[str] | None = None
        self._links: ActorLinks | None = None
        self._mentions: dict[frozenset[str], tuple[BodyMention, ...]] = {}
        self._text: str | None = None
        self._starts: list[int] = []
        self._spaced = ""

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
    def starts(self) -> list[int]:
        """Where each sentence starts in ``text``."""
        self.text  # noqa: B018 - builds the joined view and its starts
        return self._starts

    def sentences_with(self, words: Iterable[str]) -> dict[int, set[str]]:
        """Sentence number -> which of ``words`` (lower-case) it holds as whole words: one
        regex pass over the body."""
        pattern = _words_pattern(frozenset(words))
        if pattern is None:
            return {}
        text = self.text
        starts = self._starts
        found: dict[int, set[str]] = {}
        for match in pattern.finditer(text):
            number = bisect.bisect_right(starts, match.start()) - 1
            found.setdefault(number, set()).add(match.group())
        return found

    def sentences_with_beginnings(self, beginnings: Iterable[str]) -> dict[int, int]:
        """Sentence number -> how many of ``beginnings`` start a word in it: ``str.find`` over
        the lower-cased body with punctuation blanked, no tokeniser."""
        text = self.text
        if not self._spaced:
            self._spaced = " " + _PUNCTUATION.sub(" ", text)
        spaced = self._spaced
        starts = self._starts
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
        """The words of each multi-word name run ("Ukrainian President Volodymyr Zelensky") as one party."""
        if self._links is None:
            links = ActorLinks()
            for sentence in self.sentences:
                for run in _NAME_RUN.finditer(sentence.text):
                    links.link(actor_keys(run.group().split(), self.lex))
            self._links = links
        return self._links

    def mentions(self, classes: frozenset[str] | None = None) -> tuple[BodyMention, ...]:
        """Event mentions of the body (of the given predicate classes, or all), in order. Only
        sentences holding a form of one of those classes are tokenised."""
        key = classes if classes is not None else frozenset({"*"})
        found = self._mentions.get(key)
        if found is not None:
            return found
        lex = self.lex
        forms = lex.first_words if classes is None else lex.forms_of(classes)
        names = self.names
        out: list[BodyMention] = []
        for number in sorted(self.sentences_with(forms)):
            sentence = self.sentences[number]
            for mention in sentence_mentions(sentence.text, lex, names):
                if classes is None or mention.classes & classes:
                    out.append(BodyMention(mention, sentence, number))
        self._mentions[key] = found = tuple(out)
        return found


_MID_CAPITAL = lazy_compile(r"(?<=[\p{L}\p{N},;)’'%]\s+)\p{Lu}[\p{L}\p{N}'’.-]*")
_NAME_RUN = lazy_compile(r"\p{Lu}[\p{L}\p{N}'’.-]*(?:\s+\p{Lu}[\p{L}\p{N}'’.-]*)+")


_PUNCTUATION = lazy_compile(r"[^\p{L}\p{N}'’\s-]")


@lru_cache(maxsize=256)
def _words_pattern(words: frozenset[str]) -> Any:
    alternatives = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"\b(?:{alternatives})\b") if alternatives else None


def body_sentences(doc: Document) -> list[Sentence]:
    """The writer's running prose: no headings or headline lines, quoted blocks or footnotes."""
    return [
        s
        for s in all_sentences(doc)
        if s.block.kind not in NOT_WRITERS_VOICE and s.block.kind != "heading" and not s.block.headline
    ]


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
    following = index.next_sentence(body.index)
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


def sentence_framing(index: EventIndex, number: int, lex: EventLexicon, claims: ClaimLexicon) -> str | None:
    """Why body sentence ``number`` reports rather than asserts, whatever it is about: a report
    cue, a verification cue, a denial of the account, or a next sentence that says it could
    not be verified."""
    text = index.sentences[number].text
    cue = report_cue(text, lex)
    if cue is not None:
        return cue
    hedge = find_hedge(text, claims)
    if hedge is not None and hedge.kind == "verification":
        return hedge.text
    denial = _DENIAL.search(text)
    if denial is not None:
        return str(denial.group())
    following = index.next_sentence(number)
    if following is not None and hedges_previous(following.text, claims):
        verification = claims.verification_re.search(following.text)
        return str(verification.group()) if verification is not None else "could not be verified"
    return None
