"""The results cache (``.newslint_cache/``): an unchanged file with an unchanged config is not
read again. Entries are keyed by the file's path, size and modification time, the newslint
version, the file's resolved configuration and the rule set; they hold the file's findings,
suppression directives and project-rule facts, so project rules re-run from the cache too.

The cache is JSON (never pickle: a cache folder committed to a repository must not be able to
run code). A file whose facts aren't JSON values is simply not cached.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from newslint import __version__
from newslint.findings import Edit, Finding, Fix, Severity
from newslint.suppress import Directive, FileSuppressions

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.engine import FileReport, Linter

DEFAULT_CACHE_DIR = ".newslint_cache"
FORMAT = 1


def _encode_finding(f: Finding) -> list[Any]:
    fix = None
    if f.fix is not None:
        fix = [f.fix.message, f.fix.safe, [[e.line, e.column, e.end_line, e.end_column, e.content, e.start, e.end]
                                           for e in f.fix.edits]]
    return [f.line, f.column, f.end_line, f.end_column, f.code, f.rule, str(f.severity), f.message, fix,
            f.start, f.end]


def _decode_finding(path: str, row: list[Any]) -> Finding:
    line, column, end_line, end_column, code, rule, severity, message, fix, start, end = row
    decoded_fix = None
    if fix is not None:
        edits = tuple(Edit(*edit) for edit in fix[2])
        decoded_fix = Fix(fix[0], edits, fix[1])
    return Finding(path, line, column, end_line, end_column, code, rule, Severity(severity), message, decoded_fix,
                   start, end)


class ResultCache:
    def __init__(self, folder: str, linter: Linter):
        self.folder = folder
        self.file = os.path.join(folder, f"results-{__version__}.json")
        self.linter = linter
        self.entries: dict[str, Any] = {}
        self.dirty = False
        self.fingerprints: dict[int, str] = {}

    @classmethod
    def open(cls, folder: str, linter: Linter) -> ResultCache:
        cache = cls(folder, linter)
        try:
            with open(cache.file, encoding="utf-8") as handle:
                data = json.load(handle)
            if data.get("format") == FORMAT:
                cache.entries = data.get("files", {})
        except (OSError, ValueError, AttributeError):
            cache.entries = {}  # missing or damaged: start again
        return cache

    def _fingerprint(self, config: Config) -> str:
        key = id(config)
        known = self.fingerprints.get(key)
        if known is None:
            registry = self.linter.registry
            packs = [(p, os.stat(p).st_mtime_ns if os.path.exists(p) else 0) for p in config.packs]
            material = repr((config, packs, sorted(registry.origin.items()), self.linter.overrides))
            known = self.fingerprints[key] = hashlib.sha256(material.encode("utf-8")).hexdigest()
        return known

    def _stamp(self, path: str) -> list[Any] | None:
        try:
            stat = os.stat(path)
        except OSError:
            return None
        return [stat.st_size, stat.st_mtime_ns, self._fingerprint(self.linter.config_for(path))]

    def get(self, path: str) -> FileReport | None:
        entry = self.entries.get(os.path.abspath(path))
        if entry is None or entry.get("stamp") != self._stamp(path):
            return None
        from newslint.engine import FileReport

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
        if report.errors or report.text is not None:
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
            "findings": [_encode_finding(f) for f in report.findings],
            "directives": directives,
            "enabled": sorted(report.enabled),
            "facts": report.facts,
        }
        try:
            json.dumps(entry["facts"])
        except (TypeError, ValueError):
            return
        self.entries[os.path.abspath(report.path)] = entry
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            os.makedirs(self.folder, exist_ok=True)
            ignore = os.path.join(self.folder, ".gitignore")
            if not os.path.exists(ignore):
                with open(ignore, "w", encoding="utf-8") as handle:
                    handle.write("# Created by newslint: a cache, never committed.\n*\n")
            handle_fd, temp = tempfile.mkstemp(prefix=".results-", dir=self.folder)
            with os.fdopen(handle_fd, "w", encoding="utf-8") as handle:
                json.dump({"format": FORMAT, "version": __version__, "files": self.entries}, handle)
            os.replace(temp, self.file)
        except OSError:
            pass  # a read-only checkout lints fine without a cache
