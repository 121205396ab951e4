"""Configuration discovery and validation."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli
from newslint.config import Config, ConfigError, config_from_table

ARTICLE = "Head\n\nText [9] and [1].\n\n[1] A\n[2] B\n"


def lint_json(tmp_path, *args):
    result = run_cli("check", "--format", "json", *args, cwd=tmp_path)
    return result, json.loads(result.stdout or b"[]")


def test_pyproject_tool_table_is_read(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nignore = ["undefined-citation"]\n')
    (tmp_path / "a.txt").write_text(ARTICLE)
    _, findings = lint_json(tmp_path, "a.txt")
    assert [f["code"] for f in findings] == ["NL101"]


def test_closest_config_wins_and_pyproject_without_table_is_skipped(tmp_path):
    (tmp_path / "newslint.toml").write_text('ignore = ["NL101"]\n')
    sub = tmp_path / "desk"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[project]\nname = 'x'\n")  # no [tool.newslint]: keep looking
    deeper = sub / "wire"
    deeper.mkdir()
    (deeper / ".newslint.toml").write_text('ignore = ["NL102"]\n')
    (sub / "a.txt").write_text(ARTICLE)
    (deeper / "b.txt").write_text(ARTICLE)
    _, findings = lint_json(tmp_path, "--ignore", "duplicate-title", "desk")
    assert sorted((f["path"], f["code"]) for f in findings) == [
        ("desk/a.txt", "NL102"),
        ("desk/wire/b.txt", "NL101"),
    ]


def test_cli_flags_override_the_config(tmp_path):
    (tmp_path / "newslint.toml").write_text('select = ["NL101"]\n')
    (tmp_path / "a.txt").write_text(ARTICLE)
    _, findings = lint_json(tmp_path, "--select", "NL102", "a.txt")
    assert [f["code"] for f in findings] == ["NL102"]


def test_per_file_ignores_and_exclude(tmp_path):
    (tmp_path / "newslint.toml").write_text(
        'exclude = ["archive"]\n[per-file-ignores]\n"wire/*.txt" = ["NL102"]\n'
    )
    for folder in ("wire", "archive", "web"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(ARTICLE)
    _, findings = lint_json(tmp_path, "--ignore", "duplicate-title", ".")
    assert sorted((f["path"], f["code"]) for f in findings) == [
        ("web/a.txt", "NL101"),
        ("web/a.txt", "NL102"),
        ("wire/a.txt", "NL101"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('colour = "red"\n', "unknown key 'colour'"),
        ('select = ["NL9999"]\n', "unknown rule code or name 'NL9999'"),
        ('ignore = "NL101"\nselect = 3\n', "'select' must be a list of strings"),
        ("select = [\n", "invalid TOML"),
        ('packs = ["missing.toml"]\n', "does not exist"),
        ('english = "en-AU"\n', "'english' must be one of 'en-GB', 'en-US', not 'en-AU'"),
        ("[names]\nprefer = 3\n", "names.prefer: expected a table"),
    ],
)
def test_invalid_config_is_exit_two_naming_the_problem(tmp_path, content, message):
    (tmp_path / "newslint.toml").write_text(content)
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = run_cli("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2
    stderr = result.stderr.decode()
    assert message in stderr and "newslint.toml" in stderr
    assert len(stderr.strip().splitlines()) == 1


def test_library_config_from_a_table():
    config = config_from_table({"select": ["NL1"], "ignore": ["NL103"]}, "<test>", ".")
    assert isinstance(config, Config)
    with pytest.raises(ConfigError, match="unknown key 'nope'"):
        config_from_table({"nope": 1}, "<test>", ".")
