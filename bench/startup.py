"""Cold start on one article: newslint beside proselint (and ``python -c pass``), run in turn.

    python -m compileall -q src              # where PYTHONDONTWRITEBYTECODE is set
    python bench/startup.py                  # dense d00001.txt and generated a00001.md, 10 rounds
    python bench/startup.py --runs 20 ARTICLE ...
    git worktree add /tmp/before HEAD~3 && python bench/startup.py --before /tmp/before   # before/after

Each round runs every command once, alternating, so a busy machine slows all of them alike.
Prints the median wall and CPU (user + system of the child) milliseconds per command and article.
proselint is the venv ``bench/peers.py`` installs (``/tmp/newslint-bench-peers/proselint-venv``);
it is left out when absent.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_ARTICLES = [HERE / "corpus" / "dense" / "d00001.txt", HERE / "corpus" / "generated" / "a00001.md"]
PROSELINT = Path("/tmp/newslint-bench-peers/proselint-venv/bin/proselint")


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall ms, CPU ms) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall * 1000, cpu * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("articles", nargs="*", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--runs", type=int, default=10, help="rounds (10)")
    parser.add_argument("--newslint", default=shutil.which("newslint") or "newslint")
    parser.add_argument("--before", type=Path, metavar="CHECKOUT",
                        help="also run the newslint of this checkout (its src/ and rules/ first on PYTHONPATH)")
    args = parser.parse_args(argv)
    envs: dict[str, dict[str, str] | None] = {}
    for article in args.articles:
        commands = {"newslint": [args.newslint, "check", "--no-cache", str(article)]}
        if args.before is not None:
            before_src = str(args.before.resolve() / "src")
            commands["newslint before"] = [sys.executable, "-m", "newslint", "check", "--no-cache", str(article)]
            envs["newslint before"] = dict(os.environ, PYTHONPATH=before_src)
        if PROSELINT.exists():
            commands["proselint"] = [str(PROSELINT), "check", str(article)]
        commands["python -c pass"] = [sys.executable, "-c", "pass"]
        walls: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                wall, cpu = timed(command, envs.get(name))
                walls[name].append(wall)
                cpus[name].append(cpu)
        print(f"{article} (median of {args.runs}; load {os.getloadavg()[0]:.1f})")
        for name in commands:
            wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
            print(f"  {name:<16} wall {wall:6.0f} ms   CPU {cpu:6.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
