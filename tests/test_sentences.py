"""Sentence splitting keeps exact offsets and does not split at abbreviations, numbers or initials."""

from __future__ import annotations

import pytest

from newslint.text.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_spans_are_exact_trimmed_and_shifted_by_the_offset() -> None:
    text = "  The vote passed. Turnout was low.  "
    assert split_sentences(text) == [(2, 18), (19, 35)]
    assert split_sentences(text, offset=100) == [(102, 118), (119, 135)]
    for start, end in split_sentences(text):
        assert text[start:end] == text[start:end].strip()


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Amal Haddad opened the clinic on Monday.",
        "Mr. Okafor and Mrs. Lind met Prof. Sato at the port.",
        "The U.S. and the U.K. signed the accord in Geneva.",
        "The bill was filed as No. 3 in the session.",
        "The hearing was moved to Jan. 5 at the request of the court.",
        "Inflation rose to 3.5 per cent in the quarter.",
        "The novel was written by J. R. R. Tolkien in Oxford.",
        "The mayor paused... and then resumed her speech.",
        "Some crops, e.g. wheat and barley, failed; others, i.e. the late ones, survived.",
        "He met Gen. Ortiz and Sen. Walsh at 9 a.m. sharp.",
    ],
)
def test_one_sentence_stays_whole(text: str) -> None:
    assert sentences(text) == [text]


def test_closing_quote_ends_the_sentence_after_the_quote() -> None:
    assert sentences('"We are leaving," she said. "It is over." Then the door closed.') == [
        '"We are leaving," she said.',
        '"It is over."',
        "Then the door closed.",
    ]


def test_closing_bracket_and_missing_space_after_a_quote() -> None:
    assert sentences('(The count resumed.) He said it was fine."We agree," they said.') == [
        "(The count resumed.)",
        'He said it was fine."',
        'We agree," they said.',
    ]


def test_citation_markers_stay_with_their_sentence() -> None:
    assert sentences("The toll was 40.[1] Rescue work went on.") == [
        "The toll was 40.[1]",
        "Rescue work went on.",
    ]
    assert sentences("The toll was 40 [2]. Rescue work went on [3][4]. It rained.") == [
        "The toll was 40 [2].",
        "Rescue work went on [3][4].",
        "It rained.",
    ]


def test_question_and_exclamation_marks_end_sentences() -> None:
    assert sentences("Was it worth it? Nobody knows! The debate goes on.") == [
        "Was it worth it?",
        "Nobody knows!",
        "The debate goes on.",
    ]


def test_a_dotted_acronym_ends_a_sentence_before_a_sentence_opener() -> None:
    assert sentences("She moved to the U.S. The next year she ran for office.") == [
        "She moved to the U.S.",
        "The next year she ran for office.",
    ]
    assert sentences("Shares of Acme Ltd. The company fell.") == ["Shares of Acme Ltd.", "The company fell."]


def test_blank_lines_separate_headlines_without_a_full_stop() -> None:
    text = "Ferry service resumes\n\nThe ferry ran again on Tuesday. It was full."
    assert sentences(text) == ["Ferry service resumes", "The ferry ran again on Tuesday.", "It was full."]


def test_lowercase_after_a_period_does_not_split() -> None:
    assert sentences("The firm, based in St. louis, grew.") == ["The firm, based in St. louis, grew."]


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n\n ") == []
