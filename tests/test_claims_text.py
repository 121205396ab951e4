"""Claim cues in single sentences: attribution, hedges, uncertain sources and weasel sources."""

from __future__ import annotations

import pytest

from newslint.text.claims import (
    find_attribution,
    find_hedge,
    hedges_previous,
    is_question,
    quotation_spans,
)
from newslint.text.sources import find_uncertainty_cue
from newslint.text.weasels import find_weasels

# ---------------------------------------------------------------- attribution


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("The port reopened on Friday, the ministry reported.", "reported"),
        ("Officials said the port reopened on Friday.", "said"),
        ("The port reopened on Friday, said Anna Berg, the harbour master.", "said"),
        ("According to the coast guard, the port reopened on Friday.", "According to"),
        ("The mayor told reporters the port had reopened.", "told"),
        ("Oduya also asserted that the port had reopened.", "asserted"),
        ("The envoy signed the deal, stating that it would last.", "stating"),
        ("Berg has emphasised that the port is safe.", "emphasised"),
        ("The port has reportedly reopened.", "reportedly"),
        ("In a statement, the company confirmed the closure.", "In a statement"),
        ("A new poll shows the mayor trailing by six points.", "poll shows"),
        ("Flood Minister Says Dams Will Hold", "Says"),
    ],
)
def test_reporting_verbs_with_a_source_attribute_the_sentence(sentence: str, cue: str) -> None:
    found = find_attribution(sentence)
    assert found is not None
    assert found.text == cue
    assert sentence[found.start : found.end] == cue


def test_direct_quotation_attributes_the_sentence() -> None:
    sentence = "“We will rebuild every house on this street,” the mayor promised."
    found = find_attribution(sentence)
    assert found is not None
    found_quote = find_attribution("“We will rebuild every house on this street.”")
    assert found_quote is not None and found_quote.kind == "quotation"


def test_source_is_reported_next_to_the_verb() -> None:
    found = find_attribution("Police said two people were hurt.")
    assert found is not None and found.source is not None
    assert found.source.text == "Police"


@pytest.mark.parametrize(
    "sentence",
    [
        "The rebels have regained territory near the river.",
        "The army is seeking a full withdrawal, while the rebels refuse a truce.",
        "These claims spread quickly online.",
        "The report was published in March.",
        "Turnout reached 64 per cent in the northern districts.",
        "The police reports were filed late.",
    ],
)
def test_plain_statements_and_nouns_are_not_attribution(sentence: str) -> None:
    assert find_attribution(sentence) is None


# ---------------------------------------------------------------- hedges


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Troops regained the village, though these claims remain unverified.", "remain unverified"),
        ("The figures are unverified.", "are unverified"),
        ("The alleged figures were posted online.", "alleged"),
        ("The alleged attack took place at night.", "alleged"),
        ("The strike may have hit a depot.", "may"),
        ("The convoy appears to have turned back.", "appears"),
        ("The toll could not be independently verified.", "not be independently verified"),
    ],
)
def test_hedges_are_found(sentence: str, cue: str) -> None:
    found = find_hedge(sentence)
    assert found is not None
    assert found.text == cue
    assert sentence[found.start : found.end] == cue


@pytest.mark.parametrize(
    "sentence",
    [
        "Troops regained the village on Tuesday.",
        "The talks resume in May 2025.",
        "May was the wettest month on record.",
    ],
)
def test_flat_statements_have_no_hedge(sentence: str) -> None:
    assert find_hedge(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "The figures could not be independently verified.",
        "This could not be confirmed.",
        "Such claims remain unverified.",
        "The agency was unable to verify the claim.",
        "It has not been independently confirmed.",
    ],
)
def test_a_following_sentence_can_hedge_the_one_before(sentence: str) -> None:
    assert hedges_previous(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The bridge reopened on Monday.",
        "Police said the suspect fled north.",
        "Verified accounts shared the video widely across the region that evening.",
    ],
)
def test_an_ordinary_following_sentence_does_not_hedge(sentence: str) -> None:
    assert not hedges_previous(sentence)


# ---------------------------------------------------------------- source titles


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Local Media Report Advance Near River but Claims Unverified", "claims"),
        ("Unconfirmed reports of shelling in the north", "unverified"),
        ("Alleged strike on depot", "alleged"),
        ("Rumours of a coup spread in the capital", "rumour"),
        ("Strike on bridge, according to social media posts", "social-media"),
        ("Video of the blast has not been independently verified", "unverified"),
    ],
)
def test_uncertain_source_titles_are_recognised(title: str, kind: str) -> None:
    found = find_uncertainty_cue(title)
    assert found is not None
    assert found.kind == kind
    assert title[found.start : found.end] == found.text


@pytest.mark.parametrize(
    "title",
    [
        "EU and US Work on Security Guarantees Postwar",
        "Ferry Service Resumes After Storm",
    ],
)
def test_plain_source_titles_have_no_uncertainty_cue(title: str) -> None:
    assert find_uncertainty_cue(title) is None


