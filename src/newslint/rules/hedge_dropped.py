"""NL304: the same event hedged in one place of the article and stated flatly in another.

"The same event" is the event model of ``newslint.text.events`` (predicate class, actor,
target), shared with NL305 through ``newslint.rules.event_index``; headlines are NL305's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex

from newslint.findings import Severity
from newslint.lazyre import lazy_compile
from newslint.rule import Context, Rule
from newslint.rules.event_index import (
    BodyMention,
    EventIndex,
    event_index,
    some_paragraph_holds,
)
from newslint.syntax.nodes import Document
from newslint.text.claims import ClaimLexicon, default_lexicon
from newslint.text.events import EventLexicon, Mention, event_lexicon

# Every doubt cue holds one of these (lower-case): sentences without any are never examined.
DOUBT_MARKS = (
    "alleg", "purport", "suppos", "unconfirm", "unverif", "rumo", "claim", "verif", "confirm",
    "corrobor", "substantiat", "denie", "deny", "disput", "refut", "dismiss",
)
# The marks of a cue that may point back from the next sentence ("This could not be verified").
_BACKWARD_MARKS = ("verif", "confirm", "corrobor", "substantiat")


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
        if word[:1].isupper() and index.count(" " + (key := word[:5].lower())) <= common
    )


def _same_event(index: EventIndex, flat: Mention, hedged: Mention) -> bool:
    """Same predicate class, the same target (by class, or a name both targets hold: "the
    airport" and "Karpivka" are not the same place), and actors that can be one party."""
    if not flat.classes & hedged.classes:
        return False
    shared_names = _names(flat.target, index) & _names(hedged.target, index)
    if not flat.target_classes & hedged.target_classes and not shared_names:
        return False
    if flat.actor_keys is None or hedged.actor_keys is None or not flat.named or not hedged.named:
        return True  # "units" and "rebels" may be one party; only two names can differ
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
        for flat, hedged, cue in restatements(doc, lex, claims):
            line, _ = doc.position(hedged.sentence.start)
            ctx.report(
                flat.sentence.start,
                flat.sentence.end,
                f"states flatly what line {line} reports only as a claim ('{_quote(cue)}')",
            )


def restatements(
    doc: Document,
    lex: EventLexicon,
    claims: ClaimLexicon,
    cue_ok: Callable[[str], bool] = lambda cue: True,
    later_only: bool = False,
    marks: tuple[str, ...] = DOUBT_MARKS,
    same_paragraph: bool = False,
) -> Iterator[tuple[BodyMention, BodyMention, str]]:
    """(flat sentence's mention, the doubted mention it restates, the doubt cue), at most one per
    flat sentence: the same event told plainly where another sentence (an earlier one, with
    ``later_only``) reports it as a claim with a cue ``cue_ok`` accepts and holding one of
    ``marks`` (with ``same_paragraph``, in a paragraph that also holds a predicate form: a
    cue in the next sentence does not count)."""
    low = doc.text.lower()
    if not any(mark in low for mark in marks):
        return  # no doubt cue anywhere: not even the sentence split is needed
    if same_paragraph and not some_paragraph_holds(doc, marks, lex.first_words):
        return  # the claim cue must stand with an event: no paragraph holds both
    index = event_index(doc, lex)
    hedged = {n: cue for n, cue in _hedged_sentences(index, lex, claims, marks).items() if cue_ok(cue)}
    if not hedged:
        return
    hedged_mentions = [
        BodyMention(mention, index.sentences[number], number)
        for number in sorted(hedged)
        for mention in index.sentence_mentions(number)
        if _governs(index.sentences[number].text, hedged[number], mention)
    ]
    if not hedged_mentions:
        return
    classes = frozenset().union(*(b.mention.classes for b in hedged_mentions))
    # A restatement shares a specific target name or a target class with a doubted mention:
    # only sentences holding one are read for events.
    names = frozenset().union(*(_names(b.mention.target, index) for b in hedged_mentions))
    targets = frozenset().union(*(b.mention.target_classes for b in hedged_mentions))
    within = set(index.sentences_with_beginnings(names)) | set(index.sentences_with(lex.words_of(targets)))
    # Only sentences that state something flatly can restate it: that test is cheaper than
    # reading a sentence's events, so it runs first.
    # With ``later_only``, nothing before the first doubted sentence can restate it.
    first = min(b.number for b in hedged_mentions) if later_only else -1
    within = {
        number
        for number in within.intersection(index.sentences_with(lex.forms_of(classes)))
        if number > first and number not in hedged and index.stands_flat(number, claims)
    }
    reported: set[int] = set()
    for flat in index.mentions(classes, within):
        if flat.number in reported:
            continue
        match = next(
            (
                h
                for h in hedged_mentions
                if (not later_only or h.number < flat.number) and _same_event(index, flat.mention, h.mention)
            ),
            None,
        )
        if match is None:
            continue
        reported.add(flat.number)
        yield flat, match, hedged[match.number]


def _governs(text: str, cue: str, mention: Mention) -> bool:
    """Whether the cue doubts this event: a word cue ("allegedly", "claims") only what follows
    it ("Russia demanded ..., allegedly blocked" doubts the blocking, not the demand); a
    verification cue, or one in the next sentence, the whole sentence."""
    position = text.find(cue)
    if position < 0 or _SENTENCE_WIDE.search(cue):
        return True
    between = text[position + len(cue) : mention.start]
    return position < mention.start and len(between) <= _REACH and not _CLAUSE_BREAK.search(between)


# Cues that qualify the whole sentence wherever they stand ("..., it has been claimed.").
_SENTENCE_WIDE = lazy_compile(
    r"verif|confirm|corroborat|denied|denies|deny|disput|refut|dismiss|according|^it\s", regex.IGNORECASE
)
_CLAUSE_BREAK = lazy_compile(r"[,;:()—–]")
_REACH = 60


# Cues that name a source without doubting it ("reported that", "according to reports"): the
# flat sentence may rest on other reporting. NL304 wants doubt: alleged, claimed, unverified.
_ATTRIBUTION_ONLY = lazy_compile(r"\b(?:report|according|sources?)", regex.IGNORECASE)


def _hedged_sentences(
    index: EventIndex, lex: EventLexicon, claims: ClaimLexicon, marks: tuple[str, ...] = DOUBT_MARKS
) -> dict[int, str]:
    """Sentence number -> the doubt cue that makes it report rather than assert. Only sentences
    holding one of ``marks`` (``str.find`` over the body) are read one by one; one holding a
    verification mark may also hedge the sentence before it."""
    candidates = index.sentences_containing(marks)
    candidates |= {n - 1 for n in index.sentences_containing(tuple(m for m in marks if m in _BACKWARD_MARKS))}
    found: dict[int, str] = {}
    for number in sorted(n for n in candidates if n >= 0):
        cue = index.framing(number, claims)
        if cue is not None and not cue.lower().startswith("no ") and not _ATTRIBUTION_ONLY.search(cue):
            found[number] = cue
    return found


RULES = [HedgeDropped]
