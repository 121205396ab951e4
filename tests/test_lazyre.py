"""Lazy patterns: the compiled tables shipped with the package match what regex would compile."""

from __future__ import annotations

import subprocess
import sys

import pytest
import regex

from newslint import lazyre

SAMPLES = [
    "Officials said on Monday that 40 ships were waiting, according to the port authority [1].",
    "Kyiv claimed the blockade had ended; Moscow reportedly denied it. \u201cWe will see,\u201d he said.",
    "Skip to content\nRead also: Ports reopen in Odesa and Bilhorod-Dnistrovskyi\n(c) 2024 Reuters",
    "The report, which could not be independently verified, was widely believed to be false.",
    "",
]


def test_the_shipped_tables_hold_every_pattern_the_rules_make():
    """Fails after a built-in pattern or word list changes until the tables are rebuilt."""
    if lazyre.shipped() == {}:
        pytest.skip(f"tables built for another regex release than {regex.__version__}")
    done = subprocess.run([sys.executable, "-m", "newslint.devtools.build_regexes", "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_pattern_from_the_tables_matches_exactly_like_one_compiled_by_regex():
    table = lazyre.shipped()
    if not table:
        pytest.skip(f"tables built for another regex release than {regex.__version__}")
    for entry in table.values():
        source, flags = entry[0], entry[1]
        shipped = lazyre.ENGINE.compile(*lazyre.engine_arguments(entry))
        compiled = regex.compile(source, flags)
        assert (shipped.pattern, shipped.groups, shipped.groupindex) == (
            compiled.pattern, compiled.groups, compiled.groupindex)
        for text in SAMPLES:
            assert [m.span() for m in shipped.finditer(text)] == [m.span() for m in compiled.finditer(text)], source


def test_patterns_outside_the_tables_compile_as_usual(monkeypatch):
    pattern = lazyre.lazy_compile(r"\bnot\s+in\s+any\s+table\b", regex.IGNORECASE)
    assert pattern.search("It is NOT in any table.").span() == (6, 22)
    monkeypatch.setattr(lazyre, "TABLES_FILE", lazyre.TABLES_FILE.with_name("missing.json"))
    lazyre.shipped.cache_clear()
    try:
        assert lazyre.shipped() == {}
        assert lazyre.compile_pattern(r"(?P<word>\w+)").match("abc").group("word") == "abc"
    finally:
        lazyre.shipped.cache_clear()


def test_a_table_for_another_regex_release_is_not_used(tmp_path, monkeypatch):
    stale = tmp_path / "tables.json"
    stale.write_text('{"regex": "0.0", "magic": 0, "patterns": {"0:x": []}}', encoding="utf-8")
    monkeypatch.setattr(lazyre, "TABLES_FILE", stale)
    lazyre.shipped.cache_clear()
    try:
        assert lazyre.shipped() == {}
        assert lazyre.compile_pattern("x").search("axb").span() == (1, 2)
    finally:
        lazyre.shipped.cache_clear()
