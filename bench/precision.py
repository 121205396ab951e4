"""Rule precision on a real corpus: findings per rule and per 10,000 words, per subfolder.

Usage:
    python bench/precision.py [--corpus /work/shared/corpus] [--rules NL2,NL5] [--jobs 2]
                              [--dump FILE|-] [--save FILE.json] [--compare FILE.json]
                              [--labels FILE.tsv]

Each subfolder of the corpus is one run, as a team's repository is in CI; a subfolder that
holds several repositories' files (``go__*.md``, ``brew__*.md``: the part of the name before
``__``) is one run per repository, so project rules (NL201 across files) compare articles of
one repository only.

It prints, for every rule that fired, the number of findings and findings per 10,000 words in
each subfolder and overall. ``--dump`` writes every finding with its line (and the line a
message names, "repeats line 12") so a person can read and judge them. ``--save`` keeps the
findings as JSON; ``--compare`` prints the findings that appeared or went away since a saved
run. ``--labels`` reads judgements (``path<TAB>line<TAB>code<TAB>true|false[<TAB>note]``,
path relative to the corpus) and prints false findings per 10,000 words per rule; findings
without a judgement are counted as unjudged.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from newslint.config import Config
from newslint.engine import Linter, iter_article_paths, read_article
from newslint.findings import Finding

DEFAULT_CORPUS = "/work/shared/corpus"
SKIPPED_FOLDERS = frozenset({"manifests", "scripts"})
WORD = re.compile(r"\w+")
LINE_REF = re.compile(r"\bline (\d+)\b")

Key = tuple[str, int, str]  # (path relative to the corpus, line, code)


def runs(corpus: str) -> dict[str, dict[str, list[str]]]:
    """subfolder -> repository -> article paths."""
    errors: list[str] = []
    grouped: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in sorted(iter_article_paths([corpus], errors)):
        parts = Path(os.path.relpath(path, corpus)).parts
        if len(parts) < 2 or parts[0] in SKIPPED_FOLDERS:
            continue
        repository = parts[-1].split("__", 1)[0] if "__" in parts[-1] else parts[0]
        grouped[parts[0]][repository].append(path)
    for error in errors:
        print("error:", error, file=sys.stderr)
    return grouped


def lint(corpus: str, codes: tuple[str, ...] | None, jobs: int) -> tuple[list[Finding], dict[str, int], dict[str, str]]:
    """Findings, words per subfolder, and each article's text by path."""
    config = Config(select=codes) if codes else Config()
    findings: list[Finding] = []
    words: dict[str, int] = {}
    texts: dict[str, str] = {}
    for folder, repositories in sorted(runs(corpus).items()):
        words[folder] = 0
        for paths in repositories.values():
            for path in paths:
                texts[path] = read_article(path)
                words[folder] += len(WORD.findall(texts[path]))
            result = Linter(config=config, jobs=jobs).run(paths)
            for error in result.errors:
                print("error:", error, file=sys.stderr)
            findings.extend(result.findings)
    return findings, words, texts


def key(finding: Finding, corpus: str) -> Key:
    return (os.path.relpath(finding.path, corpus), finding.line, finding.code)


def print_rates(findings: list[Finding], words: dict[str, int], corpus: str) -> None:
    folders = sorted(words)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for finding in findings:
        counts[finding.code][Path(os.path.relpath(finding.path, corpus)).parts[0]] += 1
    total_words = sum(words.values())
    rate = len(findings) * 10_000 / max(total_words, 1)
    print(f"{len(findings)} findings, {total_words:,} words: {rate:.2f} per 10k")
    width = max([len(f) for f in folders] + [8])
    print("\nfindings (per 10,000 words) by subfolder")
    print(f"{'rule':7} {'all':>14}  " + "  ".join(f"{f:>{width}}" for f in folders))
    print(f"{'words':7} {total_words:>14,}  " + "  ".join(f"{words[f]:>{width},}" for f in folders))
    for code in [*sorted(counts), "all"]:
        by_folder = counts[code] if code != "all" else sum(counts.values(), Counter())
        total = sum(by_folder.values())
        cells = [
            f"{by_folder[f]:>4} ({by_folder[f] * 10_000 / max(words[f], 1):5.2f})".rjust(width) for f in folders
        ]
        print(f"{code:7} {total:>4} ({total * 10_000 / max(total_words, 1):5.2f})  " + "  ".join(cells))


def read_labels(path: str) -> dict[Key, tuple[bool, str]]:
    labels: dict[Key, tuple[bool, str]] = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 4 or fields[3] not in ("true", "false"):
            raise SystemExit(f"{path}:{number}: expected path, line, code, true|false[, note]")
        labels[(fields[0], int(fields[1]), fields[2])] = (fields[3] == "true", fields[4] if len(fields) > 4 else "")
    return labels


