"""The results cache (``.newslint_cache/``): an unchanged file with an unchanged config is not
read again. Entries are keyed by the file's path, size and modification time (a changed time
with the same size falls back to comparing the content's hash), the newslint version and
code, the file's resolved configuration and the rule set; they hold the file's findings,
suppression directives and project-rule facts, so project rules re-run from the cache too.
Entries live in one SQLite database (standard library): a one-file pre-commit run looks up one
row instead of loading the whole repository's results, and a cold run over thousands of files
writes them in one transaction (one small file per article cost ~0.5 ms each on this disk).

A run whose every file is a hit also finds its project-rule findings here (the ``runs`` table,
keyed by each file's content digest and configuration), and each finding's source line for the
text report: a warm re-run loads no rule, runs no project rule and reads no article.

The cache is JSON (never pickle: a cache folder committed to a repository must not be able to
run code). A file whose facts aren't JSON values is simply not cached. A database of another
format has another file name; a damaged or foreign one is linted past, never trusted to crash.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from functools import lru_cache
from stat import S_ISREG
from typing import TYPE_CHECKING, Any

from newslint import __version__
from newslint.findings import Edit, Finding, Fix, Severity, excerpt_line
from newslint.results import FileReport
from newslint.suppress import Directive, FileSuppressions

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.registry import Registry

DEFAULT_CACHE_DIR = ".newslint_cache"  # the CLI's default too (kept there to spare the import)
FORMAT = 2  # 2: source lines of findings, project findings per run, directives keep their "used" mark
FETCH_CHUNK = 500  # paths per query: under SQLite's oldest limit of 999 parameters
SAVE_EVERY = 1000  # entries held before they are written: a big cold run's memory stays flat
RUNS_KEPT = 16  # project-rule results of the last few distinct runs (one folder, one file, ...)

_SEVERITIES = {severity.value: severity for severity in Severity}


def _encode_finding(f: Finding) -> list[Any]:
    fix = None
    if f.fix is not None:
        fix = [f.fix.message, f.fix.safe, [[e.line, e.column, e.end_line, e.end_column, e.content, e.start, e.end]
                                           for e in f.fix.edits]]
    return [f.line, f.column, f.end_line, f.end_column, f.code, f.rule, str(f.severity), f.message, fix,
            f.start, f.end]


def _decode_fix(fix: list[Any]) -> Fix:
    return Fix(fix[0], tuple(Edit(*edit) for edit in fix[2]), fix[1])


def _decode_findings(path: str, rows: list[list[Any]]) -> list[Finding]:
    # One comprehension, no call per row: a warm run decodes every finding of the repository.
    # Severities come from a dict: an enum call costs a microsecond.
    severities = _SEVERITIES
    return [
        Finding(path, line, column, end_line, end_column, code, rule, severities[severity], message,
                None if fix is None else _decode_fix(fix), start, end)
        for line, column, end_line, end_column, code, rule, severity, message, fix, start, end in rows
    ]


def _encode_directive(d: Directive) -> dict[str, Any]:
    row = asdict(d)
    row["codes"] = None if d.codes is None else sorted(d.codes)
    return row  # "used" as the file's own findings left it: project findings mark it again each run


def _decode_directive(row: dict[str, Any]) -> Directive:
    codes = row["codes"]
    return Directive(**{**row, "codes": None if codes is None else frozenset(codes),
                        "names": tuple(row["names"]), "unknown": tuple(row["unknown"])})


def _excerpts(findings: Sequence[Finding], text: str) -> list[list[Any]]:
    """[line, source line] for the lines the findings are on. A line two findings would show
    differently (positions that disagree) is left out: the report then reads the file."""
    shown: dict[int, str | None] = {}
    for f in findings:
        line = excerpt_line(text, f.start, f.column)
        if shown.setdefault(f.line, line) != line:
            shown[f.line] = None
    return [[number, line] for number, line in shown.items() if line is not None]


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _decoded(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")  # as the engine reads an article
    except UnicodeDecodeError:
        return None


@contextlib.contextmanager
def _kept_out_of_young_collections() -> Iterator[None]:
    """Objects made inside go straight to the collector's oldest generation. Reports read from
    the cache hold no cycles and live until the run ends; left young, the collector traversed
    them pass after pass (~70 ms of a warm run over 2,000 dense articles, 10% of it)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # every tracked object, young ones too, to the permanent generation...
        gc.unfreeze()  # ...and back into the oldest one, which only a full collection visits
        gc.enable()


