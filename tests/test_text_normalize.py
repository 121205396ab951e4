"""The phrase normaliser and the cheap test that spares normalising long paragraphs."""

from __future__ import annotations

import sys

import pytest
import regex

from newslint.syntax.text import alnum_count, alnum_count_exceeds, normalize_phrase

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
def test_normalising_never_lowers_the_count_of_letters_and_digits(text):
    assert alnum_count(normalize_phrase(text)) >= alnum_count(text)


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("limit", [0, 1, 7, 12, 40])
def test_alnum_count_exceeds_agrees_with_the_count(text, limit):
    assert alnum_count_exceeds(text, limit) == (alnum_count(text) > limit)


def test_case_folding_keeps_a_letter_or_digit_for_every_letter_or_digit_in_unicode():
    lost = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if chr(code).isalnum() and not any(char.isalnum() for char in chr(code).casefold())
    ]
    assert lost == []


def test_no_letter_or_digit_in_unicode_is_punctuation_a_symbol_or_a_space_to_the_normaliser():
    removable = regex.compile(r"[\p{P}\p{S}\s]")
    removed = [
        hex(code) for code in range(sys.maxunicode + 1) if chr(code).isalnum() and removable.match(chr(code))
    ]
    assert removed == []
