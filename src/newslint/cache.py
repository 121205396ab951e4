"""The results cache (``.newslint_cache/``): an unchanged file with an unchanged config is not
read again. Entries are keyed by the file's path, size and modification time (a changed time
with the same size falls back to comparing the content's hash), the newslint version and
code, the file's resolved configuration and the rule set; they hold the file's findings,
suppression directives and project-rule facts, so project rules re-run from the cache too.
Entries live in one SQLite database (standard library): a one-file pre-commit run looks up one
row instead of loading the whole repository's results, and a cold run over thousands of files
writes them in one transaction (one small file per article cost ~0.5 ms each on this disk).

The cache is JSON (never pickle: a cache folder committed to a repository must not be able to
run code). A file whose facts aren't JSON values is simply not cached.
"""

from __future__ import annotations

import contextlib
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
from newslint.findings import Edit, Finding, Fix, Severity
from newslint.results import FileReport
from newslint.suppress import Directive, FileSuppressions

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.registry import Registry

DEFAULT_CACHE_DIR = ".newslint_cache"  # the CLI's default too (kept there to spare the import)
FORMAT = 1
FETCH_CHUNK = 500  # paths per query: under SQLite's oldest limit of 999 parameters


def _encode_finding(f: Finding) -> list[Any]:
    fix = None
    if f.fix is not None:
        fix = [f.fix.message, f.fix.safe, [[e.line, e.column, e.end_line, e.end_column, e.content, e.start, e.end]
                                           for e in f.fix.edits]]
    return [f.line, f.column, f.end_line, f.end_column, f.code, f.rule, str(f.severity), f.message, fix,
            f.start, f.end]


_SEVERITIES = {severity.value: severity for severity in Severity}


def _decode_finding(path: str, row: list[Any]) -> Finding:
    line, column, end_line, end_column, code, rule, severity, message, fix, start, end = row
    decoded_fix = None
    if fix is not None:
        edits = tuple(Edit(*edit) for edit in fix[2])
        decoded_fix = Fix(fix[0], edits, fix[1])
    # a dict, not Severity(...): an enum call costs a microsecond, and a warm run decodes every finding
    return Finding(path, line, column, end_line, end_column, code, rule, _SEVERITIES[severity], message, decoded_fix,
                   start, end)


def _digest(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha1(handle.read()).hexdigest()
    except OSError:
        return None


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
    def __init__(self, folder: str, registry: Registry, overrides: dict[str, Any],
                 config_for: Callable[[str], Config]):
        self.folder = folder
        self.file = os.path.join(folder, f"results-v{__version__}-f{FORMAT}.sqlite")
        self.registry = registry
        self.overrides = overrides  # command-line selections: part of every entry's key
        self.config_for = config_for
        self.fingerprints: dict[int, str] = {}
        self.pending: list[tuple[str, str]] = []
        self.db: sqlite3.Connection | None = None

    @classmethod
    def open(cls, folder: str, registry: Registry, overrides: dict[str, Any],
             config_for: Callable[[str], Config]) -> ResultCache:
        cache = cls(folder, registry, overrides, config_for)
        if os.path.exists(cache.file):
            cache.db = cache._connect()
        return cache

    def _connect(self) -> sqlite3.Connection | None:
        try:
            db = sqlite3.connect(self.file, timeout=5)
            db.execute("CREATE TABLE IF NOT EXISTS entries (path TEXT PRIMARY KEY, entry TEXT NOT NULL)")
            return db
        except sqlite3.Error:
            return None  # damaged or locked: lint without a cache

    def _fingerprint(self, config: Config) -> str:
        key = id(config)
        known = self.fingerprints.get(key)
        if known is None:
            registry = self.registry
            packs = [(p, os.stat(p).st_mtime_ns if os.path.exists(p) else 0) for p in config.packs]
            material = repr((config, packs, sorted(registry.origin.items()), self.overrides, _code_stamp()))
            known = self.fingerprints[key] = hashlib.sha256(material.encode("utf-8")).hexdigest()
        return known

    def _stamp(self, path: str) -> list[Any] | None:
        try:
            stat = os.stat(path)
        except OSError:
            return None
        if not S_ISREG(stat.st_mode):
            return None  # a FIFO or device: its size and time say nothing about what it yields
        return [stat.st_size, stat.st_mtime_ns, self._fingerprint(self.config_for(path))]

    def get_many(self, paths: Sequence[str]) -> Iterator[FileReport | None]:
        """``get`` for each path, in order, reading entries a few hundred to a query (a query
        costs ~40 us: one per file was 80 ms of a warm run over 2,000 files)."""
        for begin in range(0, len(paths), FETCH_CHUNK):
            chunk = paths[begin : begin + FETCH_CHUNK]
            absolute = [os.path.abspath(path) for path in chunk]
            fetched: dict[str, str] | None = None
            if self.db is not None:
                query = f"SELECT path, entry FROM entries WHERE path IN ({','.join('?' * len(absolute))})"
                with contextlib.suppress(sqlite3.Error):
                    fetched = dict(self.db.execute(query, absolute))
            for path, key in zip(chunk, absolute, strict=True):
                yield self._report(path, key, fetched.get(key) if fetched is not None else self._entry(key))

    def get(self, path: str) -> FileReport | None:
        absolute = os.path.abspath(path)
        return self._report(path, absolute, self._entry(absolute))

    def _entry(self, absolute: str) -> str | None:
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT entry FROM entries WHERE path = ?", (absolute,)).fetchone()
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
            if not (isinstance(old, list) and old[0] == stamp[0] and old[2] == stamp[2]):
                return None
            if entry.get("digest") != _digest(path):
                return None
            entry["stamp"] = stamp
            self.pending.append((absolute, json.dumps(entry)))
        try:
            directives = [Directive(**{**d, "codes": None if d["codes"] is None else frozenset(d["codes"]),
                                       "names": tuple(d["names"]), "unknown": tuple(d["unknown"])})
                          for d in entry["directives"]]
            return FileReport(
                path,
                [_decode_finding(path, row) for row in entry["findings"]],
                FileSuppressions(path, directives),
                frozenset(entry["enabled"]),
                dict(entry["facts"]),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, report: FileReport) -> None:
        if report.errors or report.warnings or report.text is not None or report.source is not None:
            return
        stamp = self._stamp(report.path)
        if stamp is None:
            return
        directives = []
        for d in report.suppressions.directives:
            row = asdict(d)
            row["codes"] = None if d.codes is None else sorted(d.codes)
            row["used"] = False
            directives.append(row)
        entry = {
            "stamp": stamp,
            "digest": _digest(report.path),
            "findings": [_encode_finding(f) for f in report.findings],
            "directives": directives,
            "enabled": sorted(report.enabled),
            "facts": report.facts,
        }
        try:
            json.dumps(entry["facts"])
        except (TypeError, ValueError):
            return
        self.pending.append((os.path.abspath(report.path), json.dumps(entry)))

    def save(self) -> None:
        if not self.pending:
            return
        try:
            os.makedirs(self.folder, exist_ok=True)
            ignore = os.path.join(self.folder, ".gitignore")
            if not os.path.exists(ignore):
                with open(ignore, "w", encoding="utf-8") as handle:
                    handle.write("# Created by newslint: a cache, never committed.\n*\n")
        except OSError:
            return  # a read-only checkout lints fine without a cache
        if self.db is None:
            self.db = self._connect()
        if self.db is None:
            return
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO entries (path, entry) VALUES (?, ?)", self.pending)
            self.pending.clear()
        except sqlite3.Error:
            pass
