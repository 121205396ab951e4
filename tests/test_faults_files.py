"""Foreign files and hostile surroundings: --fix and file metadata, walking special and deep
trees, signals, usage errors and size limits (issue 14 §2.4-2.7)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
import threading

import pytest

from conftest import run_cli

FIXABLE = "# Harbour works resume\n\nSkip to content\n\nCrews went back to work on Monday.\n"
FIXED = "# Harbour works resume\n\n\nCrews went back to work on Monday.\n"
WITH_FINDING = "Harbour works resume\n\nCrews went back to work on Monday [4].\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX files and signals")


def stderr_lines(result: subprocess.CompletedProcess[bytes]) -> list[str]:
    return result.stderr.decode().splitlines()


def temp_files(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".newslint-"))


# ----- --fix and file metadata ---------------------------------------------------------------


def test_fix_writes_through_a_symlink_and_keeps_the_link(tmp_path):
    (tmp_path / "real.md").write_text(FIXABLE)
    (tmp_path / "link.md").symlink_to("real.md")
    result = run_cli("check", "--fix", "--no-cache", "link.md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "link.md").is_symlink()
    assert (tmp_path / "real.md").read_text() == FIXED


def test_fix_refuses_a_read_only_file_with_one_line_and_exit_two(tmp_path):
    article = tmp_path / "a.md"
    article.write_text(FIXABLE)
    article.chmod(0o444)
    result = run_cli("check", "--fix", "--no-cache", "a.md", cwd=tmp_path)
    assert result.returncode == 2
    assert stderr_lines(result) == ["newslint: a.md: file is read-only; not fixed"]
    assert article.read_text() == FIXABLE and stat.S_IMODE(article.stat().st_mode) == 0o444
    assert b"Fixed" not in result.stdout


@posix_only
def test_fix_keeps_the_mode_bits(tmp_path):
    article = tmp_path / "a.md"
    article.write_text(FIXABLE)
    article.chmod(0o640)
    assert run_cli("check", "--fix", "--no-cache", "a.md", cwd=tmp_path).returncode == 0
    assert article.read_text() == FIXED and stat.S_IMODE(article.stat().st_mode) == 0o640


@pytest.mark.skipif(not IS_ROOT, reason="needs root to own a file as another user")
def test_fix_run_as_root_keeps_the_owner_and_group(tmp_path):
    article = tmp_path / "a.md"
    article.write_text(FIXABLE)
    os.chown(article, 65534, 65534)
    assert run_cli("check", "--fix", "--no-cache", "a.md", cwd=tmp_path).returncode == 0
    assert article.read_text() == FIXED
    assert (article.stat().st_uid, article.stat().st_gid) == (65534, 65534)


def test_fix_splits_a_hard_link_as_the_readme_says(tmp_path):
    (tmp_path / "a.md").write_text(FIXABLE)
    os.link(tmp_path / "a.md", tmp_path / "other-name.txt")
    assert run_cli("check", "--fix", "--no-cache", "a.md", cwd=tmp_path).returncode == 0
    assert (tmp_path / "a.md").read_text() == FIXED
    assert (tmp_path / "other-name.txt").read_text() == FIXABLE


# ----- walking ----------------------------------------------------------------------------------


def test_an_unreadable_subfolder_is_skipped_with_a_warning(tmp_path, monkeypatch):
    """Simulated (root can read a mode-000 folder): listing and looking inside it fail."""
    from newslint.config import clear_config_cache
    from newslint.engine import Linter

    (tmp_path / "a.md").write_text(WITH_FINDING.replace("Harbour", "Port"))
    locked = tmp_path / "lost+found"
    locked.mkdir()
    (locked / "b.md").write_text(WITH_FINDING)
    real_stat, real_scandir = os.stat, os.scandir

    def refuse(path, *args, **kwargs):
        if str(path).startswith(str(locked) + os.sep):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    def refuse_listing(path="."):
        if os.path.abspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "stat", refuse)
    monkeypatch.setattr(os, "scandir", refuse_listing)
    clear_config_cache()
    try:
        result = Linter().run([str(tmp_path)])
    finally:
        clear_config_cache()
    assert result.errors == []
    assert result.warnings == [f"{locked}: cannot read folder: Permission denied; skipped"]
    assert {f.path for f in result.findings} == {str(tmp_path / "a.md")}


@pytest.mark.skipif(IS_ROOT or not hasattr(os, "geteuid"), reason="root reads a mode-000 folder anyway")
def test_a_mode_000_subfolder_does_not_abort_the_run(tmp_path):
    (tmp_path / "a.md").write_text(WITH_FINDING)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.md").write_text(WITH_FINDING)
    locked.chmod(0)
    try:
        result = run_cli("check", "--no-cache", ".", cwd=tmp_path)
    finally:
        locked.chmod(0o755)
    assert result.returncode == 1, result.stderr
    assert stderr_lines(result) == ["newslint: warning: locked: cannot read folder: Permission denied; skipped"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_a_folder_is_skipped_without_blocking(tmp_path):
    (tmp_path / "a.md").write_text(WITH_FINDING)
    os.mkfifo(tmp_path / "pipe.md")
    result = run_cli("check", "--no-cache", ".", cwd=tmp_path, timeout=30)
    assert result.returncode == 1, result.stderr
    assert stderr_lines(result) == ["newslint: warning: pipe.md: not a regular file; skipped"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_on_the_command_line_is_read_once_and_shown_with_excerpts(tmp_path):
    fifo = tmp_path / "piped.txt"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "w") as writer:  # blocks until newslint opens it
            writer.write(WITH_FINDING)

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    try:
        result = run_cli("check", "--no-cache", "piped.txt", cwd=tmp_path, timeout=30)
    finally:
        if feeder.is_alive():  # newslint never opened it: release the writer
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
    assert result.returncode == 1, result.stderr
    assert "Crews went back to work on Monday [4]." in result.stdout.decode()  # the excerpt


def test_folders_nested_past_the_recursion_limit_are_walked(tmp_path):
    depth = 1100  # sys.getrecursionlimit() is 1000
    deepest = str(tmp_path)
    for _ in range(depth):  # os.makedirs recurses too
        deepest = os.path.join(deepest, "d")
        os.mkdir(deepest)
    with open(os.path.join(deepest, "a.txt"), "w") as article:
        article.write(WITH_FINDING)
    result = run_cli("check", "--no-cache", "--format", "json", ".", cwd=tmp_path, timeout=60)
    assert result.returncode == 1, result.stderr[-500:]
    assert {f["path"].count("d/") for f in json.loads(result.stdout)} == {depth}


def test_a_folder_symlink_loop_and_a_dangling_link_still_end_the_run(tmp_path):
    (tmp_path / "a.md").write_text(WITH_FINDING)
    (tmp_path / "loop").symlink_to(".")
    (tmp_path / "gone.md").symlink_to("missing.md")
    result = run_cli("check", "--no-cache", ".", cwd=tmp_path, timeout=30)
    assert result.returncode == 2  # the dangling article link is an input error, as before
    assert stderr_lines(result) == ["newslint: gone.md: no such file or directory"]


# ----- sizes and special files -------------------------------------------------------------------


def test_a_file_over_max_file_size_is_skipped_with_one_line(tmp_path):
    (tmp_path / "big.txt").write_text(WITH_FINDING * 100)
    (tmp_path / "small.txt").write_text(WITH_FINDING)
    result = run_cli("check", "--no-cache", "--max-file-size", "1kB", "big.txt", "small.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert stderr_lines(result) == ["newslint: warning: big.txt: larger than --max-file-size (1,000 bytes); skipped"]
    assert b"big.txt" not in result.stdout and b"small.txt" in result.stdout


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_dev_zero_as_an_article_is_read_only_up_to_the_limit(tmp_path):
    result = run_cli("check", "--no-cache", "/dev/zero", cwd=tmp_path, timeout=30)
    assert stderr_lines(result) == ["newslint: warning: /dev/zero: larger than --max-file-size (10 MB); skipped"]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_pack_that_is_dev_zero_is_named_as_not_a_regular_file(tmp_path):
    (tmp_path / "newslint.toml").write_text('packs = ["/dev/zero"]\n')
    (tmp_path / "a.md").write_text(WITH_FINDING)
    result = run_cli("check", "--no-cache", "a.md", cwd=tmp_path, timeout=30)
    assert result.returncode == 2
    [line] = stderr_lines(result)
    assert "/dev/zero" in line and "not a regular file" in line and "does not exist" not in line


def test_dev_stdin_and_dash_are_linted_with_excerpts(tmp_path):
    for name in ("-", "/dev/stdin"):
        result = run_cli("check", "--no-cache", "--stdin-filename", "a.txt", name, cwd=tmp_path,
                         stdin=WITH_FINDING.encode())
        assert result.returncode == 1, (name, result.stderr)
        assert "Crews went back to work on Monday [4]." in result.stdout.decode(), name


# ----- signals and usage errors ----------------------------------------------------------------------

SIGNAL_DURING = textwrap.dedent("""
    import os, signal, sys
    import newslint.cli
    real_fsync = os.fsync

    def fsync(fd):  # the signal arrives while the fixed text is being written
        os.kill(os.getpid(), getattr(signal, sys.argv[1]))
        real_fsync(fd)

    os.fsync = fsync
    newslint.cli.main(["check", "--fix", "--no-cache", "a.md"])
