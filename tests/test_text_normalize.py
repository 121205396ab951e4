"""The phrase normaliser and the cheap test that spares normalising long paragraphs."""

from __future__ import annotations

import pytest

from newslint.syntax.text import keeps_more_than, kept_count, normalize_phrase

SAMPLES = [
    "",
    "Sources",
    "## Sources:",
    "** SOURCES ** " + "=" * 80,
    "Straße und Maßnahmen",  # case folding lengthens: "ß" -> "ss"
    "\u0130stanbul \ufb03",  # dotted capital I and the "ffi" ligature
    "... [Notes] ...",
    "Works   cited\t!",
    "Sources in the ministry said the talks went on into the night.",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_normalising_never_lowers_the_kept_count(text):
    assert kept_count(normalize_phrase(text)) >= kept_count(text)


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("limit", [0, 1, 7, 12, 40])
def test_keeps_more_than_agrees_with_the_count(text, limit):
    assert keeps_more_than(text, limit) == (kept_count(text) > limit)
