"""Parallel and cached runs print exactly what a serial, uncached run prints."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import REPO, run_cli

sys.path.insert(0, str(REPO / "bench"))
from generate import write_corpus


def make_corpus(folder: Path) -> None:
    write_corpus(folder, count=120, words=250, seed=7)


def test_parallel_and_cached_output_is_byte_identical_to_serial(tmp_path):
    make_corpus(tmp_path / "corpus")
    serial = run_cli("check", "--format", "json", "-j", "1", "--no-cache", "corpus", cwd=tmp_path)
    assert serial.returncode in (0, 1), serial.stderr
    cold = run_cli("check", "--format", "json", "-j", "2", "corpus", cwd=tmp_path)
    assert (tmp_path / ".newslint_cache").is_dir()
    warm = run_cli("check", "--format", "json", "-j", "2", "corpus", cwd=tmp_path)
    assert cold.stdout == serial.stdout
    assert warm.stdout == serial.stdout
    text_serial = run_cli("check", "-j", "1", "--no-cache", "corpus", cwd=tmp_path)
    text_warm = run_cli("check", "corpus", cwd=tmp_path)
    assert text_warm.stdout == text_serial.stdout


def test_cache_notices_a_changed_file_and_a_changed_config(tmp_path):
    (tmp_path / "a.txt").write_text("Lead\n\nText [1].\n\n[1] A\n")
    assert run_cli("check", "a.txt", cwd=tmp_path).returncode == 0
    (tmp_path / "a.txt").write_text("Lead\n\nText [1].\n\n[1] A\n[2] B\n")
    assert run_cli("check", "a.txt", cwd=tmp_path).returncode == 1
    (tmp_path / "newslint.toml").write_text('ignore = ["NL101"]\n')
    assert run_cli("check", "a.txt", cwd=tmp_path).returncode == 0


def test_clean_removes_the_cache(tmp_path):
    (tmp_path / "a.txt").write_text("Lead\n\nText.\n")
    run_cli("check", "a.txt", cwd=tmp_path)
    assert (tmp_path / ".newslint_cache").is_dir()
    assert run_cli("clean", cwd=tmp_path).returncode == 0
    assert not (tmp_path / ".newslint_cache").exists()


def test_cache_survives_a_touch_but_not_an_edit_of_the_same_size(tmp_path):
    import os

    (tmp_path / "a.txt").write_text("Lead\n\nText [1].\n\n[1] A\n[2] B\n")
    first = run_cli("check", "--format", "json", "a.txt", cwd=tmp_path)
    os.utime(tmp_path / "a.txt", ns=(1, 1))  # a checkout or a touch: new time, same content
    second = run_cli("check", "--format", "json", "a.txt", cwd=tmp_path)
    assert second.stdout == first.stdout
    (tmp_path / "a.txt").write_text("Lead\n\nText [2].\n\n[1] A\n[2] B\n")  # same size, new content
    third = run_cli("check", "--format", "json", "a.txt", cwd=tmp_path)
    assert b"reference [1] is listed" in third.stdout
