"""Run the name and spelling rules (NL401, NL402, NL501, NL502) over a real corpus and print
findings per 10,000 words, per folder, with samples to read.

Usage:
    python bench/names_corpus.py [CORPUS] [--codes NL401,NL402,NL501,NL502] [--samples 15]
        [--all] [--seed 1]

CORPUS defaults to ../shared/corpus. Words are whitespace-separated tokens of the article files
(.md, .txt). Project findings (NL401 across the articles of a run) are counted apart: the corpus
is many publications, so a run-wide spelling is not expected of it. Each sample prints the
finding and its line, shortened around the reported span; read them and judge.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from newslint.config import Config
from newslint.engine import lint_paths

REPO = Path(__file__).resolve().parent.parent
# ../shared from the repository root; from a worktree under wt/, one level further up
DEFAULT_CORPUS = next(
    (p for p in (REPO.parent / "shared" / "corpus", REPO.parent.parent / "shared" / "corpus") if p.is_dir()),
    REPO.parent / "shared" / "corpus",
)
SUFFIXES = (".md", ".txt")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--codes", default="NL401,NL402,NL501,NL502")
    parser.add_argument("--samples", type=int, default=15, help="samples per rule (default 15)")
    parser.add_argument("--all", action="store_true", help="print every finding")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    corpus = Path(args.corpus)
    codes = tuple(c for c in args.codes.split(",") if c)
    folders = sorted(p for p in corpus.iterdir() if p.is_dir() and p.name != "manifests")
    words: dict[str, int] = {}
    files: list[str] = []
    lines: dict[str, list[str]] = {}
    for folder in folders:
        paths = sorted(str(p) for p in folder.rglob("*") if p.suffix in SUFFIXES)
        files.extend(paths)
        count = 0
        for path in paths:
            text = Path(path).read_text(encoding="utf-8", errors="replace")
            lines[path] = text.splitlines()
            count += len(text.split())
        words[folder.name] = count

    started = time.perf_counter()
    findings = lint_paths(files, config=Config(select=codes))
    elapsed = time.perf_counter() - started

    project = [f for f in findings if f.code == "NL401" and "other articles in this run" in f.message]
    local = [f for f in findings if f not in project]
    by_rule_folder: dict[str, Counter[str]] = defaultdict(Counter)
    for f in local:
        by_rule_folder[f.code][Path(f.path).parent.name] += 1
    total_words = sum(words.values())

    print(f"corpus {corpus}: {len(files)} files, {total_words:,} words; lint {elapsed:.2f} s")
    header = f"{'rule':8}{'total':>7}{'/10k':>7}  " + "  ".join(f"{name[:12]:>12}" for name in words)
    print(header)
    print("-" * len(header))
    for code in codes:
        counts = by_rule_folder.get(code, Counter())
        total = sum(counts.values())
        cells = "  ".join(f"{counts[name]:>5} {10000 * counts[name] / max(words[name], 1):5.1f}" for name in words)
        print(f"{code:8}{total:>7}{10000 * total / total_words:>7.2f}  {cells}")
    print(f"NL401 project findings (across articles): {len(project)}")

    rng = random.Random(args.seed)
    for code in codes:
        mine = [f for f in local if f.code == code]
        if not mine:
            continue
        shown = mine if args.all else rng.sample(mine, min(args.samples, len(mine)))
        shown.sort(key=lambda f: (f.path, f.line))
        print(f"\n== {code}: {len(mine)} findings, {len(shown)} shown")
        for f in shown:
            text = lines.get(f.path, [])
            line = text[f.line - 1] if 0 < f.line <= len(text) else ""
            start = max(0, f.column - 60)
            snippet = line[start : f.column + 60].replace("\t", " ")
            print(f"{Path(f.path).parent.name}/{Path(f.path).name}:{f.line}:{f.column} {f.message}")
            print(f"    ...{snippet}...")
    if project:
        print(f"\n== NL401 project: {len(project)} findings, {min(len(project), args.samples)} shown")
        for f in project[: args.samples]:
            print(f"{Path(f.path).parent.name}/{Path(f.path).name}:{f.line}:{f.column} {f.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
