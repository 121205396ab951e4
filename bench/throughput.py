"""Time ``newslint check --format json`` over a corpus, against a plain-Python regex floor.

Generates the synthetic corpus (bench/generate.py) if it is missing, then:

1. runs ``newslint check --format json CORPUS`` as a child process ``--runs`` times and reports
   the median wall time, the child's CPU time (user+sys, from ``getrusage(RUSAGE_CHILDREN)``
   deltas), its peak RSS (from ``os.wait4``) and the number of findings;
2. the floor: in this process, reads every article and runs five compiled regexes over it
   (median of ``--runs``) -- roughly the least any linter in Python could do per byte;
3. cold start: median wall of ``newslint check --format json`` on one article (``--cold-runs``),
   next to the bare interpreter start-up (``python -c pass``).

newslint exit codes 0 (clean) and 1 (findings) are both success; 2 is a failure and is
reported with newslint's stderr (this script then exits 1).

Usage:
    python bench/throughput.py [--runs 3] [--corpus DIR] [--newslint CMD] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import generate  # noqa: E402

ARTICLE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt")  # as newslint.engine
SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__",
             ".newslint_cache", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages"}

# The floor's five regexes: numeric citations, footnote references, headings, reference-list
# entries and link definitions -- the raw scanning a reference linter cannot avoid.
FLOOR_PATTERNS = [
    re.compile(r"\[(\d{1,4}(?:\s*[,\u2013-]\s*\d{1,4})*)\]"),
    re.compile(r"\[\^([^\]\s]+)\]"),
    re.compile(r"^ {0,3}#{1,6}[ \t]+(.*)$", re.MULTILINE),
    re.compile(r"^ {0,3}(?:\d{1,9}[.)]|\[\d{1,4}\])[ \t]+(\S.*)$", re.MULTILINE),
    re.compile(r"^ {0,3}\[([^\]\n]+)\]:[ \t]*(\S+)", re.MULTILINE),
]


@dataclass
class ChildRun:
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    returncode: int
    stdout: str = field(repr=False)
    stderr: str = field(repr=False)


@dataclass
class Result:
    name: str
    files: int
    mb: float
    wall_s: float
    cpu_s: float | None
    peak_rss_mb: float | None
    findings: int | None
    runs_wall_s: list[float]
    ok: bool = True
    note: str = ""

    @property
    def files_per_s(self) -> float:
        return self.files / self.wall_s if self.wall_s else float("inf")

    @property
    def mb_per_s(self) -> float:
        return self.mb / self.wall_s if self.wall_s else float("inf")

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["files_per_s"] = round(self.files_per_s, 1)
        d["mb_per_s"] = round(self.mb_per_s, 3)
        return d


def article_files(root: Path) -> list[Path]:
    """The files newslint would lint under ``root`` (default excludes, no config)."""
    if root.is_file():
        return [root]
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        out += [Path(dirpath, f) for f in sorted(filenames) if f.lower().endswith(ARTICLE_SUFFIXES)]
    return out


def default_newslint() -> list[str]:
    exe = shutil.which("newslint")
    if exe is None:  # also try the venv next to this interpreter
        candidate = Path(sys.executable).with_name("newslint")
        exe = str(candidate) if candidate.exists() else None
    return [exe] if exe else [sys.executable, "-m", "newslint"]


def run_child(cmd: list[str]) -> ChildRun:
    """Run ``cmd``; wall time, CPU (RUSAGE_CHILDREN delta) and peak RSS (wait4) of that child."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rss_kb = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss / 1024
    return ChildRun(wall, cpu, rss_kb / 1024, proc.returncode, stdout, stderr)