def print_judged(
    findings: list[Finding], words: dict[str, int], corpus: str, labels: dict[Key, tuple[bool, str]]
) -> None:
    total_words = max(sum(words.values()), 1)
    verdicts: dict[str, Counter[str]] = defaultdict(Counter)
    for finding in findings:
        judged = labels.get(key(finding, corpus))
        verdicts[finding.code]["unjudged" if judged is None else "true" if judged[0] else "false"] += 1
    print("\njudged findings: false per 10,000 words")
    print(f"{'rule':7} {'true':>5} {'false':>5} {'unjudged':>8} {'false/10k':>9}")
    total: Counter[str] = Counter()
    for code in sorted(verdicts):
        total.update(verdicts[code])
    for code, v in [*sorted(verdicts.items()), ("all", total)]:
        print(f"{code:7} {v['true']:5} {v['false']:5} {v['unjudged']:8} {v['false'] * 10_000 / total_words:9.3f}")


def dump(findings: list[Finding], texts: dict[str, str], corpus: str, out: Any) -> None:
    lines_of: dict[str, list[str]] = {}
    for finding in sorted(findings, key=lambda f: (f.code, f.path, f.line, f.column)):
        lines = lines_of.setdefault(finding.path, texts[finding.path].splitlines())
        relative = os.path.relpath(finding.path, corpus)
        print(f"{finding.code} {relative}:{finding.line}:{finding.column} {finding.message}", file=out)
        if finding.line <= len(lines):
            # from the finding's column: a long paragraph's first words are not what was flagged
            line = lines[finding.line - 1]
            shown = line[finding.column - 1 :] if finding.column > 40 else line
            print(f"    > {shown[:240]}", file=out)
        named = LINE_REF.search(finding.message)
        if named and 0 < int(named.group(1)) <= len(lines):
            print(f"    < {lines[int(named.group(1)) - 1][:240]}", file=out)


def as_json(findings: list[Finding], corpus: str) -> list[dict[str, Any]]:
    return [
        {"path": os.path.relpath(f.path, corpus), "line": f.line, "column": f.column, "code": f.code,
         "message": f.message}
        for f in findings
    ]


def compare(findings: list[Finding], corpus: str, saved_path: str) -> None:
    saved = json.loads(Path(saved_path).read_text(encoding="utf-8"))["findings"]
    before = Counter((f["path"], f["line"], f["code"], f["message"]) for f in saved)
    after = Counter((os.path.relpath(f.path, corpus), f.line, f.code, f.message) for f in findings)
    gone, new = before - after, after - before
    by_code = Counter(k[2] for k in gone.elements()), Counter(k[2] for k in new.elements())
    print(f"\ncompared with {saved_path}: {sum(gone.values())} gone, {sum(new.values())} new")
    for code in sorted(set(by_code[0]) | set(by_code[1])):
        print(f"  {code}: -{by_code[0][code]} +{by_code[1][code]}")
    for sign, changed in (("-", gone), ("+", new)):
        for path, line, code, message in sorted(changed.elements()):
            print(f"{sign} {code} {path}:{line} {message}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--rules", default="", help="codes or prefixes, comma-separated (default: every default rule)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes per run")
    parser.add_argument("--dump", metavar="FILE", help="write every finding with its line ('-': standard output)")
    parser.add_argument("--save", metavar="FILE", help="keep the findings as JSON for --compare")
    parser.add_argument("--compare", metavar="FILE", help="findings gone and new since a --save")
    parser.add_argument("--labels", metavar="FILE", help="judgements: path, line, code, true|false")
    args = parser.parse_args(argv)

    codes = tuple(c.strip() for c in args.rules.split(",") if c.strip()) or None
    started = time.perf_counter()
    findings, words, texts = lint(args.corpus, codes, args.jobs)
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.code))
    print(f"corpus {args.corpus}: {len(texts)} files in {time.perf_counter() - started:.1f} s")
    print_rates(findings, words, args.corpus)
    if args.labels:
        print_judged(findings, words, args.corpus, read_labels(args.labels))
    if args.compare:
        compare(findings, args.corpus, args.compare)
    if args.save:
        payload = {"corpus": args.corpus, "words": words, "findings": as_json(findings, args.corpus)}
        Path(args.save).write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    if args.dump == "-":
        dump(findings, texts, args.corpus, sys.stdout)
    elif args.dump:
        with open(args.dump, "w", encoding="utf-8") as out:
            dump(findings, texts, args.corpus, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
