"""Headlines against their bodies: a headline must say what the article says (NL305, NL306).

Both rules read the headline's events (``newslint.text.events``: actor, predicate class, target)
and compare them with the events of the body (``newslint.rules.event_index``). A headline that
carries its own attribution or hedge ("Kremlin Says ...", "Report: ...", a question, quotation
marks) or an opinion label is never compared: it does not assert the event in the writer's voice.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.findings import Severity
from newslint.rule import Context, Rule
from newslint.rules.event_index import (
    BodyMention,
    EventIndex,
    claim_framing,
    event_index,
    paragraph_words,
    raw_paragraphs,
)
from newslint.rules.hedge_dropped import DOUBT_MARKS
from newslint.syntax.nodes import Document, Headline
from newslint.text.claims import ClaimLexicon, content_keys, default_lexicon, find_hedge
from newslint.text.events import EventLexicon, Mention, event_lexicon, tokenize
from newslint.text.headline_events import MAX_HEADLINE_CHARS, headline_mentions, read_headline

# What _verdict returns when the body has no sentences.
_NO_BODY = "\0no body"


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _headlines(doc: Document) -> Iterator[Headline]:
    """Each distinct headline position once (a plain-text title is listed once per copy), and
    none past MAX_HEADLINE_CHARS: a title line that long is debris, and reading it costs time."""
    seen: set[int] = set()
    for headline in doc.headlines:
        if headline.start not in seen and len(headline.text) <= MAX_HEADLINE_CHARS:
            seen.add(headline.start)
            yield headline


def _asserting_mentions(headline: Headline, lex: EventLexicon, names: frozenset[str]) -> list[Mention]:
    reading = read_headline(headline.text, lex)
    if reading.attribution is not None or reading.opinion is not None:
        return []
    return headline_mentions(reading.text, lex, names)


def _target_relation(headline: Mention, body: Mention) -> bool | None:
    """True: same target; False: a different one; None: the body's target can't be told."""
    if not headline.target_classes and not headline.target_keys:
        return True  # "Minister Resigns": nothing to compare
    if headline.target_classes and body.target_classes:
        return bool(headline.target_classes & body.target_classes)
    if not body.target_keys:
        return None
    if headline.target_keys & body.target_keys:
        return True
    return False if headline.target_classes or body.target_classes else None


def _actor_agrees(index: EventIndex, headline: Mention, body: Mention) -> bool:
    if body.actor_keys is None or not body.named or headline.actor_keys is None:
        return True
    return index.links.same(headline.actor_keys, body.actor_keys)


def _describe(body: Mention) -> str:
    return _quote(f"{body.actor} {body.predicate} {body.target}".strip(), 70)


class UnsupportedHeadline(Rule):
    """A headline states an event the body attributes to someone else, or reports only as a claim.

    **What it flags**: a headline (or the front-matter title) whose event (who did what to
    what: "Okafor Vetoes City Budget") the body tells differently. Predicates are compared by
    class ("reject", "refuse", "turn down" and "refusal" are one), targets by class ("truce"
    and "ceasefire") or shared words, actors by name, with the article's own name runs and the
    capital-for-state aliases joining names of one party ("Mayor Ana Okafor", "Kremlin" for
    Russia). Reported when:

    - every body sentence with the same predicate and target names a different actor ("The
      City Council rejected ... the budget" under "Okafor Vetoes City Budget"); or
    - every body sentence about the event reports it only as a claim: a hedge governing the
      predicate ("allegedly seized", "may have shot down"), a denial of the account ("a claim
      the ministry denied"), or a next sentence saying it could not be verified; or
    - for a headline of four content words or more, the body sentences closest to it (most
      shared words, two or more) all present it as a report or claim ("it has been claimed",
      "according to reports", "sources say") and no other sentence tells it plainly.

    A headline with its own attribution or hedge ("Kremlin Says ...", "Police: ...", "... ?",
    quotation marks, "Rebels Claim ...", "In Talks to", "Study Finds ...", "Former Aide: ..."),
    an opinion label ("Opinion:", "Analysis |") or a denial of its own ("No, ...", "... Is
    Fake") is never flagged; nor is one whose event the body does not mention (see NL306), nor
    one where the body's actor or target can't be read ("she rejected it"). Page labels
    ("LIVE:", "[Video]") and short topic kickers ("Budget row: ...") are set aside before the
    headline is read. A stated plan or a future ("Plans to", "Will Sign") is no hedge: it is
    compared with the body like any other event.

    **Why it matters**: the headline is what most readers see, share and remember. A headline
    that names the wrong party, or turns a contested claim into a fact, misreports the story
    even when every body sentence is right.

    **Example**:

    ```text
    Okafor Vetoes City Budget

    The City Council rejected Mayor Ana Okafor's budget on Tuesday, and she said she would try again.
    ```

    The body says the council rejected the budget, not the mayor. Not flagged: the body
    agrees with the headline.

    ```text
    Okafor Vetoes City Budget

    Mayor Ana Okafor vetoed the council's budget on Tuesday, calling it unaffordable.
    ```

    **Fix**: rewrite the headline so it says what the body reports, or attribute it ("Council
    Says ..."). No automatic fix.
    """

    code = "NL305"
    name = "unsupported-headline"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> None:
        if not doc.headlines:
            return
        lex = event_lexicon(tuple(ctx.pack_files))
        # The verdict depends on the headline's text and the body only: a title repeated (front
        # matter and H1, a plain-text title printed twice) is read once.
        verdicts: dict[str, str | None] = {}
        for headline in _headlines(doc):
            if headline.text not in verdicts:
                verdict = self._verdict(doc, headline.text, lex, ctx)
                if verdict is _NO_BODY:
                    return
                verdicts[headline.text] = verdict
            message = verdicts[headline.text]
            if message is not None:
                ctx.report(headline.start, headline.end, message)

    def _verdict(self, doc: Document, text: str, lex: EventLexicon, ctx: Context) -> str | None:
        """The finding's message for a headline, None, or ``_NO_BODY`` when the body has no
        sentences (then no headline can be judged)."""
        if len(text.split()) < 3:
            return None
        lead = ":" in text or "|" in text
        reading = read_headline(text, lex, event_index(doc, lex).names if lead else frozenset())
        if reading.attribution is not None or reading.opinion is not None:
            return None
        if not _plausible(doc, reading.text, lex):
            return None  # most articles: decided without splitting the body into sentences
        index = event_index(doc, lex)
        if not index.sentences:
            return _NO_BODY
        claims = default_lexicon(tuple(ctx.pack_files))  # built only for articles that get this far
        message: str | None = None
        supported = False
        event = _maybe_event(reading.text, lex)
        for mention in headline_mentions(reading.text, lex, index.names) if event else ():
            supported, message = self._judge(doc, index, mention, text, claims)
            if message is not None or supported:
                break
        if message is None and not supported and lex.denial_re.search(reading.text) is None:
            message = _reported_only(doc, index, reading.text, lex, claims)
        return message

    def _judge(
        self, doc: Document, index: EventIndex, headline: Mention, headline_text: str, claims: ClaimLexicon
    ) -> tuple[bool, str | None]:
        """(the body supports it, a message when it contradicts or only reports it). The body's
        mentions are read in order, and a plain sentence telling the same event with the same
        target settles it: the rest need not be read."""
        related: list[tuple[BodyMention, bool | None]] = []
        framings: list[str] = []  # of the supporting mentions so far, none of them plain
        for body in index.iter_mentions(headline.classes):
            relation = _target_relation(headline, body.mention)
            related.append((body, relation))
            if relation is True and _actor_agrees(index, headline, body.mention):
                framing = claim_framing(index, body, claims)
                if framing is None:
                    return True, None
                framings.append(framing)
        if not related:
            return False, None
        same_event = [
            b for b, relation in related if relation is not False and _actor_agrees(index, headline, b.mention)
        ]
        if same_event:
            supporting = [b for b, relation in related if relation is True and b in same_event]
            if not supporting:
                return False, None  # only "X rejected it": support we can't weigh
            if not _told_flat(index, headline_text, {b.number for b in supporting}, claims):
                line, _ = doc.position(supporting[0].sentence.start)
                return False, (
                    f"headline states as fact what the body only reports as a claim "
                    f"('{_quote(str(framings[0]), 40)}', line {line}); attribute or hedge the headline"
                )
            return True, None
        if headline.actor_keys is None:
            return False, None
        other = [b for b, relation in related if relation is True and b.mention.named]
        if not other:
            return False, None
        first = other[0]
        line, _ = doc.position(first.sentence.start)
        message = (
            f"headline gives '{headline.predicate}' to {headline.actor}, but the body says "
            f"'{_describe(first.mention)}' (line {line})"
        )
        own = [b for b, relation in related if relation is False and not _actor_disagrees(index, headline, b)]
        if own:
            line, _ = doc.position(own[0].sentence.start)
            message += f", and '{_describe(own[0].mention)}' (line {line})"
        return False, message


def _reported_only(
    doc: Document, index: EventIndex, headline: str, lex: EventLexicon, claims: ClaimLexicon
) -> str | None:
    """The body's closest restatement of the headline (most shared content words, two or more)
    presents it as a report or claim: every sentence tied for closest carries a report cue."""
    keys = content_keys(headline)
    if len(keys) < 4:
        return None
    # Keys are five-letter word beginnings, matched as such ("troop" meets "troops").
    overlaps = index.sentences_with_beginnings(keys)
    best = max(overlaps.values(), default=0)
    if best < 2:
        return None
    closest = sorted(number for number, overlap in overlaps.items() if overlap == best)
    framings = [index.framing(number, claims) for number in closest]
    if any(f is None for f in framings):
        return None
    line, _ = doc.position(index.sentences[closest[0]].start)
    return (
        f"headline states as fact what the body only reports as a claim "
        f"('{_quote(str(framings[0]), 40)}', line {line}); attribute or hedge the headline"
    )


def _actor_disagrees(index: EventIndex, headline: Mention, body: BodyMention) -> bool:
    mention = body.mention
    if mention.actor_keys is None or headline.actor_keys is None:
        return True
    return not index.links.same(headline.actor_keys, mention.actor_keys)


def _told_flat(index: EventIndex, headline: str, framed: set[int], lex: ClaimLexicon) -> bool:
    """Whether some other body sentence tells the headline's story in other words, unhedged: it
    holds at least half of the headline's content words (three or more)."""
    keys = content_keys(headline)
    need = max(3, (len(keys) + 1) // 2)
    for number, sentence in enumerate(index.sentences):
        if number in framed or len(keys & content_keys(sentence.text)) < need:
            continue
        cue = find_hedge(sentence.text, lex)
        if cue is None or cue.kind != "verification":
            return True
    return False


# What a body must hold near the headline's words for the closest-restatement check to fire:
# a doubt mark (see hedge_dropped.DOUBT_MARKS) or a reporting one.
_REPORT_MARKS = (*DOUBT_MARKS, "report", "according", "source")


def _plausible(doc: Document, headline: str, lex: EventLexicon) -> bool:
    """Whether either check can fire, from the raw paragraphs only: some paragraph holds a form
    of the headline's predicate, or a paragraph sharing two of its content words holds (or is
    followed by one holding) a report or doubt mark."""
    paragraphs = raw_paragraphs(doc)
    if not paragraphs:
        return False
    tokens = tokenize(headline)
    classes: set[str] = set()
    for i, token in enumerate(tokens):
        found = lex.predicate_at(tokens, i) if token.low in lex.first_words else None
        if found is not None:
            classes |= found[1]
    if classes:
        forms = lex.forms_of(frozenset(classes))
        mentions = headline_mentions(headline, lex, frozenset())
        # The body must also name what the headline's event is done to, if it names anything.
        targets = [" " + key for m in mentions for key in m.target_keys if key[:1] != "="]
        target_words = lex.words_of(frozenset().union(*(m.target_classes for m in mentions)))
        for paragraph, words in zip(paragraphs, paragraph_words(doc), strict=True):
            if forms.isdisjoint(words):
                continue
            if not targets or any(t in paragraph for t in targets) or not target_words.isdisjoint(words):
                return True
    keys = [" " + key for key in content_keys(headline)]
    if len(keys) < 4 or lex.denial_re.search(headline):
        return False
    counts = [sum(1 for key in keys if key in paragraph) for paragraph in paragraphs]
    best = max(counts)
    if best < 2:
        return False
    for number, paragraph in enumerate(paragraphs):
        if counts[number] == best:
            near = paragraph + (paragraphs[number + 1] if number + 1 < len(paragraphs) else "")
            if any(mark in near for mark in _REPORT_MARKS):
                return True
    return False


def _maybe_event(text: str, lex: EventLexicon) -> bool:
    return any(word.strip(".,:;!?\"'“”‘’()[]").lower() in lex.first_words for word in text.split())


class HeadlineWithoutSupport(Rule):
    """A headline whose event nothing in the body speaks about.

    **What it flags**: a headline (or front-matter title) that states an event with a known
    predicate ("Rebels Seize Airport") when no body sentence has a predicate of that class and
    fewer than half of the headline's content words (at least two) occur together in any body
    sentence. Attributed, hedged and opinion headlines are not checked, nor headlines without
    a known predicate. Off by default: enable it with ``extend-select = ["NL306"]``.

    **Why it matters**: a headline the story never backs up is either a leftover from another
    story or a claim the writer added without a source.

    **Example**:

    ```text
    Rebels Seize Northern Airport

    Talks between the government and the rebels resumed in the capital on Monday.
    ```

    Not flagged: the body tells the event.

    ```text
    Rebels Seize Northern Airport

    Rebel fighters captured the northern airport on Monday after a day of fighting.
    ```

    **Fix**: make the headline say what the article reports, or add the reporting that backs
    it. No automatic fix.
    """

    code = "NL306"
    name = "headline-without-support"
    severity = Severity.WARNING
    default_enabled = False

    def check(self, doc: Document, ctx: Context) -> None:
        if not doc.headlines:
            return
        lex = event_lexicon(tuple(ctx.pack_files))
        index: EventIndex | None = None
        for headline in _headlines(doc):
            if not _maybe_event(headline.text, lex):
                continue
            if index is None:
                index = event_index(doc, lex)
            if not index.sentences:
                return
            mentions = _asserting_mentions(headline, lex, index.names)
            if not mentions:
                continue
            classes = frozenset().union(*(m.classes for m in mentions))
            if next(index.iter_mentions(classes), None) is not None:
                continue
            keys = content_keys(read_headline(headline.text, lex).text)
            if len(keys) < 3:
                continue
            need = max(2, (len(keys) + 1) // 2)
            if any(len(keys & content_keys(s.text)) >= need for s in index.sentences):
                continue
            ctx.report(
                headline.start,
                headline.end,
                f"nothing in the body tells what the headline says ('{_quote(mentions[0].predicate, 30)}'); "
                "check the headline against the story",
            )


RULES = [UnsupportedHeadline, HeadlineWithoutSupport]
