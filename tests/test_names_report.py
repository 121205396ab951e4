"""`newslint names`: every place family of the articles, as text, JSON and a TOML block."""

from __future__ import annotations

import json
import sys

from click.testing import CliRunner

from newslint.cli import cli

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

FIRST = """Storm Warning

Gales reached Cologne before dawn, and the river in Köln rose by a metre.

Trains to Munich ran late.
"""
SECOND = """Rail Strike

Commuters in Köln waited for hours; "Cologne is stuck," one said.

The Hague court met in Den Haag as planned, and Munich stayed calm.
"""


def archive(tmp_path):
    (tmp_path / "first.txt").write_text(FIRST, encoding="utf-8")
    (tmp_path / "second.txt").write_text(SECOND, encoding="utf-8")
    return tmp_path


def names(*args):
    return CliRunner().invoke(cli, ["names", *args])


def test_json_lists_each_family_with_its_spellings_counts_and_first_lines(tmp_path):
    result = names("--format", "json", str(archive(tmp_path)))
    assert result.exit_code == 0, result.output
    families = {f["place"]: f for f in json.loads(result.output)}
    cologne = families["Cologne"]
    assert cologne["geonames_id"] == 2886242
    assert cologne["preferred"] == "Cologne"
    assert cologne["consistent"] is False
    spellings = {s["text"]: s for s in cologne["spellings"]}
    assert spellings["Köln"]["count"] == 2  # the quotation's "Cologne" is not the article's spelling
    assert spellings["Cologne"]["count"] == 1
    assert [(loc["path"].rsplit("/", 1)[-1], loc["line"]) for loc in spellings["Köln"]["locations"]] == [
        ("first.txt", 3),
        ("second.txt", 3),
    ]
    assert families["Munich"]["consistent"] is True
    assert {s["text"] for s in families["The Hague"]["spellings"]} == {"The Hague", "Den Haag"}


def test_text_puts_the_most_inconsistent_families_first(tmp_path):
    result = names(str(archive(tmp_path)))
    assert result.exit_code == 0, result.output
    heads = [line for line in result.output.splitlines() if not line.startswith(" ")]
    assert heads[0].startswith("Cologne (geonames 2886242; house form Cologne): 2 spellings")
    assert any(h.startswith("Munich") and h.endswith("consistent") for h in heads)
    assert heads[-1] == "3 places, 2 spelled more than one way."


def test_toml_is_a_prefer_block_for_the_inconsistent_families_ready_to_paste(tmp_path):
    result = names("--format", "toml", str(archive(tmp_path)))
    assert result.exit_code == 0, result.output
    table = tomllib.loads(result.output)
    assert table == {"tool": {"newslint": {"names": {"prefer": {"Köln": "Cologne", "Den Haag": "The Hague"}}}}}


def test_a_missing_path_is_one_error_line_and_exit_2(tmp_path):
    result = names(str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "no such file or directory" in result.output
