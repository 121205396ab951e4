"""Big buffers are linted in a child process: the GIL stays with the server, and a lint made
stale by newer keystrokes is stopped, not waited for.

A thread could not do either: the engine is pure Python, so a 2 MB lint on a thread shares the
interpreter lock with the message loop (requests slow down while it runs), and a thread can't
be interrupted. The child is started once (spawn: forking a process with threads is unsafe),
kept for later lints, and killed and started again to cancel one."""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

log = logging.getLogger("newslint.server")

POLL_SECONDS = 0.05


def _serve(connection: Connection, folder: str) -> None:
    """The child: lint what arrives, as the server's engine would, until the pipe closes."""
    os.dup2(2, 1)  # stdout is the editor's LSP channel: nothing may ever reach it from here
    sys.stdout = sys.stderr
    os.chdir(folder)
    from newslint.engine import Linter
    from newslint.server.workspace import CLI_OVERRIDES, forget_caches

    generation = -1
    linter: Linter | None = None
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        wanted, path, text = request
        if wanted != generation or linter is None:
            forget_caches()  # the configuration changed since the last lint
            linter, generation = Linter(overrides=CLI_OVERRIDES), wanted
        try:
            connection.send(("ok", linter.lint_file(text, path)))
        except Exception as exc:  # reported by the server like a failure in-process
            connection.send(("error", f"{type(exc).__name__}: {exc}"))


class ChildLinter:
    """One child process, used from the server's worker thread only."""

    def __init__(self) -> None:
        self.process: Any = None
        self.connection: Connection | None = None
        self.generation = 0

    def forget_configuration(self) -> None:
        self.generation += 1

    def lint(self, path: str, text: str, still_wanted: Callable[[], bool]) -> Any:
        """The child's FileReport for ``text``; None if ``still_wanted()`` turned false first
        (the child is then killed) or the child died."""
        connection = self._connection()
        try:
            connection.send((self.generation, path, text))
            while not connection.poll(POLL_SECONDS):
                if not still_wanted():
                    self.stop()
                    return None
            status, value = connection.recv()
        except (EOFError, OSError, BrokenPipeError):
            log.error("newslint: the lint process for large articles died; starting another next time")
            self.stop()
            return None
        if status != "ok":
            raise RuntimeError(value)
        return value

    def _connection(self) -> Connection:
        if self.connection is None or self.process is None or not self.process.is_alive():
            self.stop()
            context = multiprocessing.get_context("spawn")
            parent, child = context.Pipe()
            self.process = context.Process(target=_serve, args=(child, os.getcwd()), daemon=True,
                                           name="newslint-large-articles")
            self.process.start()
            child.close()
            self.connection = parent
        return self.connection

    def stop(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None
        if self.process is not None:
            if self.process.is_alive():
                self.process.kill()
            self.process.join(timeout=5)
            self.process = None
