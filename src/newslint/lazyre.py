"""Patterns compiled on first use.

The ``regex`` module parses patterns in Python, so compiling dozens of module-level patterns
and cue lexicons costs tens of milliseconds at every start; a one-file pre-commit run reaches
only some of them. ``lazy_compile`` has the same call signature and compiles when the pattern
is first used.
"""

from __future__ import annotations

from typing import Any

import regex


class LazyPattern:
    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: Any = None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = regex.compile(self._source, self._flags)
        return getattr(compiled, name)


def lazy_compile(source: str, flags: int = 0) -> Any:
    return LazyPattern(source, flags)
