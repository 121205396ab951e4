"""Built LALR parsers, shipped with the package instead of cached on disk at run time.

Lark's own ``cache=True`` keeps *pickles* in the shared temp folder under a predictable name and
unpickles whatever it finds there: another local user could plant one and run code as whoever
runs newslint next. So newslint never asks Lark to read a cache. The tables Lark builds from the
``.lark`` files are serialized at development time (``python -m newslint.devtools.build_parsers``)
into ``parser_tables.json``, plain data that ships inside the package (trusted exactly as much
as the code beside it), and rebuilt here from that data. JSON rather than a generated Python
module: it loads in a few milliseconds even where no bytecode cache can be written, where
compiling 100 kB of literals would cost ~50 ms on every start.

Each shipped entry carries a fingerprint of the grammar texts, the Lark options and Lark's
version. If it does not match (a grammar edited without regenerating, another Lark release), the
parser is built from the ``.lark`` file instead: correct, only slower to start, and
``tests/test_faults_parser_tables.py`` fails until the tables are regenerated.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

import lark
from lark import Lark

GRAMMAR_DIR = Path(__file__).resolve().parent
TABLES_FILE = GRAMMAR_DIR / "parser_tables.json"

# grammar file -> (options asked for, "shipped" or "built"): what the tool and the tests inspect.
REQUESTED: dict[str, tuple[dict[str, Any], str]] = {}


def _lark_release() -> str:
    """Lark's major.minor: the serialized form is stable within a release line."""
    return ".".join(lark.__version__.split(".")[:2])


def fingerprint(grammar: str, options: dict[str, Any]) -> str:
    """What the built tables depend on: every grammar text beside this module (a grammar may
    ``%import`` another), the options and the Lark release."""
    digest = hashlib.sha256()
    for path in sorted(GRAMMAR_DIR.glob("*.lark")):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    digest.update(json.dumps([grammar, options, _lark_release()], sort_keys=True).encode("utf-8"))
    return digest.hexdigest()


def build(grammar: str, options: dict[str, Any], postlex: Any = None) -> Lark:
    """Build a parser from its ``.lark`` file, without any cache."""
    extra = {} if postlex is None else {"postlex": postlex}
    return Lark.open(grammar, rel_to=str(GRAMMAR_DIR / grammar), **options, **extra)


def _int_keys(table: dict[str, Any]) -> dict[Any, Any]:
    # Lark numbers states, terminals and memoized rules with int keys; JSON keeps only strings.
    return {int(key) if key.isdigit() else key: value for key, value in table.items()}


@cache
def shipped_tables() -> dict[str, Any]:
    """grammar file -> {"fingerprint", "data", "memo"}, as written by the build tool."""
    try:
        with TABLES_FILE.open(encoding="utf-8") as handle:
            tables: dict[str, Any] = json.load(handle, object_hook=_int_keys)
    except (OSError, ValueError):  # not generated yet, or damaged: build from the grammars
        return {}
    return tables


def _shipped(grammar: str, options: dict[str, Any], postlex: Any) -> Lark | None:
    entry = shipped_tables().get(grammar)
    if entry is None or entry["fingerprint"] != fingerprint(grammar, options):
        return None
    extra = {} if postlex is None else {"postlex": postlex}
    try:
        return Lark._load_from_dict(entry["data"], entry["memo"], **extra)  # type: ignore[no-untyped-call,no-any-return]
    except Exception:  # pragma: no cover - a Lark release that reads the data differently
        return None


def load_parser(grammar: str, postlex: Any = None, **options: Any) -> Lark:
    """The parser for ``grammar`` (a file beside this module) with Lark ``options``. A ``postlex``
    filter is code, not table data: it is handed to the parser, not fingerprinted or stored."""
    parser = _shipped(grammar, options, postlex)
    REQUESTED[grammar] = (options, "built" if parser is None else "shipped")
    return parser if parser is not None else build(grammar, options, postlex)
