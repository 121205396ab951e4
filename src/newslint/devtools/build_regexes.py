"""Regenerate ``src/newslint/lazyre_tables.json``, the compiled form of the built-in lazy patterns.

Run from the repository root after editing a pattern or a word list that one is built from (or
after upgrading ``regex``)::

    python -m newslint.devtools.build_regexes [--check]

It records every pattern made with ``newslint.lazyre.lazy_compile`` while all built-in rules are
loaded and run over a few sample articles (``--select ALL``), compiles each with ``regex`` and
keeps what ``regex`` hands its C engine. ``--check`` writes nothing and exits 1 when a recorded
pattern is missing from the file. See ``newslint.lazyre`` for why.

Patterns are recorded in two fresh processes under different hash seeds. A pattern whose text
depends on set order (an alternation of a set's words, equal lengths in arbitrary order) differs
between processes, so no table can hold it: it is left out, compiled at run time as before, and
listed by the tool so the code that builds it can sort its words.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from typing import Any

import regex

from newslint import lazyre
from newslint.shipped_code import table_key

SAMPLES = {
    "sample.md": (
        "---\ntitle: Harbour works resume after strike\n---\n# Harbour works resume after strike\n\n"
        "Crews returned to Odesa on Monday [1], the port authority said, according to a statement [^a].\n\n"
        "Officials reportedly denied that 40 ships were waiting [2]. Kyiv claimed the blockade had ended.\n\n"
        "> A quoted line [3].\n\n- item one\n- item two [4]\n\n"
        "[^a]: The port's statement.\n[site]: https://example.org\n\n## References\n\n1. First\n2. Second\n"
    ),
    "sample.txt": (
        "Harbour works resume\n\nSkip to content\n\nHarbour works resume\n\n"
        "Crews returned on Monday, the union said [1]. Officials in Kharkiv allegedly denied it [2].\n\n"
        "Read also: Ports reopen\n\nSources\n\n[1] Port statement\n[2] Union\n[3] Unused\n"
    ),
}


def recorded_patterns() -> list[tuple[str, int]]:
    """Every (source, flags) a lazy pattern is made with while all rules run on the samples."""
    import contextlib
    import io
    import tempfile
    from pathlib import Path

    lazyre.RECORDING = []
    from newslint.cli import main

    with tempfile.TemporaryDirectory() as folder:
        for name, text in SAMPLES.items():
            (Path(folder) / name).write_text(text, encoding="utf-8")
        with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
            main(["check", "--no-cache", "--select", "ALL", "--jobs", "1", "--format", "json", folder])
    found = sorted(set(lazyre.RECORDING))
    lazyre.RECORDING = None
    return found


def engine_entry(source: str, flags: int) -> list[Any] | None:
    """What ``regex`` passes ``_regex.compile`` for this pattern, as JSON-ready data, or None
    for a pattern that needs what the entry cannot carry (named lists)."""
    captured: list[tuple[Any, ...]] = []
    engine_compile = regex._main._regex.compile  # type: ignore[attr-defined]

    def record(*args: Any) -> Any:
        captured.append(args)
        return engine_compile(*args)

    regex.purge()
    regex._main._regex.compile = record  # type: ignore[attr-defined]
    try:
        regex.compile(source, flags)
    finally:
        regex._main._regex.compile = engine_compile  # type: ignore[attr-defined]
    (pattern, all_flags, code, group_index, index_group, named_lists, named_list_indexes,
     req_offset, req_chars, req_flags, group_count) = captured[-1]
    if named_lists or named_list_indexes or not isinstance(pattern, str):
        return None
    return [pattern, int(all_flags), lazyre.stored_code(list(code)), dict(group_index), sorted(index_group.items()),
            req_offset, list(req_chars or ()), req_flags, group_count]


def recorded_in_child(seed: int) -> set[tuple[str, int]]:
    env = dict(os.environ, PYTHONHASHSEED=str(seed))
    out = subprocess.run([sys.executable, "-m", "newslint.devtools.build_regexes", "--record"], env=env,
                         check=True, capture_output=True, text=True, encoding="utf-8").stdout
    return {(source, flags) for source, flags in json.loads(out)}


def stable_patterns() -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(patterns recorded alike under two hash seeds, patterns that depend on set order)."""
    first, second = recorded_in_child(1), recorded_in_child(2)
    return sorted(first & second), sorted(first ^ second)


def built_table(stable: list[tuple[str, int]]) -> dict[str, Any]:
    patterns = {}
    for source, flags in stable:
        entry = engine_entry(source, flags)
        if entry is not None:
            patterns[table_key(source, flags)] = entry
    return {"regex": regex.__version__, "magic": lazyre.ENGINE.MAGIC, "format": lazyre.TABLE_FORMAT,
            "patterns": patterns}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped tables are stale; write nothing")
    parser.add_argument("--record", action="store_true", help=argparse.SUPPRESS)  # one child's recording, as JSON
    args = parser.parse_args(argv)
    if args.record:
        print(json.dumps(recorded_patterns()))
        return 0
    stable, unstable = stable_patterns()
    for source, _flags in unstable:
        print(f"built in set order, left out: {source[:100]}", file=sys.stderr)
    if args.check:
        missing = [source for source, flags in stable if table_key(source, flags) not in lazyre.shipped()]
        if missing:
            print(f"stale regex tables ({len(missing)} patterns missing): "
                  "run python -m newslint.devtools.build_regexes", file=sys.stderr)
        return 1 if missing else 0
    table = built_table(stable)
    lazyre.TABLES_FILE.write_text(json.dumps(table, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {lazyre.TABLES_FILE} ({len(table['patterns'])} patterns)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
