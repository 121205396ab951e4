"""--annotate OUT: the dataset written back with its findings, in documented columns."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli
from test_datasets import RECORDS, write_jsonl

ADDED = ("newslint_findings", "newslint_codes", "newslint_findings_json", "newslint_error")


def check_annotation(rows: list[dict], json_output: list[dict]) -> None:
    by_record: dict[str, list[dict]] = {}
    for finding in json_output:
        by_record.setdefault(finding["record"], []).append(finding)
    assert [r["id"] for r in rows if r["newslint_error"] is None] == ["s1", "s2", "s3"]
    for row in rows:
        if row["newslint_error"] is not None:
            assert row["newslint_findings"] is None
            continue
        expected = by_record.get(row["id"], [])
        assert row["newslint_findings"] == len(expected)
        assert list(row["newslint_codes"]) == sorted({f["code"] for f in expected})
        assert json.loads(row["newslint_findings_json"]) == expected
        original = next(r for r in RECORDS if r["id"] == row["id"])
        assert {k: row[k] for k in original} == original


def test_annotate_jsonl_adds_the_findings_to_every_record(tmp_path):
    write_jsonl(tmp_path / "news.jsonl", [*RECORDS, {"id": "empty"}], broken=("{oops",))
    result = run_cli("check", "news.jsonl", "--format", "json", "--annotate", "out.jsonl", cwd=tmp_path)
    assert result.returncode == 2  # the bad records
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 4  # the broken line can't be written back
    assert all(set(ADDED) <= set(row) for row in rows)
    assert rows[3]["newslint_error"] == "news.jsonl: record 4: no field 'text' (nor 'body' or 'content'); not linted"
    check_annotation(rows, json.loads(result.stdout))
    assert rows[1]["newslint_codes"] == ["NL201"]


def test_annotate_parquet_round_trips_columns_and_types(tmp_path):
    pyarrow = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pyarrow.Table.from_pylist(RECORDS), tmp_path / "news.parquet")
    result = run_cli("check", "news.parquet", "--format", "json", "--annotate", "out.parquet", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.schema.field("newslint_findings").type == pyarrow.int64()
    assert table.schema.field("newslint_codes").type == pyarrow.list_(pyarrow.string())
    check_annotation(table.to_pylist(), json.loads(result.stdout))


def test_annotate_refuses_other_suffixes_and_several_datasets(tmp_path):
    write_jsonl(tmp_path / "news.jsonl", RECORDS)
    wrong = run_cli("check", "news.jsonl", "--annotate", "out.csv", cwd=tmp_path)
    assert wrong.returncode == 2 and b"expected a .jsonl or .parquet file" in wrong.stderr
    assert not (tmp_path / "out.csv").exists()
    files = run_cli("check", "--annotate", "out.jsonl", cwd=tmp_path)
    assert files.returncode == 2 and b"only for datasets" in files.stderr
