"""Reading datasets record by record: JSON Lines (also gzipped), CSV and Parquet.

Every reader streams: it holds one line, one CSV row or one Parquet batch at a time, so a
10 GB file is read in the memory of a few records. A record that can't be read (a broken JSON
line, a line that is not an object, text that is not UTF-8) is yielded as an error, with its
number, and reading goes on. Record numbers are 1-based: a JSON Lines record's number is its
line number (blank lines are skipped but counted), a CSV record's is its data row (the header
is not a record), a Parquet record's is its row.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newslint.datasets import DATASET_SUFFIXES, JSONL_SUFFIXES, is_dataset
from newslint.engine import InputError

__all__ = ["RawRecord", "is_dataset", "read_records", "require_pyarrow"]

PARQUET_BATCH = 1024  # rows per Parquet read: a few MB of articles
CSV_FIELD_LIMIT = 2**31 - 1  # csv's default (128 KiB) is shorter than a long article


@dataclass(frozen=True)
class RawRecord:
    """One record as read: its fields, or why it could not be read."""

    number: int
    row: dict[str, Any] | None
    error: str | None = None


def read_records(path: str, columns: Sequence[str] | None = None) -> Iterator[RawRecord]:
    """The records of one dataset in order. A dataset that can't be opened at all raises
    ``InputError`` (one line); ``columns`` limits a Parquet read to the fields needed."""
    lower = path.lower()
    try:
        if lower.endswith(JSONL_SUFFIXES):
            yield from _jsonl(path)
        elif lower.endswith(".csv"):
            yield from _csv(path)
        elif lower.endswith(".parquet"):
            yield from _parquet(path, columns)
        else:
            raise InputError(f"{path}: not a dataset (expected {', '.join(DATASET_SUFFIXES)})")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise InputError(f"{path}: not a readable gzip file ({exc or 'truncated'})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _jsonl(path: str) -> Iterator[RawRecord]:
    opener = gzip.open if path.lower().endswith(".gz") else open
    with opener(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            try:
                line = raw.rstrip(b"\r\n").decode("utf-8")
            except UnicodeDecodeError as exc:
                yield RawRecord(number, None, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})")
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                yield RawRecord(number, None, f"broken JSON at column {exc.colno}: {exc.msg}")
                continue
            except RecursionError:
                yield RawRecord(number, None, "broken JSON: nested too deeply")
                continue
            if not isinstance(value, dict):
                yield RawRecord(number, None, f"a JSON {type(value).__name__}, not an object")
                continue
            yield RawRecord(number, value)


def _csv(path: str) -> Iterator[RawRecord]:
    csv.field_size_limit(CSV_FIELD_LIMIT)
    with open(path, "rb") as binary:
        # surrogateescape lets one bad row be reported while the rows around it are read
        text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="surrogateescape", newline="")
        reader = csv.DictReader(text)
        number = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                number += 1
                yield RawRecord(number, None, f"broken CSV: {exc}")
                continue
            number += 1
            if None in row:
                yield RawRecord(number, None, f"{len(row) - 1 + len(row[None])} fields; the header has "
                                f"{len(reader.fieldnames or ())}")  # type: ignore[index]
                continue
            if any(isinstance(v, str) and _has_surrogates(v) for v in row.values()):
                yield RawRecord(number, None, "not valid UTF-8")
                continue
            yield RawRecord(number, dict(row))


def _has_surrogates(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def require_pyarrow(purpose: str) -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f"{purpose} needs pyarrow: pip install 'newslint[parquet]'") from None
    return pq


def _parquet(path: str, columns: Sequence[str] | None) -> Iterator[RawRecord]:
    pq = require_pyarrow(f"{path}: reading Parquet")
    import pyarrow

    try:
        parquet = pq.ParquetFile(path)
        names = set(parquet.schema_arrow.names)
        wanted = [c for c in columns if c in names] if columns is not None else None
        number = 0
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH, columns=wanted):
            for row in batch.to_pylist():
                number += 1
                yield RawRecord(number, row)
    except (pyarrow.ArrowException, ValueError) as exc:
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from None
