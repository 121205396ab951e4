"""Datasets as input: JSON Lines, CSV and Parquet files whose records are articles.

``newslint check data.jsonl`` and ``newslint.lint_records(records)``; see the README's
"Datasets" section. Modules: ``readers`` (streaming record readers), ``records`` (record ->
article, findings -> record), ``lint`` (the engine-neutral map and reduce), ``run`` (the CLI's
driver), ``annotate`` (the dataset written back with findings).
"""

from __future__ import annotations

from newslint.datasets.readers import DATASET_SUFFIXES, is_dataset

__all__ = ["DATASET_SUFFIXES", "is_dataset"]
