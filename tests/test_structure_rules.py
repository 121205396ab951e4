"""Structure rules beyond their fixtures: fixes, options, user packs, kickers, scaling."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newslint.config import Config, ConfigError, config_from_table
from newslint.engine import lint_text, read_article
from newslint.fixes import apply_fixes
from newslint.rules.repetition import repeats
from newslint.rules.titles import headline_text
from newslint.syntax.nodes import Headline
from newslint.syntax.parser import parse

FIXTURES = Path(__file__).parent / "fixtures"
LABELS = frozenset({"world news", "real time updates", "analysis"})


def _lint(text: str, code: str, path: str = "a.txt", **settings: object) -> list[str]:
    config = Config(select=(code,), settings=settings)
    return [f"{f.line}:{f.column} {f.message}" for f in lint_text(text, path=path, config=config)]


def test_deleting_the_furniture_lines_leaves_no_furniture():
    text = read_article(str(FIXTURES / "NL601" / "furniture.txt"))
    findings = lint_text(text, path="furniture.txt", config=Config(select=("NL601",)))
    assert findings and all(f.fix is not None and f.fix.safe for f in findings)
    fixed = apply_fixes(text, findings)
    assert lint_text(fixed, path="furniture.txt", config=Config(select=("NL601",))) == []
    assert "The city council approved the budget on Tuesday." in fixed
    assert "The vote was 7 to 2." in fixed


def test_furniture_fix_keeps_the_rest_of_a_crawled_paragraph():
    text = "Story\n\nThe first paragraph ends here.\nAdvertisement\nThe second paragraph follows.\n"
    findings = lint_text(text, path="a.md", config=Config(select=("NL601",)))
    assert [f.line for f in findings] == [4]
    assert apply_fixes(text, findings) == "Story\n\nThe first paragraph ends here.\nThe second paragraph follows.\n"


def test_a_furniture_word_wrapped_inside_a_sentence_is_prose():
    text = "Story\n\nThe council published the\nlatest\nfigures on Monday.\n"
    assert _lint(text, "NL601") == []


def test_user_pack_extends_the_furniture_phrases(tmp_path: Path):
    pack = tmp_path / "house.toml"
    pack.write_text('[pack]\nkind = "boilerplate"\nextends = "boilerplate"\nphrases = ["more from the courier"]\n')
    config = Config(select=("NL601",), packs=(str(pack),))
    text = "Story\n\nThe council met on Monday.\n\nMore from the Courier\n"
    assert [f.line for f in lint_text(text, path="a.txt", config=config)] == [5]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("World News", None),
        ("Real-Time Updates: Ukraine Conflict", None),
        ("Analysis: Why the ceasefire failed in the east", "Why the ceasefire failed in the east"),
        ("Council Approves New Budget", "Council Approves New Budget"),
    ],
)
def test_kickers_are_told_apart_from_headlines(line: str, expected: str | None):
    assert headline_text(Headline("line", line, 0, len(line)), LABELS) == expected


def test_a_label_in_front_of_two_different_headlines_does_not_hide_the_conflict():
    text = (
        "Analysis: Why the ceasefire failed in the east\n\n"
        "Analysis: Ceasefire Collapses as Talks End Early\n\nBody text follows here.\n"
    )
    assert _lint(text, "NL202") == ["3:1 headline differs from the headline at line 1"]


def test_house_style_title_case_flags_lowercase_words():
    text = "Council approves new budget\n\nThe council approved the budget.\n"
    assert _lint(text, "NL204", **{"headline-case": "title"}) == [
        "1:1 headline is not in title case: 'approves', 'new', 'budget' are lowercase"
    ]
    assert _lint("Council Approves New Budget\n\nThe council met.\n", "NL204", **{"headline-case": "title"}) == []


def test_house_style_sentence_case_flags_title_case_but_not_names():
    text = "Council Approves New Budget\n\nThe council approved the budget.\n"
    assert _lint(text, "NL204", **{"headline-case": "sentence"}) == [
        "1:1 headline is not in sentence case: 'Approves', 'New', 'Budget' are capitalised"
    ]
    names = "Biden meets Xi Jinping in San Francisco\n\nBiden met Xi Jinping in San Francisco on Wednesday.\n"
    assert _lint(names, "NL204", **{"headline-case": "sentence"}) == []


def test_headline_case_option_is_validated_by_type():
    config = config_from_table({"headline-case": "title"}, "newslint.toml", ".")
    assert config.settings["headline-case"] == "title"
    with pytest.raises(ConfigError):
        config_from_table({"headline-case": 1}, "newslint.toml", ".")


def test_a_quote_pulled_out_twice_is_a_repeat():
    quote = '"We have won what we came for," the union leader said after the vote on Monday evening.'
    text = f"# Strike ends\n\n{quote}\n\n> {quote}\n\nShips wait.\n\n> {quote}\n"
    assert _lint(text, "NL203", path="a.md") == ["9:3 passage repeats line 3"]


def test_a_run_of_repeated_paragraphs_is_one_finding():
    paragraphs = [
        "Dock workers returned to work on Monday after the union accepted a four percent pay rise.",
        "Shipping lines said the backlog of containers would take at least two weeks to clear.",
        "The port authority said it would review its contingency plans before the winter season.",
    ]
    text = "Strike Ends\n\n" + "\n\n".join([*paragraphs, "Other news follows here today.", *paragraphs]) + "\n"
    assert _lint(text, "NL203") == ["11:1 passage repeats line 3"]


def test_repeated_passage_search_grows_linearly_with_a_repetitive_article():
    # The same stock phrases in every sentence: a quadratic pairwise search would show here.
    sentence = "The minister said on Monday that the government would review the plan for item {n}."

    def seconds(count: int) -> float:
        text = "Story\n\n" + "\n\n".join(sentence.format(n=i) for i in range(count)) + "\n"
        doc = parse(text, "a.txt")
        begin = time.perf_counter()
        repeats(doc)
        return time.perf_counter() - begin

    seconds(200)  # warm up
    small, large = seconds(1000), seconds(4000)
    assert large < small * 12


def _project(tmp_path: Path, files: dict[str, str]) -> list[str]:
    from newslint.engine import lint_paths

    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    findings = lint_paths([str(tmp_path)], Config(select=("NL201",)))
    return [f"{Path(f.path).name}:{f.line} {f.message.split(' of ')[0]}" for f in findings]


def test_a_recurring_section_heading_is_not_a_title_shared_across_articles(tmp_path: Path):
    issue = (
        "Title: Weekly notes {n}\nDate: 2024-0{n}-01\n\n# Letter of the Week\n\nA reader wrote in.\n\n"
        "# Links\n\nMore.\n"
    )
    assert _project(tmp_path, {"one.md": issue.format(n=1), "two.md": issue.format(n=2)}) == []


def test_two_articles_with_one_title_are_reported_across_the_run(tmp_path: Path):
    article = "---\ntitle: Ferry service resumes\n---\n\nThe ferry runs again {n}.\n"
    found = _project(tmp_path, {"one.md": article.format(n=1), "two.md": article.format(n=2)})
    assert found == ["two.md:2 title is also the title"]


def test_repeated_passage_scope_all_reports_repeats_under_parallel_headings():
    text = read_article(str(FIXTURES / "NL203" / "parallel-sections.md"))
    assert _lint(text, "NL203", path="a.md") == []
    assert _lint(text, "NL203", path="a.md", **{"repeated-passage-scope": "all"}) == ["11:1 passage repeats line 7"]


def test_repeated_passage_scope_is_checked_when_the_config_loads():
    with pytest.raises(ConfigError):
        config_from_table({"repeated-passage-scope": "everything"}, "newslint.toml", ".")


def test_a_labelled_status_paragraph_repeated_in_another_section_is_a_template():
    text = read_article(str(FIXTURES / "NL203" / "field-labels.md"))
    assert _lint(text, "NL203", path="a.md") == []
    assert _lint(text, "NL203", path="a.md", **{"repeated-passage-scope": "all"}) == ["9:26 passage repeats line 5"]
