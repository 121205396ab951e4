"""GitLab Code Quality report: JSON with stable fingerprints.

A fingerprint hashes the path, rule, message and the occurrence number of that triple in the
file, not the line: moving a paragraph doesn't make an old finding look new."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from newslint.findings import Finding, Severity
from newslint.report import ReportContext

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def fingerprint(finding: Finding, occurrence: int) -> str:
    key = "\0".join([finding.path, finding.code, finding.message, str(occurrence)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def report(findings: Sequence[Finding], context: ReportContext, out: TextIO) -> None:
    seen: Counter[tuple[str, str, str]] = Counter()
    issues = []
    for f in findings:
        triple = (f.path, f.code, f.message)
        seen[triple] += 1
        issues.append(
            {
                "description": f"{f.code} {f.message}",
                "check_name": f"{f.code} {f.rule}",
                "fingerprint": fingerprint(f, seen[triple]),
                "severity": SEVERITY[f.severity],
                "location": {
                    "path": f.path,
                    "positions": {
                        "begin": {"line": f.line, "column": f.column},
                        "end": {"line": f.end_line, "column": f.end_column},
                    },
                },
            }
        )
    json.dump(issues, out, ensure_ascii=False, indent=2)
    out.write("\n")
