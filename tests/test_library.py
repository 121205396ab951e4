"""The library calls a pipeline makes."""

from __future__ import annotations

import pytest

import newslint
from newslint.config import Config


def test_lint_text_returns_findings_with_exact_positions():
    findings = newslint.lint_text("# T\n\nSee [2].\n\n[1] Only\n", path="x.md")
    assert [(f.code, f.line, f.column, f.end_column) for f in findings] == [
        ("NL102", 3, 5, 8),
        ("NL101", 5, 1, 4),
    ]
    assert findings[0].as_dict()["rule"] == "undefined-citation"


def test_lint_text_honours_a_config():
    findings = newslint.lint_text("# T\n\nSee [2].\n\n[1] Only\n", path="x.md", config=Config(select=("NL101",)))
    assert [f.code for f in findings] == ["NL101"]


def test_lint_paths_lints_files_and_raises_on_missing(tmp_path):
    (tmp_path / "a.txt").write_text("Head\n\nText [3].\n\n[1] A\n")
    findings = newslint.lint_paths([str(tmp_path)])
    assert sorted(f.code for f in findings) == ["NL101", "NL102"]
    with pytest.raises(newslint.InputError):
        newslint.lint_paths([str(tmp_path / "missing.md")])


def test_project_rule_finds_one_title_in_two_articles(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: Same Title\n---\nBody.\n")
    (tmp_path / "b.md").write_text("# Same title\n\nOther body.\n")
    findings = newslint.lint_paths([str(tmp_path)], config=Config(select=("NL201",)))
    assert [(f.path.rsplit("/", 1)[-1], f.line, f.message.rsplit("/", 1)[-1]) for f in findings] == [
        ("b.md", 1, "a.md")
    ]
