"""The project as the server sees it: the open buffers' lint results, the per-file facts of the
articles on disk, configuration problems, and the project rules over all of them.

Everything here runs on the server's one lint thread (see ``scheduler``), so the engine, its
caches and these tables are never used by two threads at once; the message loop only reads
the immutable results it is handed."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newslint.config import CONFIG_FILES, ConfigError, clear_config_cache, load_config_file
from newslint.engine import ARTICLE_SUFFIXES, FileReport, InputError, Linter, iter_article_paths
from newslint.findings import Finding
from newslint.packs import PackError, parse_pack_file
from newslint.rule import ProjectContext
from newslint.server.child import ChildLinter
from newslint.server.documents import engine_path
from newslint.suppress import FileSuppressions, apply

log = logging.getLogger("newslint.server")

# What `newslint check` passes without flags: the same overrides give the same cache
# fingerprints, so the server and the command line share one results cache.
CLI_OVERRIDES: dict[str, Any] = {"select": None, "extend_select": [], "ignore": []}
MAX_WORKSPACE_FILES = 20_000  # a home folder opened as a workspace must not be read whole
BINARY_SNIFF = 8192
LARGE_ARTICLE = 256_000  # characters: linted in the child process (about half a second and up)
TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
PACK_POSITION = re.compile(r"^(?P<path>.+?):(?P<line>\d+): ")


@dataclass(frozen=True)
class ConfigProblem:
    """A configuration or pack file that can't be used: where, and the CLI's one-line message."""

    file: str
    line: int  # 0-based
    message: str


@dataclass(frozen=True)
class BufferResult:
    """One lint of one buffer version: per-file findings (suppressions applied), or why none."""

    path: str
    version: int
    text: str
    report: FileReport | None
    problem: ConfigProblem | None = None
    errors: tuple[str, ...] = ()
    skipped: str | None = None  # why the text wasn't linted (binary)


@dataclass
class Project:
    roots: list[str]
    cache_dir: str | None = None
    scan: bool = True
    linter: Linter | None = None
    fixer: Linter | None = None
    disk: dict[str, FileReport] = field(default_factory=dict)
    buffers: dict[str, FileReport] = field(default_factory=dict)
    checked_packs: set[int] = field(default_factory=set)
    stamps: dict[str, tuple[tuple[int, int] | None, ...]] = field(default_factory=dict)
    child: ChildLinter = field(default_factory=ChildLinter)

    def engine(self) -> Linter:
        """The linter, built on first use (a broken plugin raises RegistryError here)."""
        if self.linter is None:
            self.linter = Linter(overrides=CLI_OVERRIDES, cache_dir=self.cache_dir)
            self.fixer = Linter(overrides=CLI_OVERRIDES, registry=self.linter.registry, fix=True)
        return self.linter

    # ----- configuration ------------------------------------------------------------------

    def check_config(self, path: str) -> ConfigProblem | None:
        """None when the file's configuration (and the packs it names) loads, else the problem."""
        linter = self.engine()
        try:
            config = linter.config_for(path)
            if id(config) not in self.checked_packs:
                for pack in config.packs:  # a broken pack is the config's problem, not a rule's crash
                    parse_pack_file(Path(pack))
                self.checked_packs.add(id(config))
        except ConfigError as exc:
            return locate_config_problem(path, str(exc))
        except PackError as exc:
            return locate_pack_problem(str(exc))
        return None

    def config_changed(self, path: str) -> bool:
        """Whether a config file at or above ``path``'s folder, or a pack its config names,
        changed since the last look: configs are read again even where the editor sends no
        file-change notifications (or the config file is edited in the editor itself)."""
        folder = Path(os.path.dirname(os.path.abspath(path)))
        files = [str(candidate / name) for candidate in (folder, *folder.parents) for name in CONFIG_FILES]
        if self.linter is not None:
            with contextlib.suppress(ConfigError, PackError):
                files += self.linter.config_for(path).packs
        stamp = tuple(_stat(f) for f in files)
        known = self.stamps.get(str(folder))
        self.stamps[str(folder)] = stamp
        return known is not None and known != stamp

    def reload(self) -> None:
        """Forget every configuration and pack read so far (a config or pack file changed)."""
        forget_caches()
        self.child.forget_configuration()
        self.linter = self.fixer = None
        self.checked_packs.clear()
        self.stamps.clear()

    # ----- buffers --------------------------------------------------------------------------

    def lint_buffer(self, path: str, version: int, text: str, still_wanted: Callable[[], bool] = lambda: True
                    ) -> BufferResult | None:
        """One buffer version's findings; None if it went stale while a child process linted it."""
        if "\x00" in text[:BINARY_SNIFF]:
            self.buffers.pop(path, None)
            return BufferResult(path, version, text, None, skipped="binary text (contains NUL characters); not linted")
        problem = self.check_config(path)
        if problem is not None:
            self.buffers.pop(path, None)
            return BufferResult(path, version, text, None, problem)
        if len(text) >= LARGE_ARTICLE:
            report = self.child.lint(path, text, still_wanted)
            if report is None:
                return None
        else:
            report = self.engine().lint_file(text, path)
        self.buffers[path] = report
        return BufferResult(path, version, text, report, errors=tuple(report.errors))

    def fix_all(self, path: str, text: str) -> str | None:
        """The text after every safe fix, exactly as ``newslint check --fix`` writes it; None if
        nothing changes or the configuration is broken."""
        if "\x00" in text[:BINARY_SNIFF] or self.check_config(path) is not None:
            return None
        self.engine()
        assert self.fixer is not None
        report = self.fixer.lint_file(text, path)
        return report.text

    def close_buffer(self, path: str) -> None:
        """The buffer is gone: the file on disk (if any) stands for it again."""
        self.buffers.pop(path, None)
        if self.scan:
            self.refresh_disk([path])

    # ----- files on disk ----------------------------------------------------------------------

    def workspace_files(self) -> list[str]:
        found: list[str] = []
        for root in self.roots:
            errors: list[str] = []
            try:
                for path in iter_article_paths([root], errors):
                    found.append(engine_path(path))
                    if len(found) >= MAX_WORKSPACE_FILES:
                        log.warning("workspace has over %d articles: project rules see the first ones", len(found))
                        return found
            except ConfigError as exc:  # reported when a buffer under it is linted
                log.warning("workspace scan of %s stopped: %s", root, exc)
        return found

    def refresh_disk(self, paths: Sequence[str]) -> None:
        """Lint files on disk for their facts (through the results cache); gone files drop out."""
        linter = self.engine()
        present = [p for p in paths if os.path.isfile(p) and p.lower().endswith(ARTICLE_SUFFIXES)]
        for path in set(paths) - set(present):
            self.disk.pop(path, None)
        try:
            reports = linter.run(present).reports
        except (ConfigError, PackError, InputError):
            reports = []
            for path in present:  # one bad config must not hide the other files' facts
                try:
                    reports.extend(linter.run([path]).reports)
                except (ConfigError, PackError, InputError):
                    self.disk.pop(path, None)
        for report in reports:
            if report.errors and not report.enabled:
                self.disk.pop(report.path, None)  # unreadable
            else:
                self.disk[report.path] = _without_findings(report)

    # ----- project rules -------------------------------------------------------------------

    def project_findings(self, paths: Iterable[str]) -> dict[str, list[Finding]]:
        """Project-rule and unused-suppression findings for ``paths`` (open buffers), over the
        buffers and every article on disk, a buffer standing in for its file."""
        wanted = set(paths)
        merged = {**self.disk, **self.buffers}
        result: dict[str, list[Finding]] = {path: [] for path in wanted}
        if self.linter is None or not merged:
            return result
        # Suppressions are marked "used" as project findings hit them: each run starts from the
        # marks the file's own findings made, or an old project finding would keep one alive.
        reports = [_fresh_marks(r) if r.suppressions else r for r in merged.values()]
        mirrored = self._mirrored(reports, wanted)
        errors: list[str] = []
        findings = self.linter.finish(reports, errors)
        for error in errors:
            log.error("%s", error)
        for finding in findings:
            if finding.path in result:
                result[finding.path].append(finding)
        for finding in mirrored:
            known = {(f.code, f.line, f.column) for f in result[finding.path]}
            if (finding.code, finding.line, finding.column) not in known:
                result[finding.path].append(finding)
        return result

    def _mirrored(self, reports: Sequence[FileReport], wanted: set[str]) -> list[Finding]:
        """Project findings with the articles taken in reverse order. A project rule reports the
        later of two articles ("title is also the title of a.md"); a writer with the earlier
        one open must hear of the clash too, so each open article is told about the others,
        whichever comes first. Suppressions apply as in ``Linter.finish``."""
        assert self.linter is not None
        facts_by_code: dict[str, list[tuple[str, Any]]] = {}
        for report in sorted(reports, key=lambda r: r.path, reverse=True):
            for code, fact in report.facts.items():
                facts_by_code.setdefault(code, []).append((report.path, fact))
        owners = {r.path: r for r in reports}
        found: list[Finding] = []
        for code, facts in sorted(facts_by_code.items()):
            rule = self.linter.registry.by_code.get(code)
            if rule is None:
                continue
            ctx = ProjectContext(rule)
            try:
                self.linter.rule(code).check_project(facts, ctx)
            except Exception:  # the ordinary pass logs it
                continue
            for finding in ctx.findings:
                if finding.path not in wanted:
                    continue
                owner = owners.get(finding.path)
                found.extend(apply([finding], owner.suppressions) if owner and owner.suppressions else [finding])
        return found


