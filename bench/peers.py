"""Time newslint side by side with the linters a user would pick instead, on the same corpora.

Installs its peers itself into a throwaway folder (``--peers-dir``, default
``$TMPDIR/newslint-bench-peers``; reused when the pinned versions are already there):

- markdownlint-cli2 0.22.1 via ``npm install --prefix DIR/npm`` (0.24 needs Node 22), run with a
  ``.markdownlint-cli2.jsonc`` of ``{"config": {"default": true, "MD052": {"shortcut_syntax": true}}}``;
- proselint 0.16.0 via pip into its own venv, ``DIR/proselint-venv``.

A peer that cannot be installed (no npm, no network, no index) is reported as unavailable and
the rest still runs.

Corpora: the generated one (bench/generate.py: 2,000 articles of ~700 words, seed 1, reused
from bench/corpus/generated when its MANIFEST matches), the dense profile (``--profile dense``:
2,000 articles of ~1,000 words built like scraped war roundups, a citation or attribution in most
sentences, findings in every file; bench/corpus/dense) and the real articles in
``../shared/corpus/`` relative to the repository (skipped if absent).

Rows, each one invocation over all files (median of ``--runs``): newslint with default rules
and jobs, uncached (``--no-cache``) and with a warm cache; markdownlint-cli2; proselint; and the
floor, an in-process Python pass that reads every file and runs five compiled regexes. Then the
cold start: each tool on ONE article (median of ``--cold-runs``) and ``python -c pass``.

Usage:
    python bench/peers.py                       # full run
    python bench/peers.py --quick               # 200 files per corpus, 1 run (smoke check)
    python bench/peers.py --json                # one JSON object instead of the tables
    python bench/peers.py --peers-dir /tmp/p --runs 5 --no-shared
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
from generate import GENERATOR_VERSION, read_manifest, write_corpus  # noqa: E402
from throughput import ARTICLE_SUFFIXES, SKIP_DIRS, ChildRun, time_floor  # noqa: E402  (one floor for both scripts)

MARKDOWNLINT_VERSION = "0.22.1"
PROSELINT_VERSION = "0.16.0"
MARKDOWNLINT_CONFIG = {"config": {"default": True, "MD052": {"shortcut_syntax": True}}}

GENERATED = BENCH / "corpus" / "generated"
DENSE = BENCH / "corpus" / "dense"
DENSE_WORDS = 1000
SHARED = REPO.parent / "shared" / "corpus"
GEN_COUNT, GEN_WORDS, GEN_SEED = 2000, 700, 1
QUICK_FILES = 200

SUFFIX_GLOB = "{md,markdown,mdown,mkd,txt}"

NL_COLD = "newslint (cold, no cache)"
NL_WARM = "newslint (warm cache)"
MDL = f"markdownlint-cli2 {MARKDOWNLINT_VERSION}"
PROSE = f"proselint {PROSELINT_VERSION}"
FLOOR = "floor: read + 5 regexes"


# ---------------------------------------------------------------------------------------------
# Child processes.


# Peak RSS: a forked child inherits its parent's high-water mark (Linux copies it with the
# address space and keeps it across exec), so a child forked from this process would never
# report less than this process's own peak (~60 MB after the floor pass). Each measured command
# is therefore forked by a tiny fresh launcher (``python -S -I``, ~6.5 MB), which times it and
# reports its ``os.wait4`` rusage. ``true`` measures ~6.5 MB this way: the floor of the column.
LAUNCHER = r"""
import os, sys, time
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    except OSError as exc:
        os.write(2, f"cannot run {sys.argv[2]}: {exc}\n".encode())
    os._exit(127)
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - t0
with open(sys.argv[1], "w") as f:
    f.write(f"{wall} {ru.ru_utime + ru.ru_stime} {ru.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run_child(cmd: list[str], cwd: Path | None = None) -> ChildRun:
    """Run ``cmd`` through the launcher: wall time, CPU (user+sys, including reaped descendants
    such as worker processes) and peak RSS (the largest single process, MiB)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".rusage") as res:
        proc = subprocess.run([sys.executable, "-S", "-I", "-c", LAUNCHER, res.name, *cmd], cwd=cwd,
                              stdin=subprocess.DEVNULL, stdout=out, stderr=err, check=False)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
        fields = res.read().split()
    if proc.returncode != 0 or len(fields) != 4:
        return ChildRun(0.0, 0.0, 0.0, proc.returncode or -1, stdout, stderr + "\n(launcher failed)")
    wall, cpu, rss, code = float(fields[0]), float(fields[1]), float(fields[2]), int(fields[3])
    rss_kb = rss / 1024 if sys.platform == "darwin" else rss
    return ChildRun(wall, cpu, rss_kb / 1024, code, stdout, stderr)


def run_batches(cmds: list[list[str]], cwd: Path) -> ChildRun:
    """Run ``cmds`` one after another as one measurement (summed times, max RSS, worst exit)."""
    runs = [run_child(c, cwd) for c in cmds]
    worst = max((r.returncode for r in runs), key=lambda rc: (rc < 0 or rc > 1, rc))
    return ChildRun(sum(r.wall_s for r in runs), sum(r.cpu_s for r in runs), max(r.peak_rss_mb for r in runs),
                    worst, "".join(r.stdout for r in runs), "".join(r.stderr for r in runs))


def arg_budget() -> int:
    """Bytes of command-line arguments one exec may take here, with a wide safety margin."""
    try:
        arg_max = int(os.sysconf("SC_ARG_MAX"))
    except (ValueError, OSError):
        arg_max = 128 * 1024
    env = sum(len(k) + len(v) + 2 for k, v in os.environ.items())
    return max(16 * 1024, arg_max // 2 - env)


def batched(prefix: list[str], args: list[str]) -> list[list[str]]:
    """``prefix + args``, split xargs-style into several command lines if they would be too long."""
    budget = arg_budget() - sum(len(a) + 1 for a in prefix)
    out: list[list[str]] = []
    cur: list[str] = []
    size = 0
    for a in args:
        n = len(os.fsencode(a)) + 1 + 8  # + the argv pointer
        if cur and size + n > budget:
            out.append(prefix + cur)
            cur, size = [], 0
        cur.append(a)
        size += n
    if cur or not out:
        out.append(prefix + cur)
    return out


# ---------------------------------------------------------------------------------------------
# Peers: installation.


@dataclass
class Peer:
    name: str
    available: bool
    exe: list[str]
    version: str = ""
    note: str = ""
    install_s: float | None = None


def _tail(text: str, n: int = 3) -> str:
    """The last error lines of an installer's output (or its last lines), on one line."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    errors = [ln for ln in lines if "error" in ln.lower() and not ln.lower().endswith("error")]
    return " | ".join((errors or lines)[-n:])


def install_markdownlint(peers_dir: Path, reinstall: bool) -> Peer:
    prefix = peers_dir / "npm"
    exe = prefix / "node_modules" / ".bin" / "markdownlint-cli2"
    pkg = prefix / "node_modules" / "markdownlint-cli2" / "package.json"
    config = peers_dir / ".markdownlint-cli2.jsonc"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(json.dumps(MARKDOWNLINT_CONFIG, indent=2) + "\n", encoding="utf-8")

    def installed() -> bool:
        try:
            return bool(json.loads(pkg.read_text(encoding="utf-8")).get("version") == MARKDOWNLINT_VERSION)
        except (OSError, ValueError):
            return False

    t_install: float | None = None
    if reinstall or not installed() or not exe.exists():
        npm, node = shutil.which("npm"), shutil.which("node")
        if npm is None or node is None:
            return Peer(MDL, False, [], note="npm/node not found on PATH")
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(
                [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--loglevel=error",
                 f"markdownlint-cli2@{MARKDOWNLINT_VERSION}"],
                capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return Peer(MDL, False, [], note=f"npm install failed: {exc}")
        t_install = time.perf_counter() - t0
        if proc.returncode != 0 or not installed() or not exe.exists():
            return Peer(MDL, False, [], note=f"npm install failed (exit {proc.returncode}): {_tail(proc.stderr)}")
    try:
        ver = subprocess.run([str(exe), "--help"], capture_output=True, text=True, timeout=120,
                             stdin=subprocess.DEVNULL).stdout.splitlines()[:1]
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Peer(MDL, False, [], note=f"installed but does not run: {exc}")
    version = ver[0].strip() if ver else "?"
    if MARKDOWNLINT_VERSION not in version:
        return Peer(MDL, False, [], note=f"installed but does not run as expected: {version!r}")
    return Peer(MDL, True, [str(exe)], version=version, note=f"--config {config}", install_s=t_install)


def install_proselint(peers_dir: Path, reinstall: bool) -> Peer:
    venv = peers_dir / "proselint-venv"
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    exe = bindir / "proselint"

    def version() -> str:
        try:
            out = subprocess.run([str(exe), "version"], capture_output=True, text=True, timeout=120,
                                 stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired):
            return ""
        return (out.stdout + out.stderr).strip()

    t_install: float | None = None
    if reinstall or PROSELINT_VERSION not in version():
        t0 = time.perf_counter()
        try:
            if reinstall and venv.exists():
                shutil.rmtree(venv)
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True,
                           text=True, timeout=300)
            proc = subprocess.run(
                [str(bindir / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q",
                 f"proselint=={PROSELINT_VERSION}"],
                capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL)
        except subprocess.CalledProcessError as exc:
            return Peer(PROSE, False, [], note=f"python -m venv failed: {_tail(exc.stderr or '')}")
        except (OSError, subprocess.TimeoutExpired) as exc:
            return Peer(PROSE, False, [], note=f"install failed: {exc}")
        t_install = time.perf_counter() - t0
        if proc.returncode != 0:
            return Peer(PROSE, False, [], note=f"pip install failed (exit {proc.returncode}): {_tail(proc.stderr)}")
    v = version()
    if PROSELINT_VERSION not in v:
        return Peer(PROSE, False, [], note=f"installed but does not run as expected: {v!r}")
    return Peer(PROSE, True, [str(exe)], version=v, install_s=t_install)


def newslint_cmd(spec: str | None) -> list[str]:
    if spec:
        return spec.split()
    exe = shutil.which("newslint")
    if exe is None:
        candidate = Path(sys.executable).with_name("newslint")
        exe = str(candidate) if candidate.exists() else None
    return [exe] if exe else [sys.executable, "-m", "newslint"]


# ---------------------------------------------------------------------------------------------
# Corpora.


@dataclass
class Corpus:
    name: str
    root: Path  # tools run with this as their working directory
    parts: list[str]  # folders (relative to root) handed to the tools that take folders or globs
    files: list[str]  # article files (relative to root), in a stable order
    mb: float
    origin: str = ""


def article_files(root: Path) -> list[Path]:
    """The files newslint would lint under ``root`` (default excludes, no config)."""
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        out += [Path(dirpath, f) for f in sorted(filenames) if f.lower().endswith(ARTICLE_SUFFIXES)]
    return out


def make_corpus(name: str, root: Path, origin: str) -> Corpus:
    """A corpus rooted at ``root``. If articles sit in subfolders, the tools get those subfolders
    and loose top-level files (such as a PROVENANCE.md) are left out; otherwise the root itself."""
    subdirs = sorted(d.name for d in root.iterdir() if d.is_dir() and d.name not in SKIP_DIRS
                     and article_files(d))
    loose = [p for p in root.iterdir() if p.is_file() and p.name.lower().endswith(ARTICLE_SUFFIXES)]
    parts = subdirs if subdirs and len(loose) <= 2 else ["."]
    paths = [p for part in parts for p in article_files(root / part)]
    files = [str(p.relative_to(root)) for p in paths]
    mb = sum(p.stat().st_size for p in paths) / 1e6
    return Corpus(name, root, parts, files, mb, origin)


def ensure_generated(regenerate: bool, profile: str = "default") -> str:
    """Make (or reuse) the generated corpus of ``profile``: bench/corpus/generated or bench/corpus/dense."""
    out = GENERATED if profile == "default" else DENSE
    words = GEN_WORDS if profile == "default" else DENSE_WORDS
    m = read_manifest(out)
    wanted = {"generator_version": GENERATOR_VERSION, "seed": GEN_SEED, "count": GEN_COUNT, "words": words,
              "scale": 1}
    if profile != "default":
        wanted["profile"] = profile
    where = out.relative_to(BENCH.parent)
    if not regenerate and m is not None and all(m.get(k) == v for k, v in wanted.items()):
        return f"existing {where}"
    t0 = time.perf_counter()
    write_corpus(out, count=GEN_COUNT, words=words, seed=GEN_SEED, profile=profile)
    return f"generated into {where} in {time.perf_counter() - t0:.1f}s"


def quick_subset(corpus: Corpus, dest: Path, n: int) -> Corpus:
    """Copy ``n`` files spread over ``corpus`` into ``dest`` (same relative paths)."""
    if dest.exists():
        shutil.rmtree(dest)
    total = len(corpus.files)
    chosen = corpus.files if total <= n else [corpus.files[i * total // n] for i in range(n)]
    for rel in chosen:
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(corpus.root / rel, target)
    sub = make_corpus(corpus.name, dest, f"{len(chosen)} of {corpus.origin}")
    return sub


# ---------------------------------------------------------------------------------------------
# Measurements.


@dataclass
class Row:
    tool: str
    files: int
    mb: float
    wall_s: float | None = None
    cpu_s: float | None = None
    peak_rss_mb: float | None = None
    findings: int | None = None
    runs_wall_s: list[float] = field(default_factory=list)
    exit_codes: list[int] = field(default_factory=list)
    status: str = "ok"  # ok | unavailable | CRASHED
    note: str = ""

    @property
    def files_per_s(self) -> float | None:
        return self.files / self.wall_s if self.wall_s else None

    @property
    def mb_per_s(self) -> float | None:
        return self.mb / self.wall_s if self.wall_s else None

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["files_per_s"] = None if self.files_per_s is None else round(self.files_per_s, 1)
        d["mb_per_s"] = None if self.mb_per_s is None else round(self.mb_per_s, 3)
        return d


@dataclass
class Job:
    """How to run one tool over one target: command lines, accepted exit codes, output parsing."""

    tool: str
    cmds: list[list[str]]
    ok_codes: tuple[int, ...]
    findings: Callable[[ChildRun], int | None]
    crashed: Callable[[ChildRun], str] = lambda _r: ""
    prime: bool = False  # one untimed run first (fills newslint's cache)
    note: str = ""
    seen: Callable[[ChildRun], int | None] = lambda _r: None  # files the tool says it linted


def newslint_findings(r: ChildRun) -> int | None:
    try:
        data = json.loads(r.stdout)
    except ValueError:
        return None
    return len(data) if isinstance(data, list) else None


MDL_SUMMARY = re.compile(r"^Summary: (\d+) error", re.MULTILINE)
MDL_LINTING = re.compile(r"^Linting: (\d+) file", re.MULTILINE)


def markdownlint_seen(r: ChildRun) -> int | None:
    m = MDL_LINTING.search(r.stdout + r.stderr)
    return int(m.group(1)) if m else None


def markdownlint_findings(r: ChildRun) -> int | None:
    m = MDL_SUMMARY.search(r.stdout + r.stderr)
    return int(m.group(1)) if m else None


PROSE_LINE = re.compile(r"^.+?:\d+:\d+: \S+", re.MULTILINE)


def proselint_findings(r: ChildRun) -> int | None:
    return len(PROSE_LINE.findall(r.stdout + r.stderr))


def python_crash(r: ChildRun) -> str:
    """proselint logs a per-file exception and carries on with exit 0/1: still a crash."""
    text = r.stderr + r.stdout
    if "Traceback (most recent call last)" in text or "Error:" in r.stderr:
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        return "traceback/error in output: " + " | ".join(lines[-3:])
    return ""


def measure_all(jobs: list[Job], cwd: Path, files: int, mb: float, runs: int,
                log: Callable[[str], None], label: str) -> list[Row]:
    """Time ``jobs`` in interleaved rounds (every tool once per round), so load from elsewhere on
    the machine spreads over all tools rather than landing on one."""
    for job in jobs:
        if job.prime:
            log(f"  {label}: priming {job.tool} ...")
            run_batches(job.cmds, cwd)
    results: list[list[ChildRun]] = [[] for _ in jobs]
    for k in range(runs):
        for job, res in zip(jobs, results, strict=True):
            log(f"  {label}: round {k + 1}/{runs}: {job.tool} ...")
            res.append(run_batches(job.cmds, cwd))
    return [summarize(job, res, files, mb) for job, res in zip(jobs, results, strict=True)]


def summarize(job: Job, results: list[ChildRun], files: int, mb: float) -> Row:
    row = Row(job.tool, files, mb, note=job.note)
    walls = [r.wall_s for r in results]
    median = statistics.median(walls)
    row.wall_s = median
    row.cpu_s = statistics.median(r.cpu_s for r in results)
    row.peak_rss_mb = max(r.peak_rss_mb for r in results)
    row.runs_wall_s = [round(w, 4) for w in walls]
    row.exit_codes = [r.returncode for r in results]
    mid = min(results, key=lambda r: abs(r.wall_s - median))
    row.findings = job.findings(mid)
    seen = job.seen(mid)
    if seen is not None and seen != files:
        row.note = (row.note + "; " if row.note else "") + f"WARNING: linted {seen} files, not {files}"
    bad = [r for r in results if r.returncode not in job.ok_codes]
    crash = next((msg for msg in (job.crashed(r) for r in results) if msg), "")
    if bad or crash:
        row.status = "CRASHED"
        first = bad[0] if bad else results[0]
        lines = [ln for ln in (first.stderr or first.stdout).strip().splitlines() if ln.strip()]
        detail = crash or f"exit {first.returncode}: " + " | ".join(lines[-8:])
        row.note = (row.note + "; " if row.note else "") + detail[:1500]
    return row


def measure_floor(corpus: Corpus, runs: int) -> Row:
    paths = [corpus.root / f for f in corpus.files]
    floor = time_floor(paths, len(paths), corpus.mb, runs)  # the same floor as throughput.py
    return Row(FLOOR, len(paths), corpus.mb, floor.wall_s, floor.cpu_s, None, None,
               floor.runs_wall_s, [], note=f"in-process, {floor.note}")


def jobs_for(corpus: Corpus | None, one: Path | None, newslint: list[str], peers: dict[str, Peer],
             cache_dir: Path, peers_dir: Path) -> list[Job | Row]:
    """The jobs for a whole corpus (``corpus``) or for one article (``one``); unavailable peers
    come back as placeholder rows."""
    if corpus is not None:
        nl_targets = corpus.parts
        globs = [f"{'' if p == '.' else p + '/'}**/*.{SUFFIX_GLOB}" for p in corpus.parts]
        prose_targets = corpus.files
    else:
        assert one is not None
        nl_targets, globs, prose_targets = [str(one)], [":" + str(one)], [str(one)]
    nl = [*newslint, "check", "--format", "json"]
    out: list[Job | Row] = [
        Job(NL_COLD, [[*nl, "--no-cache", *nl_targets]], (0, 1), newslint_findings),
        Job(NL_WARM, [[*nl, "--cache-dir", str(cache_dir), *nl_targets]], (0, 1), newslint_findings, prime=True,
            note="cache filled by one untimed run"),
    ]
    files = len(corpus.files) if corpus else 1
    mb = corpus.mb if corpus else (one.stat().st_size / 1e6 if one else 0.0)
    mdl = peers["markdownlint"]
    if mdl.available:
        config = str(peers_dir / ".markdownlint-cli2.jsonc")
        out.append(Job(MDL, [[*mdl.exe, *globs, "--config", config]], (0, 1), markdownlint_findings,
                       note="globs " + " ".join(globs) if corpus else "", seen=markdownlint_seen))
    else:
        out.append(Row(MDL, files, mb, status="unavailable", note=mdl.note))
    pl = peers["proselint"]
    if pl.available:
        cmds = batched([*pl.exe, "check"], prose_targets)
        note = f"file paths in {len(cmds)} batches (argument-length limit)" if len(cmds) > 1 else ""
        out.append(Job(PROSE, cmds, (0, 1), proselint_findings, crashed=python_crash, note=note))
    else:
        out.append(Row(PROSE, files, mb, status="unavailable", note=pl.note))
    return out


def run_items(items: list[Job | Row], cwd: Path, files: int, mb: float, runs: int, log: Callable[[str], None],
              label: str) -> list[Row]:
    """Rows in the order of ``items``: placeholders as they are, jobs measured together."""
    jobs = [i for i in items if isinstance(i, Job)]
    measured = iter(measure_all(jobs, cwd, files, mb, runs, log, label))
    return [i if isinstance(i, Row) else next(measured) for i in items]


def bench_corpus(corpus: Corpus, newslint: list[str], peers: dict[str, Peer], peers_dir: Path, runs: int,
                 log: Callable[[str], None]) -> list[Row]:
    cache_dir = peers_dir / "newslint-cache" / corpus.name
    if cache_dir.exists():
        shutil.rmtree(cache_dir)
    items = jobs_for(corpus, None, newslint, peers, cache_dir, peers_dir)
    rows = run_items(items, corpus.root, len(corpus.files), corpus.mb, runs, log, corpus.name)
    log(f"  {corpus.name}: {FLOOR} x{runs} ...")
    rows.append(measure_floor(corpus, runs))
    return rows


def bench_cold(article: Path, newslint: list[str], peers: dict[str, Peer], peers_dir: Path, runs: int,
               log: Callable[[str], None]) -> list[Row]:
    cache_dir = peers_dir / "newslint-cache" / "one-article"
    if cache_dir.exists():
        shutil.rmtree(cache_dir)
    items = jobs_for(None, article, newslint, peers, cache_dir, peers_dir)
    items.append(Job(f"{Path(sys.executable).name} -c pass", [[sys.executable, "-c", "pass"]], (0,),
                     lambda _r: None, note=sys.executable))
    rows = run_items(items, article.parent, 1, article.stat().st_size / 1e6, runs, log, "cold start")
    rows[-1].files, rows[-1].mb = 0, 0.0
    return rows


# ---------------------------------------------------------------------------------------------
# Output.


def _f(v: float | int | None, spec: str) -> str:
    return "-" if v is None else format(v, spec)


def ratio(row: Row, base: Row | None) -> str:
    if base is None or base.wall_s is None or row.wall_s is None or base.status != "ok" or not base.wall_s:
        return "-"
    return f"{row.wall_s / base.wall_s:.2f}x"


def table(rows: list[Row], cold: bool = False) -> str:
    by = {r.tool: r for r in rows}
    nl_cold, nl_warm = by.get(NL_COLD), by.get(NL_WARM)
    if cold:
        head = ["tool", "wall ms", "CPU ms", "peak RSS MB", "vs nl cold", "vs nl warm", "findings", "status"]
        body = [[r.tool, _f(None if r.wall_s is None else r.wall_s * 1000, ".0f"),
                 _f(None if r.cpu_s is None else r.cpu_s * 1000, ".0f"), _f(r.peak_rss_mb, ".1f"),
                 ratio(r, nl_cold), ratio(r, nl_warm), _f(r.findings, "d"), r.status] for r in rows]
    else:
        head = ["tool", "files", "MB", "wall s", "CPU s", "files/s", "MB/s", "peak RSS MB", "vs nl cold",
                "vs nl warm", "findings", "status"]
        body = [[r.tool, str(r.files), f"{r.mb:.1f}", _f(r.wall_s, ".3f"), _f(r.cpu_s, ".3f"),
                 _f(r.files_per_s, ",.0f"), _f(r.mb_per_s, ".2f"), _f(r.peak_rss_mb, ".1f"),
                 ratio(r, nl_cold), ratio(r, nl_warm), _f(r.findings, ",d"), r.status] for r in rows]
    widths = [max(len(x) for x in col) for col in zip(head, *body, strict=True)]
    lines = ["  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(head, widths,
                                                                                            strict=True)))]
    lines.append("  ".join("-" * w for w in widths))
    for b in body:
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(b, widths,
                                                                                                 strict=True))))
    return "\n".join(lines)


