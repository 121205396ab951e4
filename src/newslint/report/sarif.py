"""SARIF 2.1.0, with each rule's metadata (id, name, descriptions, help, default level)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from newslint import __version__
from newslint.findings import Finding, Severity
from newslint.report import ReportContext

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
HELP_URI = "https://github.com/newslint/newslint/blob/main/README.md#rules"


def _rule_metadata(context: ReportContext, findings: Sequence[Finding]) -> list[dict[str, Any]]:
    registry = context.rules()
    codes = sorted({f.code for f in findings})
    rules = []
    for code in codes:
        rule = registry.by_code.get(code) if registry else None
        summary = rule.summary() if rule else code
        rules.append(
            {
                "id": code,
                "name": rule.name if rule else code,
                "shortDescription": {"text": summary},
                "fullDescription": {"text": rule.documentation() if rule else summary},
                "helpUri": HELP_URI,
                "help": {"text": rule.documentation() if rule else summary},
                "defaultConfiguration": {"level": LEVEL[rule.severity] if rule else "warning"},
            }
        )
    return rules


def report(findings: Sequence[Finding], context: ReportContext, out: TextIO) -> None:
    rules = _rule_metadata(context, findings)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = [
        {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path.replace("\\", "/")},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                        },
                    }
                }
            ],
        }
        for f in findings
    ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "newslint",
                        "version": __version__,
                        "informationUri": HELP_URI.split("#")[0],
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    json.dump(log, out, ensure_ascii=False, indent=2)
    out.write("\n")
