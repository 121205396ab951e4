"""A warm re-run (every file in the results cache) prints what a cold one prints, loads no rule,
and lints past a cache that is damaged, foreign or of an older format."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli
from newslint import __version__
from newslint.cache import FORMAT

ARTICLES = {
    # one title shared by two articles (a project rule), page furniture with a fix, a used and an
    # unused suppression, curly quotes and wide characters under a caret, CRLF line endings
    "a.md": "# Ferry crossings resume after the storm\n\nSkip to content\n\nThe operator said the first boat left "
            "Kiev at dawn, and \u201cmore will follow\u201d.\n",
    "b.md": "# Ferry crossings resume after the storm\n\n<!-- newslint-disable-next-line NL601 -->\nSkip to content\n"
            "\n<!-- newslint-disable-next-line NL101 -->\nBoats from Kyiv are full, a port official said [3].\n",
    "c.txt": "Harbour fees go up\r\n\r\nThe council voted on Tuesday \u6e2f\u53e3 to raise the fees [7].\r\n"
             "\r\nRead also:\r\n",
    "nested/d.md": "# Night trains return\n\nThe rail company said night trains would run again from May [2].\n",
}


def _write(folder: Path) -> None:
    for name, text in ARTICLES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def _check(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return run_cli("check", "--cache-dir", "cache", *args, ".", cwd=folder)


def _database(folder: Path) -> Path:
    return folder / "cache" / f"results-v{__version__}-f{FORMAT}.sqlite"


@pytest.mark.parametrize("output", ["text", "json", "sarif", "concise"])
def test_a_warm_run_prints_what_a_cold_run_prints(tmp_path, output):
    _write(tmp_path)
    cold = run_cli("check", "--no-cache", "--format", output, ".", cwd=tmp_path)
    assert cold.returncode == 1, cold.stderr
    assert b"NL201" in cold.stdout and b"NL601" in cold.stdout and b"NL001" in cold.stdout
    priming = _check(tmp_path, "--format", output)
    warm = _check(tmp_path, "--format", output)
    assert (priming.returncode, priming.stdout) == (cold.returncode, cold.stdout)
    assert (warm.returncode, warm.stdout, warm.stderr) == (cold.returncode, cold.stdout, cold.stderr)


def test_a_used_suppression_stays_used_in_a_warm_run(tmp_path):
    (tmp_path / "a.md").write_text("# Title of it\n\n<!-- newslint-disable-next-line NL601 -->\nSkip to content\n\n"
                                   "Plain words follow here.\n")
    assert _check(tmp_path).returncode == 0
    warm = _check(tmp_path)
    assert (warm.returncode, warm.stdout) == (0, b"")


def test_a_warm_run_loads_no_rule_and_reads_no_article(tmp_path):
    _write(tmp_path)
    _check(tmp_path)
    probe = (
        "import builtins, sys\n"
        "from newslint.cli import main\n"
        "opened = []\n"
        "real_open = builtins.open\n"
        "def spy(file, *args, **kwargs):\n"
        "    opened.append(str(file))\n"
        "    return real_open(file, *args, **kwargs)\n"
        "builtins.open = spy\n"
        "try:\n"
        "    main(['check', '--cache-dir', 'cache', '.'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('newslint.rules.', 'newslint.syntax.parser')))\n"
        "articles = sorted(p for p in opened if p.endswith(('.md', '.txt')) and not p.startswith('/'))\n"
        "print('LOADED', loaded, 'READ', articles, file=sys.stderr)\n"
    )
    warm = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, timeout=60)
    assert b"LOADED [] READ []" in warm.stderr, warm.stderr
    assert b"Found" in warm.stdout


def test_a_changed_article_reruns_the_project_rules(tmp_path):
    _write(tmp_path)
    _check(tmp_path)
    (tmp_path / "nested" / "d.md").write_text("# Ferry crossings resume after the storm\n\nA third copy [2].\n")
    expected = run_cli("check", "--no-cache", ".", cwd=tmp_path)
    assert expected.stdout.count(b"is also the title of") == 2
    assert _check(tmp_path).stdout == expected.stdout
    assert _check(tmp_path).stdout == expected.stdout  # and the new result is kept
    (tmp_path / "b.md").unlink()  # one file fewer: another run
    expected = run_cli("check", "--no-cache", ".", cwd=tmp_path)
    assert _check(tmp_path).stdout == expected.stdout


@pytest.mark.parametrize("damage", [
    "UPDATE entries SET entry = 'not json'",
    "UPDATE entries SET entry = '[1, 2]'",
    "UPDATE entries SET entry = json_set(entry, '$.findings', json('[[1]]'))",
    "UPDATE entries SET entry = json_set(entry, '$.lines', 7)",
    "UPDATE entries SET entry = json_remove(entry, '$.digest')",
    "UPDATE entries SET entry = 42",
    "UPDATE runs SET result = 'not json'",
    "UPDATE runs SET result = json_set(result, '$.findings', json('[[\"a.md\", [[1, 2]]]]'))",
    "UPDATE runs SET result = json_set(result, '$.lines', json('[[\"a.md\", \"x\", 3]]'))",
    "DROP TABLE runs",
    "DROP TABLE entries",
])
def test_a_damaged_entry_or_run_gives_the_cold_output(tmp_path, damage):
    _write(tmp_path)
    expected = run_cli("check", "--no-cache", ".", cwd=tmp_path)
    _check(tmp_path)
    with sqlite3.connect(_database(tmp_path)) as db:
        db.execute(damage)
    db.close()
    for _ in range(2):  # reads the damaged cache, then what that run wrote
        result = _check(tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (expected.returncode, expected.stdout, b"")


def test_an_older_format_is_not_read(tmp_path):
    _write(tmp_path)
    expected = run_cli("check", "--no-cache", ".", cwd=tmp_path)
    (tmp_path / "cache").mkdir()
    old = tmp_path / "cache" / f"results-v{__version__}-f{FORMAT - 1}.sqlite"
    with sqlite3.connect(old) as db:  # format 1's table, with an entry that says "no findings"
        db.execute("CREATE TABLE entries (path TEXT PRIMARY KEY, entry TEXT NOT NULL)")
        db.execute("INSERT INTO entries VALUES (?, ?)", (str((tmp_path / "a.md").resolve()),
                                                        '{"findings": [], "directives": [], "enabled": []}'))
    db.close()
    for _ in range(2):
        result = _check(tmp_path)
        assert (result.returncode, result.stdout) == (expected.returncode, expected.stdout)
