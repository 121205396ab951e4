"""NL304: the same event hedged in one place of the article and stated flatly in another.

"The same event" is the event model of ``newslint.text.events`` (predicate class, actor,
target), shared with NL305 through ``newslint.rules.event_index``; headlines are NL305's.
"""

from __future__ import annotations

import bisect

import regex

from newslint.findings import Severity
from newslint.lazyre import lazy_compile
from newslint.rule import Context, Rule
from newslint.rules.event_index import BodyMention, EventIndex, event_index, sentence_framing
from newslint.syntax.nodes import Document
from newslint.text.claims import ClaimLexicon, default_lexicon, find_attribution, find_hedge, is_question
from newslint.text.events import EventLexicon, Mention, event_lexicon


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _names(text: str, index: EventIndex) -> frozenset[str]:
    """The specific names of a target: capitalised words the article does not use everywhere
    ("Oblast", "Ukraine" in a war report name no one place)."""
    common = max(3, len(index.sentences) // 10)
    return frozenset(
        key
        for word in text.split()
        if word[:1].isupper() and index.text.count(" " + (key := word[:5].lower())) <= common
    )


def _same_event(index: EventIndex, flat: Mention, hedged: Mention) -> bool:
    """Same predicate class, the same target (by class, or a name both targets hold: "the
    airport" and "Karpivka" are not the same place), and actors that can be one party."""
    if not flat.classes & hedged.classes:
        return False
    shared_names = _names(flat.target, index) & _names(hedged.target, index)
    if not flat.target_classes & hedged.target_classes and not shared_names:
        return False
    if flat.actor_keys is None or hedged.actor_keys is None:
        return True
    return index.links.same(flat.actor_keys, hedged.actor_keys)


class HedgeDropped(Rule):
    """A claim the article reports as unverified in one place and states flatly in another.

    **What it flags**: a body sentence that states an event plainly (no attribution, hedge or
    question) when another sentence of the article tells the same event as a claim: with
    "allegedly", "it has been claimed", "according to unconfirmed reports", "could not be
    independently verified" (in it or in the next sentence), or a denial of the account. Two
    sentences tell the same event when their predicates are of one class ("seized", "captured",
    "took"), their targets meet (by class, "truce"/"ceasefire", or a shared word) and their
    actors can be one party (the event model NL305 uses). Headlines are NL305's business.
    Reported at the flat sentence, naming the line of the hedged one. Off by default: enable it
    with ``extend-select = ["NL304"]``.

    **Why it matters**: a hedge in paragraph five does not reach the reader of paragraph two;
    the flat version is the one that gets quoted and shared.

    **Example**:

    ```text
    Fighting Near the Border

    Rebel fighters captured the northern airport on Sunday.

    Rebels say they have seized the airport, though the claim could not be independently verified.
    ```

    The first sentence drops the hedge the second keeps. Not flagged: both attribute it.

    ```text
    Fighting Near the Border

    Rebel fighters say they captured the northern airport on Sunday.

    Rebels say they have seized the airport, though the claim could not be independently verified.
    ```

    **Fix**: carry the attribution or the hedge into the flat sentence ("Rebels say they
    captured ..."). No automatic fix.
    """

    code = "NL304"
    name = "hedge-dropped"
    severity = Severity.WARNING
    default_enabled = False

    def check(self, doc: Document, ctx: Context) -> None:
        lex = event_lexicon(tuple(ctx.pack_files))
        claims = default_lexicon(tuple(ctx.pack_files))
        index = event_index(doc, lex)
        hedged = _hedged_sentences(index, lex, claims)
        if not hedged:
            return
        hedged_mentions = [b for b in index.mentions() if b.index in hedged]
        if not hedged_mentions:
            return
        classes = frozenset().union(*(b.mention.classes for b in hedged_mentions))
        reported: set[int] = set()
        for flat in index.mentions(classes):
            if flat.index in hedged or flat.index in reported:
                continue
            match = next((h for h in hedged_mentions if _same_event(index, flat.mention, h.mention)), None)
            if match is None or not _stands_flat(flat, claims):
                continue
            reported.add(flat.index)
            line, _ = doc.position(match.sentence.start)
            ctx.report(
                flat.sentence.start,
                flat.sentence.end,
                f"states flatly what line {line} reports only as a claim ('{_quote(hedged[match.index])}')",
            )


def _stands_flat(body: BodyMention, claims: ClaimLexicon) -> bool:
    text = body.sentence.text
    return not is_question(text) and find_attribution(text, claims) is None and find_hedge(text, claims) is None


# Cues that name a source without doubting it ("reported that", "according to reports"): the
# flat sentence may rest on other reporting. NL304 wants doubt: alleged, claimed, unverified.
_ATTRIBUTION_ONLY = lazy_compile(r"\b(?:report|according|sources?)", regex.IGNORECASE)


def _hedged_sentences(index: EventIndex, lex: EventLexicon, claims: ClaimLexicon) -> dict[int, str]:
    """Sentence number -> the cue that makes it report rather than assert. Only sentences in
    which a cue pattern matches on the joined body (one pass) are examined one by one; a
    verification sentence also marks the sentence before it."""
    text = index.text
    starts = index.starts
    candidates: set[int] = set()
    for pattern in (lex.report_re, claims.verification_re):
        for match in pattern.finditer(text):
            number = bisect.bisect_right(starts, match.start()) - 1
            candidates |= {number, number - 1}
    found: dict[int, str] = {}
    for number in sorted(n for n in candidates if n >= 0):
        cue = sentence_framing(index, number, lex, claims)
        if cue is not None and not cue.lower().startswith("no ") and not _ATTRIBUTION_ONLY.search(cue):
            found[number] = cue
    return found


RULES = [HedgeDropped]
