"""Linting files in worker processes, results in input order (so output is deterministic).

The engine hands over a linter; this module never imports the engine (imports run one way).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol

from newslint.results import FileReport


class FileLinter(Protocol):
    """What a worker needs of the engine's linter."""

    jobs: int

    def lint_path(self, path: str) -> FileReport: ...


_LINTER: FileLinter | None = None


def _start_worker(factory: Callable[..., FileLinter] | None, settings: dict[str, Any]) -> None:
    """Under spawn, build the worker's linter; under fork it is inherited from the parent."""
    global _LINTER
    if factory is not None:
        _LINTER = factory(**settings)


def _lint(path: str) -> FileReport:
    assert _LINTER is not None
    return _LINTER.lint_path(path)


def parallel_map(linter: FileLinter, paths: list[str], settings: dict[str, Any]) -> Iterator[FileReport]:
    """``settings``: the keyword arguments that rebuild ``linter`` with its class in a spawned worker."""
    global _LINTER
    methods = multiprocessing.get_all_start_methods()
    context: multiprocessing.context.BaseContext
    factory: Callable[..., FileLinter] | None
    if "fork" in methods:
        # fork shares the parent's imported modules, built parsers and registry (plugins included)
        context = multiprocessing.get_context("fork")
        _LINTER = linter
        factory = None
    else:  # pragma: no cover - Windows and macOS defaults
        context = multiprocessing.get_context("spawn")
        factory = type(linter)  # pickled by reference: the worker imports it
    chunk = max(1, min(32, len(paths) // (linter.jobs * 8) or 1))
    with ProcessPoolExecutor(
        max_workers=linter.jobs, mp_context=context, initializer=_start_worker, initargs=(factory, settings)
    ) as pool:
        yield from pool.map(_lint, paths, chunksize=chunk)
