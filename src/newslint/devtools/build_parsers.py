"""Regenerate ``src/newslint/syntax/parser_tables/*.json``, the built LALR tables shipped with newslint.

Run from the repository root after editing any ``.lark`` grammar (or the Lark options in
``syntax/grammar.py``, or after upgrading Lark)::

    python -m newslint.devtools.build_parsers [--check]

It parses a small Markdown and a small plain-text article so that every parser newslint uses is
asked for (``syntax.tables.REQUESTED`` records grammar and options), builds each from its
``.lark`` file and writes their serialized tables. ``--check`` writes nothing and exits 1 when the
file is stale (a fingerprint differs or a parser is missing). See ``newslint.syntax.tables`` for
why the tables are shipped.

Lark numbers the LALR states differently from one build to the next (the tables are equivalent),
so only stale grammars are rebuilt: one file per grammar, and editing one changes only its file.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from lark.grammar import Rule
from lark.lexer import TerminalDef

from newslint.syntax import tables

INT_KEYED = {"memo", "data/parser/parser/tokens", "data/parser/parser/states", "data/parser/parser/states/*"}


def requested_parsers() -> dict[str, dict[str, Any]]:
    """Every (grammar, options) pair the parser asks for on Markdown and plain text."""
    from newslint.syntax import grammar, parser

    for cached in (grammar.block_parser, grammar.inline_parser, grammar.inline_scanner):
        cached.cache_clear()
    tables.REQUESTED.clear()
    parser.parse("# Title\n\nText [1] and [^a].\n\n[^a]: Note.\n", "sample.md")
    parser.parse("Title\n\nText [1].\n\n[1] Entry\n", "sample.txt")
    return {grammar: options for grammar, (options, _how) in tables.REQUESTED.items()}


def _int_keyed_paths(value: Any, path: str, found: set[str]) -> None:
    if isinstance(value, dict):
        if any(isinstance(key, int) for key in value):
            found.add(path)
        for key, item in value.items():
            _int_keyed_paths(item, f"{path}/{'*' if isinstance(key, int) else key}", found)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _int_keyed_paths(item, path, found)


def serialized(grammar: str, options: dict[str, Any]) -> dict[str, Any]:
    data, memo = tables.build(grammar, options).memo_serialize([TerminalDef, Rule])
    found: set[str] = set()
    _int_keyed_paths(data, "data", found)
    _int_keyed_paths(memo, "memo", found)
    if not found <= INT_KEYED:
        raise SystemExit(f"{grammar}: Lark wrote int keys at {sorted(found - INT_KEYED)}; "
                         "teach syntax.tables.restore_int_keys about them")
    return {"fingerprint": tables.fingerprint(grammar, options), "data": data, "memo": memo}


def stale() -> list[str]:
    """The grammars whose shipped tables are missing or out of date."""
    outdated = []
    for grammar, options in sorted(requested_parsers().items()):
        entry = tables.shipped_entry(grammar)
        if entry is None or entry.get("fingerprint") != tables.fingerprint(grammar, options):
            outdated.append(grammar)
    return outdated


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped tables are stale; write nothing")
    args = parser.parse_args(argv)
    outdated = stale()
    if args.check:
        if outdated:
            print(f"stale parser tables for {', '.join(outdated)}: run python -m newslint.devtools.build_parsers",
                  file=sys.stderr)
        return 1 if outdated else 0
    tables.TABLES_DIR.mkdir(exist_ok=True)
    requested = requested_parsers()
    for grammar in outdated:
        entry = serialized(grammar, requested[grammar])
        tables.tables_file(grammar).write_text(json.dumps(entry, sort_keys=True, separators=(",", ":")) + "\n",
                                               encoding="utf-8")
        print(f"wrote {tables.tables_file(grammar)}")
    wanted = {tables.tables_file(g).name for g in requested}
    for leftover in sorted(tables.TABLES_DIR.glob("*.json")):
        if leftover.name not in wanted:  # a grammar no parser uses any more
            leftover.unlink()
            print(f"removed {leftover}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
