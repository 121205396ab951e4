"""Differential check of newslint's document model against markdown-it-py (CommonMark).

The CommonMark spec examples that involve links, definitions, code and HTML (vendored in
``tests/data/commonmark``, CC BY-SA 4.0, see the README there) are parsed as they are and
wrapped in each container. For every document we compare which reference labels are
defined and which are used, as markdown-it-py (+ mdit-py-plugins' footnotes) sees them and
as newslint's model does. A label newslint takes as a cited reference but has no definition
for (what NL102 would report) is checked too: the same document with that label defined in
front must make markdown-it-py use it, or newslint saw a reference where there is none.

Run ``python tests/commonmark_oracle.py`` for the per-wrapper agreement and each difference.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from newslint.syntax.parser import parse

EXAMPLES = Path(__file__).parent / "data" / "commonmark" / "spec-examples.json"


def load_examples() -> list[dict[str, Any]]:
    return list(json.loads(EXAMPLES.read_text(encoding="utf-8")))


# ----- wrappers -----------------------------------------------------------------------


def _lines(markdown: str) -> list[str]:
    return markdown[:-1].split("\n") if markdown.endswith("\n") else markdown.split("\n")


def as_is(markdown: str) -> str:
    return markdown


def block_quote(markdown: str) -> str:
    return "".join(("> " + line if line else ">") + "\n" for line in _lines(markdown))


def list_item(markdown: str) -> str:
    lines = _lines(markdown)
    rest = ["  " + line if line else "" for line in lines[1:]]
    return "".join(line + "\n" for line in ["- " + lines[0], *rest])


def nested_quote(markdown: str) -> str:
    return block_quote(block_quote(markdown))


def ordered_item(markdown: str) -> str:
    lines = _lines(markdown)
    rest = ["   " + line if line else "" for line in lines[1:]]
    return "".join(line + "\n" for line in ["1. " + lines[0], *rest])


def footnote(markdown: str) -> str:
    lines = _lines(markdown)
    rest = ["    " + line if line else "" for line in lines[1:]]
    body = "".join(line + "\n" for line in ["[^w]: " + lines[0], *rest])
    return "Text.[^w]\n\n" + body


def fence(markdown: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", markdown)), default=0)
    marker = "`" * max(3, longest + 1)
    return f"{marker}\n{markdown}{marker}\n"


def html_block(markdown: str) -> str:
    return f"<div>\n{markdown}</div>\n"


WRAPPERS: dict[str, Callable[[str], str]] = {
    "as-is": as_is,
    "block quote": block_quote,
    "nested quote": nested_quote,
    "list item": list_item,
    "ordered item": ordered_item,
    "footnote": footnote,
    "fence": fence,
    "html block": html_block,
}


# ----- the two readings ---------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    defined: frozenset[str]
    used: frozenset[str]


def _fold(label: str) -> str:
    return " ".join(label.split()).casefold()


class _Recording(dict[str, Any]):
    """env["references"] that remembers which labels an inline rule found."""

    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        value = super().get(key, default)
        if value is not None:
            self.found.add(key)
        return value


_MD = MarkdownIt("commonmark", {"store_labels": True}).use(footnote_plugin)


def oracle(text: str) -> Reading:
    """markdown-it-py's reading. The footnote plugin drops the content of notes nothing cites,
    links included, so the links are read again with every note cited at the end."""
    first = _read(text)
    notes = sorted(label for label in first.defined if label.startswith("^"))
    if not notes:
        return first
    cited = _read(text + "\n\n" + "".join(f"[{label}]" for label in notes) + "\n")
    used = {label for label in first.used if label.startswith("^")}
    used |= {label for label in cited.used if not label.startswith("^")}
    return Reading(first.defined, frozenset(used))


def _read(text: str) -> Reading:
    references = _Recording()
    env: dict[str, Any] = {"references": references}
    tokens = _MD.parse(text, env)
    used: set[str] = set()
    images: set[tuple[str, str]] = set()
    stack = list(tokens)
    while stack:
        token = stack.pop()
        if token.children:
            stack.extend(token.children)
        if token.type == "link_open" and token.meta.get("label"):
            used.add(_fold(token.meta["label"]))
        elif token.type == "image":
            images.add((str(token.attrGet("src") or ""), str(token.attrGet("title") or "")))
        elif token.type == "footnote_ref":
            used.add("^" + _fold(token.meta["label"]))
    for key in references.found:
        ref = references[key]
        if (ref["href"], ref["title"] or "") in images:
            used.add(_fold(key))
    defined = {_fold(key) for key in references}
    defined |= {"^" + _fold(key[1:]) for key in env.get("footnotes", {}).get("refs", {})}
    return Reading(frozenset(defined), frozenset(used))


# Numbered entries ("[1] Title") count as definitions: newslint's own deliberate difference.
REFERENCE_KINDS = ("link", "footnote", "numbered")
CITING_KINDS = ("link", "shortcut", "footnote", "numeric")


def newslint(text: str) -> tuple[Reading, frozenset[str]]:
    """The model's reading, and the labels it cites without a definition."""
    doc = parse(text, "example.md")
    defined = {e.label for e in doc.references if e.kind in REFERENCE_KINDS and e.label is not None}
    cited = {label for c in doc.citations if c.kind in CITING_KINDS for label in c.labels}
    dangling = {
        label
        for c in doc.citations
        if c.kind in ("link", "footnote")
        for label in c.labels
        if label not in defined
    }
    return Reading(frozenset(defined), frozenset(cited & defined)), frozenset(dangling)


