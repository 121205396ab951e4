"""Hostile article text: long runs of one character, and very large files, cost linear time."""

from __future__ import annotations

import time

import pytest

from newslint.config import Config
from newslint.engine import lint_text

ALL_RULES = Config(select=("ALL",))
SECONDS_PER_100_KB = 1.0
REPEATS = 50_000
RUNS = {
    ".": ".", "?": "?", "!": "!", ":": ":", "(": "(", "tab": "\t", "-": "-", "'": "'", '"': '"',
    "pipe": "| ", "quote-marker": "> ", "comment-opener": "<!--",
}
PLACES = {
    # the run inside a title (H1, the headline rules' input) and inside a section heading
    "markdown-h1": ("a.md", "# Council budget {run} approved\n\nThe council met on Monday.\n"),
    "markdown-h2": ("a.md", "# Council budget\n\n## Vote {run} today\n\nThe council met on Monday.\n"),
    # a body paragraph of wire copy, and a first line that could be a headline line
    "text-paragraph": ("a.txt", "Council budget\n\nThe council met {run} on Monday.\n"),
    "text-first-line": ("a.txt", "Council budget {run} approved\n\nThe council met on Monday.\n"),
}


def _cpu_seconds(text: str, path: str) -> float:
    started = time.process_time()
    lint_text(text, path=path, config=ALL_RULES)
    return time.process_time() - started


@pytest.mark.parametrize(("run", "repeats"), [(v, REPEATS) for v in RUNS.values()], ids=RUNS.keys())
@pytest.mark.parametrize("place", PLACES)
def test_a_long_run_of_one_character_costs_linear_time_in_every_rule(run, repeats, place):
    path, template = PLACES[place]
    text = template.format(run=run * repeats)
    budget = SECONDS_PER_100_KB * len(text.encode("utf-8")) / 100_000
    # CPU time, best of two: another process on a busy machine must not fail the test, while a
    # quadratic pattern (9 to 30 s on these inputs before the fix) fails both tries.
    elapsed = _cpu_seconds(text, path)
    if elapsed > budget:
        elapsed = min(elapsed, _cpu_seconds(text, path))
    assert elapsed <= budget, f"{elapsed:.2f} s for {len(text) / 1000:.0f} kB"


# ----- growth and memory ------------------------------------------------------------------------

_VOCABULARY = """port council crews harbour strike union minister repairs berth cargo ships said monday
    officials workers talks agreement wages night shift cranes containers delays exports
    river bridge city mayor budget vote funding residents"""
VOCABULARY = _VOCABULARY.split()


def _article(paragraphs: int, seed: int = 7) -> str:
    """A long article of distinct sentences (no repeats for NL203 to report), cited throughout."""
    import random

    rng = random.Random(seed)
    body = []
    for number in range(paragraphs):
        words = [rng.choice(VOCABULARY) for _ in range(rng.randint(18, 30))]
        body.append(f"Update {number}: " + " ".join(words) + f" [{number % 9 + 1}].")
    sources = "\n".join(f"[{k}] Port bulletin {k}" for k in range(1, 10))
    return "Harbour live\n\n" + "\n\n".join(body) + "\n\nSources\n\n" + sources + "\n"


def test_linting_time_grows_linearly_with_the_article():
    small, large = _article(500), _article(2000)
    _cpu_seconds(small, "live.txt")  # warm: packs and patterns load once
    ratio = min(_cpu_seconds(large, "live.txt") / max(_cpu_seconds(small, "live.txt"), 1e-3) for _ in range(2))
    assert ratio < 6, f"4x the article took {ratio:.1f}x the time"  # linear: ~4; quadratic: ~16


def test_linting_memory_stays_a_small_multiple_of_the_article():
    import gc
    import tracemalloc

    from newslint.engine import Linter

    text = _article(4000)  # ~0.7 MB
    linter = Linter(config=Config())
    linter.lint_file("Warm\n\nup.\n", "warm.txt")
    gc.collect()
    tracemalloc.start()
    try:
        linter.lint_file(text, "live.txt")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # Measured 34 bytes per byte of article before NL203 indexed hashes, 22 after, 9.6 since its
    # index runs in passes over slices of the hash space and NL501 reads words a chunk at a time
    # (9.1 on a 5.7 MB article). Issue 14 asks for under 10; the margin is for other releases of
    # Python and regex, whose objects differ in size.
    assert peak / len(text) < 11, f"{peak / len(text):.1f} bytes per byte"
