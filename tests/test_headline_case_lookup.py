"""NL204 looks up how the body writes a headline's words without tokenising the whole body: the
lookup must agree with a full tokenisation, also where lower-casing changes a word's length."""

from __future__ import annotations

import pytest

from newslint.config import Config
from newslint.rules.headline_case import _body_cases
from newslint.rules.titles import BODY_WORD
from newslint.syntax.parser import options_for, parse

_BODIES = [
    "The Mayor met the mayor of Leeds. Later, Budget talks stalled; budget cuts followed.\n\n"
    "Officials said the Harbour Budget would pass, and the harbour would reopen.",
    "Die Straße war gesperrt, sagte die Polizei. Später öffnete die STRASSE wieder, und İstanbul wartete.",
    "Quoted: “Winter Plans” were shelved, as were winter plans. A Plan-B was floated, the plan-b dropped.",
]


def _tokenised(text: str) -> tuple[set[str], set[str]]:
    lower: set[str] = set()
    capital: set[str] = set()
    for word in BODY_WORD.findall(text):
        (capital if word[0].isupper() else lower).add(word.casefold())
    return lower, capital


@pytest.mark.parametrize("body", _BODIES)
def test_the_headline_word_lookup_agrees_with_tokenising_the_body(body: str) -> None:
    doc = parse("A Headline Here\n\n" + body + "\n", "a.txt", options=options_for(Config().packs))
    cases = _body_cases(doc)
    lower, capital = set(), set()
    for block in cases.text.split("\0"):
        block_lower, block_capital = _tokenised(block)
        lower |= block_lower
        capital |= block_capital
    words = {w.strip(".,;:“”") for w in body.split()} | {"Plan-B", "Strasse", "istanbul", "Nowhere"}
    for word in sorted(w for w in words if w):
        assert cases.usage(word) == (word.casefold() in lower, word.casefold() in capital), word
