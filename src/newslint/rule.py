"""The one interface every rule implements, built-in or third-party.

A rule is a class with a ``code``, a ``name``, a default ``severity`` and a docstring with the
sections *What it flags*, *Why it matters*, *Example*, *Fix*. It reads a parsed ``Document`` and
reports through a ``Context``. A rule that also looks across the articles of one run (a project
rule) returns per-file ``facts`` and reports from ``check_project``: facts are small, picklable
values, so a parallel or cached run never needs a second parse.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from newslint.findings import Edit, Finding, Fix, Severity
from newslint.packs import Pack, load_pack
from newslint.syntax.nodes import Document


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    default_enabled: ClassVar[bool] = True
    fix: ClassVar[str | None] = None  # "safe", "unsafe" or None
    # Config keys this rule reads from [tool.newslint]: each maps to the expected type (or a
    # tuple of types), or to a tuple of the allowed strings. Config loading checks them and
    # calls ``validate_option`` for anything more, so a bad value is a config error (exit 2).
    options: ClassVar[Mapping[str, Any]] = {}

    @classmethod
    def validate_option(cls, key: str, value: Any) -> None:
        """Raise ValueError with a one-line reason if ``value`` is not acceptable for ``key``."""

    def check(self, doc: Document, ctx: Context) -> None:
        """Report findings about one article."""

    # Project rules override both of these.
    def facts(self, doc: Document, ctx: Context) -> Any:
        return None

    def check_project(self, facts: Sequence[tuple[str, Any]], ctx: ProjectContext) -> None:
        """Report findings across the articles of one run; ``facts`` is (path, facts) in path order."""

    @classmethod
    def is_project_rule(cls) -> bool:
        return cls.check_project is not Rule.check_project

    @classmethod
    def summary(cls) -> str:
        doc = inspect.getdoc(cls) or ""
        return doc.strip().splitlines()[0] if doc.strip() else ""

    @classmethod
    def documentation(cls) -> str:
        return inspect.getdoc(cls) or ""


@dataclass(frozen=True)
class Position:
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass
class Context:
    """What a rule sees besides the document: its options, packs, and a way to report."""

    doc: Document
    settings: Mapping[str, Any] = field(default_factory=dict)
    pack_files: tuple[str, ...] = ()
    findings: list[Finding] = field(default_factory=list)
    rule: type[Rule] | None = None

    def option(self, key: str, default: Any = None) -> Any:
        return self.settings.get(key, default)

    def pack(self, name: str) -> Pack:
        return load_pack(name, self.pack_files)

    def position(self, start: int, end: int) -> Position:
        line, column = self.doc.position(start)
        end_line, end_column = self.doc.position(max(start, end))
        return Position(line, column, end_line, end_column)

    def edit(self, start: int, end: int, content: str) -> Edit:
        where = self.position(start, end)
        return Edit(where.line, where.column, where.end_line, where.end_column, content, start, end)

    def report(
        self,
        start: int,
        end: int,
        message: str,
        *,
        fix: Fix | None = None,
        severity: Severity | None = None,
    ) -> None:
        rule = self.rule
        assert rule is not None, "report() outside a rule"
        where = self.position(start, end)
        self.findings.append(
            Finding(
                self.doc.path,
                where.line,
                where.column,
                where.end_line,
                where.end_column,
                rule.code,
                rule.name,
                severity or rule.severity,
                message,
                fix,
                start,
                end,
            )
        )


@dataclass
class ProjectContext:
    rule: type[Rule]
    findings: list[Finding] = field(default_factory=list)
    # path -> severity override etc. could live here; project findings need only positions.

    def report(self, path: str, where: Position, message: str, start: int = 0, end: int = 0) -> None:
        self.findings.append(
            Finding(
                path,
                where.line,
                where.column,
                where.end_line,
                where.end_column,
                self.rule.code,
                self.rule.name,
                self.rule.severity,
                message,
                None,
                start,
                end,
            )
        )

