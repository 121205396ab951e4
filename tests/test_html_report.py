"""The HTML review report, rendered in a real headless Chromium: the counts it shows are the JSON
output's, the page is self-contained, and its script runs without a console error."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import REPO, run_cli

BROWSER = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="no Chromium on this machine")


def render(page: Path, fragment: str = "") -> tuple[str, list[str]]:
    """The DOM after the page's script ran, and the console lines Chromium logged."""
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
             "--dump-dom", page.as_uri() + fragment],
            capture_output=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.decode(errors="replace").splitlines() if ":CONSOLE" in line]
    return done.stdout.decode(), console


class Dom(HTMLParser):
    """The few things the test reads from the rendered page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.attrs_of: dict[str, dict[str, str | None]] = {}
        self.rule_counts: dict[str, int] = {}
        self.buckets: dict[str, int] = {}
        self.rows: list[tuple[str, list[str]]] = []  # article list rows: path, cell texts
        self.marks = 0
        self.findings_listed = 0
        self.pager = ""
        self._capture: tuple[str, str] | None = None
        self._in_row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_findings = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.attrs_of[values["id"] or ""] = values
        if tag == "body":
            self.attrs_of["body"] = values
        if values.get("data-code"):
            self._capture = ("rule", values["data-code"] or "")
        elif values.get("data-bucket"):
            self._capture = ("bucket", values["data-bucket"] or "")
        elif tag == "span" and values.get("class") == "page-label":
            self._capture = ("pager", "")
        if tag == "tr" and values.get("data-path"):
            self._in_row = [values["data-path"] or ""]
        if tag == "td" and self._in_row is not None:
            self._cell = []
        if tag == "mark":
            self.marks += 1
        if values.get("id") == "article-findings":
            self._in_findings = True
        if tag == "li" and self._in_findings:
            self.findings_listed += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None and self._in_row is not None:
            self._in_row.append("".join(self._cell))
            self._cell = None
        if tag == "tr" and self._in_row is not None:
            self.rows.append((self._in_row[0], self._in_row[1:]))
            self._in_row = None
        if tag == "ol":
            self._in_findings = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._capture is not None:
            kind, key = self._capture
            if kind == "rule":
                self.rule_counts[key] = int(data)
            elif kind == "bucket":
                self.buckets[key] = int(data)
            elif not self.pager:
                self.pager = data
            self._capture = None


def dataset(tmp_path: Path, count: int) -> Path:
    """Records with 0 to 3 findings each: dangling citations, unused entries, a shared title."""
    lines = []
    for index in range(count):
        cited, listed = index % 3 + 1, (index * 7) % 4 + 1
        text = " ".join(f"The inquiry heard evidence on day {n} [{n}]." for n in range(1, cited + 1))
        text += "\n\n" + "\n".join(f"[{n}] Transcript, day {n}" for n in range(1, listed + 1)) + "\n"
        title = "Inquiry hears evidence" if index % 50 == 0 else f"Inquiry, session {index}"
        lines.append(json.dumps({"id": f"k{index:03d}", "title": title, "text": text}))
    path = tmp_path / "hearings.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def check_counts(dom: Dom, found: list[dict]) -> None:
    assert dom.attrs_of["body"].get("data-ready") == "1"
    assert "data-errors" not in dom.attrs_of["body"]
    assert int(dom.attrs_of["total-findings"]["data-count"] or 0) == len(found)
    per_article = Counter(f["path"] for f in found)
    assert int(dom.attrs_of["total-articles"]["data-count"] or 0) == len(per_article)
    assert dom.rule_counts == dict(Counter(f["code"] for f in found))
    buckets = Counter(str(n) if n <= 4 else ("5-9" if n < 10 else "10+") for n in per_article.values())
    assert dom.buckets == dict(buckets)


def test_the_report_shows_the_json_outputs_counts_and_pages_its_articles(tmp_path):
    data = dataset(tmp_path, 240)
    found = json.loads(run_cli("check", data.name, "--format", "json", cwd=tmp_path).stdout)
    per_article = Counter(f["path"] for f in found)
    assert len(per_article) > 100  # more than one page
    html = run_cli("check", data.name, "--format", "html", "-o", "review.html", cwd=tmp_path)
    assert html.returncode == 1, html.stderr
    page = tmp_path / "review.html"
    source = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", source)  # nothing fetched

    busiest = max(per_article, key=lambda p: (per_article[p], p))
    dom_text, console = render(page, "#sort=count&dir=desc&page=1&article=" + quote(busiest, safe=""))
    assert console == []
    dom = Dom(dom_text)
    check_counts(dom, found)
    pages = -(-len(per_article) // 100)
    assert dom.pager == f"page 1 of {pages}"
    assert len(dom.rows) == 100
    listed = [int(cells[1]) for _, cells in dom.rows]
    assert listed == sorted(listed, reverse=True) and listed[0] == per_article[busiest]
    # the open article: every finding listed beside the text, and marked in it
    assert dom.findings_listed == per_article[busiest]
    assert dom.marks >= 1

    last, console = render(page, f"#sort=path&dir=asc&page={pages}")
    assert console == []
    rows = Dom(last).rows
    assert [path for path, _ in rows] == sorted(per_article)[(pages - 1) * 100 :]


def test_a_report_on_article_files_counts_the_same_as_json(tmp_path):
    examples = REPO / "examples"
    found = json.loads(run_cli("check", str(examples), "--format", "json").stdout)
    assert found
    run_cli("check", str(examples), "--format", "html", "-o", str(tmp_path / "files.html"))
    dom_text, console = render(tmp_path / "files.html", "#article=" + quote(found[0]["path"], safe=""))
    assert console == []
    dom = Dom(dom_text)
    check_counts(dom, found)
    assert dom.findings_listed == sum(1 for f in found if f["path"] == found[0]["path"])
    assert dom.marks >= 1
