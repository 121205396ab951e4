"""Claims: unverified sources stated as fact, vague attributions, unsourced and mis-cited claims.

The rules read sentences (``newslint.syntax.prose``) and decide with the cue finders of
``newslint.text.claims``; every word list comes from the ``claims`` pack, so a house pack that
``extends = "claims"`` changes what they see. The default-on rules are built to cost almost
nothing on an ordinary article: NL301 looks only at sentences citing a source whose own title
marks it unverified, and NL302 searches a paragraph with its patterns only when the paragraph
holds one of their anchor words (a set lookup over ``str.split()``, no regex).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from newslint.findings import Severity
from newslint.lazyre import lazy_compile
from newslint.rule import Context, Rule
from newslint.rules.event_index import stands_unqualified
from newslint.rules.hedge_dropped import restatements
from newslint.syntax.nodes import Block, Document, ReferenceEntry
from newslint.syntax.prose import SENTENCE_INLINES, Sentence, all_sentences, prose_text, sentences
from newslint.text.claims import (
    ClaimLexicon,
    Cue,
    content_keys,
    default_lexicon,
    hedges_previous,
)
from newslint.text.events import event_lexicon
from newslint.text.sources import find_uncertainty_cue
from newslint.text.weasels import find_weasels

# Quoted blocks are someone else's words; footnote definitions are the sources themselves.
_NOT_WRITERS_VOICE = frozenset({"block_quote", "footnote_def"})
_SPACE = lazy_compile(r"\s+")
_URL = lazy_compile(r"\S+://\S+|www\.\S+")


def _lexicon(ctx: Context) -> ClaimLexicon:
    return default_lexicon(tuple(ctx.pack_files))


def _quote(text: str, limit: int = 60) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _writers_blocks(doc: Document) -> Iterator[Block]:
    return (b for b in doc.prose_blocks() if b.kind not in _NOT_WRITERS_VOICE)


def _next_sentence(doc: Document, sentence: Sentence, block_sentences: list[Sentence], index: int) -> Sentence | None:
    """The sentence right after, in the same paragraph or at the start of the next one (a map
    built once per document, so a live blog of thousands of cited paragraphs stays linear)."""
    if index + 1 < len(block_sentences):
        return block_sentences[index + 1]
    following = doc.cache.get("claims:next-sentence")
    if following is None:
        writers = [s for s in all_sentences(doc) if s.block.kind not in _NOT_WRITERS_VOICE]
        following = {s.start: writers[i + 1] for i, s in enumerate(writers[:-1])}
        doc.cache["claims:next-sentence"] = following
    found = following.get(sentence.start)
    return found if isinstance(found, Sentence) else None


# An in-text source that makes its content someone's claim, not a mere report: "the Kremlin
# claims", "allegedly", "according to unconfirmed reports".
_PARTY_CLAIM = lazy_compile(r"claim|alleg|unconfirmed|unverified|rumou?r|purport|suppos", regex.IGNORECASE)
_PARTY_MARKS = ("claim", "alleg", "unconfirm", "unverif", "rumo", "purport", "suppos")

# Cue kinds that mark a *title* as reporting an unverified claim ("Russia claims capture of ..."),
# but in a long footnote are ordinary prose ("earlier editions claimed ...", "the disputed vote").
_WEAK_KINDS = frozenset({"claims", "contested", "speculation", "reportedly"})
_TITLE_WORDS = 20


class UnverifiedClaimAsFact(Rule):
    """A sentence states as fact what its own cited source marks as unverified.

    **What it flags**: a sentence that cites a source (``[1]``, ``[^note]``, ``[text][label]``)
    whose reference entry calls its content unverified or contested ("Claims Unverified",
    "unconfirmed reports", "alleged", "reportedly", "rumours", "according to social media
    posts", "disputed"), while the sentence itself neither attributes the claim (a reporting
    verb with a source, "according to", direct quotation) nor hedges it ("may", "reportedly",
    "remain unverified"), and the sentence right after does not say it could not be verified.
    Questions and quoted blocks are not flagged. Reported at the sentence, naming the source's
    own words.

    Also, with no reference list: a sentence that states plainly an event an earlier sentence
    reports as a party's claim ("the Kremlin claims its troops took Dovzhyk", "according to
    unconfirmed reports", "allegedly") or as unverified. The two are matched as the same event
    (predicate class, target by class or a specific name, actors that can be one party: the
    event model of NL305); mere attribution ("the ministry said") does not make a claim.

    **Why it matters**: the source itself says the claim is not established; printing it in
    the writer's voice turns an unverified report into the publication's assertion. It is the
    error corrections columns are made of.

    **Example**:

    ```text
    Troops Retake Village

    Troops have retaken the village of Nova Hora [1].

    [1] Regional channel says village retaken, claims unverified
    ```

    The sentence asserts what source [1] calls unverified. Not flagged: the same claim
    attributed and hedged.

    ```text
    Troops Retake Village

    A regional channel said troops had retaken Nova Hora [1]. This could not be verified.

    [1] Regional channel says village retaken, claims unverified
    ```

    **Fix**: attribute the claim to whoever made it, hedge it ("reportedly", "could not be
    verified"), or cite a source that confirms it. No automatic fix: the wording is an
    editorial choice.
    """

    code = "NL301"
    name = "unverified-claim-as-fact"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> None:
        reported = self._from_references(doc, ctx)
        events = event_lexicon(tuple(ctx.pack_files))
        found = restatements(
            doc, events, _lexicon(ctx), _PARTY_CLAIM.search, later_only=True, marks=_PARTY_MARKS, same_paragraph=True
        )
        for flat, claimed, cue in found:
            if flat.sentence.start in reported:
                continue
            line, _ = doc.position(claimed.sentence.start)
            ctx.report(
                flat.sentence.start,
                flat.sentence.end,
                f"states as fact what line {line} reports as a claim ('{_quote(cue)}'); attribute or hedge it",
            )

    def _from_references(self, doc: Document, ctx: Context) -> set[int]:
        """Sentences citing a source whose own title calls it unverified; their starts."""
        reported: set[int] = set()
        if not doc.citations or not doc.references:
            return reported
        lex = _lexicon(ctx)
        if not lex.may_mark_uncertain(" ".join(entry.text for entry in doc.references)):
            return reported
        uncertain: dict[str, tuple[ReferenceEntry, Cue]] = {}
        for entry in doc.references:
            if entry.label is None or entry.label in uncertain:
                continue
            cue = find_uncertainty_cue(entry.text, lex)
            if cue is None or (cue.kind in _WEAK_KINDS and len(entry.text.split()) > _TITLE_WORDS):
                continue
            uncertain[entry.label] = (entry, cue)
        if not uncertain:
            return reported
        for block in _writers_blocks(doc):
            if not any(label in uncertain for c in block.citations for label in c.labels):
                continue
            block_sentences = sentences(doc, block)
            for index, sentence in enumerate(block_sentences):
                labels = [label for c in sentence.citations for label in c.labels if label in uncertain]
                if not labels or not stands_unqualified(doc, sentence.text, lex):
                    continue
                following = _next_sentence(doc, sentence, block_sentences, index)
                if following is not None and hedges_previous(following.text, lex):
                    continue
                entry, cue = uncertain[labels[0]]
                reported.add(sentence.start)
                ctx.report(
                    sentence.start,
                    sentence.end,
                    f"states as fact what source {entry.display} calls '{_quote(cue.text)}'; attribute or hedge it",
                )
        return reported


class WeaselAttribution(Rule):
    """A vague, unattributable source standing in for a named one.

    **What it flags**: "some say", "critics argue" with no critic named, "many experts
    believe", "observers believe", "sources suggest", "it is widely believed / thought / said",
    "considered by many", "according to some", "there is speculation that". A name right after
    the vague source ("critics such as Ana Ruiz argue", "experts including ...") cancels it, and
    words inside direct quotation or a quoted block are the speaker's, not the writer's.
    Reported at the phrase.

    **Why it matters**: a claim credited to nobody in particular can't be checked or
    answered, and it lets the writer's opinion pass as a consensus. News style guides
    (AP, Reuters, BBC) ask for the source by name, or at least by role.

    **Example**:

    ```text
    Critics argue the new levy will hurt small farms.
    ```

    Not flagged: the critic is named.

    ```text
    The farmers' union argues the new levy will hurt small farms.
    ```

    **Fix**: name who says it ("the farmers' union argues"), or drop the attribution and
    support the claim with a cited source. No automatic fix.
    """

    code = "NL302"
    name = "weasel-attribution"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> None:
        lex = _lexicon(ctx)
        for block, candidates in _weasel_blocks(doc, lex):
            # Whole paragraph at once: no pattern crosses a sentence end, and a quotation that runs
            # over several sentences is seen whole. No sentence split needed.
            prose = prose_text(doc, block, SENTENCE_INLINES)
            for cue in find_weasels(prose, lex, candidates=candidates):
                ctx.report(
                    block.content_start + cue.start,
                    block.content_start + cue.end,
                    f"vague source '{_quote(cue.text)}': name who says so, or cite a source",
                )


def _weasel_blocks(doc: Document, lex: ClaimLexicon) -> Iterator[tuple[Block, set[int] | None]]:
    """The writer's blocks where some weasel pattern can match, with those patterns: decided per
    paragraph without a regex. (A whole-document test first was tried: it rejects too few
    documents, about one in ten, to pay for itself.)"""
    text = doc.text
    for block in _writers_blocks(doc):
        candidates = lex.weasel_candidates(text[block.content_start : block.content_end])
        if candidates is None or candidates:
            yield block, candidates


# A number used as a quantity: money, a percentage, or a count of something ("12 soldiers").
_QUANTITY = lazy_compile(
    r"[$€£¥]\s?\d"
    r"|\b\d[\d,.]*\s?(?:%|per\s?cent\b|percent\b|(?:million|billion|trillion|thousand|hundred)\b)"
    r"|\b\d[\d,.]*\s+(?!(?:and|or|to|of|in|on|at|by|for|from|with|the|a|an|am|pm|a\.m|p\.m|and|as|was|were|is|are)\b)\p{Ll}{3,}",
)
_CASUALTY = lazy_compile(
    r"\b(?:killed|killing|dead|died|wounded|injured|casualties|fatalities|death\s+toll|massacred|executed)\b",
    regex.IGNORECASE,
)
_TERRITORY = lazy_compile(
    r"\b(?:captured|recaptured|seized|retook|retaken|regained|liberated|annexed|overran|encircled"
    r"|took\s+control|taken\s+control|advanced\s+(?:on|into|towards?))\b",
    regex.IGNORECASE,
)
_IRREGULAR_PAST = (
    "won|lost|took|struck|hit|sent|fled|began|met|left|sold|bought|paid|gave|shot|fought|led|"
    "fell|rose|broke|stole|spent|built|cut|ran|beat|drove|threw|swore|froze|bent|sank|shut"
)
# A name doing something: "Okafor vetoed", "the Central Bank raised", "Acme has sold".
_NAMED_ACTION = lazy_compile(
    r"(?-i:(?<![\p{L}'’-])(?P<name>\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3}))\s+"
    rf"(?:(?:has|have|had)\s+)?(?P<verb>(?-i:\p{{Ll}})[\p{{L}}-]{{2,}}ed|{_IRREGULAR_PAST})\b"
)
_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "i",
        "in",
        "on",
        "at",
        "as",
        "if",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "however",
        "meanwhile",
        "although",
        "though",
        "when",
        "while",
        "after",
        "before",
        "since",
        "there",
        "here",
        "then",
        "now",
        "also",
        "according",
        "amid",
        "despite",
        "last",
        "earlier",
        "later",
    ]
)


_CAPITALISED = lazy_compile(r"(?<=[\p{L}\p{N},;:)]\s+)\p{Lu}[\p{L}'’-]+")


def _name_keys(text: str) -> frozenset[str]:
    """Keys of the words capitalised inside the sentence (not its first word): names, mostly."""
    return content_keys(" ".join(m.group() for m in _CAPITALISED.finditer(text)))


def _mid_sentence_names(doc: Document) -> frozenset[str]:
    """Words the article capitalises mid-sentence somewhere: a sentence-initial word in this set
    is a name ("Okafor vetoed ..."), not just a capital ("Concerns included ...")."""
    cached = doc.cache.get("claims:names")
    if cached is None:
        cached = frozenset(
            m.group() for s in all_sentences(doc) if s.block.kind != "heading" for m in _CAPITALISED.finditer(s.text)
        )
        doc.cache["claims:names"] = cached
    return frozenset(cached)


def _checkable_fact(sentence: str, names: frozenset[str] = frozenset()) -> str | None:
    """What makes the sentence a checkable assertion, or ``None``."""
    if _CASUALTY.search(sentence):
        return "a casualty claim"
    if _TERRITORY.search(sentence):
        return "a territorial claim"
    if _QUANTITY.search(sentence):
        return "a figure"
    lead = len(sentence) - len(sentence.lstrip())
    for match in _NAMED_ACTION.finditer(sentence):
        first = match.group("name").split()[0]
        if first.lower() in _NOT_NAMES:
            continue
        if match.start() <= lead and first not in names:
            continue  # a capitalised first word the article never capitalises elsewhere
        return f"what {match.group('name')} did"
    return None


class UnsourcedClaim(Rule):
    """A checkable claim in the writer's own voice with no citation, attribution or hedge.

    **What it flags**: in an article that cites sources, a sentence in a paragraph with no
    citation that asserts a checkable fact (a figure, a casualty or territorial claim, a named
    actor doing something) and neither attributes it ("officials said", quotation, "according
    to") nor hedges it. Headlines, questions and quoted blocks are not flagged. Off by default:
    enable it with ``extend-select = ["NL303"]``.

    **Why it matters**: an article that sources some claims implies it sources all of them;
    the unsourced ones are where unchecked material, or a generator's invention, slips in.

    **Example**:

    ```text
    Ministry Reports Exports Rose

    Exports rose by a fifth last year, the trade ministry said [1].

    Shelling killed four people in Kherson overnight.

    [1] Trade ministry annual bulletin
    ```

    The casualty claim has no source. Not flagged: it is attributed.

    ```text
    Ministry Reports Exports Rose

    Exports rose by a fifth last year, the trade ministry said [1].

    Shelling killed four people in Kherson overnight, the regional governor said.

    [1] Trade ministry annual bulletin
    ```

    **Fix**: cite the source, attribute the claim, or hedge it. No automatic fix.
    """

    code = "NL303"
    name = "unsourced-claim"
    severity = Severity.WARNING
    default_enabled = False

    def check(self, doc: Document, ctx: Context) -> None:
        if not doc.citations:
            return
        lex = _lexicon(ctx)
        names = _mid_sentence_names(doc)
        for block in doc.prose_blocks():
            if block.kind not in ("paragraph", "list_item") or block.headline or block.citations:
                continue
            for sentence in sentences(doc, block):
                text = sentence.text
                if len(text.split()) < 6 or text.rstrip().endswith(":"):
                    continue
                reason = _checkable_fact(text, names)
                if reason is None or not stands_unqualified(doc, text, lex):
                    continue
                ctx.report(
                    sentence.start,
                    sentence.end,
                    f"states {reason} with no citation, attribution or hedge; cite or attribute it",
                )


RULES = [UnverifiedClaimAsFact, WeaselAttribution, UnsourcedClaim]
