"""Names and spelling rules (NL401, NL402, NL501, NL502): options, fixes, the project check."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config import Config, ConfigError, config_from_table
from newslint.engine import lint_paths, lint_text
from newslint.fixes import apply_fixes

CODES = ("NL401", "NL402", "NL501", "NL502")
MISSION_LIKE = """Front Line Update

Supply convoys waited outside Pokrowsk while engineers repaired roads to Dobropylija and Pokrovsk.

KIEV'S ENVOY: the envoy emphasised that Europe's security is at stake. Ukraine’s allies agree.

"Kiev will hold," an officer said. The minister later emphasized the cost of Kharkov's defence.

[1] Fighting near Pokrowsk, Reuters
"""


def lint(text: str, path: str = "a.txt", **settings: object):
    return lint_text(text, path=path, config=Config(select=CODES, settings=settings))


def codes(findings) -> list[str]:
    return [f.code for f in findings]


# --- fixes ---------------------------------------------------------------------------------------


def test_applying_the_fixes_leaves_no_fixable_name_or_spelling_finding():
    text = MISSION_LIKE
    for _ in range(5):
        findings = lint(text)
        if not any(f.fix for f in findings):
            break
        text = apply_fixes(text, findings)
    assert not [f for f in lint(text) if f.fix], text
    assert "Kyiv" not in text.split("\n\n")[3]  # the quotation keeps its wording
    assert '"Kiev will hold,"' in text
    assert "[1] Fighting near Pokrowsk" in text  # a source title is never rewritten
    assert "outside Pokrovsk while engineers repaired roads to Dobropillia" in text
    assert "KYIV'S ENVOY" in text  # capitals kept


def test_quoted_speech_and_source_titles_keep_their_spelling_and_get_no_finding():
    text = (
        'Talks\n\nThe envoy reached Kyiv and Pokrovsk.\n\n"Kiev will hold," he said.\n\n'
        "[1] Battle for Pokrowsk, Reuters\n"
    )
    assert [f for f in lint(text) if f.code in ("NL401", "NL402")] == []


def test_a_curly_fix_picks_opening_and_closing_marks():
    text = "Talks\n\n“We stay,” she said. He said \"no\" and 'maybe', it's the '90s and Europe’s view.\n"
    findings = lint(text, quotes="curly")
    (finding,) = [f for f in findings if f.code == "NL502"]
    fixed = apply_fixes(text, [finding])
    assert "He said “no” and ‘maybe’, it’s the ’90s" in fixed
    assert not [f for f in lint(fixed, quotes="curly") if f.code == "NL502"]


def test_the_nonpreferred_fix_replaces_only_the_name_of_a_possessive():
    text = "Strikes\n\nKharkov's mayor spoke.\n"
    (finding,) = [f for f in lint(text) if f.code == "NL402"]
    assert apply_fixes(text, [finding]) == "Strikes\n\nKharkiv's mayor spoke.\n"


# --- options -------------------------------------------------------------------------------------


def test_english_option_reports_every_word_of_the_other_variety():
    text = "Budget\n\nThe colour of the centre was criticised.\n"
    assert not [f for f in lint(text) if f.code == "NL501"]
    found = [f for f in lint(text, english="en-US") if f.code == "NL501"]
    assert [f.message.split(":")[0] for f in found] == ["colour", "centre", "criticised"]
    assert found[0].message == "colour: British spelling; the configured variety is en-US: write color"
    assert not [f for f in lint(text, english="en-GB") if f.code == "NL501"]


def test_en_gb_accepts_oxford_spelling_but_not_american():
    text = "Budget\n\nThe organization repainted the center in its colour.\n"
    found = [f for f in lint(text, english="en-GB") if f.code == "NL501"]
    assert [f.message.split(":")[0] for f in found] == ["center"]


def test_quotes_option_reports_the_other_style_even_when_consistent():
    text = "Talks\n\nIt's over, she said.\n"
    assert not [f for f in lint(text) if f.code == "NL502"]
    (found,) = [f for f in lint(text, quotes="curly") if f.code == "NL502"]
    assert found.message == "straight apostrophe ' : the configured quote style is curly; write ’".replace(" :", ":")
    assert not [f for f in lint(text, quotes="straight") if f.code == "NL502"]


def test_names_prefer_option_changes_the_house_spelling():
    text = "Port\n\nShips left Odesa on Monday.\n"
    found = [f for f in lint(text, names={"prefer": {"Odesa": "Odessa"}}) if f.code == "NL402"]
    assert [f.message for f in found] == ["Odesa: house style spells this place Odessa"]


@pytest.mark.parametrize(
    "settings",
    [
        {"english": "en-AU"},
        {"quotes": "smart"},
        {"names": {"prefer": {"Odesa": 3}}},
        {"names": {"prefer": {}, "avoid": []}},
    ],
)
def test_an_invalid_option_value_is_an_error_naming_the_option(settings):
    # checked once, when the config loads (exit 2 on the command line), not per article
    with pytest.raises(ConfigError, match=next(iter(settings))):
        config_from_table(settings, "<test>", ".")


# --- project rule --------------------------------------------------------------------------------


def test_articles_of_one_run_that_spell_a_place_differently_are_reported(tmp_path: Path):
    (tmp_path / "a.txt").write_text("One\n\nSirens sounded in Erbil.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Two\n\nSirens sounded in Arbil.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Three\n\nSirens sounded in Arbil and Erbil.\n", encoding="utf-8")
    findings = [f for f in lint_paths([str(tmp_path)], Config(select=("NL401",))) if f.code == "NL401"]
    across = [f for f in findings if "other articles" in f.message]
    assert [(Path(f.path).name, f.line, f.column) for f in across] == [("b.txt", 3, 19)]
    assert across[0].message.startswith("Arbil: other articles in this run write Erbil (")
    within = [f for f in findings if "this article" in f.message]
    assert [Path(f.path).name for f in within] == ["c.txt"]


def test_across_a_run_a_spelling_house_style_avoids_is_nl402s_finding_alone(tmp_path: Path):
    (tmp_path / "a.txt").write_text("One\n\nSirens sounded in Kyiv.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Two\n\nSirens sounded in Kiev.\n", encoding="utf-8")
    findings = lint_paths([str(tmp_path)], Config(select=("NL401", "NL402")))
    assert [(Path(f.path).name, f.code) for f in findings] == [("b.txt", "NL402")]


def test_one_article_alone_has_no_project_finding():
    assert not [f for f in lint("One\n\nSirens sounded in Kiev.\n") if f.code == "NL401"]


# --- rules stay quiet on clean prose -----------------------------------------------------------


def test_ordinary_capitalised_words_and_names_are_not_places():
    text = (
        "Mayor Meets Major\n\nDavid Lattimore and Dawid Nowak met Philip and Phillip Jones in Paris.\n"
        "The Mayor said the Major was late.\n"
    )
    assert lint(text) == []


def test_a_spelling_both_inconsistent_and_nonpreferred_is_one_finding_with_both_facts():
    text = "Talks\n\nThe envoy reached Kyiv on Monday.\n\nIn Kiev, she met the mayor.\n"
    findings = [f for f in lint(text) if f.code in ("NL401", "NL402")]
    assert [(f.code, f.line, f.column) for f in findings] == [("NL402", 5, 4)]
    assert findings[0].message == (
        "Kiev: house style spells this place Kyiv; this article also writes Kyiv (line 3)"
    )
    assert findings[0].fix is not None


def test_two_spellings_house_style_does_not_choose_between_stay_with_nl401():
    text = "Curfew\n\nProtests spread in Erbil on Friday.\n\nThe governor of Arbil spoke.\n"
    findings = [f for f in lint(text) if f.code in ("NL401", "NL402")]
    assert [(f.code, f.line) for f in findings] == [("NL401", 5)]


def test_a_former_name_in_the_sentence_after_its_explanation_is_still_reported():
    text = "Summit\n\nWrocław was known as Breslau until 1945. Later, Breslau hosted the talks.\n"
    findings = [f for f in lint(text) if f.code == "NL402"]
    assert [(f.line, f.column) for f in findings] == [(3, 49)]
