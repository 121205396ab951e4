"""Vague sources standing in for a named one ("some say", "it is widely believed"): NL302's cues.

The patterns, their anchor-word gates and exemptions come from the ``claims`` pack through
``ClaimLexicon``; this module reads one sentence or paragraph with them, and decides from the
words around a match whether the vague-looking source has a subject of its own.
"""

from __future__ import annotations

from typing import Any

from newslint.text.claims import ClaimLexicon, Cue, default_lexicon
from newslint.text.quotes import inside, quotation_spans

__all__ = ["find_weasels"]

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DETERMINERS = _words(
    "the a an this that these those his her its their our my your some any no each every such new further other"
)


def find_weasels(
    sentence: str,
    lexicon: ClaimLexicon | None = None,
    include_quoted: bool = False,
    candidates: set[int] | None = None,
) -> list[Cue]:
    """Vague sources standing in for a named one ("some say", "it is widely believed"), in order.

    Cues inside direct quotation are skipped unless ``include_quoted``: the speaker, not the
    writer, chose those words. A name right after the vague source ("critics such as John Smith
    argue", "many experts, including ...") cancels the cue. ``candidates`` (from
    ``ClaimLexicon.weasel_candidates`` of this text or a text containing it) saves recomputing them.
    """
    lex = lexicon if lexicon is not None else default_lexicon()
    if candidates is None:
        candidates = lex.weasel_candidates(sentence)
    if candidates is not None and not candidates:
        return []
    quotes: list[tuple[int, int]] | None = None
    cues: list[Cue] = []
    for number, (kind, pattern) in enumerate(lex.weasel_res):
        if candidates is not None and number not in candidates:
            continue
        for match in pattern.finditer(sentence):
            if quotes is None:
                quotes = [] if include_quoted else quotation_spans(sentence)
            start, end = match.span()
            if quotes and inside(quotes, start, end):
                continue
            rest = sentence[end : end + 80]
            if any(ex.match(rest) for ex in lex.weasel_exemption_res):
                continue
            if _quantifier_as_adverb(sentence, start, match):
                continue
            cues.append(Cue(start, end, match.group(), kind))
    cues.sort(key=lambda c: (c.start, -c.end))
    merged: list[Cue] = []
    for cue in cues:
        if merged and cue.start < merged[-1].end:
            continue
        merged.append(cue)
    return merged


# Words after which "most agreed" / "many feared" still opens a clause with a vague subject.
_CLAUSE_OPENERS = _words(
    "and but or while whereas that which who because although though as so yet when if since where "
    "however meanwhile still now today also"
)
_QUANTIFIERS = _words("some many most several various numerous countless few certain")


def _quantifier_as_adverb(sentence: str, start: int, match: Any) -> bool:
    """Whether the vague-looking source has a subject of its own: "Users most agreed" (an
    adverb after its subject), "the various tool authors agreed" (a group the story has
    defined), "I and others believe" (a named source among them). Only a quantifier that *is*
    the subject ("Most agreed", "and many experts believe") stands in for a source."""
    words = match.group().split()
    if not words:
        return False
    first = words[0].lower()
    before = sentence[:start].rstrip().split()
    previous = before[-1].lower() if before else ""
    if first == "others":
        if previous != "and" or len(before) < 2:
            return False
        partner = before[-2]
        return partner.lower() in {"i", "we", "he", "she"} or (len(before) >= 3 and partner[:1].isupper())
    if first not in _QUANTIFIERS:
        return False
    if previous in _DETERMINERS:
        return True
    if match.groupdict().get("weasel_group") or not previous[-1:].isalpha():
        return False
    return previous not in _CLAUSE_OPENERS
