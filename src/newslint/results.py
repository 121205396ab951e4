"""What linting produces: one file's report and a whole run's result. Plain data, shared by the
engine, the results cache and the worker processes (which import this, never the engine)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newslint.findings import Finding
from newslint.suppress import FileSuppressions


@dataclass(slots=True)
class FileReport:
    """What linting one file produced, before project rules: small and picklable, so it can
    come from a worker process or the cache. The text is kept only when fixes changed it.
    Slotted: a run keeps one per file until the end (100,000 files: ~10 MB less)."""

    path: str
    findings: list[Finding]
    suppressions: FileSuppressions
    enabled: frozenset[str]
    facts: dict[str, Any] = field(default_factory=dict)  # project-rule code -> this file's facts
    text: str | None = None  # the fixed text (fix mode, when changed)
    original: str | None = None  # the text before fixes (fix mode, when changed)
    bom: bool = False
    fixed: int = 0  # findings fixed
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source: str | None = None  # the text, kept only when the file can't be read twice (a FIFO)


@dataclass
class RunResult:
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: int = 0
    reports: list[FileReport] = field(default_factory=list)
    stdin_text: str | None = None
    lines: dict[tuple[str, int], str] = field(default_factory=dict)  # (path, line) -> source line, from the cache

    @property
    def changed(self) -> list[FileReport]:
        return [r for r in self.reports if r.original is not None and r.text is not None]
