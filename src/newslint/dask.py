"""Linting datasets on Dask (``pip install 'newslint[dask]'``).

The map (``newslint.datasets.lint.lint_article``) runs in the workers, a batch of records per
task; the facts come back in record order and the reduce (``project_findings``) runs once, here.
Both are the functions a single process uses, so the findings are the same, byte for byte.

- ``newslint check DATA --engine dask [--scheduler tcp://HOST:8786]``: this process reads the
  dataset streaming and keeps a bounded number of batches in flight on the cluster.
- ``lint_dataframe(ddf)`` / ``lint_bag(bag)``: partitions are read and linted in the workers;
  the result is a pandas DataFrame of findings with the JSON output's columns.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newslint.datasets.lint import ArticleFacts, ArticleResult, lint_row, ordered, project_findings
from newslint.datasets.records import Fields, RecordFinding
from newslint.engine import InputError, Linter

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.datasets.run import Batch

FINDING_COLUMNS = ("path", "line", "column", "end_line", "end_column", "code", "rule", "severity", "message",
                   "fix", "record", "field")
WINDOW_PER_WORKER = 4

_LINTERS: dict[str, Linter] = {}  # one linter per config in each worker process


def _dask() -> Any:
    """dask, untyped: its top-level re-exports (delayed, compute) aren't declared for mypy."""
    return importlib.import_module("dask")


def _require_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise InputError("--engine dask needs Dask: pip install 'newslint[dask]'") from None
    return distributed


def _worker_linter(config: Config) -> Linter:
    key = repr(config)
    linter = _LINTERS.get(key)
    if linter is None:
        linter = _LINTERS[key] = Linter(config=config)
    return linter


def _lint_batch(configs: Mapping[str, Config], batch: Batch) -> list[ArticleResult]:
    dataset, fields, raws = batch
    linter = _worker_linter(configs[dataset])
    return [lint_row(linter, dataset, r.number, r.row, fields, r.error) for r in raws]


@dataclass
class ClusterSession:
    """A client on a cluster (or on a local cluster it started), for one CLI run."""

    client: Any
    cluster: Any
    linter: Linter

    @classmethod
    def start(cls, linter: Linter, scheduler: str | None, workers: int | None = None) -> ClusterSession:
        distributed = _require_distributed()
        cluster = None
        try:
            if scheduler:
                client = distributed.Client(scheduler, timeout="20s")
            else:
                cluster = distributed.LocalCluster(
                    n_workers=workers or linter.jobs, threads_per_worker=1, processes=True,
                    dashboard_address=None)
                client = distributed.Client(cluster)
        except (OSError, TimeoutError, ValueError) as exc:
            target = scheduler or "a local cluster"
            raise InputError(f"--engine dask: cannot connect to {target}: {exc}") from None
        return cls(client, cluster, linter)

    def map(self, work: Iterator[Batch]) -> Iterator[ArticleResult]:
        from newslint.datasets.run import map_bounded

        configs: dict[str, Config] = {}

        def submit(batch: Batch) -> Any:
            dataset = batch[0]
            if dataset not in configs:
                # the config is resolved here, where the dataset's folder and pyproject.toml are
                configs[dataset] = self.linter.config_for(dataset)
            return self.client.submit(_lint_batch, dict(configs), batch, pure=False)

        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        yield from map_bounded(submit, work, workers * WINDOW_PER_WORKER)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


# ----- library: Dask collections --------------------------------------------------------------


def _lint_partition(rows: Iterable[Mapping[str, Any]], first: int, name: str, fields: Fields,
                    config: Config) -> list[ArticleResult]:
    linter = _worker_linter(config)
    results = []
    for number, row in enumerate(rows, first):
        is_mapping = isinstance(row, Mapping)
        results.append(lint_row(linter, name, number, row if is_mapping else None, fields,
                                None if is_mapping else f"a {type(row).__name__}, not a mapping"))
    return results


def _frame_rows(frame: Any) -> list[dict[str, Any]]:
    return [{k: (None if _is_missing(v) else v) for k, v in row.items()} for row in frame.to_dict("records")]


def _is_missing(value: Any) -> bool:
    try:
        return bool(value != value)  # NaN and pandas' NA: a missing field, as in JSON's null
    except (TypeError, ValueError):
        return False


def lint_bag(bag: Any, *, text_field: str | None = None, title_field: str = "title", id_field: str = "id",
             markup: str | None = None, config: Config | None = None, name: str = "records") -> Any:
    """Lint a Dask Bag of records (dicts); a pandas DataFrame of findings (see ``lint_dataframe``)."""
    dask = _dask()
    parts = bag.to_delayed()
    lengths = dask.compute(*[dask.delayed(len)(p) for p in parts])
    return _lint_parts(parts, lengths, lambda rows: rows, text_field, title_field, id_field, markup, config, name)


def lint_dataframe(ddf: Any, *, text_field: str | None = None, title_field: str = "title", id_field: str = "id",
                   markup: str | None = None, config: Config | None = None, name: str = "records") -> Any:
    """Lint a Dask DataFrame whose rows are articles. Returns a pandas DataFrame of findings, one
    row per finding with the columns of ``--format json`` (``fix`` as a JSON string) in record
    order, the same findings ``newslint.lint_records`` gives for the same rows. Records are
    numbered from 1 across partitions (the partitions' lengths are computed first)."""
    parts = ddf.to_delayed()
    lengths = ddf.map_partitions(len).compute().tolist()
    return _lint_parts(parts, lengths, _frame_rows, text_field, title_field, id_field, markup, config, name)


def _lint_parts(parts: list[Any], lengths: Iterable[int], to_rows: Any, text_field: str | None, title_field: str,
                id_field: str, markup: str | None, config: Config | None, name: str) -> Any:
    import pandas

    dask = _dask()
    from newslint.config import Config

    config = config or Config()
    fields = Fields(text_field, title_field, id_field, markup)
    firsts, first = [], 1
    for length in lengths:
        firsts.append(first)
        first += int(length)
    tasks = [dask.delayed(_lint_partition)(dask.delayed(to_rows)(part), start, name, fields, config)
             for part, start in zip(parts, firsts, strict=True)]
    per_partition = dask.compute(*tasks)
    findings, facts, errors = collect(result for results in per_partition for result in results)
    project = project_findings(Linter(config=config), facts, errors)
    rows = [_finding_row(f) for f in ordered(findings, project, {f.path: i for i, f in enumerate(facts)})]
    frame = pandas.DataFrame(rows, columns=list(FINDING_COLUMNS))
    frame.attrs["errors"] = errors
    return frame


def collect(results: Iterable[ArticleResult]) -> tuple[list[RecordFinding], list[ArticleFacts], list[str]]:
    findings: list[RecordFinding] = []
    facts: list[ArticleFacts] = []
    errors: list[str] = []
    for result in results:
        if result.bad is not None:
            errors.append(result.bad)
            continue
        assert result.facts is not None
        facts.append(result.facts)
        findings.extend(result.findings)
        errors.extend(result.errors)
    return findings, facts, errors


def _finding_row(finding: RecordFinding) -> dict[str, Any]:
    row = finding.as_dict()
    row["fix"] = json.dumps(row["fix"], ensure_ascii=False) if row["fix"] is not None else None
    return row
