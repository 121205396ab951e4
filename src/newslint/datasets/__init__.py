"""Datasets as input: JSON Lines, CSV and Parquet files whose records are articles.

``newslint check data.jsonl`` and ``newslint.lint_records(records)``; see the README's
"Datasets" section. Modules: ``readers`` (streaming record readers), ``records`` (record ->
article, findings -> record), ``lint`` (the engine-neutral map and reduce), ``run`` (the CLI's
driver), ``annotate`` (the dataset written back with findings).
"""

from __future__ import annotations

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
DATASET_SUFFIXES = (*JSONL_SUFFIXES, ".csv", ".parquet")

__all__ = ["DATASET_SUFFIXES", "JSONL_SUFFIXES", "is_dataset"]


def is_dataset(path: str) -> bool:
    """Whether ``check`` reads this path as a dataset (kept import-free: every run asks)."""
    return path.lower().endswith(DATASET_SUFFIXES)
