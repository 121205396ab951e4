"""Linting records as a map and a reduce, the same on one process, a pool or a cluster.

The map, ``lint_article``, is a pure function from one article to its findings and its facts
(what project rules need of it). The reduce, ``project_findings``, is a pure function from all
articles' facts, in record order, to the project rules' findings. Any engine that runs the map
where it likes and brings the facts back in record order gets byte-identical results: the
single process here, ``newslint.dask``, or a Ray/Spark job (see the README).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newslint.datasets.records import (
    Article,
    BadRecord,
    Fields,
    RecordFinding,
    article_from_row,
    in_record_order,
    place_finding,
    record_id,
)
from newslint.findings import Finding
from newslint.suppress import FileSuppressions

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.engine import Linter


@dataclass
class ArticleFacts:
    """What the reduce needs of one article: small, picklable, no text."""

    number: int
    path: str
    record: str
    facts: dict[str, Any]
    suppressions: FileSuppressions
    enabled: frozenset[str]
    title_prefix: int | None


@dataclass
class ArticleResult:
    """The map's output for one record: its findings (in record order) and its facts; or, for a
    bad record, the one line saying why (``facts`` is then None)."""

    number: int
    record: str
    dataset: str
    findings: list[RecordFinding] = field(default_factory=list)
    facts: ArticleFacts | None = None
    errors: list[str] = field(default_factory=list)
    bad: str | None = None


def lint_article(linter: Linter, article: Article) -> ArticleResult:
    """The map: one article -> its findings (suppressions applied) and its facts."""
    report = linter.lint_file(article.text, article.path, fmt=article.fmt)  # type: ignore[arg-type]
    findings = sorted(
        (place_finding(f, article.record, article.title_prefix) for f in report.findings), key=in_record_order)
    facts = ArticleFacts(article.number, article.path, article.record, report.facts, report.suppressions,
                         report.enabled, article.title_prefix)
    dataset = article.path[: -len(article.record) - 1]
    return ArticleResult(article.number, article.record, dataset, findings, facts, report.errors)


def lint_row(linter: Linter, dataset: str, number: int, row: Mapping[str, Any] | None, fields: Fields,
             error: str | None = None) -> ArticleResult:
    """The map from a raw record: a bad one becomes a result that says why."""
    record = record_id(row, number, fields)
    if error is None and row is not None:
        try:
            article = article_from_row(dataset, number, row, fields)
        except BadRecord as exc:
            error = str(exc)
        else:
            return lint_article(linter, article)
    return ArticleResult(number, record, dataset, bad=f"{dataset}: record {number}: {error}; not linted")


def project_findings(linter: Linter, facts: Sequence[ArticleFacts], errors: list[str]) -> list[RecordFinding]:
    """The reduce: all articles' facts, in record order -> project-rule and unused-suppression findings."""
    from newslint.engine import FileReport

    reports = [FileReport(f.path, [], f.suppressions, f.enabled, f.facts) for f in facts]
    found = linter.finish(reports, errors, in_order=True)
    if not found:
        return []
    placement: dict[str, ArticleFacts] = {}
    for f in facts:
        placement.setdefault(f.path, f)
    placed = []
    for finding in found:
        owner = placement[finding.path]
        placed.append(place_finding(finding, owner.record, owner.title_prefix))
    return placed


def ordered(per_record: Iterable[RecordFinding], project: Iterable[RecordFinding],
            numbers: Mapping[str, int]) -> list[RecordFinding]:
    """All findings of a run in record order (``numbers``: path -> record number)."""
    merged = [*per_record, *project]
    merged.sort(key=lambda f: (numbers.get(f.path, 0), in_record_order(f)))
    return merged


@dataclass
class RecordResult:
    """What ``lint_records`` yields: a record's findings, or why it was not linted. After the
    last record come the project rules' findings, one result per record they concern, with
    ``project`` True."""

    record: str
    number: int
    findings: list[RecordFinding]
    error: str | None = None
    project: bool = False


def lint_records(
    records: Iterable[Mapping[str, Any]],
    *,
    text_field: str | None = None,
    title_field: str = "title",
    id_field: str = "id",
    markup: str | None = None,
    name: str = "records",
    config: Config | None = None,
    linter: Linter | None = None,
) -> Iterator[RecordResult]:
    """Lint an iterable of records (mappings), streaming: one result per record as it is
    linted, then the project rules' findings. Paths are ``name#id``."""
    from newslint.config import Config
    from newslint.engine import Linter

    linter = linter or Linter(config=config or Config())
    fields = Fields(text_field, title_field, id_field, markup)
    facts: list[ArticleFacts] = []
    errors: list[str] = []
    for number, row in enumerate(records, 1):
        is_mapping = isinstance(row, Mapping)
        result = lint_row(linter, name, number, row if is_mapping else None, fields,
                          None if is_mapping else f"a {type(row).__name__}, not a mapping")
        if result.facts is not None:
            facts.append(result.facts)
        yield RecordResult(result.record, number, result.findings, result.bad or _first(result.errors))
    by_path: dict[str, list[RecordFinding]] = {}
    for finding in project_findings(linter, facts, errors):
        by_path.setdefault(finding.path, []).append(finding)
    numbers = {f.path: f.number for f in facts}
    for path in sorted(by_path, key=lambda p: numbers[p]):
        found = sorted(by_path[path], key=in_record_order)
        yield RecordResult(found[0].record, numbers[path], found, _first(errors), project=True)


def _first(errors: list[str]) -> str | None:
    return errors[0] if errors else None


def finding_dicts(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    return [f.as_dict() for f in findings]
