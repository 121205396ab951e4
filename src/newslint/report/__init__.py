"""Reporters: each turns sorted findings into one output format."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TextIO

from newslint.findings import Finding

Reporter = Callable[[Sequence[Finding], Mapping[str, str], TextIO, bool], None]


def get_reporter(name: str) -> Reporter:
    if name == "json":
        from newslint.report.json import report as json_report

        return json_report
    from newslint.report.text import report as text_report

    return text_report


FORMATS = ("text", "json")
