"""Reporters: each turns sorted findings into one output format."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO, cast

from newslint.findings import Finding

if TYPE_CHECKING:
    from newslint.registry import Registry


@dataclass
class ReportContext:
    sources: Mapping[str, str] = field(default_factory=dict)  # path -> text, for source excerpts
    color: bool = False
    registry: Registry | None = None  # rule metadata (SARIF): given, or loaded by rules() when needed
    load_registry: Callable[[], Registry] | None = None  # a warm run from the cache never loads the rules
    lines: Mapping[tuple[str, int], str] = field(default_factory=dict)  # (path, line) -> source line, cached

    def rules(self) -> Registry | None:
        if self.registry is None and self.load_registry is not None:
            self.registry = self.load_registry()
        return self.registry


Reporter = Callable[[Sequence[Finding], ReportContext, TextIO], None]

# format name -> module in this package that defines report()
FORMATS = {
    "text": "text",
    "concise": "concise",
    "json": "json",
    "json-lines": "json",
    "github": "github",
    "sarif": "sarif",
    "junit": "junit",
    "gitlab": "gitlab",
    "html": "html",
}


def get_reporter(name: str) -> Reporter:
    module = importlib.import_module(f"newslint.report.{FORMATS[name]}")
    attribute = "report_lines" if name == "json-lines" else "report"
    return cast(Reporter, getattr(module, attribute))