def time_newslint(newslint: list[str], corpus: Path, files: int, mb: float, runs: int) -> tuple[Result, Counter[str]]:
    cmd = [*newslint, "check", "--format", "json", str(corpus)]
    results = [run_child(cmd) for _ in range(runs)]
    walls = [r.wall_s for r in results]
    median_wall = statistics.median(walls)
    mid = min(results, key=lambda r: abs(r.wall_s - median_wall))
    failed = [r for r in results if r.returncode not in (0, 1)]
    by_code: Counter[str] = Counter()
    findings: int | None = None
    note = ""
    try:
        data = json.loads(mid.stdout)
        findings = len(data)
        by_code = Counter(str(f.get("code")) for f in data)
    except ValueError as exc:
        note = f"stdout is not JSON: {exc}"
    if failed:
        first = failed[0]
        lines = first.stderr.strip().splitlines()
        shown = "\n    ".join(lines[:20]) + (f"\n    ... ({len(lines) - 20} more lines)" if len(lines) > 20 else "")
        note = f"exit {first.returncode} in {len(failed)}/{runs} runs; stderr:\n    {shown}"
    res = Result(
        name="newslint",
        files=files,
        mb=mb,
        wall_s=median_wall,
        cpu_s=statistics.median(r.cpu_s for r in results),
        peak_rss_mb=max(r.peak_rss_mb for r in results),
        findings=findings,
        runs_wall_s=[round(w, 4) for w in walls],
        ok=not failed and findings is not None,
        note=note,
    )
    return res, by_code


def floor_pass(paths: list[Path]) -> int:
    hits = 0
    for p in paths:
        text = p.read_text(encoding="utf-8", errors="replace")
        for rx in FLOOR_PATTERNS:
            for _ in rx.finditer(text):
                hits += 1
    return hits


def time_floor(paths: list[Path], files: int, mb: float, runs: int) -> Result:
    walls: list[float] = []
    cpus: list[float] = []
    hits = 0
    for _ in range(runs):
        c0 = time.process_time()
        t0 = time.perf_counter()
        hits = floor_pass(paths)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return Result(name="floor: read + 5 regexes", files=files, mb=mb, wall_s=statistics.median(walls),
                  cpu_s=statistics.median(cpus), peak_rss_mb=None, findings=None,
                  runs_wall_s=[round(w, 4) for w in walls], note=f"{hits} regex matches")


def time_cold(newslint: list[str], article: Path, runs: int) -> tuple[Result, float]:
    cmd = [*newslint, "check", "--format", "json", str(article)]
    results = [run_child(cmd) for _ in range(runs)]
    failed = [r for r in results if r.returncode not in (0, 1)]
    walls = [r.wall_s for r in results]
    interp = [run_child([sys.executable, "-c", "pass"]).wall_s for _ in range(runs)]
    try:
        findings: int | None = len(json.loads(results[-1].stdout))
    except ValueError:
        findings = None
    res = Result(name="cold start: 1 article", files=1, mb=article.stat().st_size / 1e6,
                 wall_s=statistics.median(walls), cpu_s=statistics.median(r.cpu_s for r in results),
                 peak_rss_mb=max(r.peak_rss_mb for r in results), findings=findings,
                 runs_wall_s=[round(w, 4) for w in walls], ok=not failed,
                 note=(f"exit {failed[0].returncode}: {failed[0].stderr.strip()[:500]}" if failed else str(article)))
    return res, statistics.median(interp)


def ensure_corpus(corpus: Path, count: int, words: int, seed: int, regenerate: bool) -> str:
    """Generate ``corpus`` unless it exists with matching parameters; returns what happened."""
    m = generate.read_manifest(corpus)
    wanted = {"generator_version": generate.GENERATOR_VERSION, "seed": seed, "count": count, "words": words,
              "scale": 1}
    if not regenerate and m is not None and all(m.get(k) == v for k, v in wanted.items()):
        return "existing"
    t0 = time.perf_counter()
    generate.write_corpus(corpus, count=count, words=words, seed=seed)
    return f"generated in {time.perf_counter() - t0:.2f}s"


def expected_codes(corpus: Path) -> dict[str, int] | None:
    """Findings the injected defects should produce, by rule code (from MANIFEST.json)."""
    m = generate.read_manifest(corpus)
    d = None if m is None else m.get("injected_defects_per_copy")
    if m is None or not isinstance(d, dict):
        return None
    scale = int(str(m.get("scale", 1)))
    code = {"uncited_entry": "NL101", "dangling_citation": "NL102", "duplicate_entry": "NL103",
            "repeated_headline": "NL201"}
    out: Counter[str] = Counter()
    for kind, n in d.items():
        if kind != "shared_title":
            out[code.get(str(kind), str(kind))] += int(n) * scale
    # Project-wide NL201: every article whose title an earlier one already had (shared titles,
    # and with --scale every article of copies 2..K).
    if "distinct_titles" in m:
        out["NL201"] += int(str(m["files"])) - int(str(m["distinct_titles"]))
    else:
        out["NL201"] += int(d.get("shared_title", 0)) * scale
    return dict(sorted((k, v) for k, v in out.items() if v))