def _phantoms(text: str, dangling: frozenset[str]) -> frozenset[str]:
    """Dangling labels that CommonMark would not use even if they were defined."""
    wrong = set()
    for label in dangling:
        definition = f"[{label}]: phantom\n\n" if label.startswith("^") else f"[{label}]: /phantom\n\n"
        if label not in oracle(definition + text).used:
            wrong.add(label)
    return frozenset(wrong)


@dataclass(frozen=True)
class Outcome:
    example: int
    section: str
    wrapper: str
    text: str
    expected: Reading
    actual: Reading
    phantoms: frozenset[str]

    @property
    def agrees(self) -> bool:
        return self.expected == self.actual and not self.phantoms

    def describe(self) -> str:
        parts = []
        if self.expected.defined != self.actual.defined:
            parts.append(f"defined {sorted(self.expected.defined)} vs newslint {sorted(self.actual.defined)}")
        if self.expected.used != self.actual.used:
            parts.append(f"used {sorted(self.expected.used)} vs newslint {sorted(self.actual.used)}")
        if self.phantoms:
            parts.append(f"newslint cites undefined {sorted(self.phantoms)}, not references to CommonMark")
        return "; ".join(parts)


def compare(example: dict[str, Any], wrapper: str) -> Outcome:
    text = WRAPPERS[wrapper](example["markdown"])
    expected = oracle(text)
    actual, dangling = newslint(text)
    return Outcome(
        example["example"], example["section"], wrapper, text, expected, actual,
        _phantoms(text, dangling) if dangling else frozenset(),
    )


def run() -> list[Outcome]:
    return [compare(example, wrapper) for wrapper in WRAPPERS for example in load_examples()]


if __name__ == "__main__":
    import sys

    outcomes = run()
    show = "-v" in sys.argv
    for wrapper in WRAPPERS:
        mine = [o for o in outcomes if o.wrapper == wrapper]
        good = sum(o.agrees for o in mine)
        print(f"{wrapper:12} {good}/{len(mine)} = {100 * good / len(mine):.1f}%")
    for outcome in outcomes:
        if not outcome.agrees:
            print(f"\n#{outcome.example} ({outcome.section}) in {outcome.wrapper}: {outcome.describe()}")
            if show:
                print("    " + outcome.text.replace("\n", "\n    "))
