"""A reference entry's own words about its content: "Claims Unverified", "unconfirmed reports",
"alleged", "according to social media posts" (NL301's uncertain sources)."""

from __future__ import annotations

import regex

from newslint.lazyre import lazy_compile
from newslint.text.claims import ClaimLexicon, Cue, default_lexicon

__all__ = ["find_uncertainty_cue"]



def find_uncertainty_cue(title: str, lexicon: ClaimLexicon | None = None) -> Cue | None:
    """The cue in a reference entry's title or text that marks the source as unverified or contested.

    Cues that stand next to each other (only spaces or a linking word between them) come back as
    one phrase, so a message can quote what the source says: "Claims Unverified", "unconfirmed
    reports". ``kind`` is the kind of the phrase's first cue.
    """
    lex = lexicon if lexicon is not None else default_lexicon()
    if not lex.may_mark_uncertain(title):
        return None  # no pattern's declared substring: no regex search at all
    if lex.uncertainty_any_re is not None and lex.uncertainty_any_re.search(title) is None:
        return None
    matches: list[Cue] = []
    for kind, pattern in lex.uncertainty_res:
        for match in pattern.finditer(title):
            matches.append(Cue(match.start(), match.end(), match.group(), kind))
    if not matches:
        return None
    matches.sort(key=lambda c: (c.start, -c.end))
    first = matches[0]
    start, end = first.start, first.end
    for cue in matches[1:]:
        if cue.start <= end or _LINK.fullmatch(title[end : cue.start]):
            end = max(end, cue.end)
        elif cue.start > end:
            break
    return Cue(start, end, title[start:end], first.kind)


_LINK = lazy_compile(r"\s*(?:(?:remains?|are|is|were|was|still|as|yet|but|and|or|of|as\s+yet)\s+)*", regex.IGNORECASE)
