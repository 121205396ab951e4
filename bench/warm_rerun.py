"""Time a warm re-run: ``newslint check`` over an unchanged folder whose every file is in the
results cache, printing every finding (text format by default) to a file.

One priming run fills a private cache folder, then ``--runs`` warm runs are timed (wall and
CPU, user + system, of the child process); the median of each is printed. The machine is shared:
compare CPU time, and take before/after in turn. ``PYTHONDONTWRITEBYTECODE`` is set in this
project's shells, so compile the sources first (``python -m compileall -q src``) or every start
compiles them again.

Usage:
    python bench/warm_rerun.py                                  # bench/corpus/dense, text, 5 runs
    python bench/warm_rerun.py --corpus bench/corpus/generated --format json --runs 9
    python bench/warm_rerun.py --profile                        # one warm run under cProfile
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

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(command: list[str], output: str) -> tuple[float, float]:
    """Wall and CPU seconds of one child process, its standard output sent to ``output``."""
    with open(output, "w", encoding="utf-8") as out:
        before = os.times()
        start = time.perf_counter()
        subprocess.run(command, stdout=out, stderr=subprocess.DEVNULL, check=False)
        wall = time.perf_counter() - start
        after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=os.path.relpath(os.path.join(HERE, "corpus", "dense")))
    parser.add_argument("--format", default="text")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache-dir", default=None, help="default: a fresh temporary folder")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one warm run instead")
    parser.add_argument("--top", type=int, default=40, help="with --profile: functions shown per ordering")
    args = parser.parse_args()
    if not os.path.isdir(args.corpus):
        sys.exit(f"{args.corpus}: no such folder (make it with bench/generate.py)")

    cache = args.cache_dir or tempfile.mkdtemp(prefix="newslint-warm-")
    command = [sys.executable, "-m", "newslint", "check", "--cache-dir", cache, "--format", args.format, args.corpus]
    output = os.path.join(cache, "out.txt")
    try:
        timed(command, output)  # priming: fills the cache
        if args.profile:
            stats = os.path.join(cache, "profile.out")
            timed([sys.executable, "-m", "cProfile", "-o", stats, *command[1:]], output)
            import pstats

            for order in ("cumulative", "tottime"):
                pstats.Stats(stats).sort_stats(order).print_stats(args.top)
            return
        runs = [timed(command, output) for _ in range(args.runs)]
        with open(output, encoding="utf-8") as handle:
            lines = sum(1 for _ in handle)
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(f"{args.corpus} --format {args.format}: {lines:,} lines printed")
        print(f"warm wall s: median {statistics.median(walls):.3f}  runs {' '.join(f'{w:.3f}' for w in walls)}")
        print(f"warm CPU s:  median {statistics.median(cpus):.3f}  runs {' '.join(f'{c:.3f}' for c in cpus)}")
    finally:
        if args.cache_dir is None:
            shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
