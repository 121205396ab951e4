"""HTML: one self-contained review page (no network: inline CSS, script and SVG).

The summary (counts per rule, a bar chart of them, and a chart of articles by number of
findings) is static HTML, readable without script. The article list and each article's text
with its findings highlighted are drawn by the page's script from JSON embedded in the page,
a page of rows at a time, so the page stays quick at tens of thousands of articles. The URL's
fragment keeps the view: ``#sort=findings&dir=desc&page=2&article=PATH``.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Sequence
from importlib import resources
from typing import Any, TextIO

from newslint.findings import Finding
from newslint.report import ReportContext

CHART_WIDTH = 520
BAR_HEIGHT = 18
BUCKETS = ("1", "2", "3", "4", "5-9", "10+")


def _utf16_offsets(text: str) -> list[int] | None:
    """Code-point offset -> UTF-16 offset (the browser's string index), when they differ."""
    if text.isascii() or max(text) <= "\uffff":
        return None
    offsets, at = [], 0
    for char in text:
        offsets.append(at)
        at += 2 if char > "\uffff" else 1
    offsets.append(at)
    return offsets


def _bucket(count: int) -> str:
    if count <= 4:
        return str(count)
    return "5-9" if count < 10 else "10+"


def _bars(rows: Sequence[tuple[str, str, int]], label: str) -> str:
    """A horizontal bar chart: (label, tooltip, value) rows."""
    if not rows:
        return ""
    top = max(value for _, _, value in rows) or 1
    left, height = 150, BAR_HEIGHT * len(rows) + 4
    parts = [f'<svg class="chart" role="img" aria-label="{html.escape(label)}" width="{CHART_WIDTH}" '
             f'height="{height}" viewBox="0 0 {CHART_WIDTH} {height}">']
    for index, (name, tip, value) in enumerate(rows):
        y = index * BAR_HEIGHT + 2
        width = max(1.0, (CHART_WIDTH - left - 60) * value / top) if value else 0
        parts.append(
            f'<g><title>{html.escape(tip)}: {value}</title>'
            f'<text x="{left - 6}" y="{y + 13}" text-anchor="end">{html.escape(name)}</text>'
            f'<rect x="{left}" y="{y + 2}" width="{width:.1f}" height="{BAR_HEIGHT - 5}" rx="2"></rect>'
            f'<text x="{left + width + 5:.1f}" y="{y + 13}">{value}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _article_data(path: str, found: list[Finding], text: str | None) -> dict[str, Any]:
    offsets = _utf16_offsets(text) if text is not None else None

    def at(offset: int) -> int:
        if text is None:
            return 0
        offset = max(0, min(offset, len(text)))
        return offsets[offset] if offsets is not None else offset

    severities = Counter(str(f.severity) for f in found)
    return {
        "path": path,
        "count": len(found),
        "errors": severities["error"],
        "warnings": severities["warning"],
        "infos": severities["info"],
        "codes": sorted({f.code for f in found}),
        "text": text,
        "findings": [
            {"line": f.line, "column": f.column, "code": f.code, "rule": f.rule, "severity": str(f.severity),
             "message": f.message, "field": getattr(f, "field", None),
             "start": at(f.start), "end": at(f.end)}
            for f in found
        ],
    }


def _asset(name: str) -> str:
    return resources.files("newslint.report").joinpath(name).read_text(encoding="utf-8")


def report(findings: Sequence[Finding], context: ReportContext, out: TextIO) -> None:
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    articles = [_article_data(path, found, context.sources.get(path)) for path, found in by_path.items()]
    per_rule = Counter((f.code, f.rule) for f in findings)
    rule_rows = sorted(per_rule.items(), key=lambda item: (-item[1], item[0]))
    buckets = Counter(_bucket(len(found)) for found in by_path.values())
    data = json.dumps({"articles": articles}, ensure_ascii=False, separators=(",", ":"))
    data = data.replace("<", "\\u003c")  # no "</script>" can end the block early

    write = out.write
    write('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
          '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
          'style-src \'unsafe-inline\'; script-src \'unsafe-inline\'; img-src data:">\n'
          '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
          '<title>newslint review</title>\n<style>\n')
    write(_asset("html.css"))
    write("</style></head>\n<body>\n<header><h1>newslint review</h1>\n")
    noun = "article" if len(by_path) == 1 else "articles"
    write(f'<p class="totals"><span id="total-findings" data-count="{len(findings)}">{len(findings)}</span> '
          f'findings in <span id="total-articles" data-count="{len(by_path)}">{len(by_path)}</span> '
          f"{noun} with findings</p></header>\n<main>\n")
    write('<section id="summary"><h2>Findings per rule</h2>\n<div class="side">\n'
          '<table id="per-rule"><thead><tr><th>code</th><th>rule</th><th>findings</th></tr></thead><tbody>\n')
    for (code, rule), count in rule_rows:
        write(f'<tr><td>{html.escape(code)}</td><td>{html.escape(rule)}</td>'
              f'<td class="num" data-code="{html.escape(code)}">{count}</td></tr>\n')
    write("</tbody></table>\n")
    write(_bars([(code, rule, count) for (code, rule), count in rule_rows], "findings per rule"))
    write('</div>\n<h2>Articles by number of findings</h2>\n<div class="side">\n<table id="per-article"><thead>'
          '<tr><th>findings</th><th>articles</th></tr></thead><tbody>\n')
    for bucket in BUCKETS:
        if buckets[bucket]:
            write(f'<tr><td>{bucket}</td><td class="num" data-bucket="{bucket}">{buckets[bucket]}</td></tr>\n')
    write("</tbody></table>\n")
    write(_bars([(b, f"articles with {b} findings", buckets[b]) for b in BUCKETS if buckets[b]],
                "articles by number of findings"))
    write("</div></section>\n")
    write('<section id="articles"><h2>Articles</h2>\n'
          '<p class="hint">Click a column to sort, an article to read it with its findings marked.</p>\n'
          '<div class="pager"></div>\n<table id="article-list"><thead><tr>'
          '<th data-sort="path">article</th><th data-sort="count">findings</th><th data-sort="errors">errors</th>'
          '<th data-sort="warnings">warnings</th><th>rules</th></tr></thead><tbody></tbody></table>\n'
          '<div class="pager"></div></section>\n'
          '<section id="article" hidden><h2 id="article-title"></h2><div class="reader">'
          '<pre id="article-text"></pre><ol id="article-findings"></ol></div></section>\n</main>\n')
    write(f'<script type="application/json" id="report-data">{data}</script>\n<script>\n')
    write(_asset("html.js"))
    write("</script>\n</body></html>\n")
