"""Inline suppressions in Markdown comments, and which of them suppressed nothing.

    <!-- newslint-disable NL101 -->            ... until
    <!-- newslint-enable NL101 -->
    <!-- newslint-disable-next-line duplicate-title -->
    <!-- newslint-disable-file NL501 -->

Rules are named by code, name or prefix; no names means every rule. Directives are read from the
document model's comments (block and inline), so a directive inside a code block is just code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from newslint.findings import Finding
from newslint.registry import Registry
from newslint.syntax.nodes import Document

DIRECTIVE = re.compile(
    r"<!--\s*newslint-(disable-next-line|disable-file|disable|enable)(?![\w-])([^>]*?)\s*-->",
    re.IGNORECASE,
)


@dataclass
class Directive:
    kind: str  # disable, enable, disable-next-line, disable-file
    codes: frozenset[str] | None  # None: every rule
    names: tuple[str, ...]
    unknown: tuple[str, ...]
    line: int
    end_line: int
    start: int
    end: int
    column: int = 1
    end_column: int = 1
    used: bool = False

    def covers(self, code: str) -> bool:
        return self.codes is None or code in self.codes


@dataclass
class FileSuppressions:
    path: str
    directives: list[Directive] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.directives)


def collect(doc: Document, registry: Registry) -> FileSuppressions:
    result = FileSuppressions(doc.path)
    if doc.format != "markdown":
        return result  # plain text has no comments: use per-file-ignores
    spans = [(b.start, b.end) for b in doc.blocks if b.kind == "comment"]
    spans += [(i.start, i.end) for b in doc.blocks for i in b.inlines if i.kind == "comment"]
    for start, end in sorted(spans):
        for match in DIRECTIVE.finditer(doc.text, start, end):
            names = tuple(n for n in re.split(r"[\s,]+", match.group(2).strip()) if n)
            codes: set[str] = set()
            unknown: list[str] = []
            for name in names:
                try:
                    codes |= registry.resolve(name)
                except KeyError:
                    unknown.append(name)
            line, column = doc.position(match.start())
            end_line, end_column = doc.position(match.end())
            result.directives.append(
                Directive(
                    match.group(1).lower(),
                    frozenset(codes) if names else None,
                    names,
                    tuple(unknown),
                    line,
                    end_line,
                    match.start(),
                    match.end(),
                    column,
                    end_column,
                )
            )
    return result


def _suppressing(directives: Sequence[Directive], finding: Finding) -> Directive | None:
    for directive in directives:
        if directive.kind == "disable-file" and directive.covers(finding.code):
            return directive
        if (
            directive.kind == "disable-next-line"
            and directive.end_line + 1 == finding.line
            and directive.covers(finding.code)
        ):
            return directive
    # ranges: the last disable/enable before the finding that names its rule decides
    active: Directive | None = None
    for directive in directives:
        if directive.kind not in ("disable", "enable") or directive.end_line >= finding.line:
            continue
        if directive.covers(finding.code):
            active = directive if directive.kind == "disable" else None
    return active


def apply(findings: Iterable[Finding], suppressions: FileSuppressions) -> list[Finding]:
    """The findings no directive suppresses; marks the directives that did suppress one."""
    kept: list[Finding] = []
    for finding in findings:
        directive = _suppressing(suppressions.directives, finding) if suppressions else None
        if directive is None:
            kept.append(finding)
        else:
            directive.used = True
    return kept


def unused(suppressions: FileSuppressions, enabled: frozenset[str]) -> list[tuple[Directive, str]]:
    """Directives that suppressed nothing, with the reason to report."""
    found: list[tuple[Directive, str]] = []
    for directive in suppressions.directives:
        if directive.unknown:
            names = ", ".join(repr(n) for n in directive.unknown)
            found.append((directive, f"suppression names unknown rule {names}"))
            continue
        if directive.kind == "enable" or directive.used:
            continue
        if directive.codes is not None and not (directive.codes & enabled):
            continue  # names only rules this config doesn't run: nothing to judge
        what = "every rule" if directive.codes is None else ", ".join(directive.names)
        found.append((directive, f"newslint-{directive.kind} of {what} suppressed nothing"))
    return found
