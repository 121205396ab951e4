"""Code actions and config problems as the server builds them, without a server process."""

from __future__ import annotations

import pytest

pytest.importorskip("lsprotocol")

from lsprotocol import types

from newslint.findings import Edit, Finding, Fix, Severity
from newslint.server.actions import disable_line_edit, minimal_edit, quick_fixes
from newslint.server.positions import LineIndex
from newslint.server.workspace import Project

TEXT = "# Title\n\nSome 😀 words here.\n"
WHOLE = types.Range(types.Position(0, 0), types.Position(99, 0))


def finding(safe: bool, line: int = 3) -> Finding:
    start = TEXT.index("words")
    edit = Edit(3, 8, 3, 13, "text", start, start + 5)
    fix = Fix("Say text", (edit,), safe)
    return Finding("a.md", line, 8, line, 13, "XTS1", "test-rule", Severity.WARNING, "words", fix, start, start + 5)


def test_an_unsafe_fix_is_marked_and_never_preferred():
    index = LineIndex(TEXT)
    actions = quick_fixes("file:///a.md", 4, index, [finding(safe=False)], WHOLE, True, versioned=True)
    fix = actions[0]
    assert "unsafe" in fix.title and fix.is_preferred is False and fix.data == {"fix": "unsafe"}
    safe = quick_fixes("file:///a.md", 4, index, [finding(safe=True)], WHOLE, True, versioned=True)[0]
    assert "unsafe" not in safe.title and safe.is_preferred is True
    # the edit is in UTF-16 units: the emoji before "words" counts twice
    edit = safe.edit.document_changes[0].edits[0]
    assert (edit.range.start.line, edit.range.start.character) == (2, 8)
    assert safe.edit.document_changes[0].text_document.version == 4


def test_only_findings_under_the_range_get_actions():
    index = LineIndex(TEXT)
    elsewhere = types.Range(types.Position(0, 0), types.Position(0, 3))
    assert quick_fixes("file:///a.md", 1, index, [finding(safe=True)], elsewhere, True, versioned=False) == []


def test_disable_comment_joins_one_already_above_the_line():
    text = "Intro.\n\n<!-- newslint-disable-next-line NL101 -->\nSome words here.\n"
    index = LineIndex(text)
    found = Finding("a.md", 4, 6, 4, 11, "NL402", "x", Severity.WARNING, "m")
    edit = disable_line_edit(index, found)
    assert edit is not None and edit.new_text == " NL402" and edit.range.start.line == 2


def test_no_disable_comment_inside_front_matter():
    text = "---\ntitle: Kiev talks\n---\n\nBody.\n"
    found = Finding("a.md", 2, 8, 2, 12, "NL402", "x", Severity.WARNING, "m")
    assert disable_line_edit(LineIndex(text), found) is None


def test_minimal_edit_replaces_only_what_changed():
    old, new = "abc Kiev def 😀 ghi", "abc Kyiv def 😀 ghi"
    edit = minimal_edit(LineIndex(old), old, new)
    assert edit.new_text == "yi" and edit.range.start.character == 5 and edit.range.end.character == 7


def test_a_broken_pack_is_reported_on_the_pack_file_and_line(tmp_path, monkeypatch):
    (tmp_path / "house.toml").write_text('[pack]\nkind = "references"\nextends = "references"\nbogus = 1\n')
    (tmp_path / "newslint.toml").write_text('packs = ["house.toml"]\n')
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nText.\n")
    monkeypatch.chdir(tmp_path)
    problem = Project([str(tmp_path)]).lint_buffer(str(article), 1, article.read_text()).problem
    assert problem is not None
    assert problem.file == str(tmp_path / "house.toml") and problem.line == 3 and "bogus" in problem.message


def test_a_bad_config_value_points_at_its_line(tmp_path, monkeypatch):
    config = '[project]\nname = "x"\n\n[tool.newslint]\nselect = ["NL101"]\nnonsense = 3\n'
    (tmp_path / "pyproject.toml").write_text(config)
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nText.\n")
    monkeypatch.chdir(tmp_path)
    problem = Project([str(tmp_path)]).check_config(str(article))
    assert problem is not None and problem.file == str(tmp_path / "pyproject.toml")
    assert problem.line == 5 and "nonsense" in problem.message


def test_the_child_process_lints_as_the_engine_does_and_stops_when_the_lint_goes_stale(tmp_path, monkeypatch):
    import time

    from newslint.engine import Linter
    from newslint.server.child import ChildLinter
    from newslint.server.workspace import CLI_OVERRIDES

    monkeypatch.chdir(tmp_path)
    text = "# Ferry talks resume\n\nOfficials in Kiev met [1].\n\n## References\n\n1. Minutes\n2. Unused\n"
    child = ChildLinter()
    try:
        report = child.lint("story.md", text, lambda: True)
        expected = Linter(overrides=CLI_OVERRIDES).lint_file(text, "story.md")
        assert report.findings == expected.findings and report.facts == expected.facts

        process = child.process
        asked = time.monotonic()
        assert child.lint("big.md", "word Kiev " * 300_000, lambda: time.monotonic() - asked < 0.2) is None
        assert child.process is None and not process.is_alive()  # killed, not waited for
        assert child.lint("story.md", text, lambda: True).findings == expected.findings  # a new child
    finally:
        child.stop()
