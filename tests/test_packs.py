"""Data packs: built-ins ship with the package, users extend them, bad packs are named errors."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli
from newslint.packs import PackError, builtin_pack_names, load_pack, parse_pack_file


def test_builtin_packs_are_found_wherever_newslint_is_installed():
    assert {"references", "boilerplate"} <= set(builtin_pack_names())
    assert "sources" in load_pack("references").get("headings")


def test_user_pack_extends_a_builtin_pack(tmp_path):
    extra = tmp_path / "house.toml"
    extra.write_text('[pack]\nkind = "references"\nextends = "references"\nheadings = ["quellen"]\n')
    pack = load_pack("references", [extra])
    assert "quellen" in pack.get("headings") and "sources" in pack.get("headings")


def test_unknown_key_in_a_pack_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[pack]\nkind = "references"\n\nheadngs = ["x"]\n')
    with pytest.raises(PackError, match=r"bad\.toml:4: unknown key 'headngs'"):
        parse_pack_file(bad)


def test_unknown_kind_and_wrong_type_are_errors(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[pack]\nkind = "gazeteer"\n')
    with pytest.raises(PackError, match="unknown pack kind 'gazeteer'"):
        parse_pack_file(bad)
    bad.write_text('[pack]\nkind = "references"\nheadings = "sources"\n')
    with pytest.raises(PackError, match="'headings' must be a list"):
        parse_pack_file(bad)


def test_config_pack_changes_what_counts_as_a_reference_list(tmp_path):
    (tmp_path / "house.toml").write_text(
        '[pack]\nkind = "references"\nextends = "references"\nheadings = ["quellen"]\n'
    )
    (tmp_path / "newslint.toml").write_text('packs = ["house.toml"]\n')
    (tmp_path / "a.md").write_text("# T\n\nText [1].\n\n## Quellen\n\n1. Agentur\n2. Archiv\n")
    result = run_cli("check", "--format", "json", "a.md", cwd=tmp_path)
    assert [(f["code"], f["line"]) for f in json.loads(result.stdout)] == [("NL101", 8)]
