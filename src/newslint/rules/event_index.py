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
from newslint.text.claims import ClaimLexicon, find_hedge, hedges_previous, quotation_spans
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
    index_ = EventIndex(tuple(body), names, links, tuple(mentions))
    doc.cache["events:index"] = index_
    return index_


def _words(tokens: list[Token]) -> list[str]:
    return [t.text for t in tokens if t.is_word]


# ---------------------------------------------------------------------------- framing

_DENIAL = lazy_compile(
    r"\b(?:denied|denies|deny|denying|rejected\s+(?:the|that|this)\s+(?:claim|report|account|allegation)s?"
    r"|dismissed\s+(?:the|that|this)\s+(?:claim|report|account|allegation)s?|disputed|refuted|false(?:ly)?)\b",
    regex.IGNORECASE,
)


def claim_framing(index: EventIndex, body: BodyMention, lex: ClaimLexicon) -> str | None:
    """Why the sentence only reports the event and does not assert it, or ``None``: a hedge or
    verification cue in it ("could not be independently verified", "allegedly", "may"), a denial
    beside it ("a claim the ministry denied"), the mention inside quotation marks, or a next
    sentence that says it could not be verified."""
    text = body.sentence.text
    start = body.mention.start
    if any(a <= start < b for a, b in quotation_spans(text)):
        return "quoted"
    cue = find_hedge(text, lex)
    if cue is not None:
        return cue.text
    denial = _DENIAL.search(text)
    if denial is not None:
        return str(denial.group())
    following = index.next_sentence(body.index)
    if following is not None and hedges_previous(following.text, lex):
        verification = lex.verification_re.search(following.text)
        return str(verification.group()) if verification is not None else "could not be verified"
    return None
