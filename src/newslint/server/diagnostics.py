"""Findings as LSP diagnostics, and configuration problems as one diagnostic on their file."""

from __future__ import annotations

from collections.abc import Iterable

from lsprotocol import types

from newslint.findings import Finding, Severity
from newslint.server.positions import LineIndex
from newslint.server.workspace import ConfigProblem

SOURCE = "newslint"
# The rules' documentation lives in the README's table and in `newslint rule CODE`; the same
# address SARIF output gives as each rule's help.
RULE_DOCS = "https://github.com/newslint/newslint/blob/main/README.md#rules"
SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def rule_docs_url(code: str, template: str | None = None) -> str:
    return (template or RULE_DOCS).replace("{code}", code)


def span_range(index: LineIndex, start: int, end: int) -> types.Range:
    start_line, start_character = index.position(start)
    end_line, end_character = index.position(max(start, end))
    return types.Range(types.Position(start_line, start_character), types.Position(end_line, end_character))


def finding_range(index: LineIndex, finding: Finding) -> types.Range:
    # line/column, not start/end: every finding has them (a plugin's project rule may not pass offsets)
    start = index.offset_of(finding.line, finding.column)
    end = index.offset_of(finding.end_line, finding.end_column)
    return span_range(index, start, end)


def to_diagnostic(index: LineIndex, finding: Finding, docs_template: str | None = None) -> types.Diagnostic:
    data: dict[str, object] = {"rule": finding.rule}
    if finding.fix is not None:
        data["fix"] = "safe" if finding.fix.safe else "unsafe"
    return types.Diagnostic(
        range=finding_range(index, finding),
        message=f"{finding.rule}: {finding.message}",
        severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=types.CodeDescription(href=rule_docs_url(finding.code, docs_template)),
        source=SOURCE,
        data=data,
    )


def to_diagnostics(index: LineIndex, findings: Iterable[Finding], docs_template: str | None = None
                   ) -> list[types.Diagnostic]:
    ordered = sorted(findings, key=Finding.sort_key)
    return [to_diagnostic(index, f, docs_template) for f in ordered]


def problem_diagnostic(problem: ConfigProblem) -> types.Diagnostic:
    where = types.Position(max(0, problem.line), 0)
    return types.Diagnostic(
        range=types.Range(where, types.Position(where.line + 1, 0)),
        message=problem.message,
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )
