"""Run the structure rules over a real corpus: findings per 10,000 words, with samples to read.

Usage:
    python bench/structure_corpus.py [--corpus /work/shared/corpus] [--rules NL202,NL203]
                                     [--samples 10] [--all] [--seed 1]

For each rule it prints the number of findings, findings per 10,000 words of the corpus, the
count per corpus subfolder, and a sample of findings with the flagged line (and, for findings
that name another line, that line too) so a person can judge which are real.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from newslint.config import Config
from newslint.engine import Linter, iter_article_paths, read_article

DEFAULT_CORPUS = "/work/shared/corpus"
DEFAULT_RULES = "NL202,NL203,NL204,NL205,NL601"
WORD = re.compile(r"\w+")
LINE_REF = re.compile(r"\bline (\d+)\b")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--rules", default=DEFAULT_RULES)
    parser.add_argument("--samples", type=int, default=10, help="findings shown per rule")
    parser.add_argument("--all", action="store_true", help="show every finding")
    parser.add_argument("--seed", type=int, default=1, help="seed for choosing samples")
    args = parser.parse_args(argv)

    codes = tuple(c.strip() for c in args.rules.split(",") if c.strip())
    errors: list[str] = []
    paths = sorted(p for p in iter_article_paths([args.corpus], errors) if "manifests" not in p)
    texts = {path: read_article(path) for path in paths}
    words = sum(len(WORD.findall(text)) for text in texts.values())
    result = Linter(config=Config(select=codes)).run(paths)
    findings = result.findings
    for error in errors + result.errors:
        print("error:", error, file=sys.stderr)

    print(f"corpus {args.corpus}: {len(paths)} files, {words:,} words")
    by_code: dict[str, list] = defaultdict(list)
    for finding in findings:
        by_code[finding.code].append(finding)
    print(f"{'rule':8} {'findings':>8} {'per 10k words':>14}  by folder")
    for code in codes:
        found = by_code.get(code, [])
        folders = Counter(Path(os.path.relpath(f.path, args.corpus)).parts[0] for f in found)
        rate = len(found) * 10_000 / max(words, 1)
        print(f"{code:8} {len(found):8} {rate:14.2f}  {dict(sorted(folders.items()))}")

    rng = random.Random(args.seed)
    for code in codes:
        found = sorted(by_code.get(code, []), key=lambda f: (f.path, f.line))
        if not found:
            continue
        shown = found if args.all or len(found) <= args.samples else sorted(
            rng.sample(found, args.samples), key=lambda f: (f.path, f.line)
        )
        print(f"\n== {code}: {len(shown)} of {len(found)} ==")
        for finding in shown:
            lines = texts[finding.path].splitlines()
            print(f"{os.path.relpath(finding.path, args.corpus)}:{finding.line}:{finding.column} {finding.message}")
            print(f"    > {lines[finding.line - 1][:160] if finding.line <= len(lines) else ''}")
            named = LINE_REF.search(finding.message)
            if named and int(named.group(1)) <= len(lines):
                print(f"    < {lines[int(named.group(1)) - 1][:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
