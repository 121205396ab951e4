"""Where the time goes: the parse and each rule, per article, in one process.

Reads every article of a folder once, then times, on the same parsed documents, the parse and
each enabled rule's ``check`` (and ``facts`` for project rules), in CPU seconds of this process
so that other work on the machine disturbs the figures less. Prints ms per article and each
rule's cost as a share of the parse; issue 13's target is that no rule costs more than the parse.
The model's sentence layer, built on first use and shared by the rules that read sentences, has
a row of its own ('model sentences') instead of being charged to the first rule that asks.

Usage:
    python bench/rule_times.py                              # bench/corpus/dense (made if missing)
    python bench/rule_times.py --corpus bench/corpus/generated --limit 500
    python bench/rule_times.py --corpus ../shared/corpus --select ALL --json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
from newslint.config import Config  # noqa: E402
from newslint.engine import ARTICLE_SUFFIXES, decode  # noqa: E402
from newslint.registry import default_registry  # noqa: E402
from newslint.rule import Context  # noqa: E402
from newslint.syntax.parser import options_for, parse  # noqa: E402
from newslint.syntax.prose import all_sentences  # noqa: E402

DENSE = BENCH / "corpus" / "dense"
SENTENCES = "sentences"


def articles(root: Path, limit: int | None) -> list[tuple[str, str]]:
    paths = sorted(p for p in root.rglob("*") if p.is_file() and p.name.lower().endswith(ARTICLE_SUFFIXES))
    out: list[tuple[str, str]] = []
    for p in paths[:limit]:
        try:
            out.append((str(p), decode(p.read_bytes(), str(p))))
        except Exception:  # an unreadable article is not this script's business
            continue
    return out


def measure(texts: list[tuple[str, str]], select: str | None, rounds: int) -> dict[str, float]:
    """CPU seconds in total over all articles: 'parse' and one entry per rule code (best of ``rounds``)."""
    config = Config() if not select else Config().with_overrides(select=select.split(","))
    registry = default_registry()
    options = options_for(config.packs)
    best: dict[str, float] = {}
    for _ in range(rounds):
        totals: dict[str, float] = {}
        t0 = time.process_time()
        docs = [parse(text, path, options=options) for path, text in texts]
        totals["parse"] = time.process_time() - t0
        # The sentence layer of the model is built on first use and shared by every rule that reads
        # sentences (NL203, the claims rules, NL204): timed on its own so that it is not charged to
        # whichever rule happens to run first.
        t0 = time.process_time()
        for doc in docs:
            all_sentences(doc)
        totals[SENTENCES] = time.process_time() - t0
        rules = {code: registry.by_code[code]() for code in sorted(config.enabled_codes(registry, "x.md"))}
        for code, rule in rules.items():
            t0 = time.process_time()
            for doc in docs:
                ctx = Context(doc, config.settings, config.packs)
                ctx.rule = type(rule)
                rule.check(doc, ctx)
                if type(rule).is_project_rule():
                    rule.facts(doc, ctx)
            totals[code] = time.process_time() - t0
        for key, value in totals.items():
            best[key] = min(best.get(key, value), value)
    return best


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    p.add_argument("--corpus", type=Path, default=None, help="folder of articles (default: bench/corpus/dense)")
    p.add_argument("--limit", type=int, default=None, help="at most this many articles")
    p.add_argument("--select", default=None, help="rules to time, as --select takes them (default: the defaults)")
    p.add_argument("--rounds", type=int, default=2, help="rounds; each figure is the best of them (2)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    args = p.parse_args(argv)
    root = args.corpus
    if root is None:
        root = DENSE
        if generate.read_manifest(root) is None:
            generate.write_corpus(root, count=2000, words=1000, profile="dense")
    texts = articles(root, args.limit)
    if not texts:
        p.error(f"no articles under {root}")
    totals = measure(texts, args.select, max(1, args.rounds))
    n = len(texts)
    registry = default_registry()
    if args.json:
        print(json.dumps({"corpus": str(root), "articles": n,
                          "ms_per_article": {k: round(v * 1000 / n, 4) for k, v in totals.items()}}, indent=2))
        return 0
    parse_s = totals["parse"]
    kb = sum(len(t) for _, t in texts) / n / 1000
    print(f"{root}: {n} articles, {kb:.1f} kB each on average; CPU ms per article, best of {args.rounds}")
    print(f"{'part':<8} {'name':<32} {'ms':>8} {'x parse':>8}")
    rows = sorted(((k, v) for k, v in totals.items() if k not in ("parse", SENTENCES)), key=lambda kv: -kv[1])
    print(f"{'parse':<8} {'':<32} {parse_s * 1000 / n:8.3f} {1:8.2f}")
    split_s = totals[SENTENCES]
    print(f"{'model':<8} {'sentences (shared, first use)':<32} {split_s * 1000 / n:8.3f} {split_s / parse_s:8.2f}")
    for code, seconds in rows:
        name = registry.by_code[code].name
        print(f"{code:<8} {name:<32} {seconds * 1000 / n:8.3f} {seconds / parse_s:8.2f}")
    rules_total = sum(v for k, v in rows)
    print(f"{'rules':<8} {'(all together)':<32} {rules_total * 1000 / n:8.3f} {rules_total / parse_s:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
