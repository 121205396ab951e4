"""Does newslint stay linear and bounded as the input grows?

    python bench/scaling.py                      # 2,000 / 4,000 / 8,000 articles, 3 runs each
    python bench/scaling.py --rss-articles 100000  # peak memory over 100,000 articles

Each size is a freshly generated corpus of distinct articles (bench/generate.py, seed 1), linted
with ``newslint check --no-cache --format json`` (all default rules, default jobs). Peak RSS is
the newslint parent process (os.wait4); with ``-j 1`` there are no workers, so the figure is the
whole run's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GENERATE = Path(__file__).resolve().parent / "generate.py"


def write_corpus(folder: Path, count: int) -> None:
    """Generate in a child process: Linux carries a parent's peak RSS into the children it
    forks, so generating 100,000 articles in this process would inflate every figure after."""
    subprocess.run([sys.executable, str(GENERATE), "--out", str(folder), "--count", str(count)],
                   check=True, stdout=subprocess.DEVNULL)


def newslint_command() -> list[str]:
    found = shutil.which("newslint")
    return [found] if found else [sys.executable, "-m", "newslint"]


def timed(argv: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB of the process, and its exit code."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    assert process.stderr is not None
    error = process.stderr.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"newslint failed (exit {code}): {error.strip()[-500:]}")
    return wall, usage.ru_maxrss / 1024, code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=int, default=2000, help="articles at 1x (default 2000)")
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", default=None, help="pass -j N to newslint (default: its own default)")
    parser.add_argument("--rss-articles", type=int, default=0, help="also measure peak RSS over this many articles")
    args = parser.parse_args()
    command = [*newslint_command(), "check", "--no-cache", "--format", "json"]
    if args.jobs:
        command += ["-j", args.jobs]
    work = Path(tempfile.mkdtemp(prefix="newslint-scaling-"))
    try:
        print(f"{'articles':>9} {'MB':>7} {'wall s':>8} {'per 1x':>7} {'files/s':>8} {'peak RSS MB':>12}")
        base_wall = None
        for factor in args.factors:
            folder = work / f"x{factor}"
            write_corpus(folder, args.base * factor)
            size = sum(p.stat().st_size for p in folder.iterdir() if p.suffix in (".md", ".txt")) / 1e6
            results = [timed([*command, str(folder)]) for _ in range(args.runs)]
            wall = statistics.median(r[0] for r in results)
            rss = max(r[1] for r in results)
            base_wall = base_wall or wall / factor
            print(f"{args.base * factor:>9,} {size:>7.1f} {wall:>8.2f} {wall / base_wall / factor:>6.2f}x "
                  f"{args.base * factor / wall:>8.0f} {rss:>12.1f}")
            shutil.rmtree(folder)
        if args.rss_articles:
            folder = work / "rss"
            write_corpus(folder, args.rss_articles)
            for jobs in ("1", "0"):
                argv = [*newslint_command(), "check", "--no-cache", "--format", "json", "-j", jobs, str(folder)]
                wall, rss, _ = timed(argv)
                label = "one process" if jobs == "1" else "default jobs (parent)"
                print(f"{args.rss_articles:,} articles, {label}: {wall:.1f} s, "
                      f"{args.rss_articles / wall:.0f} files/s, peak RSS {rss:.1f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("'per 1x' is the time per 2,000 articles relative to the 1x run (1.00x = perfectly linear).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
