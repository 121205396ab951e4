"""The format of the compiled-pattern tables that ship with the package.

Two tables hold what a regular-expression parser hands its C engine, written at development
time so that a run skips the pure-Python pattern parser: ``lazyre_tables.json`` (the ``regex``
module, for the rules' patterns) and ``syntax/parser_tables/scanners.json`` (the standard
``re``, for the lexers). Both key their entries by flags and pattern text, store opcode lists as
base64 of little-endian words (JSON reads one string per pattern at once; only the patterns a
run compiles are decoded) and name, at the top of the file, the engine that wrote them: a table
for another engine, or a damaged one, is not used and every pattern compiles as usual.
"""

from __future__ import annotations

import binascii
import json
import sys
from array import array
from pathlib import Path
from typing import Any


def table_key(pattern: str, flags: int) -> str:
    return f"{int(flags)}:{pattern}"


def load_table(path: Path, header: dict[str, Any]) -> dict[str, list[Any]]:
    """The entries of a shipped table whose top-level fields match ``header``; none otherwise."""
    try:
        with path.open(encoding="utf-8") as handle:
            table = json.load(handle)
        if any(table.get(field) != value for field, value in header.items()):
            return {}
        patterns: dict[str, list[Any]] = table["patterns"]
        return patterns
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # not generated, or damaged
        return {}


def _word_type(size: int) -> str:
    return next(t for t in "BHILQ" if array(t).itemsize == size)


def encode_words(code: list[int], size: int) -> str:
    words = array(_word_type(size), code)
    if sys.byteorder != "little":  # pragma: no cover
        words.byteswap()
    return binascii.b2a_base64(words.tobytes(), newline=False).decode("ascii")


def decode_words(text: str, size: int) -> list[int]:
    words = array(_word_type(size))
    words.frombytes(binascii.a2b_base64(text))
    if sys.byteorder != "little":  # pragma: no cover
        words.byteswap()
    return words.tolist()