# ---------------------------------------------------------------- weasels


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Some say the plan was doomed from the start.", "Some say"),
        ("But critics argue the tax will hurt farmers.", "critics argue"),
        ("It is widely believed that the minister knew.", "It is widely believed"),
        ("Many experts believe the dam is unsafe.", "Many experts believe"),
        ("Observers believe the vote will be close.", "Observers believe"),
        ("Sources suggest a deal is near.", "Sources suggest"),
        ("The reform is considered by many to be a failure.", "considered by many"),
        ("The singer is rumored to be planning a tour.", "is rumored to be"),
        ("According to some, the fire was set deliberately.", "According to some"),
        ("There has been speculation that the firm will merge.", "There has been speculation"),
    ],
)
def test_vague_sources_are_weasels(sentence: str, cue: str) -> None:
    found = find_weasels(sentence)
    assert [c.text for c in found] == [cue]
    assert all(sentence[c.start : c.end] == c.text for c in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "Critics such as John Smith argue the tax will hurt farmers.",
        "Critics, including Senator Maria Lopez, argue the tax will hurt farmers.",
        "Some 300 people attended the rally.",
        "Some of the money was returned.",
        "Many people attended the funeral.",
        "The reform is opposed by many, including the Farmers Union.",
        '"Some say I am finished," the coach said.',
        "Smith said the tax will hurt farmers.",
        "The street is often called the Mile.",
        "The plant, known as the Red Lily, grows near rivers.",
        "His friends wanted some say in the funeral plans.",
        "The party calmed most fears about the budget.",
        "The striker is alleged to have missed two tests.",
    ],
)
def test_named_sources_and_ordinary_quantities_are_not_weasels(sentence: str) -> None:
    assert find_weasels(sentence) == []


def test_quoted_weasels_can_be_included_on_request() -> None:
    sentence = '"Some say I am finished," the coach said.'
    assert [c.text for c in find_weasels(sentence, include_quoted=True)] == ["Some say"]


# ---------------------------------------------------------------- helpers


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Will the port reopen?", True),
        ('"Will the port reopen?"', True),
        ("Will the port reopen? [2]", True),
        ("The port will reopen.", False),
        ("Who knows? Not the mayor.", False),
    ],
)
def test_questions_end_with_a_question_mark(sentence: str, expected: bool) -> None:
    assert is_question(sentence) is expected


def test_quotation_spans_cover_curly_straight_and_unclosed_quotes() -> None:
    assert quotation_spans("He said “no deal” twice.") == [(8, 17)]
    assert quotation_spans('He said "no deal" twice.') == [(8, 17)]
    assert quotation_spans("“We will not stop") == [(0, 17)]


_GATED = [
    "The ministry said the bridge was destroyed.",
    "The bridge was destroyed, according to the ministry.",
    "The bridge was reportedly destroyed.",
    '"We destroyed the bridge last night," a commander said.',
    "In a statement on Sunday, the ministry confirmed the strike.",
    "The study found that prices rose.",
    "Prices rose sharply in the spring.",
    "Officials told reporters the road was closed.",
    "The road, said the governor, would reopen.",
    "Troops may have crossed the river.",
    "The claims remain unverified.",
    "It is said to be the largest strike of the war.",
    "May was the warmest month on record.",
]


@pytest.mark.parametrize("sentence", _GATED)
def test_the_early_exit_attribution_test_agrees_with_the_full_search(sentence: str) -> None:
    from newslint.text.claims import default_lexicon, is_attributed

    assert is_attributed(sentence, default_lexicon()) == (find_attribution(sentence) is not None)


def test_the_word_gates_skip_no_match_of_their_patterns() -> None:
    from newslint.text.claims import default_lexicon

    lex = default_lexicon()
    assert find_attribution("In a statement on Sunday, the ministry confirmed the strike.") is not None
    assert lex.speech_noun_heads is not None and lex.speech_noun_heads.search("in a press conference")
    # the longest word of a phrase gates it: "is said to" needs "said", "not clear" needs "clear"
    assert find_hedge("It is said to be the largest strike.") is not None
    assert find_hedge("It is not clear who fired first.") is not None
    assert find_hedge("Prices rose sharply in the spring.") is None


@pytest.mark.parametrize("sentence", _GATED)
def test_the_early_exit_hedge_test_agrees_with_the_full_search(sentence: str) -> None:
    from newslint.text.claims import default_lexicon, has_hedge

    assert has_hedge(sentence, default_lexicon()) == (find_hedge(sentence) is not None)


@pytest.mark.parametrize(
    "title",
    ["Claims unverified: troops near the river", "Briefing: the council near the port", "Alleged strike on depot"],
)
def test_the_substring_gate_of_source_titles_agrees_with_the_patterns(title: str) -> None:
    from newslint.text.claims import default_lexicon

    lex = default_lexicon()
    found = find_uncertainty_cue(title, lex)
    assert (found is not None) == any(p.search(title) for _kind, p in lex.uncertainty_res)
