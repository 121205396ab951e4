"""GitHub Actions workflow commands: annotations on the pull request's changed files."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from newslint.findings import Finding, Severity
from newslint.report import ReportContext

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def report(findings: Sequence[Finding], context: ReportContext, out: TextIO) -> None:
    for f in findings:
        properties = ",".join(
            [
                f"file={escape_property(f.path)}",
                f"line={f.line}",
                f"col={f.column}",
                f"endLine={f.end_line}",
                f"endColumn={f.end_column}",
                f"title={escape_property(f'{f.code} {f.rule}')}",
            ]
        )
        out.write(f"::{LEVEL[f.severity]} {properties}::{escape_data(f.message)}\n")
