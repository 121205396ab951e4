"""The claim rules on whole articles: what they see, what they leave alone, and what they cost."""

from __future__ import annotations

import pytest

from newslint.config import Config
from newslint.engine import lint_text
from newslint.text.claims import default_lexicon
from newslint.text.weasels import find_weasels


def run(text: str, code: str, path: str = "story.txt") -> list[str]:
    return [f"{f.line}:{f.column} {f.message}" for f in lint_text(text, path=path, config=Config(select=(code,)))]


SOURCE = "\n\n[1] Regional Channels Report Village Retaken, Claims Unverified\n"


def test_unverified_claim_names_the_sources_own_words():
    found = run("Headline\n\nTroops have retaken the village [1]." + SOURCE, "NL301")
    assert found == ["3:1 states as fact what source [1] calls 'Claims Unverified'; attribute or hedge it"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Local channels said troops had retaken the village [1].",
        "According to local channels, troops have retaken the village [1].",
        "Troops have reportedly retaken the village [1].",
        "Troops may have retaken the village [1].",
        '"We have retaken the whole village," a commander said [1].',
        "Have troops retaken the village [1]?",
        "Troops have retaken the village [1]. The claim could not be independently verified.",
    ],
)
def test_attributed_hedged_quoted_and_questioned_claims_are_not_flagged(sentence: str):
    assert run("Headline\n\n" + sentence + SOURCE, "NL301") == []


def test_hedge_at_the_start_of_the_next_paragraph_counts():
    text = "Headline\n\nTroops have retaken the village [1].\n\nThis could not be verified." + SOURCE
    assert run(text, "NL301") == []


def test_an_article_whose_sources_are_plain_costs_no_sentence_work():
    text = "Headline\n\nThe bridge reopened on Monday [1].\n\n[1] Transport Ministry Notice\n"
    assert run(text, "NL301") == []


def test_a_long_footnote_that_says_claimed_is_prose_not_an_unverified_source():
    text = (
        "# Notes\n\nThe scheme is versioned by date.[^v]\n\n"
        "[^v]: Previous editions of this newsletter claimed the project used semantic versioning "
        "and that new releases would keep using that scheme in the future, which was wrong.\n"
    )
    assert run(text, "NL301", "notes.md") == []


def test_insurance_claims_do_not_mark_a_source_unverified():
    text = "Headline\n\nPayouts rose by a tenth [1].\n\n[1] Insurance Claims Rise After Storms\n"
    assert run(text, "NL301") == []


def test_weasel_is_reported_at_the_phrase():
    assert run("Critics argue the levy is unfair.", "NL302") == [
        "1:1 vague source 'Critics argue': name who says so, or cite a source"
    ]


def test_weasel_inside_a_quotation_spanning_sentences_is_the_speakers():
    text = '“The levy is unfair. Many experts believe it will fail,” the union leader said.'
    assert run(text, "NL302") == []


def test_weasel_gate_never_hides_a_match():
    import dataclasses

    gated = default_lexicon()
    ungated = dataclasses.replace(gated, weasel_anchors_all=None)
    for sentence in [
        "(Critics say the plan fails.)",
        "It is widely believed that he knew.",
        "“Some say,” he wrote.",
        "Some economists say this may allow growth.",
        "The plan, some say.",
        "There has been speculation that it could merge.",
        "He is considered by many to be the best.",
        "The firm is rumored to be planning a chain.",
        "It was feared that the bridge would fall.",
    ]:
        assert find_weasels(sentence, gated, include_quoted=True) == find_weasels(
            sentence, ungated, include_quoted=True
        ), sentence


def test_unsourced_claim_only_in_articles_that_cite():
    text = "Headline\n\nShelling killed four people in Kherson overnight.\n"
    assert run(text, "NL303") == []


def test_unsourced_claim_ignores_capitalised_first_words_that_are_not_names():
    text = (
        "Headline\n\nThe port reopened, the ministry said [1].\n\n"
        "Concerns included the safety of the eastern pier and its cranes.\n\n[1] Port notice\n"
    )
    assert run(text, "NL303") == []


def test_citation_mismatch_skips_footnotes_that_are_remarks():
    text = "# Post\n\nWe shipped the release on time.[^a]\n\n[^a]: See the announcement for details.\n"
    assert run(text, "NL104", "post.md") == []


def test_hedge_dropped_ignores_denials():
    text = (
        "Minister Took Bribes From Contractor\n\n"
        "There is no evidence that the minister took bribes from the contractor.\n"
    )
    assert run(text, "NL304") == []


@pytest.mark.parametrize(
    ("marks", "words"),
    [(("claim",), frozenset({"seized"})), (("alleg",), frozenset({"seized"})), (("claim",), frozenset({"talks"}))],
)
def test_the_lazy_paragraph_precheck_agrees_with_every_paragraph_read(marks, words):
    from newslint.rules.event_index import paragraph_words, raw_paragraphs, some_paragraph_holds
    from newslint.syntax.parser import parse

    text = (
        "Headline Here\n\nTalks resumed on Monday (in the capital).\n\n"
        "Rebels seized the airport, a claim nobody could check.\n\nThe rebels' claim: 'alleged' gains.\n"
    )
    lazy = some_paragraph_holds(parse(text, "a.md"), marks, words)
    doc = parse(text, "a.md")
    full = any(
        any(mark in paragraph for mark in marks) and not words.isdisjoint(found)
        for paragraph, found in zip(raw_paragraphs(doc), paragraph_words(doc), strict=True)
    )
    assert lazy == full
    assert [frozenset(p.split()) for p in raw_paragraphs(doc)] == list(paragraph_words(doc))
    assert list(raw_paragraphs(doc))[-1] == raw_paragraphs(doc)[-1] and len(raw_paragraphs(doc)) == 3


def test_raw_paragraphs_read_in_a_loop_equal_those_read_one_by_one():
    from newslint.rules.event_index import raw_paragraphs
    from newslint.syntax.parser import parse

    text = "Headline Here\n\nFirst (one), here.\n\nSecond: “two” — yes!\n\nThird; the rebels' gains.\n"
    looped = list(raw_paragraphs(parse(text, "a.md")))
    doc = parse(text, "a.md")
    one_by_one = [raw_paragraphs(doc)[n] for n in range(len(raw_paragraphs(doc)))]
    assert looped == one_by_one
    assert looped[1] == " second   two    yes "