""")


@posix_only
@pytest.mark.parametrize(("signal_name", "status", "line"), [("SIGTERM", 143, "newslint: terminated"),
                                                            ("SIGINT", 130, "newslint: interrupted")])
def test_a_signal_during_fix_leaves_no_temp_file_and_the_article_whole(tmp_path, signal_name, status, line):
    (tmp_path / "a.md").write_text(FIXABLE)
    result = subprocess.run([sys.executable, "-c", SIGNAL_DURING, signal_name], cwd=tmp_path,
                            capture_output=True, timeout=60)
    assert temp_files(tmp_path) == []
    assert (tmp_path / "a.md").read_text() == FIXABLE
    assert result.returncode == status
    assert stderr_lines(result) == [line]


def test_ctrl_c_exits_130_with_a_newslint_line_not_clicks_aborted(tmp_path):
    script = ("import os, signal, newslint.cli, newslint.engine\n"
              "newslint.engine.Linter.run = lambda *a, **k: os.kill(os.getpid(), signal.SIGINT)\n"
              "newslint.cli.main(['check', '--no-cache', 'a.md'])\n")
    (tmp_path / "a.md").write_text(WITH_FINDING)
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, timeout=60)
    assert result.returncode == 130
    assert stderr_lines(result) == ["newslint: interrupted"]


@pytest.mark.parametrize("args", [("check", "--bogus"), ("check", "--format", "yaml", "."), ("bogus",),
                                  ("check", "--max-file-size", "lots", ".")])
def test_a_usage_error_is_one_newslint_line_and_exit_two(tmp_path, args):
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == 2
    [line] = stderr_lines(result)
    assert line.startswith("newslint: ")
