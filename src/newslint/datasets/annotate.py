"""``--annotate OUT``: the dataset written back, each record with its findings added.

The added columns are a public contract (pipelines filter on them):

- ``newslint_findings``: the number of findings (integer; null for a record not linted)
- ``newslint_codes``: the distinct rule codes found, sorted (list of strings)
- ``newslint_findings_json``: the findings as a JSON array of the objects ``--format json`` writes
- ``newslint_error``: why the record was not linted (the stderr line), else null

A record whose line is not a JSON object can't be written back and is left out. Columns of the
same names already in the input are replaced. The file is written beside its final name and
renamed when complete, so a failed run never leaves half a dataset.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from itertools import islice
from typing import Any

from newslint.datasets.readers import RawRecord, read_records, require_pyarrow
from newslint.datasets.records import Fields, record_id
from newslint.engine import InputError
from newslint.findings import Finding

COLUMNS = ("newslint_findings", "newslint_codes", "newslint_findings_json", "newslint_error")
ANNOTATE_SUFFIXES = (".jsonl", ".parquet")
PARQUET_ROWS = 1024

_encode = json.JSONEncoder(ensure_ascii=False).encode


def columns_for(findings: Sequence[Finding], error: str | None) -> dict[str, Any]:
    if error is not None:
        return {"newslint_findings": None, "newslint_codes": [], "newslint_findings_json": "[]",
                "newslint_error": error}
    return {
        "newslint_findings": len(findings),
        "newslint_codes": sorted({f.code for f in findings}),
        "newslint_findings_json": _encode([f.as_dict() for f in findings]),
        "newslint_error": None,
    }


def annotated_rows(dataset: str, fields: Fields, findings: Mapping[str, Sequence[Finding]],
                   bad: Mapping[int, str]) -> Iterator[dict[str, Any]]:
    raw: RawRecord
    for raw in read_records(dataset):
        if raw.row is None:
            continue
        path = f"{dataset}#{record_id(raw.row, raw.number, fields)}"
        reason = bad.get(raw.number)
        row = dict(raw.row)
        row.update(columns_for(findings.get(path, ()), reason))
        yield row


def write_annotated(out: str, rows: Iterator[dict[str, Any]]) -> int:
    """Write the rows to ``out`` (.jsonl or .parquet) atomically; the number of rows written."""
    if not out.lower().endswith(ANNOTATE_SUFFIXES):
        raise InputError(f"--annotate {out}: expected a .jsonl or .parquet file")
    parquet = out.lower().endswith(".parquet")
    if parquet:
        require_pyarrow("--annotate to Parquet")
    folder = os.path.dirname(os.path.abspath(out))
    try:
        handle, temp = tempfile.mkstemp(prefix=".newslint-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"--annotate {out}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            written = _parquet(stream, rows) if parquet else _jsonl(stream, rows)
        os.replace(temp, out)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
    return written


def _jsonl(stream: Any, rows: Iterator[dict[str, Any]]) -> int:
    written = 0
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False, default=str).encode("utf-8"))
        stream.write(b"\n")
        written += 1
    return written


def _parquet(stream: Any, rows: Iterator[dict[str, Any]]) -> int:
    import pyarrow
    import pyarrow.parquet as pq

    added = [
        pyarrow.field("newslint_findings", pyarrow.int64()),
        pyarrow.field("newslint_codes", pyarrow.list_(pyarrow.string())),
        pyarrow.field("newslint_findings_json", pyarrow.string()),
        pyarrow.field("newslint_error", pyarrow.string()),
    ]
    writer = None
    written = 0
    try:
        while True:
            chunk = list(islice(rows, PARQUET_ROWS))
            if not chunk:
                break
            if writer is None:
                inferred = pyarrow.Table.from_pylist([{k: v for k, v in r.items() if k not in COLUMNS}
                                                      for r in chunk]).schema
                schema = pyarrow.schema([*inferred, *added])
                writer = pq.ParquetWriter(stream, schema)
            try:
                table = pyarrow.Table.from_pylist(chunk, schema=schema)
            except (pyarrow.ArrowException, TypeError, ValueError) as exc:
                raise InputError(f"--annotate: records {written + 1}-{written + len(chunk)} don't fit the "
                                 f"columns of the first records ({exc})") from None
            writer.write_table(table)
            written += len(chunk)
        if writer is None:
            writer = pq.ParquetWriter(stream, pyarrow.schema(added))
    finally:
        if writer is not None:
            writer.close()
    return written