def _stat(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


def _without_findings(report: FileReport) -> FileReport:
    """A file on disk matters only for its facts and suppressions: keep memory flat."""
    return dataclasses.replace(report, findings=[], text=None, original=None)


def _fresh_marks(report: FileReport) -> FileReport:
    directives = [dataclasses.replace(d) for d in report.suppressions.directives]
    return dataclasses.replace(report, suppressions=FileSuppressions(report.suppressions.path, directives))


def forget_caches() -> None:
    """Clear every memoised reading of configs and packs in newslint's modules. They are keyed
    by file paths, not contents (right for a one-shot CLI run, wrong for a long-lived server).
    The rule registry stays: plugins don't change under a running server."""
    clear_config_cache()
    for name, module in list(sys.modules.items()):
        if not (name == "newslint" or name.startswith("newslint.")) or name == "newslint.registry":
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", None) == name:
                clear()


# ----- where a configuration problem is ----------------------------------------------------


def locate_config_problem(path: str, message: str) -> ConfigProblem:
    """The config file the CLI's search reached and failed on, and the line to point at."""
    folder = Path(os.path.dirname(os.path.abspath(path))).resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            config_file = candidate / name
            if not config_file.is_file():
                continue
            try:
                if load_config_file(config_file) is None:
                    continue
            except ConfigError as exc:
                return ConfigProblem(str(config_file), _line_of_problem(config_file, str(exc)), str(exc))
            return ConfigProblem(str(config_file), 0, message)  # loads alone: a pack or selector problem
    return ConfigProblem(path, 0, message)


def locate_pack_problem(message: str) -> ConfigProblem:
    match = PACK_POSITION.match(message)
    if match and os.path.isfile(match.group("path")):
        return ConfigProblem(match.group("path"), int(match.group("line")) - 1, message)
    first = message.split(": ", 1)[0]
    return ConfigProblem(first if os.path.isfile(first) else "", 0, message)


def _line_of_problem(config_file: Path, message: str) -> int:
    match = TOML_POSITION.search(message)
    if match:
        return int(match.group(1)) - 1
    try:
        lines = config_file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 0
    for key in re.findall(r"'([^']+)'", message):
        pattern = re.compile(rf"^\s*(?:\"|')?{re.escape(key.split('.')[0])}(?:\"|')?\s*=|{re.escape(repr(key))}"
                             rf"|\"{re.escape(key)}\"")
        for number, line in enumerate(lines):
            if pattern.search(line):
                return number
    return 0