@lru_cache(maxsize=1)
def _code_stamp() -> tuple[tuple[str, int, int], ...]:
    """Size and mtime of newslint's own code, grammars and packs: an edited checkout (or an
    upgrade that keeps the version number) never gets results made by other code."""
    from newslint.packs import builtin_pack_dir

    stamps = []
    for root in (os.path.dirname(os.path.abspath(__file__)), str(builtin_pack_dir())):
        for folder, _, names in os.walk(root):
            for name in names:
                if name.endswith((".py", ".lark", ".toml")):
                    path = os.path.join(folder, name)
                    stat = os.stat(path)
                    stamps.append((path, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(stamps))


class ResultCache:
    """``registry``: the linter's own rules, or None for the default ones (built-in rules, which
    the code stamp covers, and the installed plugins): then nothing here loads a rule.
    ``config_for`` must give one configuration per folder, as config discovery does."""

    def __init__(self, folder: str, registry: Registry | None, overrides: dict[str, Any],
                 config_for: Callable[[str], Config]):
        self.folder = folder
        self.file = os.path.join(folder, f"results-v{__version__}-f{FORMAT}.sqlite")
        self.registry = registry
        self.overrides = overrides  # command-line selections: part of every entry's key
        self.config_for = config_for
        self.fingerprints: dict[int, str] = {}
        self.folder_fingerprints: dict[str, str] = {}
        self.pending: list[tuple[str, str]] = []
        self.db: sqlite3.Connection | None = None
        # (path, line) -> source line, for the text report; and path -> (digest, fingerprint) of
        # each file this run read from the cache or wrote to it: together they key the run
        self.lines: dict[tuple[str, int], str] = {}
        self.identities: dict[str, tuple[str, str]] = {}
        self.enabled_sets: dict[tuple[str, ...], frozenset[str]] = {}
        self.unread_facts: list[tuple[FileReport, str]] = []  # see read_facts
        try:
            self.cwd: str | None = os.getcwd()  # once: os.path.abspath asks for it on every call
        except OSError:
            self.cwd = None

    @classmethod
    def open(cls, folder: str, registry: Registry | None, overrides: dict[str, Any],
             config_for: Callable[[str], Config]) -> ResultCache:
        cache = cls(folder, registry, overrides, config_for)
        if os.path.exists(cache.file):
            cache.db = cache._connect()
        return cache

    def _connect(self) -> sqlite3.Connection | None:
        try:
            db = sqlite3.connect(self.file, timeout=5)
            db.execute("CREATE TABLE IF NOT EXISTS entries (path TEXT PRIMARY KEY, entry TEXT NOT NULL)")
            db.execute("CREATE TABLE IF NOT EXISTS runs (key TEXT PRIMARY KEY, result TEXT NOT NULL)")
            return db
        except sqlite3.Error:
            return None  # damaged or locked: lint without a cache

    def _absolute(self, path: str) -> str:
        return os.path.abspath(path) if self.cwd is None else os.path.normpath(os.path.join(self.cwd, path))

    def _rule_set(self) -> Any:
        if self.registry is not None:
            return sorted(self.registry.origin.items())
        from newslint.registry import plugin_entry_points

        return ["default rules and plugins", plugin_entry_points()]

    def _fingerprint(self, config: Config) -> str:
        key = id(config)
        known = self.fingerprints.get(key)
        if known is None:
            packs = [(p, os.stat(p).st_mtime_ns if os.path.exists(p) else 0) for p in config.packs]
            material = repr((config, packs, self._rule_set(), self.overrides, _code_stamp()))
            known = self.fingerprints[key] = hashlib.sha256(material.encode("utf-8")).hexdigest()
        return known

    def _stamp(self, path: str) -> list[Any] | None:
        try:
            stat = os.stat(path)
        except OSError:
            return None
        if not S_ISREG(stat.st_mode):
            return None  # a FIFO or device: its size and time say nothing about what it yields
        folder = os.path.dirname(path)
        fingerprint = self.folder_fingerprints.get(folder)
        if fingerprint is None:
            fingerprint = self.folder_fingerprints[folder] = self._fingerprint(self.config_for(path))
        return [stat.st_size, stat.st_mtime_ns, fingerprint]

    def get_many(self, paths: Sequence[str]) -> Iterator[FileReport | None]:
        """``get`` for each path, in order, reading entries a few hundred to a query (a query
        costs ~40 us: one per file was 80 ms of a warm run over 2,000 files)."""
        for begin in range(0, len(paths), FETCH_CHUNK):
            chunk = paths[begin : begin + FETCH_CHUNK]
            absolute = [self._absolute(path) for path in chunk]
            fetched: dict[str, str] | None = None
            if self.db is not None:
                query = f"SELECT path, entry FROM entries WHERE path IN ({','.join('?' * len(absolute))})"
                with contextlib.suppress(sqlite3.Error):
                    fetched = dict(self.db.execute(query, absolute))
            with _kept_out_of_young_collections():
                reports = [self._report(path, key, fetched.get(key) if fetched is not None else self._entry(key))
                           for path, key in zip(chunk, absolute, strict=True)]
            yield from reports

    def get(self, path: str) -> FileReport | None:
        absolute = self._absolute(path)
        return self._report(path, absolute, self._entry(absolute))

    def _entry(self, absolute: str) -> str | None:
        return self._text("SELECT entry FROM entries WHERE path = ?", absolute)

    def _text(self, query: str, key: str) -> str | None:
        """The text the one-row ``query`` finds for ``key``; None when there is none or it is not text."""
        if self.db is None:
            return None
        try:
            row = self.db.execute(query, (key,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row and isinstance(row[0], str) else None

    def _report(self, path: str, absolute: str, text: str | None) -> FileReport | None:
        if not isinstance(text, str):  # absent, or a row someone else wrote
            return None
        try:
            entry = json.loads(text)
        except ValueError:
            return None
        stamp = self._stamp(path)
        if not isinstance(entry, dict) or stamp is None:
            return None
        if entry.get("stamp") != stamp:
            # same size and config but a new mtime (a checkout, a touch): compare the content
            old = entry.get("stamp")
            if not (isinstance(old, list) and len(old) == 3 and old[0] == stamp[0] and old[2] == stamp[2]):
                return None
            data = _read(path)
            if data is None or entry.get("digest") != hashlib.sha1(data).hexdigest():
                return None
            entry["stamp"] = stamp
            self.pending.append((absolute, json.dumps(entry)))
        try:
            enabled = tuple(entry["enabled"])
            report = FileReport(
                path,
                _decode_findings(path, entry["findings"]),
                FileSuppressions(path, [_decode_directive(d) for d in entry["directives"]]),
                self.enabled_sets.get(enabled) or self.enabled_sets.setdefault(enabled, frozenset(enabled)),
            )
            facts = entry["facts"]
            if not isinstance(facts, str):
                raise TypeError("facts")
            lines = {(path, number): line for number, line in entry["lines"]
                     if isinstance(number, int) and isinstance(line, str)}
            digest = entry["digest"]
        except (KeyError, TypeError, ValueError):
            return None
        if isinstance(digest, str):
            self.identities[path] = (digest, stamp[2])
        self.lines.update(lines)
        self.unread_facts.append((report, facts))
        return report

    def read_facts(self) -> None:
        """Fill in the facts of the reports read so far. They stay JSON text until a project
        rule needs them: a fifth of an entry, and the slowest part of it to decode."""
        for report, text in self.unread_facts:
            try:
                facts = json.loads(text)
            except ValueError:
                facts = None
            if isinstance(facts, dict):
                report.facts = facts
            else:  # damaged: no facts, and no project result kept for a run with this file
                self.identities.pop(report.path, None)
        self.unread_facts.clear()

    def put(self, report: FileReport) -> None:
        if report.errors or report.warnings or report.text is not None or report.source is not None:
            return
        stamp = self._stamp(report.path)
        data = _read(report.path)
        if stamp is None or data is None:
            return
        text = _decoded(data) if report.findings else ""
        digest = hashlib.sha1(data).hexdigest()
        entry = {
            "stamp": stamp,
            "digest": digest,
            "findings": [_encode_finding(f) for f in report.findings],
            "directives": [_encode_directive(d) for d in report.suppressions.directives],
            "enabled": sorted(report.enabled),
            "facts": "",
            "lines": [] if text is None else _excerpts(report.findings, text),
        }
        try:
            entry["facts"] = json.dumps(report.facts)  # as text in the entry: see read_facts
            encoded = json.dumps(entry)
        except (TypeError, ValueError):
            return  # facts that aren't JSON values: not cached
        self.pending.append((self._absolute(report.path), encoded))
        self.identities[report.path] = (digest, stamp[2])
        if len(self.pending) >= SAVE_EVERY:
            self.save()

    def project_findings(self, reports: Sequence[FileReport], errors: list[str],
                         finish: Callable[[Sequence[FileReport], list[str]], list[Finding]]) -> list[Finding]:
        """``finish(reports, errors)`` (project rules, unused suppressions), or what it gave the
        last time these files held this content under this configuration: a warm re-run loads no
        rule. Only runs whose every report is a cache entry are kept, and only if they erred nowhere."""
        key = self._run_key(reports)
        if key is not None:
            known = self._load_run(key)
            if known is not None:
                return known
        self.read_facts()
        key = self._run_key(reports)  # unless some facts were damaged
        before = len(errors)
        findings = finish(reports, errors)
        if key is not None and len(errors) == before:
            self._save_run(key, findings)
        return findings

    def _run_key(self, reports: Sequence[FileReport]) -> str | None:
        parts = []
        for report in reports:
            identity = self.identities.get(report.path)
            if identity is None:
                return None
            parts.append((report.path, *identity))
        return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()

    def _load_run(self, key: str) -> list[Finding] | None:
        stored = self._text("SELECT result FROM runs WHERE key = ?", key)
        if stored is None:
            return None
        try:
            result = json.loads(stored)
            findings = [f for path, rows in result["findings"] for f in _decode_findings(path, rows)]
            lines = {(path, number): line for path, number, line in result["lines"]
                     if isinstance(path, str) and isinstance(number, int) and isinstance(line, str)}
        except (KeyError, TypeError, ValueError):
            return None
        self.lines.update(lines)
        return findings

    def _save_run(self, key: str, findings: Sequence[Finding]) -> None:
        by_path: dict[str, list[Finding]] = {}
        for finding in findings:
            by_path.setdefault(finding.path, []).append(finding)
        lines: list[list[Any]] = []
        for path, found in by_path.items():
            data = _read(path)
            identity = self.identities.get(path)
            if data is None or identity is None or hashlib.sha1(data).hexdigest() != identity[0]:
                continue  # changed since it was linted: the report reads it
            text = _decoded(data)
            if text is not None:
                lines.extend([path, number, line] for number, line in _excerpts(found, text))
        result = json.dumps({"findings": [[path, [_encode_finding(f) for f in found]]
                                          for path, found in by_path.items()], "lines": lines})
        db = self._writable()
        if db is None:
            return
        with contextlib.suppress(sqlite3.Error), db:
            db.execute("INSERT OR REPLACE INTO runs (key, result) VALUES (?, ?)", (key, result))
            db.execute("DELETE FROM runs WHERE rowid NOT IN (SELECT rowid FROM runs ORDER BY rowid DESC LIMIT ?)",
                       (RUNS_KEPT,))

    def _writable(self) -> sqlite3.Connection | None:
        """The database, created (with its folder) if missing; None where it can't be written."""
        try:
            os.makedirs(self.folder, exist_ok=True)
            ignore = os.path.join(self.folder, ".gitignore")
            if not os.path.exists(ignore):
                with open(ignore, "w", encoding="utf-8") as handle:
                    handle.write("# Created by newslint: a cache, never committed.\n*\n")
        except OSError:
            return None  # a read-only checkout lints fine without a cache
        if self.db is None:
            self.db = self._connect()
        return self.db

    def save(self) -> None:
        if not self.pending:
            return
        db = self._writable()
        if db is None:
            return
        with contextlib.suppress(sqlite3.Error), db:
            db.executemany("INSERT OR REPLACE INTO entries (path, entry) VALUES (?, ?)", self.pending)
        self.pending.clear()  # written, or not to be: a locked database is no reason to hold them
