"""Patterns compiled on first use, from tables shipped with the package where they can be.

The ``regex`` module parses and compiles patterns in Python (about 1 ms for a cue lexicon of a
thousand characters, more on a slow machine), so the sixty-odd patterns a run over one article
reaches cost more than all the rules' work on it. Two things cut that:

- ``lazy_compile`` has the same call signature as ``regex.compile`` and compiles when the
  pattern is first used, so a run compiles only what its rules reach.
- What ``regex`` hands its C engine for each built-in pattern (the opcode list and group tables,
  plain data) is written at development time into ``lazyre_tables.json`` beside this module by
  ``python -m newslint.devtools.build_regexes``, and the engine is given that data directly.
  Entries are keyed by the exact pattern text and flags, and the file by ``regex``'s version:
  a pattern edited since, one built from a user's pack, or another ``regex`` release is
  compiled as usual. The file ships inside the package, so it is trusted exactly as much as
  the code beside it; nothing is ever read from a cache folder.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import regex
from regex import _regex as _engine_module

from newslint.shipped_code import decode_words, encode_words, load_table, table_key

# The C engine: its compile() takes what the pattern parser produced.
ENGINE: Any = _engine_module

TABLES_FILE = Path(__file__).resolve().parent / "lazyre_tables.json"
# Each entry's opcode list is stored as base64 of little-endian 32-bit words (regex's code unit):
# JSON reads one string per pattern at once, and only the patterns a run compiles are decoded.
TABLE_FORMAT = 2
CODE_WORD = 4

# Set to a list by the build tool: every (source, flags) a LazyPattern is made with is appended.
RECORDING: list[tuple[str, int]] | None = None


@cache
def shipped() -> dict[str, list[Any]]:
    return load_table(TABLES_FILE, {"regex": regex.__version__, "magic": ENGINE.MAGIC, "format": TABLE_FORMAT})


def engine_arguments(entry: list[Any]) -> tuple[Any, ...]:
    """The arguments of ``ENGINE.compile`` from a shipped entry (JSON has no tuples or int keys)."""
    pattern, flags, code, group_index, index_group, req_offset, req_chars, req_flags, group_count = entry
    return (pattern, flags, decode_words(code, CODE_WORD), group_index, {int(k): v for k, v in index_group}, {}, [],
            req_offset, tuple(req_chars), req_flags, group_count)


def stored_code(code: list[int]) -> str:
    """An opcode list as a table entry holds it."""
    return encode_words(code, CODE_WORD)


def compile_pattern(source: str, flags: int = 0) -> Any:
    """``regex.compile(source, flags)``, from the shipped tables when they hold it."""
    entry = shipped().get(table_key(source, flags))
    if entry is not None:
        try:
            return ENGINE.compile(*engine_arguments(entry))
        except Exception:  # pragma: no cover - damaged entry: compile as usual
            pass
    return regex.compile(source, flags)


class LazyPattern:
    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: Any = None
        if RECORDING is not None:
            RECORDING.append((source, int(flags)))

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = compile_pattern(self._source, self._flags)
        return getattr(compiled, name)


def lazy_compile(source: str, flags: int = 0) -> Any:
    return LazyPattern(source, flags)
