"""Scaling of NL203 repeated-passage: one long article, and a run of many articles, at 1x/2x/4x.

The rule indexes word shingles (each sentence looks up only its own shingles), so its time
should grow linearly with the input: doubling the input should about double the time. A
quadratic all-pairs comparison would quadruple it. For the single article it also prints the
rule's peak memory (tracemalloc, on top of the parsed document and its sentences, which the
sentence rules share) in bytes per byte of article.

Usage:
    python bench/repetition.py [--words 50000] [--count 2000] [--article-words 700] [--seed 1]

Articles come from bench/generate.py (same seeds, same text). Parsing is timed apart from the
rule; the rule's time includes sentence splitting (a fresh parse has no cached sentences).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from pathlib import Path

from newslint.config import Config
from newslint.rule import Context
from newslint.rules.structure import RepeatedPassage
from newslint.syntax.nodes import Document
from newslint.syntax.parser import parse
from newslint.syntax.prose import all_sentences

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate


def rule_seconds(docs: list[Document]) -> tuple[float, int]:
    rule = RepeatedPassage()
    findings = 0
    begin = time.perf_counter()
    for doc in docs:
        ctx = Context(doc, Config().settings)
        ctx.rule = RepeatedPassage
        rule.check(doc, ctx)
        findings += len(ctx.findings)
    return time.perf_counter() - begin, findings


def peak_bytes_per_byte(text: str, name: str) -> float:
    doc = parse(text, name)
    all_sentences(doc)
    gc.collect()
    tracemalloc.start()
    try:
        rule_seconds([doc])
        return tracemalloc.get_traced_memory()[1] / len(text)
    finally:
        tracemalloc.stop()


def measure(label: str, texts: list[tuple[str, str]], base: float | None) -> float:
    begin = time.perf_counter()
    docs = [parse(text, name) for name, text in texts]
    parsed = time.perf_counter() - begin
    seconds, findings = rule_seconds(docs)
    words = sum(len(text.split()) for _, text in texts)
    ratio = f"{seconds / base:5.2f}x" if base else "    - "
    print(f"{label:28} {len(texts):6} {words:10,} {parsed:8.3f} {seconds:8.3f} {ratio} {findings:9}")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50_000, help="words of the single article at 1x")
    parser.add_argument("--count", type=int, default=2_000, help="articles of the run at 1x")
    parser.add_argument("--article-words", type=int, default=700)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    print(f"{'input':28} {'files':>6} {'words':>10} {'parse s':>8} {'NL203 s':>8} {'vs 1x':>6} {'findings':>9}")
    base = None
    for scale in (1, 2, 4):
        article = generate.single_article(args.words * scale, args.seed)
        seconds = measure(f"one article, {scale}x", [(article.name, article.text)], base)
        base = base or seconds
        memory = peak_bytes_per_byte(article.text, article.name)
        print(f"{'':28} peak memory {memory:.1f} bytes per byte of {len(article.text) / 1e6:.1f} MB")
    base = None
    articles = generate.generate(args.count * 4, args.article_words, args.seed)
    for scale in (1, 2, 4):
        chosen = articles[: args.count * scale]
        seconds = measure(f"run of articles, {scale}x", [(a.name, a.text) for a in chosen], base)
        base = base or seconds
    return 0


if __name__ == "__main__":
    sys.exit(main())
