"""The article's events, read once and shared by the rules that compare claims (NL304-NL306).

Builds, per document and cached on it: the body sentences in the writer's voice, the names the
article capitalises mid-sentence, which actor keys name the same party (``ActorLinks``), and the
event mentions of every body sentence. No rules live here.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from newslint.lazyre import lazy_compile
from newslint.syntax.nodes import Document
from newslint.syntax.prose import Sentence, all_sentences
from newslint.text.claims import ClaimLexicon, content_keys, find_hedge, hedges_previous
from newslint.text.events import (
    ActorLinks,
    EventLexicon,
    Mention,
    Token,
    actor_keys,
    name_runs,
    sentence_mentions,
    tokenize,
)

# Quoted blocks are someone else's words; footnote definitions are the sources themselves.
NOT_WRITERS_VOICE = frozenset({"block_quote", "footnote_def"})
_OPENERS = frozenset({".", "!", "?", '"', "“", ":", "(", "—", "–"})


@dataclass(frozen=True, slots=True)
class BodyMention:
    mention: Mention
    sentence: Sentence
    index: int  # position of the sentence in ``EventIndex.sentences``


@dataclass(frozen=True)
class EventIndex:
    sentences: tuple[Sentence, ...]
    names: frozenset[str]
    links: ActorLinks
    mentions: tuple[BodyMention, ...]
    keys: tuple[frozenset[str], ...]  # content keys of each sentence

    def next_sentence(self, index: int) -> Sentence | None:
        return self.sentences[index + 1] if index + 1 < len(self.sentences) else None


def body_sentences(doc: Document) -> list[Sentence]:
    """The writer's running prose: no headings or headline lines, quoted blocks or footnotes."""
    return [
        s
        for s in all_sentences(doc)
        if s.block.kind not in NOT_WRITERS_VOICE and s.block.kind != "heading" and not s.block.headline
    ]


def event_index(doc: Document, lex: EventLexicon) -> EventIndex:
    cached = doc.cache.get("events:index")
    if isinstance(cached, EventIndex):
        return cached
    body = body_sentences(doc)
    tokens = [tokenize(s.text) for s in body]
    names = frozenset(
        t.text.removesuffix("'s").removesuffix("’s")
        for sentence_tokens in tokens
        for i, t in enumerate(sentence_tokens)
        if i > 0 and t.capitalised and sentence_tokens[i - 1].text not in _OPENERS
    )
    links = ActorLinks()
    mentions: list[BodyMention] = []
    first_words = lex.first_words
    for index, (sentence, sentence_tokens) in enumerate(zip(body, tokens, strict=True)):
        for start, end in name_runs(sentence_tokens, names):
            if end - start > 1:
                links.link(actor_keys(_words(sentence_tokens[start:end]), lex))
        if first_words.isdisjoint(t.low for t in sentence_tokens):
            continue
        for mention in sentence_mentions(sentence.text, lex, names, sentence_tokens):
            mentions.append(BodyMention(mention, sentence, index))
    index_ = EventIndex(tuple(body), names, links, tuple(mentions), tuple(content_keys(s.text) for s in body))
    doc.cache["events:index"] = index_
    return index_


def _words(tokens: list[Token]) -> list[str]:
    return [t.text for t in tokens if t.is_word]


# ---------------------------------------------------------------------------- framing

# A denial of the account itself, not of something else the sentence mentions.
_DENIAL = lazy_compile(
    r"\b(?:claims?|reports?|allegations?|accounts?|assertions?)\b[^.;]{0,40}?\b(?:denied|denies|disputed|disputes"
    r"|rejected|rejects|dismissed|dismisses|refuted|refutes)\b"
    r"|\b(?:denied|denies|deny|denying|disputed|disputes|refuted|refutes|dismissed)\s+(?:the|this|that|these|those|such)"
    r"\s+(?:claims?|reports?|allegations?|accounts?)\b"
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
