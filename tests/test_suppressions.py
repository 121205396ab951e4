"""Inline suppressions in Markdown comments, by code and by name, and NL001 for stale ones."""

from __future__ import annotations

from newslint.config import Config
from newslint.engine import lint_text

ALL = Config(select=("ALL",))


def findings(text: str) -> list[str]:
    return [f"{f.line} {f.code}" for f in lint_text(text, path="a.md", config=ALL)]


BODY = "# T\n\nText [1].\n\n[1] Cited\n[2] Uncited\n"


def test_without_suppression_the_finding_is_reported():
    assert findings(BODY) == ["6 NL101"]


def test_disable_next_line_by_code_and_by_name():
    for name in ("NL101", "unused-reference", "NL10"):
        text = BODY.replace("[2] Uncited", f"<!-- newslint-disable-next-line {name} -->\n[2] Uncited")
        assert findings(text) == [], name


def test_disable_and_enable_range():
    text = (
        "# T\n\nText [1].\n\n<!-- newslint-disable unused-reference -->\n\n[1] Cited\n[2] Uncited\n\n"
        "<!-- newslint-enable unused-reference -->\n\n[^x]: Uncited footnote\n"
    )
    assert findings(text) == ["12 NL101"]


def test_disable_file_and_disable_all():
    assert findings("<!-- newslint-disable-file NL101 -->\n" + BODY) == []
    assert findings("<!-- newslint-disable-file -->\n" + BODY) == []


def test_disable_applies_to_project_findings_too(tmp_path):
    from newslint.engine import lint_paths

    (tmp_path / "a.md").write_text("# Same Title\n\nBody.\n")
    (tmp_path / "b.md").write_text("<!-- newslint-disable-file duplicate-title -->\n# Same Title\n\nOther.\n")
    assert [f.code for f in lint_paths([str(tmp_path)], config=ALL)] == []


def test_stale_suppression_is_reported_as_nl001():
    text = "# T\n\n<!-- newslint-disable-next-line duplicate-title -->\nText.\n"
    result = lint_text(text, path="a.md", config=ALL)
    assert [(f.line, f.column, f.code, f.message) for f in result] == [
        (3, 1, "NL001", "newslint-disable-next-line of duplicate-title suppressed nothing")
    ]


def test_unknown_rule_in_a_suppression_is_reported():
    result = lint_text("<!-- newslint-disable NL9999 -->\n\nText.\n", path="a.md", config=ALL)
    assert [(f.code, f.message) for f in result] == [("NL001", "suppression names unknown rule 'NL9999'")]


def test_suppression_of_a_rule_that_is_not_running_is_not_judged():
    text = "<!-- newslint-disable-next-line NL101 -->\nText.\n"
    assert lint_text(text, path="a.md", config=Config(select=("NL001", "NL102"))) == []


def test_directive_inside_code_is_not_a_suppression():
    text = "```\n<!-- newslint-disable-file -->\n```\n\n" + BODY
    assert findings(text) == ["10 NL101"]


def test_inline_comment_directive_at_end_of_paragraph_line():
    text = "# T\n\nText [1]. <!-- newslint-disable-next-line NL101 -->\n[2] Uncited\n\n[1] Cited\n"
    # the comment sits in a paragraph; the next line is the uncited entry
    assert [c for c in findings(text) if c.endswith("NL101")] == []
