"""Concise: one line per finding, ``path:line:col: CODE message``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from newslint.findings import Finding
from newslint.report import ReportContext


def report(findings: Sequence[Finding], context: ReportContext, out: TextIO) -> None:
    for f in findings:
        out.write(f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}\n")
