"""`newslint server` as a process: exit codes, help, and that `newslint check` never loads pygls."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import run_cli

needs_pygls = pytest.mark.skipif(
    not __import__("importlib.util").util.find_spec("pygls"), reason="pygls is not installed"
)


def _raw_session(*messages: bytes) -> subprocess.CompletedProcess[bytes]:
    payload = b"".join(b"Content-Length: %d\r\n\r\n%s" % (len(m), m) for m in messages)
    return subprocess.run([sys.executable, "-m", "newslint", "server", "--no-cache"], input=payload,
                          capture_output=True, timeout=60)


@needs_pygls
def test_shutdown_then_exit_is_a_clean_exit():
    done = _raw_session(
        b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}',
        b'{"jsonrpc":"2.0","method":"initialized","params":{}}',
        b'{"jsonrpc":"2.0","id":2,"method":"shutdown"}',
        b'{"jsonrpc":"2.0","method":"exit"}',
    )
    assert done.returncode == 0, done.stderr
    assert b'"id": 2' in done.stdout and b"Traceback" not in done.stderr


@needs_pygls
def test_exit_without_shutdown_or_a_vanished_client_exits_1():
    done = _raw_session(
        b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}',
    )
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr


def test_server_help_says_what_it_is():
    done = run_cli("server", "--help")
    assert done.returncode == 0
    assert b"language server" in done.stdout.lower()


def test_importing_the_cli_does_not_import_pygls():
    code = ("import sys, newslint.cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert done.stdout.strip() == b"[]", done.stderr


def test_newslint_check_does_not_import_pygls(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("# Title\n\nText.\n")
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "newslint", "check", "--no-cache", str(article)],
                          capture_output=True, timeout=60)
    assert done.returncode == 0
    assert b"pygls" not in done.stderr and b"lsprotocol" not in done.stderr
