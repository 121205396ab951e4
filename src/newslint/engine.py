"""The engine: read -> parse -> run the enabled rules -> project rules -> sort."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from newslint.config import Config, config_for_path
from newslint.findings import Finding
from newslint.fixes import applicable_fixes, apply_edits
from newslint.registry import Registry, default_registry
from newslint.rule import Context, ProjectContext, Rule
from newslint.suppress import FileSuppressions, apply, collect, unused
from newslint.syntax.nodes import Document
from newslint.syntax.parser import options_for, parse

UNUSED_SUPPRESSION = "NL001"

ARTICLE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt")
BINARY_SNIFF = 8192


class InputError(Exception):
    """A file that can't be linted (missing, unreadable, binary, not UTF-8): one stderr line."""


def decode(data: bytes, path: str) -> str:
    if b"\x00" in data[:BINARY_SNIFF]:
        raise InputError(f"{path}: binary file (contains NUL bytes); not linted")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); not linted"
        ) from None


def read_article(path: str) -> str:
    return read_article_with_bom(path)[0]


def read_article_with_bom(path: str) -> tuple[str, bool]:
    """The decoded text, and whether the file starts with a UTF-8 byte-order mark (kept on --fix)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode(data, path), data.startswith(b"\xef\xbb\xbf")


def iter_article_paths(paths: Iterable[str], errors: list[str]) -> Iterator[str]:
    """Files as given, folders recursively (article suffixes only, excluded paths skipped)."""
    for path in paths:
        if os.path.isdir(path):
            yield from _walk(path)
        elif os.path.exists(path):
            yield path
        else:
            errors.append(f"{path}: no such file or directory")


def _walk(folder: str) -> Iterator[str]:
    config = config_for_path(os.path.join(folder, "_"))
    if config.is_excluded(folder) and os.path.abspath(folder) != os.path.abspath("."):
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        path = os.path.join(folder, entry.name) if folder != "." else entry.name
        if entry.is_dir(follow_symlinks=False):
            if not config_for_path(os.path.join(path, "_")).is_excluded(path):
                yield from _walk(path)
        elif entry.name.lower().endswith(ARTICLE_SUFFIXES) and not config.is_excluded(path):
            yield path


@dataclass
class FileReport:
    """What linting one file produced, before project rules and suppressions."""

    path: str
    text: str
    findings: list[Finding]
    suppressions: FileSuppressions
    enabled: frozenset[str]
    original: str | None = None  # the text before fixes (fix mode only)
    bom: bool = False
    fixed: int = 0  # findings fixed


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    files: int = 0
    reports: list[FileReport] = field(default_factory=list)

    @property
    def changed(self) -> list[FileReport]:
        return [r for r in self.reports if r.original is not None and r.original != r.text]


MAX_FIX_ROUNDS = 10


class Linter:
    """Lints articles with one registry; configs come per file unless one is given."""

    def __init__(
        self,
        config: Config | None = None,
        registry: Registry | None = None,
        overrides: dict[str, Any] | None = None,
        fix: bool = False,
        unsafe_fixes: bool = False,
    ):
        self.registry = registry or default_registry()
        self.fixed_config = config
        self.overrides = overrides or {}
        self.fix = fix
        self.unsafe_fixes = unsafe_fixes
        self.instances: dict[str, Rule] = {}
        self.project_facts: dict[str, list[tuple[str, Any]]] = {}

    def config_for(self, path: str) -> Config:
        config = self.fixed_config or config_for_path(path)
        if self.overrides:
            config = config.with_overrides(**self.overrides)
        return config

    def rule(self, code: str) -> Rule:
        instance = self.instances.get(code)
        if instance is None:
            instance = self.instances[code] = self.registry.by_code[code]()
        return instance

    def lint_document(
        self, doc: Document, config: Config, errors: list[str], collect_facts: bool = True
    ) -> list[Finding]:
        enabled = config.enabled_codes(self.registry, doc.path)
        ctx = Context(doc, config.settings, config.packs)
        for code in sorted(enabled):
            rule = self.rule(code)
            ctx.rule = type(rule)
            try:
                rule.check(doc, ctx)
                if collect_facts and type(rule).is_project_rule():
                    self.project_facts.setdefault(code, []).append((doc.path, rule.facts(doc, ctx)))
            except Exception as exc:  # a rule bug must cost one finding, not the run
                errors.append(f"{doc.path}: internal error in {code}: {type(exc).__name__}: {exc}")
        return ctx.findings

    def lint_text(self, text: str, path: str, errors: list[str]) -> list[Finding]:
        """Findings of one article, suppressions applied (project rules wait for ``finish``)."""
        report = self.lint_file(text, path, errors)
        return report.findings

    def lint_file(self, text: str, path: str, errors: list[str]) -> FileReport:
        config = self.config_for(path)
        options = options_for(config.packs)
        original = None
        fixed = 0
        if self.fix:
            original = text
            for _ in range(MAX_FIX_ROUNDS):
                doc = parse(text, path, options=options)
                findings = self.lint_document(doc, config, errors, collect_facts=False)
                fixes = applicable_fixes(findings, unsafe=self.unsafe_fixes)
                if not fixes:
                    break
                fixed += len(fixes)
                text = apply_edits(text, [edit for fix in fixes for edit in fix.edits])
        doc = parse(text, path, options=options)
        findings = self.lint_document(doc, config, errors)
        suppressions = collect(doc, self.registry)
        enabled = config.enabled_codes(self.registry, path)
        report = FileReport(path, text, findings, suppressions, enabled, original, fixed=fixed)
        if suppressions:
            report.findings = apply(findings, suppressions)
        return report

    def finish(self, reports: Sequence[FileReport], errors: list[str]) -> list[Finding]:
        """Project rules over the run, then suppressions and unused-suppression findings."""
        by_path = {r.path: r for r in reports}
        findings: list[Finding] = []
        for code, facts in self.project_facts.items():
            ctx = ProjectContext(self.registry.by_code[code])
            try:
                self.rule(code).check_project(sorted(facts, key=lambda f: f[0]), ctx)
            except Exception as exc:
                errors.append(f"internal error in {code} (project): {type(exc).__name__}: {exc}")
            for finding in ctx.findings:
                report = by_path.get(finding.path)
                if report is None or not report.suppressions:
                    findings.append(finding)
                else:
                    findings.extend(apply([finding], report.suppressions))
        self.project_facts.clear()
        unused_rule = self.registry.by_code.get(UNUSED_SUPPRESSION)
        for report in reports:
            if not report.suppressions or unused_rule is None or UNUSED_SUPPRESSION not in report.enabled:
                continue
            doc_positions = _Positions(report.text)
            for directive, message in unused(report.suppressions, report.enabled):
                line, column = doc_positions.at(directive.start)
                end_line, end_column = doc_positions.at(directive.end)
                findings.append(
                    Finding(
                        report.path, line, column, end_line, end_column, unused_rule.code, unused_rule.name,
                        unused_rule.severity, message, None, directive.start, directive.end,
                    )
                )
        return findings

    def run(self, paths: Sequence[str], stdin_text: str | None = None, stdin_name: str = "-") -> RunResult:
        result = RunResult()
        for path in self._inputs(paths, result.errors):
            try:
                if path is None:
                    assert stdin_text is not None
                    text, bom = stdin_text, False
                else:
                    text, bom = read_article_with_bom(path)
            except InputError as exc:
                result.errors.append(str(exc))
                continue
            result.files += 1
            report = self.lint_file(text, stdin_name if path is None else path, result.errors)
            report.bom = bom
            result.reports.append(report)
            result.findings.extend(report.findings)
        result.findings.extend(self.finish(result.reports, result.errors))
        result.findings.sort(key=Finding.sort_key)
        return result

    def _inputs(self, paths: Sequence[str], errors: list[str]) -> Iterator[str | None]:
        for path in paths:
            if path == "-":
                yield None
            else:
                yield from iter_article_paths([path], errors)


class _Positions:
    """Line/column of offsets in a text (for findings made outside a rule)."""

    def __init__(self, text: str):
        self.doc = Document("", text, "text", (), None, (), (), ())

    def at(self, offset: int) -> tuple[int, int]:
        return self.doc.position(offset)


def lint_text(text: str, *, path: str = "<string>", config: Config | None = None) -> list[Finding]:
    """Lint one article held in memory. Project rules see just this article."""
    linter = Linter(config=config or Config())
    errors: list[str] = []
    report = linter.lint_file(text, path, errors)
    findings = report.findings + linter.finish([report], errors)
    return sorted(findings, key=Finding.sort_key)


def lint_paths(paths: Sequence[str], config: Config | None = None) -> list[Finding]:
    """Lint files and folders as the CLI does. Unreadable inputs raise ``InputError``."""
    result = Linter(config=config).run(list(paths))
    if result.errors:
        raise InputError("; ".join(result.errors))
    return result.findings
