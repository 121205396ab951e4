"""prose_text's mask: kept spans copied, everything else blanked, line breaks and offsets kept."""

from __future__ import annotations

import random

from newslint.syntax.prose import _mask


def _reference(source: str, spans: list[tuple[int, int]]) -> str:
    kept = set()
    for start, end in spans:
        kept.update(range(start, end))
    return "".join(c if i in kept or c == "\n" else " " for i, c in enumerate(source))


def test_mask_keeps_exactly_the_spans_and_every_line_break():
    rng = random.Random(19)
    for _ in range(3000):
        source = "".join(rng.choice("ab \n") for _ in range(rng.randint(0, 24)))
        points = sorted(rng.randint(0, len(source)) for _ in range(rng.randint(0, 8)))
        spans = [(points[i], points[i + 1]) for i in range(0, len(points) - 1, 2)]
        if spans and rng.random() < 0.3:  # touching and overlapping spans, as nested inlines give
            start, end = spans[-1]
            spans = sorted([*spans, (max(0, start - 1), min(len(source), end + 2))])
        masked = _mask(source, spans)
        assert masked == _reference(source, spans)
        assert len(masked) == len(source)


def test_mask_of_a_block_with_no_kept_span_is_blank_but_for_line_breaks():
    assert _mask("ab\ncd", []) == "  \n  "
