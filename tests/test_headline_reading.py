"""read_headline: which headlines carry their own attribution or hedge (and so report a claim
rather than assert it), and which assert in the writer's voice. Headlines written for these tests."""

from __future__ import annotations

import pytest

from newslint.text.events import event_lexicon
from newslint.text.headline_events import read_headline

REPORTING = [
    ("Mayor Says Bridge Repairs Will Finish in Spring", "Says"),
    ("Report: Lakeside Mill to Close Its Doors", "Report:"),
    ("Lakeside mill to close, according to union leaders", "according to"),
    ("Lakeside mill will shut its doors: report", "report"),
    ("Reportedly, the orchestra has found a new conductor", "Reportedly"),
    ("Goalkeeper allegedly struck a referee after the final", "allegedly"),
    ("Harbour ferry rumoured to stop running in winter", "rumoured"),
    ("Comet may have grazed the outer moon", "may"),
    ("Did the council hide the audit?", "?"),
    ("Coach is leaving the club, sources say", "sources"),
    ("Minister appears to back the tunnel plan", "appears"),
    ("Purportedly lost painting turns up in an attic", "Purportedly"),
    ("The senator's claim that wages doubled last year", "claim"),
    ("Goalkeeper 'was offered money' to lose the final", "quotation marks"),
    # A source named by role or relation before the colon, or after a dash at the end
    ("Former club captain: the manager lost the dressing room", "Former club captain:"),
    ("Depot closed for a month - bus drivers' union", "bus drivers' union"),
    ("Depot closed for a month - night shift workers", "night shift workers"),
    # A finding credited to the study, survey or memo that makes it
    ("Study finds night shifts disturb sleep for years", "Study finds"),
    ("Leaked memo reveals council knew of the leak", "memo reveals"),
    # An explainer asserts nothing
    ("What we know about the reservoir closure", "What we know"),
    ("Everything you need to know about the new tram fares", "Everything you need to know"),
    # The hedge in a kicker
    ("Alleged smuggler: customs hold yacht at the harbour", "Alleged"),
    # Talks and deliberation: whether it happens is open
    ("Club in talks to sign winger from rivals", "in talks"),
    ("Bakery chain mulls closing its city shops", "mulls"),
    ("Maybe the tram will run on time after all", "Maybe"),
    ("Striker understood to have asked for a transfer", "understood to"),
    ("Tram fares to double, if true, by the summer", "if true"),
    ("Landlord argues the tenants damaged the roof", "argues"),
    ("Rumour: the harbour ferry stops in winter", "Rumour"),
    # A source that names or estimates
    ("Police name driver in harbour crash", "Police name"),
    ("Regional paper identifies missing sailor", "paper identifies"),
    ("Analysts estimate the refit will cost twice as much", "Analysts estimate"),
]

ASSERTING = [
    "Lakeside Mill Closes After Ninety Years",
    # A stated plan or a future is asserted, not hedged
    "Actor Will Play Astronaut in New Space Film",
    "Bakery Chain Plans Forty New Shops",
    # A topic kicker is no source
    "Garden row: hedge height dispute ends in a fine",
    # A clause about fears asserts its main event
    "Flooded tunnel sparks fears for the rail timetable",
    # "finds" is a finding only after a research word
    "Police find stolen bus at the depot",
    # Naming verbs count only after a source word
    "Town names new bridge after its oldest resident",
    "Ferry operator reports record summer",
]


@pytest.mark.parametrize(("headline", "cue"), REPORTING)
def test_headlines_that_report_a_claim_carry_a_cue(headline: str, cue: str) -> None:
    reading = read_headline(headline, event_lexicon())
    assert reading.attribution is not None, headline
    assert reading.attribution.lower() == cue.lower()


@pytest.mark.parametrize("headline", ASSERTING[:-1])
def test_headlines_that_assert_carry_none(headline: str) -> None:
    assert read_headline(headline, event_lexicon()).attribution is None


def test_a_reporting_verb_still_counts_when_it_is_the_topic() -> None:
    # "reports" is read as attribution even when a company reports its own figures: the cue
    # list trades this for never comparing "X reports Y" headlines with the body.
    assert read_headline(ASSERTING[-1], event_lexicon()).attribution == "reports"


def test_a_kicker_is_stripped_and_its_hedge_kept() -> None:
    reading = read_headline("Alleged smuggler: customs hold yacht at the harbour", event_lexicon())
    assert reading.text == "customs hold yacht at the harbour"
    assert reading.offset == len("Alleged smuggler: ")
