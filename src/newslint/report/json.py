"""JSON: an array of findings sorted by path, line, column (the stable public schema);
JSON Lines: the same objects, one per line."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from newslint.findings import Finding
from newslint.report import ReportContext

_encode = json.JSONEncoder(ensure_ascii=False).encode


def report(findings: Sequence[Finding], context: ReportContext, out: TextIO) -> None:
    # One finding per line: readable, diffable, and encoded by the C encoder (indent= is not).
    if not findings:
        out.write("[]\n")
        return
    out.write("[\n  ")
    out.write(",\n  ".join(_encode(f.as_dict()) for f in findings))
    out.write("\n]\n")


def report_lines(findings: Sequence[Finding], context: ReportContext, out: TextIO) -> None:
    for finding in findings:
        out.write(_encode(finding.as_dict()))
        out.write("\n")
