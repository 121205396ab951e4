"""JSON: an array of findings sorted by path, line, column (the stable public schema)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TextIO

from newslint.findings import Finding


def report(findings: Sequence[Finding], sources: Mapping[str, str], out: TextIO, color: bool) -> None:
    json.dump([f.as_dict() for f in findings], out, ensure_ascii=False, indent=2)
    out.write("\n")
