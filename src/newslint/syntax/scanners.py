"""The lexers' regular expressions, compiled from code shipped with the package.

A Lark lexer joins its terminals into one alternation per parser state and compiles it with the
standard library's ``re`` the first time that state lexes. ``re`` parses and compiles patterns in
Python: the Markdown grammar's scanners and the inline scanner cost 20-40 ms of a one-article run
on a slow machine, more than parsing the article. What ``re`` hands its C engine
(``_sre.compile``: flags, opcode list and group tables, plain data) is written at development
time into ``parser_tables/scanners.json`` by ``python -m newslint.devtools.build_parsers`` for
every scanner of every state, and the engine is given that data directly.

The opcodes belong to one interpreter: the file names the Python version and engine (``_sre``'s
magic number and code size) that wrote it, and on any other interpreter every pattern is
compiled as usual. Entries are keyed by the exact pattern text and flags, so a pattern that
changed since is compiled as usual too. The file ships inside the package, so it is trusted
exactly as much as the code beside it; nothing is read from a cache folder.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # the engine re itself hands compiled code to
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

from newslint.shipped_code import decode_words, encode_words, load_table, table_key

SCANNERS_FILE = Path(__file__).resolve().parent / "parser_tables" / "scanners.json"

# Set to a list by the build tool: every (pattern, flags) compiled through here is appended.
RECORDING: list[tuple[str, int]] | None = None


def engine() -> list[Any]:
    """What compiled code depends on: the interpreter's version and its regular-expression engine."""
    return [sys.implementation.name, *sys.version_info[:2], _sre.MAGIC, _sre.CODESIZE]


@cache
def shipped() -> dict[str, list[Any]]:
    return load_table(SCANNERS_FILE, {"engine": engine()})


_compiled: dict[tuple[str, int], re.Pattern[str]] = {}


def compile_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the shipped code when the table holds it."""
    flags = int(flags)
    if RECORDING is not None:
        RECORDING.append((pattern, flags))
    compiled = _compiled.get((pattern, flags))
    if compiled is not None:
        return compiled
    entry = shipped().get(table_key(pattern, flags))
    if entry is not None:
        try:
            all_flags, groups, group_index, index_group, code = entry
            opcodes = decode_words(code, _sre.CODESIZE)
            compiled = _sre.compile(pattern, all_flags, opcodes, groups, group_index, tuple(index_group))
        except Exception:  # pragma: no cover - damaged entry: compile as usual
            compiled = None
    if compiled is None:
        compiled = re.compile(pattern, flags)
    _compiled[(pattern, flags)] = compiled
    return compiled


class ShippedRe:
    """The part of the ``re`` module Lark's lexers use (``compile``, ``match``, ``error``), with
    patterns compiled by ``compile_pattern``: given to the runtime as its ``re_module``."""

    error = re.error

    @staticmethod
    def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
        return compile_pattern(pattern, flags)

    @staticmethod
    def match(pattern: str, string: str, flags: int = 0) -> re.Match[str] | None:
        return compile_pattern(pattern, flags).match(string)

    def __getattr__(self, name: str) -> Any:  # anything else the runtime may ask of re
        return getattr(re, name)


SHIPPED_RE = ShippedRe()


def engine_arguments(pattern: str, flags: int) -> list[Any]:
    """What ``re`` passes ``_sre.compile`` for this pattern, as a JSON-ready table entry."""
    compiler: Any = getattr(re, "_compiler", None) or __import__("sre_compile")
    real = compiler._sre
    captured: list[tuple[Any, ...]] = []

    class Recorder:
        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

        @staticmethod
        def compile(*args: Any) -> Any:
            captured.append(args)
            return real.compile(*args)

    compiler._sre = Recorder()
    try:
        compiler.compile(pattern, flags)  # not re.compile: its cache would skip the engine
    finally:
        compiler._sre = real
    source, all_flags, code, groups, group_index, index_group = captured[-1]
    if source != pattern:
        raise ValueError(f"re compiled {source!r} for {pattern!r}")
    return [int(all_flags), groups, dict(group_index), list(index_group), encode_words(list(code), _sre.CODESIZE)]
