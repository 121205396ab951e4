"""Text: ``path:line:col: CODE message``, the source line, and a caret under the span."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TextIO

from newslint.findings import Finding, Severity, excerpt_line
from newslint.report import ReportContext

RESET = "\033[0m"
STYLES = {"path": "\033[1m", "code": "\033[1;31m", "warn": "\033[1;33m", "caret": "\033[1;31m", "dim": "\033[2m"}
MAX_SHOWN = 160  # long lines (a 2 MB one-line file) are shown around the span
FLUSH_EVERY = 1000  # findings


_NON_ASCII = re.compile("[^\x00-\x7f]")
_EXTRA_WIDTH: dict[str, int] = {}  # character -> its cells less one


def _extra_width(char: str) -> int:
    extra = _EXTRA_WIDTH.get(char)
    if extra is None:
        if unicodedata.combining(char):
            extra = -1
        else:
            extra = 1 if unicodedata.east_asian_width(char) in "WF" else 0
        _EXTRA_WIDTH[char] = extra
    return extra


def _width(text: str) -> int:
    """Display width: wide East Asian characters take two cells, combining marks none. Only
    the non-ASCII characters are looked at: a curly quote in a 160-character line cost a
    Python-level pass over all of it, for each caret of a warm re-run."""
    if text.isascii():
        return len(text)
    return len(text) + sum(map(_extra_width, _NON_ASCII.findall(text)))


def _source_line(sources: Mapping[str, str], finding: Finding, cache: dict[tuple[str, int], str]) -> str | None:
    key = (finding.path, finding.line)
    if key in cache:
        return cache[key]
    text = sources.get(finding.path)
    if text is None:
        return None
    line = cache[key] = excerpt_line(text, finding.start, finding.column)
    return line


def report(findings: Sequence[Finding], context: ReportContext, out: TextIO) -> None:
    sources, color = context.sources, context.color
    # the styles as plain strings: a warm re-run prints every finding, ~30,000 of them
    on = {kind: (STYLES[kind] if color else "") for kind in STYLES}
    off = RESET if color else ""
    path_on, dim_on, caret_on, error_on, warn_on = on["path"], on["dim"], on["caret"], on["code"], on["warn"]
    bar = f"{dim_on}|{off}"

    lines = dict(context.lines)  # many findings on one long line: find it once
    pending: list[str] = []  # one write per batch: a write per line cost 20 us (240,000 findings: 5 s)
    for finding in findings:
        if len(pending) >= 3 * FLUSH_EVERY:
            out.write("".join(pending))
            pending.clear()
        code_on = error_on if finding.severity is Severity.ERROR else warn_on
        pending.append(f"{path_on}{finding.path}{off}:{finding.line}:{finding.column}: "
                       f"{code_on}{finding.code}{off} {finding.message}\n")
        line = _source_line(sources, finding, lines)
        if line is None:
            continue
        column = finding.column - 1
        end_column = finding.end_column - 1 if finding.end_line == finding.line else len(line)
        end_column = max(end_column, column + 1)
        if len(line) > MAX_SHOWN:
            prefix_cut = max(0, column - MAX_SHOWN // 3)
            line = line[prefix_cut : prefix_cut + MAX_SHOWN]
            column -= prefix_cut
            end_column = min(end_column - prefix_cut, len(line))
        shown = line.replace("\t", " ")
        gutter = str(finding.line)
        pad = " " * _width(shown[:column])
        carets = "^" * max(1, _width(shown[column:end_column]))
        pending.append(f"{dim_on}{gutter} |{off} {shown}\n{' ' * len(gutter)} {bar} {pad}{caret_on}{carets}{off}\n")
    out.write("".join(pending))
    if findings:
        noun = "finding" if len(findings) == 1 else "findings"
        out.write(f"Found {len(findings)} {noun}.\n")
