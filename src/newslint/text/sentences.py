"""Sentence spans with exact character offsets.

A regex finds every *candidate* boundary (terminal punctuation, then any closing quotes, brackets
and citation markers, then whitespace and something that can start a sentence); Python only looks
at the candidates, never at single characters. A candidate is refused when the word before the
period is an abbreviation that never ends a sentence ("Dr.", "e.g."), a number abbreviation before
a digit ("No. 3", "Jan. 5"), or an initial ("J. R. R. Tolkien"). Dotted acronyms ("U.S.", "a.m.")
end a sentence only before a word that usually starts one ("The", "He", "But" ...). Blank lines
always end a sentence, so headlines without a full stop stand alone.

The word lists live in the ``claims`` pack (``rules/claims.toml``); pass a ``SentenceSplitter``
built from an extended pack to use house abbreviations.

Why not a library: pySBD and the NLTK Punkt model would add a dependency (and Punkt a model
file) for the same rule set; neither returns offsets into the original text without re-aligning.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import regex

from newslint.lazyre import lazy_compile
from newslint.packs import Pack, load_pack, register_kind

PACK_NAME = "claims"
PACK_KIND = "claims"

# One kind for the whole claims pack: the splitter's word lists and the claim cue lexicons.
register_kind(
    PACK_KIND,
    {
        "abbreviations": list,
        "number_abbreviations": list,
        "sentence_final_abbreviations": list,
        "acronym_sentence_starters": list,
        "reporting_verbs": list,
        "irregular_verb_forms": dict,
        "speech_nouns": list,
        "finding_nouns": list,
        "source_nouns": list,
        "hedges": list,
        "hedge_patterns": list,
        "verification_patterns": list,
        "anaphors": list,
        "uncertainty_patterns": list,
        "weasel_groups": list,
        "weasel_verbs": list,
        "weasel_patterns": list,
        "weasel_exemptions": list,
    },
)


def claims_pack(user_files: Iterable[str] = ()) -> Pack:
    """The built-in ``claims`` pack, extended by any user pack files that say ``extends = "claims"``."""
    return load_pack(PACK_NAME, tuple(user_files))


# Terminal punctuation, closing quotes/brackets, citation markers ("[1]", "[12][13]", "[a]").
_BOUNDARY = lazy_compile(
    r"""
    (?<! [.!?…] ) (?P<term> [.!?…]++ )               # a whole run, tried once (else quadratic)
    (?P<tail> (?: ["'”’»)\]]
                | \[ (?: \d{1,3} | [a-z] | \d{1,3}\s*[-–,]\s*\d{1,3} ) \]
              )* )
    (?:
        (?P<gap> [ \t]*\n[ \t]*(?:\n\s*)+ )              # a blank line: always a boundary
      | (?P<space> \s+ ) (?= (?P<next> ["'“‘«(\[¿¡]* [\p{Lu}\p{N}] ) )
      | (?<= ["”'’] ) (?= [\p{Lu}] )                       # 'said."We' : no space after a quote
      | \s* \Z
    )
    """,
    regex.VERBOSE,
)
_BLANK_LINE = lazy_compile(r"\n[ \t]*\n\s*")
# Matched backwards from the period ((?r)): a forward search would try every start in the window.
_WORD_BEFORE = lazy_compile(r"(?r)[\w.'’&-]+\Z")
_NEXT_WORD = lazy_compile(r"[\w'’-]+")
_DOTTED = lazy_compile(r"(?:\w{1,2}\.)+\w{1,2}\.?\Z")
_INITIAL = lazy_compile(r"\p{Lu}\Z")


@dataclass(frozen=True)
class SentenceSplitter:
    """The splitter's word lists, lower-cased, without trailing periods."""

    abbreviations: frozenset[str]
    number_abbreviations: frozenset[str]
    sentence_final_abbreviations: frozenset[str]
    acronym_sentence_starters: frozenset[str]

    @classmethod
    def from_pack(cls, pack: Pack) -> SentenceSplitter:
        def norm(key: str) -> frozenset[str]:
            return frozenset(str(w).lower().rstrip(".") for w in pack.get(key, []))

        return cls(
            norm("abbreviations"),
            norm("number_abbreviations"),
            norm("sentence_final_abbreviations"),
            norm("acronym_sentence_starters"),
        )

    def _splits_after(self, text: str, term_start: int, next_start: int) -> bool:
        """Whether a single period at ``term_start`` ends a sentence (the next one starts at ``next_start``)."""
        found = _WORD_BEFORE.search(text, max(0, term_start - 40), term_start)
        if found is None:
            return True
        word = found.group().lstrip("'’-").lower()
        if not word:
            return True
        if word in self.abbreviations:
            return False
        next_char = text[next_start : next_start + 1]
        if word in self.number_abbreviations and next_char.isdigit():
            return False
        # The cheap tests first: a single letter before _INITIAL, a dot before _DOTTED.
        if len(found.group().lstrip("'’-")) == 1 and _INITIAL.search(found.group()):
            return False
        if ("." in word and _DOTTED.match(word)) or word in self.number_abbreviations or (
            word in self.sentence_final_abbreviations
        ):
            following = _NEXT_WORD.match(text, next_start)
            return following is not None and following.group().lower() in self.acronym_sentence_starters
        return True

    def split(self, text: str, offset: int = 0) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        block_start = 0
        if "\n" not in text:  # most paragraphs: no blank line to look for
            self._split_block(text, 0, len(text), offset, spans)
            return spans
        for blank in _BLANK_LINE.finditer(text):
            self._split_block(text, block_start, blank.start(), offset, spans)
            block_start = blank.end()
        self._split_block(text, block_start, len(text), offset, spans)
        return spans

    def _split_block(self, text: str, start: int, stop: int, offset: int, spans: list[tuple[int, int]]) -> None:
        sentence_start = start
        for match in _BOUNDARY.finditer(text, start, stop):
            # Only a single period before a space may be an abbreviation's (the space's
            # lookahead always sets "next": where the following sentence would start).
            if (
                match.group("space") is not None
                and match.group("term") == "."
                and not self._splits_after(text, match.start("term"), match.start("next"))
            ):
                continue
            _append_trimmed(text, sentence_start, match.end("tail"), offset, spans)
            sentence_start = match.end()
        _append_trimmed(text, sentence_start, stop, offset, spans)


def _append_trimmed(text: str, start: int, end: int, offset: int, spans: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    spans.append((offset + start + lead, offset + start + lead + len(stripped)))


@lru_cache(maxsize=1)
def default_splitter() -> SentenceSplitter:
    return SentenceSplitter.from_pack(claims_pack())


def split_sentences(text: str, offset: int = 0, splitter: SentenceSplitter | None = None) -> list[tuple[int, int]]:
    """Absolute ``(start, end)`` spans of the sentences in ``text``, trimmed of surrounding whitespace.

    ``offset`` is added to every span, so a paragraph's sentences come out in document positions.
    """
    return (splitter or default_splitter()).split(text, offset)
