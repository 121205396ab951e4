"""Linting files in worker processes, results in input order (so output is deterministic)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newslint.engine import FileReport, Linter

_LINTER: Linter | None = None


def _start_worker(settings: dict[str, Any] | None) -> None:
    """Under spawn, build the worker's linter; under fork it is inherited from the parent."""
    global _LINTER
    if settings is not None:
        from newslint.engine import Linter

        _LINTER = Linter(**settings)


def _lint(path: str) -> FileReport:
    assert _LINTER is not None
    return _LINTER.lint_path(path)


def parallel_map(linter: Linter, paths: list[str]) -> Iterator[FileReport]:
    global _LINTER
    methods = multiprocessing.get_all_start_methods()
    context: multiprocessing.context.BaseContext
    if "fork" in methods:
        # fork shares the parent's imported modules, built parsers and registry (plugins included)
        context = multiprocessing.get_context("fork")
        _LINTER = linter
        settings = None
    else:  # pragma: no cover - Windows and macOS defaults
        context = multiprocessing.get_context("spawn")
        settings = {
            "config": linter.fixed_config,
            "overrides": linter.overrides,
            "fix": linter.fix,
            "unsafe_fixes": linter.unsafe_fixes,
            "max_file_size": linter.max_file_size,
        }
    chunk = max(1, min(32, len(paths) // (linter.jobs * 8) or 1))
    with ProcessPoolExecutor(
        max_workers=linter.jobs, mp_context=context, initializer=_start_worker, initargs=(settings,)
    ) as pool:
        yield from pool.map(_lint, paths, chunksize=chunk)