def fmt(v: float | int | None, spec: str) -> str:
    return "-" if v is None else format(v, spec)


def print_table(rows: list[Result]) -> None:
    head = ["", "files", "MB", "wall s", "CPU s", "files/s", "MB/s", "peak RSS MB", "findings"]
    body = [[r.name + ("" if r.ok else " (FAILED)"), fmt(r.files, ","), fmt(r.mb, ".2f"), fmt(r.wall_s, ".3f"),
             fmt(r.cpu_s, ".3f"), fmt(r.files_per_s, ",.0f"), fmt(r.mb_per_s, ".2f"), fmt(r.peak_rss_mb, ".1f"),
             fmt(r.findings, ",")] for r in rows]
    widths = [max(len(row[i]) for row in [head, *body]) for i in range(len(head))]
    line = "  ".join(h.ljust(widths[0]) if i == 0 else h.rjust(widths[i]) for i, h in enumerate(head))
    print(line)
    print("-" * len(line))
    for row in body:
        print("  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(row)))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=None,
                   help="time this folder as is (default: the generated corpus, made if missing)")
    p.add_argument("--runs", type=int, default=3, help="runs per measurement; the median is reported (default 3)")
    p.add_argument("--cold-runs", type=int, default=10, help="runs of the one-article cold start (default 10)")
    p.add_argument("--newslint", default=None,
                   help="command to run newslint (default: 'newslint' on PATH, else 'python -m newslint')")
    p.add_argument("--count", type=int, default=2000, help="articles to generate (default 2000)")
    p.add_argument("--words", type=int, default=700, help="words per generated article (default 700)")
    p.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    p.add_argument("--regenerate", action="store_true", help="regenerate the corpus even if present")
    p.add_argument("--no-floor", action="store_true", help="skip the regex floor")
    p.add_argument("--no-cold", action="store_true", help="skip the one-article cold start")
    p.add_argument("--json", action="store_true", help="print machine-readable results")
    args = p.parse_args(argv)
    if args.runs < 1 or args.cold_runs < 1:
        p.error("--runs and --cold-runs must be positive")

    newslint = shlex.split(args.newslint) if args.newslint else default_newslint()
    if args.corpus is None:
        corpus = generate.DEFAULT_OUT
        origin = ensure_corpus(corpus, args.count, args.words, args.seed, args.regenerate)
    else:
        corpus = args.corpus
        origin = "given"
        if not corpus.exists():
            print(f"throughput: {corpus}: no such file or directory", file=sys.stderr)
            return 2
    paths = article_files(corpus)
    if not paths:
        print(f"throughput: no articles under {corpus}", file=sys.stderr)
        return 2
    files = len(paths)
    mb = sum(q.stat().st_size for q in paths) / 1e6

    rows: list[Result] = []
    nl, by_code = time_newslint(newslint, corpus, files, mb, args.runs)
    rows.append(nl)
    if not args.no_floor:
        rows.append(time_floor(paths, files, mb, args.runs))
    interp: float | None = None
    if not args.no_cold:
        single = next((q for q in paths if q.suffix == ".md"), paths[0])
        cold, interp = time_cold(newslint, single, args.cold_runs)
        rows.append(cold)
    expected = expected_codes(corpus)

    if args.json:
        print(json.dumps({
            "corpus": str(corpus), "corpus_origin": origin, "newslint": newslint, "runs": args.runs,
            "python": sys.version.split()[0], "results": [r.as_dict() for r in rows],
            "findings_by_code": dict(sorted(by_code.items())), "expected_by_code": expected,
            "interpreter_start_s": interp,
        }, indent=2))
    else:
        print(f"corpus: {corpus} ({origin}); newslint: {shlex.join(newslint)}; "
              f"median of {args.runs} runs (cold start: {args.cold_runs})\n")
        print_table(rows)
        print()
        print(f"newslint runs (wall s): {nl.runs_wall_s}")
        if interp is not None:
            print(f"interpreter start-up (python -c pass): {interp:.3f}s")
        print(f"findings by code: {dict(sorted(by_code.items()))}")
        if expected is not None:
            verdict = "match" if expected == dict(sorted(by_code.items())) else "DIFFER"
            print(f"expected from injected defects: {expected} ({verdict})")
    failed = [r for r in rows if not r.ok]
    for r in failed:
        print(f"\nFAILED {r.name}: {r.note}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
