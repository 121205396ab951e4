"""JSON: an array of findings sorted by path, line, column (the stable public schema)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TextIO

from newslint.findings import Finding


def report(findings: Sequence[Finding], sources: Mapping[str, str], out: TextIO, color: bool) -> None:
    # One finding per line: readable, diffable, and encoded by the C encoder (indent= is not).
    if not findings:
        out.write("[]\n")
        return
    encode = json.JSONEncoder(ensure_ascii=False).encode
    out.write("[\n  ")
    out.write(",\n  ".join(encode(f.as_dict()) for f in findings))
    out.write("\n]\n")
