"""The engine: read -> parse -> run the enabled rules -> project rules -> sort."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from newslint.config import Config, config_for_path
from newslint.findings import Finding
from newslint.fixes import applicable_fixes, apply_edits
from newslint.registry import Registry, default_registry
from newslint.results import FileReport, RunResult
from newslint.rule import Context, ProjectContext, Rule
from newslint.suppress import FileSuppressions, apply, collect, unused
from newslint.syntax.nodes import Document

if TYPE_CHECKING:
    from newslint.cache import ResultCache
    from newslint.syntax.parser import Format

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


def read_article(path: str, max_bytes: int | None = None) -> str:
    return read_article_with_bom(path, max_bytes)[0]


class TooLarge(InputError):
    """A file over the size limit: skipped with a warning, not an error."""


def read_article_with_bom(path: str, max_bytes: int | None = None) -> tuple[str, bool]:
    """The decoded text, and whether the file starts with a UTF-8 byte-order mark (kept on --fix).
    At most ``max_bytes`` are read, so /dev/zero or a 48 MB dump costs nothing."""
    try:
        with open(path, "rb") as handle:
            data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if max_bytes is not None and len(data) > max_bytes:
        raise TooLarge(f"{path}: larger than --max-file-size ({_size(max_bytes)}); skipped")
    return decode(data, path), data.startswith(b"\xef\xbb\xbf")


def _size(count: int) -> str:
    return f"{count / 1e6:g} MB" if count >= 1_000_000 else f"{count:,} bytes"


def is_regular_file(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def iter_article_paths(paths: Iterable[str], errors: list[str], warnings: list[str] | None = None) -> Iterator[str]:
    """Files as given, folders walked (article suffixes only, excluded paths skipped). A file
    named on the command line is read whatever it is (a FIFO, /dev/stdin); in folders only
    regular files and symlinks are, and unreadable subfolders are skipped with a warning."""
    for path in paths:
        try:
            info = os.stat(path)
        except FileNotFoundError:
            errors.append(f"{path}: no such file or directory")
            continue
        except OSError as exc:
            errors.append(f"{path}: cannot read: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, errors, warnings if warnings is not None else errors)
        else:
            yield path


def _walk(root: str, errors: list[str], warnings: list[str]) -> Iterator[str]:
    """Depth first in name order, without recursion (a folder tree may be thousands deep)."""
    if config_for_path(os.path.join(root, "_")).is_excluded(root) and os.path.abspath(root) != os.path.abspath("."):
        return
    pending: list[tuple[str, Config, Iterator[os.DirEntry[str]]]] = []

    def enter(folder: str) -> None:
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            (errors if folder == root else warnings).append(
                f"{folder}: cannot read folder: {exc.strerror or exc}; skipped")
            return
        pending.append((folder, config_for_path(os.path.join(folder, "_")), iter(entries)))

    enter(root)
    while pending:
        folder, config, entries = pending[-1]
        entry = next(entries, None)
        if entry is None:
            pending.pop()
            continue
        path = os.path.join(folder, entry.name) if folder != "." else entry.name
        try:
            is_folder = entry.is_dir(follow_symlinks=False)  # folder symlinks are not followed: no loops
            article = not is_folder and entry.name.lower().endswith(ARTICLE_SUFFIXES)
            # not a regular file, itself or behind its link; a dangling link is read, and reported missing
            special = article and not entry.is_file() and (not entry.is_symlink() or os.path.exists(path))
        except OSError:
            continue
        if is_folder:
            if not config_for_path(os.path.join(path, "_")).is_excluded(path):
                enter(path)
        elif special:
            # a FIFO or device named like an article would block the run or never end
            warnings.append(f"{path}: not a regular file; skipped")
        elif article and not config.is_excluded(path):
            yield path


MAX_FIX_ROUNDS = 10
DEFAULT_MAX_FILE_SIZE = 10_000_000  # bytes; a bigger "article" is a dump committed by mistake
PARALLEL_MIN_FILES = 64  # below this, starting workers costs more than it saves


class Linter:
    """Lints articles with one registry; configs come per file unless one is given."""

    def __init__(
        self,
        config: Config | None = None,
        registry: Registry | None = None,
        overrides: dict[str, Any] | None = None,
        fix: bool = False,
        unsafe_fixes: bool = False,
        jobs: int = 1,
        cache_dir: str | None = None,
        max_file_size: int | None = DEFAULT_MAX_FILE_SIZE,
    ):
        self._registry = registry
        self.fixed_config = config
        self.overrides = overrides or {}
        self.fix = fix
        self.unsafe_fixes = unsafe_fixes
        self.jobs = max(1, jobs)
        self.max_file_size = max_file_size
        self.cache_dir = None if fix else cache_dir  # fixing must read and write the real files
        self.instances: dict[str, Rule] = {}
        self._overridden: dict[int, tuple[Config, Config]] = {}

    @property
    def registry(self) -> Registry:
        """The rules, loaded on first use: a run answered from the results cache loads none."""
        if self._registry is None:
            self._registry = default_registry()
        return self._registry

    def config_for(self, path: str) -> Config:
        config = self.fixed_config or config_for_path(path)
        if self.overrides:
            derived = self._overridden.get(id(config))
            if derived is None or derived[0] is not config:
                derived = self._overridden[id(config)] = (config, config.with_overrides(**self.overrides))
            config = derived[1]
        return config

    def rule(self, code: str) -> Rule:
        instance = self.instances.get(code)
        if instance is None:
            instance = self.instances[code] = self.registry.by_code[code]()
        return instance

    def lint_document(
        self, doc: Document, config: Config, errors: list[str], facts: dict[str, Any] | None = None
    ) -> list[Finding]:
        enabled = config.enabled_codes(self.registry, doc.path)
        ctx = Context(doc, config.settings, config.packs)
        for code in sorted(enabled):
            rule = self.rule(code)
            ctx.rule = type(rule)
            try:
                rule.check(doc, ctx)
                if facts is not None and type(rule).is_project_rule():
                    facts[code] = rule.facts(doc, ctx)
            except Exception as exc:  # a rule bug must cost one finding, not the run
                errors.append(f"{doc.path}: internal error in {code}: {type(exc).__name__}: {exc}")
        return ctx.findings

    def lint_text(self, text: str, path: str, errors: list[str]) -> list[Finding]:
        """Findings of one article, suppressions applied (project rules wait for ``finish``)."""
        report = self.lint_file(text, path)
        errors.extend(report.errors)
        return report.findings

    def lint_file(self, text: str, path: str, bom: bool = False, fmt: Format | None = None) -> FileReport:
        """``fmt`` overrides the markup the path's suffix implies (dataset records have no suffix)."""
        # imported here: a run that finds every file in the results cache never loads the grammars
        from newslint.syntax.parser import options_for, parse

        config = self.config_for(path)
        options = options_for(config.packs)
        errors: list[str] = []
        original = text
        fixed = 0
        if self.fix:
            for _ in range(MAX_FIX_ROUNDS):
                doc = parse(text, path, fmt, options=options)
                findings = self.lint_document(doc, config, [])  # a failing rule is reported below
                fixes = applicable_fixes(findings, unsafe=self.unsafe_fixes)
                if not fixes:
                    break
                fixed += len(fixes)
                text = apply_edits(text, [edit for fix in fixes for edit in fix.edits])
                doc.cache.clear()
        doc = parse(text, path, fmt, options=options)
        facts: dict[str, Any] = {}
        findings = self.lint_document(doc, config, errors, facts)
        suppressions = collect(doc, self.registry)
        # Rules keep derived views in the document's cache, some holding the document itself:
        # a cycle that only the garbage collector would free, so every article's model lived on
        # until a full collection (a third of a run's collector time, and twice the peak memory).
        doc.cache.clear()
        enabled = config.enabled_codes(self.registry, path)
        if suppressions:
            findings = apply(findings, suppressions)
        changed = text != original
        return FileReport(
            path, findings, suppressions, enabled, facts,
            text=text if changed else None, original=original if changed else None,
            bom=bom, fixed=fixed, errors=errors,
        )

    def lint_path(self, path: str) -> FileReport:
        """Read and lint one file; an unreadable file is a report with one error."""
        try:
            text, bom = read_article_with_bom(path, self.max_file_size)
        except TooLarge as exc:
            return FileReport(path, [], FileSuppressions(path), frozenset(), warnings=[str(exc)])
        except InputError as exc:
            return FileReport(path, [], FileSuppressions(path), frozenset(), errors=[str(exc)])
        report = self.lint_file(text, path, bom)
        if report.findings and not is_regular_file(path):
            report.source = text  # the text reporter shows excerpts: a FIFO can't be read again
        return report

    def finish(self, reports: Sequence[FileReport], errors: list[str], in_order: bool = False) -> list[Finding]:
        """Project rules over the run's facts, then suppressions and unused-suppression findings.
        Facts go in path order, or as given with ``in_order`` (dataset records keep record order)."""
        by_path = {r.path: r for r in reports}
        facts_by_code: dict[str, list[tuple[str, Any]]] = {}
        for report in reports if in_order else sorted(reports, key=lambda r: r.path):
            for code, fact in report.facts.items():
                facts_by_code.setdefault(code, []).append((report.path, fact))
        findings: list[Finding] = []
        for code in sorted(facts_by_code):
            ctx = ProjectContext(self.registry.by_code[code])
            try:
                self.rule(code).check_project(facts_by_code[code], ctx)
            except Exception as exc:
                errors.append(f"internal error in {code} (project): {type(exc).__name__}: {exc}")
            for finding in ctx.findings:
                owner = by_path.get(finding.path)
                if owner is None or not owner.suppressions:
                    findings.append(finding)
                else:
                    findings.extend(apply([finding], owner.suppressions))
        unused_rule = self.registry.by_code.get(UNUSED_SUPPRESSION)
        for report in reports:
            if not report.suppressions or unused_rule is None or UNUSED_SUPPRESSION not in report.enabled:
                continue
            for directive, message in unused(report.suppressions, report.enabled):
                findings.append(
                    Finding(
                        report.path, directive.line, directive.column, directive.end_line, directive.end_column,
                        unused_rule.code, unused_rule.name, unused_rule.severity, message, None,
                        directive.start, directive.end,
                    )
                )
        return findings

    def run(self, paths: Sequence[str], stdin_text: str | None = None, stdin_name: str = "-",
            facts: bool = True) -> RunResult:
        """``facts=False``: the reports may come without their project-rule facts (a warm run
        from the results cache then never decodes them)."""
        result = RunResult(stdin_text=stdin_text)
        files: list[str] = []
        for path in self._inputs(paths, result.errors, result.warnings):
            if path is None:
                assert stdin_text is not None
                result.reports.append(self.lint_file(stdin_text, stdin_name))
            else:
                files.append(path)
        reports, cache = self._lint_files(files)
        result.reports.extend(reports)
        for report in result.reports:
            result.errors.extend(report.errors)
            result.warnings.extend(report.warnings)
            if (report.errors or report.warnings) and not report.enabled:
                continue  # unreadable or skipped
            result.files += 1
            result.findings.extend(report.findings)
        if cache is None:
            result.findings.extend(self.finish(result.reports, result.errors))
        else:
            result.findings.extend(cache.project_findings(result.reports, result.errors, self.finish))
            result.lines = cache.lines
            if facts:
                cache.read_facts()
        result.findings.sort(key=Finding.sort_key)
        return result

    def _lint_files(self, files: list[str]) -> tuple[list[FileReport], ResultCache | None]:
        cache = None
        if self.cache_dir:
            from newslint.cache import ResultCache

            cache = ResultCache.open(self.cache_dir, self._registry, self.overrides, self.config_for)
        reports: list[FileReport | None] = [None] * len(files)
        todo: list[int] = []
        hits = cache.get_many(files) if cache else iter([None] * len(files))
        for index, hit in enumerate(hits):
            if hit is not None:
                reports[index] = hit
            else:
                todo.append(index)
        shared: dict[frozenset[str], frozenset[str]] = {}
        for index, report in zip(todo, self._map([files[i] for i in todo]), strict=True):
            # reports from workers or the cache each bring their own copy of the enabled set
            report.enabled = shared.setdefault(report.enabled, report.enabled)
            reports[index] = report
            if cache is not None:
                cache.put(report)
        if cache is not None:
            cache.save()
        return [r for r in reports if r is not None], cache

    def _map(self, paths: list[str]) -> Iterator[FileReport]:
        """Reports in input order: serial, or over worker processes for larger runs."""
        if self.jobs <= 1 or len(paths) < PARALLEL_MIN_FILES:
            yield from (self.lint_path(p) for p in paths)
            return
        from newslint.parallel import parallel_map

        self.registry  # noqa: B018 -- loaded before the workers fork, so they share it

        settings = {
            "config": self.fixed_config,
            "overrides": self.overrides,
            "fix": self.fix,
            "unsafe_fixes": self.unsafe_fixes,
            "max_file_size": self.max_file_size,
        }
        yield from parallel_map(self, paths, settings)

    def _inputs(self, paths: Sequence[str], errors: list[str], warnings: list[str]) -> Iterator[str | None]:
        for path in paths:
            if path == "-":
                yield None
            else:
                yield from iter_article_paths([path], errors, warnings)


def lint_text(text: str, *, path: str = "<string>", config: Config | None = None) -> list[Finding]:
    """Lint one article held in memory. Project rules see just this article."""
    linter = Linter(config=config or Config())
    report = linter.lint_file(text, path)
    findings = report.findings + linter.finish([report], report.errors)
    return sorted(findings, key=Finding.sort_key)


def lint_paths(paths: Sequence[str], config: Config | None = None) -> list[Finding]:
    """Lint files and folders as the CLI does. Unreadable inputs raise ``InputError``."""
    result = Linter(config=config).run(list(paths))
    if result.errors:
        raise InputError("; ".join(result.errors))
    return result.findings
