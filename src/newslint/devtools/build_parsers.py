"""Regenerate ``src/newslint/syntax/parser_tables.json``, the built LALR tables shipped with newslint.

Run from the repository root after editing any ``.lark`` grammar (or the Lark options in
``syntax/grammar.py``, or after upgrading Lark)::

    python -m newslint.devtools.build_parsers [--check]

It parses a small Markdown and a small plain-text article so that every parser newslint uses is
asked for (``syntax.tables.REQUESTED`` records grammar and options), builds each from its
``.lark`` file and writes their serialized tables. ``--check`` writes nothing and exits 1 when the
file is stale (a fingerprint differs or a parser is missing). See ``newslint.syntax.tables`` for
why the tables are shipped.

Lark numbers the LALR states differently from one build to the next (the tables are equivalent),
so only stale entries are rebuilt: regenerating after editing one grammar changes only its entry.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from lark.grammar import Rule
from lark.lexer import TerminalDef

from newslint.syntax import tables

OUTPUT = tables.TABLES_FILE


def requested_parsers() -> dict[str, dict[str, Any]]:
    """Every (grammar, options) pair the parser asks for on Markdown and plain text."""
    from newslint.syntax import grammar, parser

    for cached in (grammar.block_parser, grammar.inline_parser, grammar.inline_scanner):
        cached.cache_clear()
    tables.REQUESTED.clear()
    parser.parse("# Title\n\nText [1] and [^a].\n\n[^a]: Note.\n", "sample.md")
    parser.parse("Title\n\nText [1].\n\n[1] Entry\n", "sample.txt")
    return {grammar: options for grammar, (options, _how) in tables.REQUESTED.items()}


def serialized(grammar: str, options: dict[str, Any]) -> dict[str, Any]:
    data, memo = tables.build(grammar, options).memo_serialize([TerminalDef, Rule])
    return {"fingerprint": tables.fingerprint(grammar, options), "data": data, "memo": memo}


def shipped() -> dict[str, Any]:
    tables.shipped_tables.cache_clear()
    return tables.shipped_tables()


def stale() -> list[str]:
    """The grammars whose shipped tables are missing or out of date."""
    current = shipped()
    return [grammar for grammar, options in sorted(requested_parsers().items())
            if current.get(grammar, {}).get("fingerprint") != tables.fingerprint(grammar, options)]


def render() -> str:
    """The module's text: fresh tables for stale grammars, the others kept as they are."""
    current = shipped()
    outdated = set(stale())
    entries = {grammar: serialized(grammar, options) if grammar in outdated else current[grammar]
               for grammar, options in sorted(requested_parsers().items())}
    # one line per grammar: a regenerated grammar is a one-line diff
    lines = [f"{json.dumps(grammar)}: {json.dumps(entry, sort_keys=True, separators=(',', ':'))}"
             for grammar, entry in entries.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped tables are stale; write nothing")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if args.check:
        outdated = stale()
        if outdated:
            print(f"stale parser tables for {', '.join(outdated)}: run python -m newslint.devtools.build_parsers",
                  file=sys.stderr)
        return 1 if outdated else 0
    text = render()
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    if text != current:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
