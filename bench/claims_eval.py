"""Measure the claim cue detectors (newslint.text.claims) on the labelled data in ../shared.

(a) NL302 weasel detection on CoNLL-2010 Wikipedia sentences: a sentence is predicted positive
    when ``find_weasels`` returns a cue; gold positive = the sentence is labelled uncertain/weasel.
    The label covers hedges too ("may", "possibly"), so recall is bounded well below 1 by design;
    precision is the target (>= 0.90).
(b) ``find_attribution`` against PolNeAR (dev split). Each article is split with
    ``split_sentences``; a sentence is gold-attributed when its span overlaps the span of an
    annotated attribution *cue* (brat ``Cue`` text-bound annotation; discontinuous cues count by
    any fragment). Where an article has two annotators, the first annotation file in name order
    is used. Predicted = ``find_attribution(sentence) is not None``. A second line reports the
    looser gold "overlaps a cue or a content span" for reference, and a naive baseline (a
    reporting-verb form or a double quote anywhere) is printed for comparison.
(c) NL301 and NL302 findings per 1,000 sentences through the real rules (``lint_text``) on the
    professionally edited news in corpus/news*/ (news, news-notitle, news-pd), with samples to read.
    A weasel-gate check confirms the cheap anchor-word gate never hides a match on CoNLL.
(d) NL305 on the FNC-1 headline data (data/headlines/dev): an article is predicted ``discuss``
    when NL305 says its headline states as fact what the body only reports; gold ``discuss`` vs
    ``agree``. Targets: precision >= 0.80; recall reported. Beside it a naive baseline: the body
    has a hedge word (``find_hedge`` on any body sentence).
(e) The headline-hedge detector (``read_headline``: its own attribution or hedge) on the
    Emergent headlines: precision and recall of ``observing`` (targets 0.85 each), in all and
    per half by row parity (the cues were written reading the even rows only).
(f) Every claims rule (NL104, NL301-NL306) on the real corpus (news, news-pd, ukraine):
    findings per 10,000 words per rule, and each rule's time beside the parse time and the
    sentence split the rules share (a rule's time includes any index it builds, as if it ran
    alone), also on a dense article: the mission's, its body repeated.

Usage: python bench/claims_eval.py [--smoke] [--shared PATH] [--show N]
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import random
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:
    import newslint.text.claims  # noqa: F401
except ModuleNotFoundError:  # running from a checkout without an install
    sys.path.insert(0, str(ROOT / "src"))

from newslint.config import Config  # noqa: E402
from newslint.engine import lint_text  # noqa: E402
from newslint.registry import default_registry  # noqa: E402
from newslint.rule import Context  # noqa: E402
from newslint.rules.event_index import body_sentences  # noqa: E402
from newslint.syntax.parser import parse  # noqa: E402
from newslint.syntax.prose import all_sentences  # noqa: E402
from newslint.text.claims import default_lexicon, find_attribution, find_hedge  # noqa: E402
from newslint.text.events import event_lexicon  # noqa: E402
from newslint.text.headline_events import read_headline  # noqa: E402
from newslint.text.sentences import split_sentences  # noqa: E402
from newslint.text.weasels import find_weasels  # noqa: E402

_PTB = [
    (re.compile(r"-LRB-\s?"), "("),
    (re.compile(r"\s?-RRB-"), ")"),
    (re.compile(r"-LSB-\s?"), "["),
    (re.compile(r"\s?-RSB-"), "]"),
    (re.compile(r"``\s?|\s?''"), '"'),
    (re.compile(r"`\s?"), "'"),
    (re.compile(r"\s+(?=[,.;:!?%]|'s\b|n't\b|'re\b|'ve\b|'ll\b|'d\b)"), ""),
]


def detokenise(text: str) -> str:
    text = text.strip()
    for pattern, replacement in _PTB:
        text = pattern.sub(replacement, text)
    return text


def count_prediction(counts: list[int], predicted: bool, gold: bool) -> None:
    """Count one prediction into ``counts`` = [true positives, false positives, false negatives]."""
    if predicted and gold:
        counts[0] += 1
    elif predicted:
        counts[1] += 1
    elif gold:
        counts[2] += 1


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def conll_rows(folder: Path) -> Iterator[tuple[str, str, bool]]:
    """(file, sentence, uncertain) from both CoNLL-2010 files, whatever their label convention."""
    partial = folder / "train_partial.csv"
    if partial.is_file():
        with partial.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                yield partial.name, detokenise(row["text"]), row["label"].strip() == "1"
    balanced = folder / "uncertainty-conll2010.csv"
    if balanced.is_file():
        # clips/pattern sample: "1" = certain, "-1" = uncertain; untokenised text.
        with balanced.open(encoding="utf-8-sig", newline="") as handle:
            for fields in csv.reader(handle):
                if len(fields) >= 2:
                    yield balanced.name, fields[1].strip(), fields[0].strip() == "-1"


def eval_weasels(shared: Path, smoke: bool, show: int) -> None:
    folder = shared / "data/claims/conll2010-wikipedia-dev"
    if not folder.is_dir():
        print(f"(a) weasels: no CoNLL-2010 data at {folder}; skipped")
        return
    counts: dict[str, list[int]] = {}
    errors: dict[str, list[str]] = {"fp": [], "fn": []}
    per_file: dict[str, int] = {}
    for name, sentence, gold in conll_rows(folder):
        per_file[name] = per_file.get(name, 0) + 1
        if smoke and per_file[name] > 600:
            continue
        predicted = bool(find_weasels(sentence, include_quoted=True))
        c = counts.setdefault(name, [0, 0, 0, 0])
        c[0 if predicted and gold else 1 if predicted else 2 if gold else 3] += 1
        if predicted and not gold:
            errors["fp"].append(f"{find_weasels(sentence, include_quoted=True)[0].text!r:30} {sentence[:160]}")
    total = [0, 0, 0, 0]
    for name, (tp, fp, fn, tn) in sorted(counts.items()):
        p, r, f = prf(tp, fp, fn)
        print(f"(a) weasels {name:28} n={tp + fp + fn + tn:5}  P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={tp} fp={fp})")
        total = [a + b for a, b in zip(total, (tp, fp, fn, tn), strict=True)]
    p, r, f = prf(*total[:3])
    print(f"(a) weasels {'all':28} n={sum(total):5}  P={p:.3f} R={r:.3f} F1={f:.3f}   target P >= 0.90")
    for line in errors["fp"][:show]:
        print("    fp:", line)


def _spans(field: str) -> list[tuple[int, int]]:
    out = []
    for fragment in field.split(";"):
        a, b = fragment.split()
        out.append((int(a), int(b)))
    return out


def polnear_articles(folder: Path) -> Iterator[tuple[str, str, list[tuple[int, int]], list[tuple[int, int]]]]:
    """(name, text, cue spans, content spans), one annotation file per article."""
    seen: set[str] = set()
    for ann in sorted((folder / "attributions").glob("*.ann")):
        base = ann.stem.rsplit("_", 1)[0]
        text_file = folder / "text" / f"{base}.txt"
        if base in seen or not text_file.is_file():
            continue
        seen.add(base)
        cues, contents = [], []
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 2 or not parts[0].startswith("T"):
                continue
            label, _, spans = parts[1].partition(" ")
            if label == "Cue":
                cues += _spans(spans)
            elif label == "Content":
                contents += _spans(spans)
        yield base, text_file.read_text(encoding="utf-8"), cues, contents


_NAIVE = re.compile(
    r"\b(?:says?|said|told|tells|claim(?:s|ed)?|reports?|reported|according to|argue[sd]?|"
    r"stated?|states|announced?|added|adds|believes?|believed|explained|noted|wrote|writes|"
    r"insists?|insisted|warned|warns|suggest(?:s|ed)?|thinks?|thought)\b|[\"“”]",
    re.IGNORECASE,
)


def eval_attribution(shared: Path, smoke: bool, show: int) -> None:
    folder = shared / "data/claims/polnear-dev"
    if not folder.is_dir():
        print(f"(b) attribution: no PolNeAR data at {folder}; skipped")
        return
    strict = [0, 0, 0]
    loose = [0, 0, 0]
    naive = [0, 0, 0]
    fps: list[str] = []
    fns: list[str] = []
    articles = 0
    for _name, text, cues, contents in polnear_articles(folder):
        if smoke and articles >= 8:
            break
        articles += 1
        for start, end in split_sentences(text):
            sentence = text[start:end]
            gold = any(a < end and start < b for a, b in cues)
            gold_loose = gold or any(a < end and start < b for a, b in contents)
            pred = find_attribution(sentence) is not None
            base = _NAIVE.search(sentence) is not None
            for counts, is_gold, is_pred in ((strict, gold, pred), (loose, gold_loose, pred), (naive, gold, base)):
                count_prediction(counts, is_pred, is_gold)
            if pred and not gold:
                found = find_attribution(sentence)
                assert found is not None
                fps.append(f"[{found.kind}:{found.text[:20]!r}] {sentence[:150]}")
            elif gold and not pred:
                fns.append(sentence[:150])
    for label, tally in (("cue overlap", strict), ("cue or content", loose), ("naive baseline", naive)):
        p, r, f = prf(*tally)
        print(f"(b) attribution vs PolNeAR ({label:15}) articles={articles:3} P={p:.3f} R={r:.3f} F1={f:.3f}")
    print("    target (cue overlap): P >= 0.75 at R >= 0.70")
    rng = random.Random(4)
    for line in rng.sample(fps, min(show, len(fps))):
        print("    fp:", line)
    for line in rng.sample(fns, min(show, len(fns))):
        print("    fn:", line)


def eval_corpus(shared: Path, smoke: bool, show: int) -> None:
    """NL301 and NL302 through the real rules (lint_text) on the edited news, per 1,000 sentences."""
    folders = sorted(p for p in (shared / "corpus").glob("news*") if p.is_dir())
    files = sorted(f for folder in folders for f in folder.glob("*.txt"))
    if not files:
        print(f"(c) corpus: no news corpus under {shared / 'corpus'}; skipped")
        return
    if smoke:
        files = files[::20]
    config = Config(select=("NL301", "NL302"))
    sentences = 0
    size = 0
    by_code: dict[str, list[str]] = {"NL301": [], "NL302": []}
    started = time.perf_counter()
    for path in files:
        text = path.read_text(encoding="utf-8")
        size += len(text.encode("utf-8"))
        sentences += len(all_sentences(parse(text, path.name)))
        for finding in lint_text(text, path=path.name, config=config):
            line = text.splitlines()[finding.line - 1]
            context = line[max(0, finding.column - 60) : finding.column + 110]
            where = f"{path.parent.name}/{path.name}:{finding.line}"
            by_code[finding.code].append(f"{where}: {finding.message} || {context}")
    elapsed = time.perf_counter() - started
    where = ", ".join(f.name for f in folders)
    print(f"(c) edited news ({where}): files={len(files)} sentences={sentences} ({size / 1e6:.1f} MB, {elapsed:.1f} s)")
    for code, found in by_code.items():
        rate = 1000 * len(found) / sentences if sentences else 0.0
        print(f"(c) {code}: {len(found)} findings, {rate:.2f} per 1,000 sentences")
        for line in found[: max(show, 0) * 4]:
            print("     ", line)


def eval_gate(shared: Path, smoke: bool) -> None:
    """The weasel gate (anchor words, no regex) must never hide a match: compare with it off."""
    folder = shared / "data/claims/conll2010-wikipedia-dev"
    if not folder.is_dir():
        return
    gated = default_lexicon()
    ungated = dataclasses.replace(gated, weasel_anchors_all=None)
    checked = missed = 0
    for _name, sentence, _gold in conll_rows(folder):
        checked += 1
        if smoke and checked > 1200:
            break
        if find_weasels(sentence, ungated, include_quoted=True) != find_weasels(sentence, gated, include_quoted=True):
            missed += 1
    print(f"(a) weasel gate: {missed} of {checked} sentences differ with the gate off (must be 0)")


def eval_headlines(shared: Path, smoke: bool, show: int) -> None:
    folder = shared / "data/headlines/dev"
    labels = folder / "labels.csv"
    if not labels.is_file():
        print(f"(d) headlines: no FNC-1 data at {folder}; skipped")
        return
    with labels.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if smoke:
        rows = rows[::15]
    config = Config(select=("NL305",))
    rule = [0, 0, 0]
    naive = [0, 0, 0]
    other = 0
    wrong: list[str] = []
    for row in rows:
        text = (folder / row["file"]).read_text(encoding="utf-8")
        gold = row["label"] == "discuss"
        findings = lint_text(text, path=row["file"], config=config)
        predicted = any("only reports" in f.message for f in findings)
        other += any("only reports" not in f.message for f in findings)
        doc = parse(text, row["file"])
        baseline = any(find_hedge(s.text) is not None for s in body_sentences(doc))
        for counts, pred in ((rule, predicted), (naive, baseline)):
            count_prediction(counts, pred, gold)
        if predicted and not gold:
            wrong.append(f"{row['file']}: {findings[0].message}")
    for label, tally in (("NL305 reports-only", rule), ("naive: body has a hedge", naive)):
        p, r, f = prf(*tally)
        print(f"(d) FNC-1 discuss vs agree, {label:24} n={len(rows):3} P={p:.3f} R={r:.3f} F1={f:.3f}")
    print(f"    target: P >= 0.80 (NL305 other findings on these articles: {other})")
    for line in wrong[:show]:
        print("    fp:", line)


def eval_emergent(shared: Path, smoke: bool, show: int) -> None:
    path = shared / "data/headlines/emergent-dev.csv"
    if not path.is_file():
        print(f"(e) emergent: no data at {path}; skipped")
        return
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    lex = event_lexicon()
    # Per half as well as in all: rows at even positions (0, 2, ...) were read while the cues
    # were written, rows at odd positions were not, so the odd half is the fairer estimate.
    tallies = {half: ([0, 0, 0], [0, 0, 0]) for half in ("all", "even rows", "odd rows")}
    errors: list[str] = []
    for number, row in enumerate(rows):
        reading = read_headline(row["headline"], lex)
        predicted = reading.attribution is not None
        baseline = "?" in row["headline"] or re.search(r"\b(?:says?|said|claims?|reports?)\b", row["headline"], re.I)
        gold = row["label"] == "observing"
        for half in ("all", "odd rows" if number % 2 else "even rows"):
            for counts, pred in zip(tallies[half], (predicted, bool(baseline)), strict=True):
                count_prediction(counts, pred, gold)
        if predicted != gold:
            errors.append(f"{row['label']:9} cue={reading.attribution!r:20} {row['headline'][:100]}")
    for half, (tally, naive) in tallies.items():
        for label, counts in ((f"read_headline, {half}", tally), (f"naive ?/says/claims/reports, {half}", naive)):
            p, r, f = prf(*counts)
            n = sum(1 for i in range(len(rows)) if half == "all" or (i % 2 == 1) == (half == "odd rows"))
            print(f"(e) Emergent observing, {label:42} n={n:3} P={p:.3f} R={r:.3f} F1={f:.3f}")
    print("    target: P >= 0.85 and R >= 0.85")
    for line in errors[:show]:
        print("    err:", line)


CLAIM_RULES = ("NL104", "NL301", "NL302", "NL303", "NL304", "NL305", "NL306")


def _time_rules(text: str, name: str, timings: dict[str, float]) -> None:
    registry = default_registry()
    started = time.perf_counter()
    doc = parse(text, name)
    timings["parse"] = timings.get("parse", 0.0) + time.perf_counter() - started
    started = time.perf_counter()
    all_sentences(doc)
    timings["sentences"] = timings.get("sentences", 0.0) + time.perf_counter() - started
    for code in CLAIM_RULES:
        rule = registry.get(code)
        assert rule is not None, code
        for key in [k for k in doc.cache if not k.startswith(("prose:", "sentences:"))]:
            del doc.cache[key]
        ctx = Context(doc=doc, rule=rule)
        started = time.perf_counter()
        rule().check(doc, ctx)
        timings[code] = timings.get(code, 0.0) + time.perf_counter() - started


def eval_claims_corpus(shared: Path, smoke: bool, show: int) -> None:
    folders = [shared / "corpus" / name for name in ("news", "news-pd", "ukraine")]
    files = sorted(f for folder in folders if folder.is_dir() for f in folder.iterdir() if f.is_file())
    if not files:
        print("(f) corpus: no news, news-pd or ukraine folder; skipped")
        return
    if smoke:
        files = files[::25]
    config = Config(select=CLAIM_RULES)
    words = 0
    found: dict[str, list[str]] = {code: [] for code in CLAIM_RULES}
    timings: dict[str, float] = {}
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        words += len(text.split())
        for finding in lint_text(text, path=path.name, config=config):
            found[finding.code].append(f"{path.parent.name}/{path.name}:{finding.line}: {finding.message}")
        _time_rules(text, path.name, timings)
    print(f"(f) claims rules on news, news-pd, ukraine: files={len(files)} words={words}")
    for code in CLAIM_RULES:
        rate = 1e4 * len(found[code]) / words if words else 0.0
        print(f"(f) {code}: {len(found[code]):3} findings, {rate:.2f} per 10,000 words, {timings[code] * 1e3:7.1f} ms")
        for line in found[code][:show]:
            print("     ", line)
    total = sum(timings[code] for code in CLAIM_RULES)
    print(
        f"(f) parse {timings['parse'] * 1e3:.1f} ms, sentence split (shared by the rules) "
        f"{timings['sentences'] * 1e3:.1f} ms; all claims rules {total * 1e3:.1f} ms"
    )
    mission = shared / "examples/mission/article.txt"
    if mission.is_file():
        dense = "\n\n".join([mission.read_text(encoding="utf-8")] + [
            mission.read_text(encoding="utf-8").split("\n\n", 5)[-1] for _ in range(3 if smoke else 15)
        ])
        _time_rules(dense, "dense.txt", {})  # warm-up: patterns compile on first use
        dense_timings: dict[str, float] = {}
        rounds = 1 if smoke else 5
        for _ in range(rounds):
            _time_rules(dense, "dense.txt", dense_timings)
        per = {k: v * 1e3 / rounds for k, v in dense_timings.items()}
        rules = "  ".join(f"{code} {per[code]:.1f}" for code in CLAIM_RULES)
        total = sum(per[code] for code in CLAIM_RULES)
        print(
            f"(f) dense (mission, {len(dense) // 1000} kB): parse {per['parse']:.1f} ms, "
            f"sentence split {per['sentences']:.1f} ms, "
            f"claims rules {total:.1f} ms: {rules}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a small subset, for CI")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data folder")
    parser.add_argument("--show", type=int, default=5, help="how many errors / findings to print")
    args = parser.parse_args(argv)
    shared: Path = args.shared
    if not (shared / "data/claims").is_dir() and not (shared / "corpus").is_dir():
        print(f"claims_eval: no shared data at {shared}; nothing to measure")
        return 0
    show = 0 if args.smoke and args.show == 5 else args.show
    eval_weasels(shared, args.smoke, show)
    eval_gate(shared, args.smoke)
    eval_attribution(shared, args.smoke, show)
    eval_corpus(shared, args.smoke, show)
    eval_headlines(shared, args.smoke, show)
    eval_emergent(shared, args.smoke, show)
    eval_claims_corpus(shared, args.smoke, show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
