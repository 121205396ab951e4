"""Applying fixes: text-range edits from findings, in rounds when they overlap."""

from __future__ import annotations

from collections.abc import Iterable

from newslint.findings import Edit, Finding, Fix


def applicable_fixes(findings: Iterable[Finding], unsafe: bool = False) -> list[Fix]:
    """The fixes to apply now: whole fixes only, none overlapping an earlier one (the rest
    wait for the next round, after the text has been linted again)."""
    taken: list[tuple[int, int]] = []
    chosen: list[Fix] = []
    candidates = [f.fix for f in findings if f.fix is not None and (f.fix.safe or unsafe)]
    for fix in sorted(candidates, key=lambda fx: min((e.start for e in fx.edits), default=0)):
        spans = [(e.start, e.end) for e in fix.edits]
        if any((s < t_end and t_start < e) or (s == e == t_start) for s, e in spans for t_start, t_end in taken):
            continue
        taken.extend(spans)
        chosen.append(fix)
    return chosen


def applicable_edits(findings: Iterable[Finding], unsafe: bool = False) -> list[Edit]:
    return [edit for fix in applicable_fixes(findings, unsafe) for edit in fix.edits]


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits (absolute character offsets) to ``text``."""
    pieces: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < position:
            continue  # overlaps an edit already applied: left for the next round
        pieces.append(text[position : edit.start])
        pieces.append(edit.content)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)


def apply_fixes(text: str, findings: Iterable[Finding], unsafe: bool = False) -> str:
    """One round: the text with every applicable fix of ``findings`` applied."""
    return apply_edits(text, applicable_edits(findings, unsafe))
