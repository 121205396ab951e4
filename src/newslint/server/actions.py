"""Code actions and hover: quick fixes from the findings' own fixes, "disable for this line",
fix-all through the same engine as ``--fix``, and the rules' documentation."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from lsprotocol import types

from newslint.findings import Finding
from newslint.registry import Registry
from newslint.rule import Rule
from newslint.server.diagnostics import SOURCE, finding_range, span_range, to_diagnostic
from newslint.server.positions import LineIndex

FIX_ALL = "source.fixAll.newslint"
NEXT_LINE_DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)<!--\s*newslint-disable-next-line\b(?P<names>[^>]*?)\s*-->\s*$")
FRONT_MATTER_FENCE = re.compile(r"^---[ \t]*$")


def rule_page(rule: type[Rule]) -> str:
    """A rule's documentation exactly as ``newslint rule CODE`` prints it."""
    fix = {"safe": "safe fix available", "unsafe": "unsafe fix available"}.get(rule.fix or "", "no automatic fix")
    state = "on by default" if rule.default_enabled else "off by default"
    return (
        f"# {rule.code} {rule.name}\n\n"
        f"Default severity: {rule.severity}. {state.capitalize()}. Fix: {fix}.\n\n"
        f"{rule.documentation()}\n"
    )


def hover(index: LineIndex, findings: Iterable[Finding], registry: Registry, line: int, character: int
          ) -> types.Hover | None:
    """The documentation of the rules whose findings cover the position."""
    offset = index.offset(line, character)
    pages: dict[str, str] = {}
    covering: types.Range | None = None
    for finding in sorted(findings, key=Finding.sort_key):
        start = index.offset_of(finding.line, finding.column)
        end = index.offset_of(finding.end_line, finding.end_column)
        if not start <= offset <= max(start, end):
            continue
        rule = registry.by_code.get(finding.code)
        if rule is not None and finding.code not in pages:
            pages[finding.code] = rule_page(rule)
            covering = covering or finding_range(index, finding)
    if not pages:
        return None
    text = "\n---\n\n".join(pages.values())
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text), range=covering)


def workspace_edit(uri: str, version: int | None, edits: list[types.TextEdit], versioned: bool
                   ) -> types.WorkspaceEdit:
    if versioned:
        document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=document, edits=edits)])
    return types.WorkspaceEdit(changes={uri: edits})


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def quick_fixes(
    uri: str,
    version: int,
    index: LineIndex,
    findings: Sequence[Finding],
    wanted: types.Range,
    markdown: bool,
    versioned: bool,
) -> list[types.CodeAction]:
    """For each finding under ``wanted``: its fix (safe ones preferred, unsafe ones marked),
    then, in Markdown, a comment that disables the rule on the finding's line."""
    actions: list[types.CodeAction] = []
    disables: list[types.CodeAction] = []
    seen_disables: set[tuple[str, int]] = set()
    for finding in sorted(findings, key=Finding.sort_key):
        where = finding_range(index, finding)
        if not _overlaps(where, wanted):
            continue
        diagnostic = to_diagnostic(index, finding)
        fix = finding.fix
        if fix is not None and fix.edits:
            edits = [types.TextEdit(range=span_range(index, e.start, e.end), new_text=e.content) for e in fix.edits]
            title = f"{fix.message} ({finding.code})" if fix.safe else f"{fix.message} ({finding.code}, unsafe fix)"
            actions.append(
                types.CodeAction(
                    title=title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=fix.safe,
                    edit=workspace_edit(uri, version, edits, versioned),
                    data={"fix": "safe" if fix.safe else "unsafe"},
                )
            )
        if markdown and (finding.code, finding.line) not in seen_disables:
            edit = disable_line_edit(index, finding)
            if edit is not None:
                seen_disables.add((finding.code, finding.line))
                disables.append(
                    types.CodeAction(
                        title=f"Disable {finding.code} ({finding.rule}) for this line",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        edit=workspace_edit(uri, version, [edit], versioned),
                    )
                )
    return actions + disables


def disable_line_edit(index: LineIndex, finding: Finding) -> types.TextEdit | None:
    """``<!-- newslint-disable-next-line CODE -->`` above the finding's line, or the code added
    to such a comment already there. None where a comment can't go (front matter)."""
    text = index.text
    line_start = index.offset_of(finding.line, 1)
    if _in_front_matter(text, line_start):
        return None
    line_end = text.find("\n", line_start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if line_start > 0:
        previous_start = text.rfind("\n", 0, line_start - 1) + 1
        previous = text[previous_start : line_start - 1].rstrip("\r")
        match = NEXT_LINE_DIRECTIVE.match(previous)
        if match and match.group("names").strip():
            at = previous_start + match.end("names")
            return types.TextEdit(range=span_range(index, at, at), new_text=f" {finding.code}")
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    newline = "\r\n" if line.endswith("\r") else "\n"
    comment = f"{indent}<!-- newslint-disable-next-line {finding.code} -->{newline}"
    return types.TextEdit(range=span_range(index, line_start, line_start), new_text=comment)


def _in_front_matter(text: str, offset: int) -> bool:
    lines = text[: min(len(text), 65536)].split("\n")
    if not lines or not FRONT_MATTER_FENCE.match(lines[0].rstrip("\r")):
        return False
    position = len(lines[0]) + 1
    for line in lines[1:]:
        if FRONT_MATTER_FENCE.match(line.rstrip("\r")) or line.rstrip("\r") == "...":
            return offset <= position + len(line)
        position += len(line) + 1
    return False


def minimal_edit(index: LineIndex, old: str, new: str) -> types.TextEdit:
    """One edit replacing only the part between the common prefix and suffix of two texts
    (found by bisection on slice equality: C speed on a 2 MB article)."""
    limit = min(len(old), len(new))
    prefix = _longest(limit, lambda n: old[:n] == new[:n])
    limit -= prefix
    suffix = _longest(limit, lambda n: old[len(old) - n :] == new[len(new) - n :])
    return types.TextEdit(range=span_range(index, prefix, len(old) - suffix), new_text=new[prefix : len(new) - suffix])


def _longest(limit: int, same: Callable[[int], bool]) -> int:
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if same(middle):
            low = middle
        else:
            high = middle - 1
    return low


def fix_all_action(title: str = "Fix all safely fixable newslint findings") -> types.CodeAction:
    return types.CodeAction(title=title, kind=FIX_ALL)


__all__ = ["FIX_ALL", "SOURCE", "disable_line_edit", "fix_all_action", "hover", "minimal_edit", "quick_fixes",
           "rule_page"]
