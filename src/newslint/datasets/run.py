"""``newslint check DATASET``: read records streaming, map them on an engine, reduce, annotate.

Engines: ``local`` maps in this process (``-j 1``) or in a bounded pool of forked workers;
``dask`` maps on a Dask cluster (``newslint.dask``). Either way at most a few batches of
records are in flight, so memory stays bounded by the batch size, not the dataset's size;
what a run keeps is each record's findings and its (small) project-rule facts.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, Protocol

from newslint.datasets.lint import ArticleFacts, ArticleResult, lint_row, ordered, project_findings
from newslint.datasets.readers import RawRecord, read_records
from newslint.datasets.records import Fields, RecordFinding

if TYPE_CHECKING:
    from newslint.engine import FileReport, Linter, RunResult

BATCH = 64  # records per task: large enough to amortise a task's overhead, small enough to balance
WINDOW_PER_WORKER = 4  # batches in flight per worker


class Future(Protocol):
    def result(self) -> list[ArticleResult]: ...


Batch = tuple[str, Fields, list[RawRecord]]


@dataclass
class DatasetRun:
    findings: list[RecordFinding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    records: int = 0
    bad: dict[str, int] = field(default_factory=dict)  # dataset -> bad records
    bad_numbers: dict[str, dict[int, str]] = field(default_factory=dict)  # dataset -> number -> reason

    @property
    def files(self) -> int:
        return self.records


def lint_batch(linter: Linter, batch: Batch) -> list[ArticleResult]:
    dataset, fields, raws = batch
    return [lint_row(linter, dataset, r.number, r.row, fields, r.error) for r in raws]


def batches(dataset: str, fields: Fields, size: int = BATCH) -> Iterator[Batch]:
    records = read_records(dataset, fields.wanted())
    while True:
        chunk = list(islice(records, size))
        if not chunk:
            return
        yield (dataset, fields, chunk)


def map_bounded(submit: Callable[[Batch], Future], work: Iterator[Batch], window: int) -> Iterator[ArticleResult]:
    """Results in input order, with at most ``window`` batches submitted and not yet collected."""
    pending: deque[Future] = deque()
    for batch in work:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


_POOL_LINTER: Linter | None = None


def _pool_lint(batch: Batch) -> list[ArticleResult]:
    assert _POOL_LINTER is not None
    return lint_batch(_POOL_LINTER, batch)


def _local_map(linter: Linter, work: Iterator[Batch], jobs: int) -> Iterator[ArticleResult]:
    first = list(islice(work, 2))
    if jobs <= 1 or len(first) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for batch in chain(first, work):  # a dataset of a batch or so: starting workers costs more
            yield from lint_batch(linter, batch)
        return
    work = chain(first, work)
    global _POOL_LINTER
    _POOL_LINTER = linter  # forked workers inherit the parent's linter, parsers and plugins
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from map_bounded(lambda b: pool.submit(_pool_lint, b), work, jobs * WINDOW_PER_WORKER)


def run_datasets(
    linter: Linter,
    paths: Sequence[str],
    fields: Fields,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    jobs: int = 1,
) -> DatasetRun:
    """Lint datasets; project rules see every record of every dataset, in order."""
    run = DatasetRun()
    facts: list[ArticleFacts] = []
    per_record: list[RecordFinding] = []
    work = (batch for path in paths for batch in batches(path, fields))
    results: Iterator[ArticleResult]
    session: Any = None
    if engine == "dask":
        from newslint.dask import ClusterSession

        session = ClusterSession.start(linter, scheduler)
        results = session.map(work)
    else:
        results = _local_map(linter, work, jobs)
    try:
        for result in results:
            if result.bad is not None:
                dataset = result.dataset
                run.bad[dataset] = run.bad.get(dataset, 0) + 1
                run.bad_numbers.setdefault(dataset, {})[result.number] = result.bad
                run.errors.append(result.bad)
                continue
            assert result.facts is not None
            run.records += 1
            facts.append(result.facts)
            per_record.extend(result.findings)
            run.errors.extend(result.errors)
    finally:
        if session is not None:
            session.close()
    project = project_findings(linter, facts, run.errors)
    run.findings = ordered(per_record, project, {f.path: index for index, f in enumerate(facts)})
    for dataset, count in run.bad.items():
        noun = "record" if count == 1 else "records"
        run.errors.append(f"{dataset}: {count} bad {noun} not linted (see above)")
    return run


def check_datasets(
    linter: Linter,
    paths: Sequence[str],
    *,
    text_field: str | None,
    title_field: str,
    id_field: str,
    markup: str | None,
    annotate: str | None,
    engine: str,
    scheduler: str | None,
    sources: bool = False,
) -> RunResult:
    """The CLI's dataset run: findings in record order, errors (bad records, summary), annotation."""
    from newslint.engine import InputError, RunResult

    if annotate is not None and len(paths) != 1:
        raise InputError("--annotate takes one dataset per run")
    if annotate is not None and not annotate.lower().endswith((".jsonl", ".parquet")):
        raise InputError(f"--annotate {annotate}: expected a .jsonl or .parquet file")
    fields = Fields(text_field, title_field, id_field, markup)
    run = run_datasets(linter, paths, fields, engine=engine, scheduler=scheduler, jobs=linter.jobs)
    if annotate is not None:
        from newslint.datasets.annotate import annotated_rows, write_annotated

        by_path: dict[str, list[RecordFinding]] = {}
        for finding in run.findings:
            by_path.setdefault(finding.path, []).append(finding)
        rows = annotated_rows(paths[0], fields, by_path, run.bad_numbers.get(paths[0], {}))
        write_annotated(annotate, rows)
    result = RunResult(findings=list(run.findings), errors=run.errors, files=run.records)
    if sources:
        result.reports = list(_reports_with_texts(paths, fields, {f.path for f in run.findings}))
    return result


def _reports_with_texts(paths: Sequence[str], fields: Fields, flagged: set[str]) -> Iterator[FileReport]:
    """The linted articles of the records with findings, for a report that shows texts (a
    second streaming pass: the first pass keeps no texts)."""
    from newslint.datasets.records import BadRecord, article_from_row
    from newslint.engine import FileReport
    from newslint.suppress import FileSuppressions

    for path in paths:
        for raw in read_records(path, fields.wanted()):
            if raw.row is None:
                continue
            try:
                article = article_from_row(path, raw.number, raw.row, fields)
            except BadRecord:
                continue
            if article.path in flagged:
                yield FileReport(article.path, [], FileSuppressions(article.path), frozenset(), text=article.text)
