"""The command line as a user meets it: exit codes, formats, stdin, errors on one line."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO, run_cli

ARTICLE = (
    "Lead Story\n\nThe plant closed [1] and reopened [2].\n\n[1] Company notice\n[2] Union letter\n[3] Old draft\n"
)
CLEAN = "Lead Story\n\nThe plant closed [1].\n\n[1] Company notice\n"


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_clean_file_exits_zero(tmp_path):
    write(tmp_path, "clean.txt", CLEAN)
    result = run_cli("check", "clean.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""


def test_findings_exit_one_with_ruff_style_text_and_caret(tmp_path):
    write(tmp_path, "story.txt", ARTICLE)
    result = run_cli("check", "story.txt", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert lines[0] == "story.txt:7:1: NL101 reference [3] is listed but never cited"
    assert lines[1] == "7 | [3] Old draft"
    assert lines[2] == "  | ^^^"
    assert lines[-1] == "Found 1 finding."
    assert "\x1b[" not in result.stdout.decode()  # no colour when not a terminal


def test_json_output_schema_and_order(tmp_path):
    write(tmp_path, "b.txt", ARTICLE)
    write(tmp_path, "a/z.md", "# T\n\nText [4].\n\n[1] Only entry\n")
    result = run_cli("check", "--format", "json", "b.txt", "a", cwd=tmp_path)
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert [(f["path"], f["line"], f["code"]) for f in findings] == [
        ("a/z.md", 3, "NL102"),
        ("a/z.md", 5, "NL101"),
        ("b.txt", 7, "NL101"),
    ]
    assert set(findings[0]) == {
        "path", "line", "column", "end_line", "end_column", "code", "rule", "severity", "message", "fix",
    }
    assert findings[0]["rule"] == "undefined-citation" and findings[0]["fix"] is None
    assert (findings[0]["column"], findings[0]["end_column"]) == (6, 9)


def test_folders_recurse_over_article_files_only_and_skip_git(tmp_path):
    write(tmp_path, "docs/x.md", "# T\n\nText [4].\n")
    write(tmp_path, "docs/notes.rst", "Text [4].\n")
    write(tmp_path, ".git/y.md", "# T\n\nText [4].\n")
    result = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    assert [f["path"] for f in json.loads(result.stdout)] == ["docs/x.md"]


def test_stdin_with_stdin_filename_picks_the_format(tmp_path):
    text = b"# Title\n\nBody [^n].\n"
    result = run_cli("check", "--format", "json", "--stdin-filename", "piece.md", "-", cwd=tmp_path, stdin=text)
    findings = json.loads(result.stdout)
    assert [(f["path"], f["code"]) for f in findings] == [("piece.md", "NL102")]


def test_select_and_ignore_accept_codes_names_and_prefixes(tmp_path):
    write(tmp_path, "s.txt", "Head\n\nText [9] and [1].\n\n[1] A\n[2] B\n")
    def codes(*flags: str) -> list[str]:
        result = run_cli("check", "--format", "json", *flags, "s.txt", cwd=tmp_path)
        return sorted(f["code"] for f in json.loads(result.stdout or b"[]"))
    assert codes() == ["NL101", "NL102"]
    assert codes("--select", "unused-reference") == ["NL101"]
    assert codes("--ignore", "NL10") == []
    assert codes("--select", "NL1", "--ignore", "NL102") == ["NL101"]


def test_missing_path_is_exit_two_with_one_line(tmp_path):
    result = run_cli("check", "nope.md", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "newslint: nope.md: no such file or directory"


def test_invalid_utf8_and_binary_are_exit_two_and_other_files_still_linted(tmp_path):
    write(tmp_path, "bad.txt", b"Caf\xe9 au lait\n")
    write(tmp_path, "bin.md", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp_path, "ok.txt", ARTICLE)
    result = run_cli("check", "--format", "json", "bad.txt", "bin.md", "ok.txt", cwd=tmp_path)
    assert result.returncode == 2
    errors = result.stderr.decode().splitlines()
    assert errors == [
        "newslint: bad.txt: not valid UTF-8 (byte 0xe9 at offset 3); not linted",
        "newslint: bin.md: binary file (contains NUL bytes); not linted",
    ]
    assert [f["path"] for f in json.loads(result.stdout)] == ["ok.txt"]


def test_unknown_rule_is_a_usage_error(tmp_path):
    write(tmp_path, "s.txt", CLEAN)
    result = run_cli("check", "--select", "NL999", "s.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown rule code or name 'NL999'" in result.stderr.decode()
    assert b"Traceback" not in result.stderr


def test_bad_option_is_exit_two():
    assert run_cli("check", "--format", "xml").returncode == 2


def test_rules_lists_every_builtin_rule():
    out = run_cli("rules").stdout.decode()
    for code in ("NL101", "NL102", "NL103", "NL201"):
        assert code in out


def test_rule_prints_the_docstring_by_code_or_name():
    by_code = run_cli("rule", "NL101").stdout.decode()
    by_name = run_cli("rule", "unused-reference").stdout.decode()
    assert by_code == by_name
    for section in ("**What it flags**", "**Why it matters**", "**Example**", "**Fix**"):
        assert section in by_code
    assert run_cli("rule", "NL000").returncode == 2


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.decode().startswith("newslint, version ")


def test_readme_example_command_shows_findings():
    result = run_cli("check", "examples", cwd=REPO)
    assert result.returncode == 1, result.stderr
    assert b"NL101" in result.stdout and b"NL201" in result.stdout
