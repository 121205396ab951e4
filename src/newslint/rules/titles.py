"""Titles: a headline printed twice in one article, or one title shared by two articles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newslint.findings import Severity
from newslint.rule import Context, Position, ProjectContext, Rule
from newslint.syntax.nodes import Document, Headline
from newslint.syntax.text import normalize_words


class DuplicateTitle(Rule):
    """A headline repeated within one article, or two articles of one run with one title.

    **What it flags**: a headline line, H1 heading or front-matter title whose text repeats
    an earlier one, case, spacing and punctuation aside; as a project rule, an article whose
    title (front-matter title, else first H1, else first headline line) is the title of
    another article checked in the same run. A front-matter title equal to the first H1 is the
    ordinary Markdown convention, not a duplicate.

    **Why it matters**: a headline printed twice is scrape or template residue that readers
    notice first; two articles with one title collide in indexes, feeds and search results.

    **Example**:

    ```text
    Council Approves New Budget
    Council Approves New Budget

    The city council approved the budget on Tuesday.
    ```

    The second line repeats the first. Not flagged: a front-matter title restated as the H1.

    ```markdown
    ---
    title: Council Approves New Budget
    ---
    # Council Approves New Budget

    The city council approved the budget on Tuesday.
    ```

    **Fix**: delete the repeat, or retitle one of the two articles. No automatic fix.
    """

    code = "NL201"
    name = "duplicate-title"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> None:
        seen: dict[str, Headline] = {}
        headlines = sorted(doc.headlines, key=lambda h: h.start)
        exempt = self._front_matter_h1_pair(headlines)
        for headline in headlines:
            key = normalize_words(headline.text)
            if not key:
                continue
            first = seen.get(key)
            if first is None:
                seen[key] = headline
            elif headline is not exempt:
                line, _ = doc.position(first.start)
                ctx.report(headline.start, headline.end, f"headline repeats line {line}")

    @staticmethod
    def _front_matter_h1_pair(headlines: list[Headline]) -> Headline | None:
        """The first H1, when it only restates the front-matter title."""
        title = next((h for h in headlines if h.source == "front-matter"), None)
        first_h1 = next((h for h in headlines if h.source == "heading"), None)
        if title and first_h1 and normalize_words(title.text) == normalize_words(first_h1.text):
            return first_h1
        return None

    def facts(self, doc: Document, ctx: Context) -> Any:
        title = doc.title
        if title is None or not normalize_words(title.text):
            return None
        where = ctx.position(title.start, title.end)
        return (normalize_words(title.text), where, title.start, title.end)

    def check_project(self, facts: Sequence[tuple[str, Any]], ctx: ProjectContext) -> None:
        first_path: dict[str, str] = {}
        for path, fact in facts:
            if fact is None:
                continue
            key, where, start, end = fact
            earlier = first_path.get(key)
            if earlier is None:
                first_path[key] = path
                continue
            position = where if isinstance(where, Position) else Position(*where)
            ctx.report(path, position, f"title is also the title of {earlier}", start, end)


RULES = [DuplicateTitle]