def notes(rows: list[Row]) -> list[str]:
    out = []
    for r in rows:
        bits = []
        if r.runs_wall_s and len(r.runs_wall_s) > 1:
            bits.append("runs " + ", ".join(f"{w:.3f}" for w in r.runs_wall_s) + " s")
        if r.exit_codes:
            bits.append("exit " + ",".join(str(c) for c in sorted(set(r.exit_codes))))
        if r.note:
            bits.append(r.note)
        if bits:
            out.append(f"  {r.tool}: " + "; ".join(bits))
    return out


# ---------------------------------------------------------------------------------------------
# Main.


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--peers-dir", type=Path, default=Path(tempfile.gettempdir()) / "newslint-bench-peers",
                   help="where to install the peers and keep scratch files (default: $TMPDIR/newslint-bench-peers)")
    p.add_argument("--reinstall", action="store_true", help="reinstall the peers even if present")
    p.add_argument("--runs", type=int, default=3, help="timed runs per tool and corpus; the median is shown (3)")
    p.add_argument("--cold-runs", type=int, default=10, help="runs of each tool on one article (10)")
    p.add_argument("--quick", action="store_true",
                   help=f"smoke check: {QUICK_FILES} files per corpus, 1 run, 3 cold-start runs")
    p.add_argument("--shared", type=Path, default=SHARED, help="real-article corpus (default ../shared/corpus)")
    p.add_argument("--no-shared", action="store_true", help="skip the real-article corpus")
    p.add_argument("--regenerate", action="store_true", help="regenerate bench/corpus/generated and dense")
    p.add_argument("--no-dense", action="store_true", help="skip the dense profile (bench/generate.py --profile dense)")
    p.add_argument("--newslint", default=None, help="newslint command line (default: newslint on PATH)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    args = p.parse_args(argv)
    if args.quick:
        args.runs, args.cold_runs = 1, 3
    if args.runs < 1 or args.cold_runs < 1:
        p.error("--runs and --cold-runs must be positive")

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    peers_dir: Path = args.peers_dir.resolve()
    peers_dir.mkdir(parents=True, exist_ok=True)
    newslint = newslint_cmd(args.newslint)

    log(f"peers in {peers_dir}")
    peers = {"markdownlint": install_markdownlint(peers_dir, args.reinstall),
             "proselint": install_proselint(peers_dir, args.reinstall)}
    for peer in peers.values():
        state = "ok" if peer.available else "UNAVAILABLE"
        took = f", installed in {peer.install_s:.1f}s" if peer.install_s is not None else ""
        log(f"  {peer.name}: {state} {peer.version}{took} {'' if peer.available else peer.note}".rstrip())

    corpora: list[Corpus] = []
    gen_origin = ensure_generated(args.regenerate)
    corpora.append(make_corpus("generated", GENERATED, gen_origin))
    if not args.no_dense:
        corpora.append(make_corpus("dense", DENSE, ensure_generated(args.regenerate, "dense")))
    skipped: list[str] = []
    if not args.no_shared:
        if args.shared.is_dir() and article_files(args.shared):
            corpora.append(make_corpus("shared", args.shared.resolve(), str(args.shared.resolve())))
        else:
            skipped.append(f"shared corpus {args.shared} absent: skipped")
    if args.quick:
        corpora = [quick_subset(c, peers_dir / "quick" / c.name, QUICK_FILES) for c in corpora]

    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    results: dict[str, list[Row]] = {}
    for c in corpora:
        log(f"corpus {c.name}: {len(c.files)} files, {c.mb:.1f} MB ({c.origin})")
        results[c.name] = bench_corpus(c, newslint, peers, peers_dir, args.runs, log)
    one = next((GENERATED / f for f in corpora[0].files if f.endswith(".md")), GENERATED / corpora[0].files[0])
    if args.quick:
        one = corpora[0].root / next((f for f in corpora[0].files if f.endswith(".md")), corpora[0].files[0])
    cold = bench_cold(one, newslint, peers, peers_dir, args.cold_runs, log)

    load_after = os.getloadavg() if hasattr(os, "getloadavg") else None
    all_rows = [r for rows in results.values() for r in rows] + cold
    crashed = [r for r in all_rows if r.status == "CRASHED"]
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
               "node": (subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
                        if shutil.which("node") else None),
               "newslint": " ".join(newslint),
               "loadavg_before": load_before and [round(x, 2) for x in load_before],
               "loadavg_after": load_after and [round(x, 2) for x in load_after]}
    if args.json:
        print(json.dumps({
            "machine": machine, "mode": "quick" if args.quick else "full", "runs": args.runs,
            "cold_runs": args.cold_runs, "peers": {k: asdict(v) for k, v in peers.items()},
            "corpora": {c.name: {"root": str(c.root), "parts": c.parts, "files": len(c.files), "mb": round(c.mb, 3),
                                 "origin": c.origin, "rows": [r.as_dict() for r in results[c.name]]}
                        for c in corpora},
            "cold_start": {"article": str(one), "rows": [r.as_dict() for r in cold]},
            "skipped": skipped, "crashed": [r.tool for r in crashed],
        }, indent=2))
        return 1 if crashed else 0

    print(f"newslint vs peers -- {machine['cpus']} cores, Python {machine['python']}, Node {machine['node']}; "
          f"{'QUICK: ' if args.quick else ''}median of {args.runs} run(s)")
    print(f"load average (1/5/15 min) before {machine['loadavg_before']}, after {machine['loadavg_after']}; "
          f"rounds interleave the tools")
    print("vs nl cold / vs nl warm = this tool's wall / newslint's wall (above 1: newslint is faster)")
    for c in corpora:
        print(f"\n== {c.name}: {len(c.files)} files, {c.mb:.1f} MB, {c.root} "
              f"[{' '.join(c.parts)}] ({c.origin})")
        print(table(results[c.name]))
        for line in notes(results[c.name]):
            print(line)
    print(f"\n== cold start: one article ({one.name}, {one.stat().st_size / 1e3:.1f} kB), "
          f"median of {args.cold_runs}")
    print(table(cold, cold=True))
    for line in notes(cold):
        print(line)
    for s in skipped:
        print(s)
    if crashed:
        print("CRASHED: " + ", ".join(r.tool for r in crashed))
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
