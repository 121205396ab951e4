"""Datasets as input: each record of a JSON Lines, CSV or Parquet file is one article."""

from __future__ import annotations

import csv
import gzip
import json
import sys
import tracemalloc
from pathlib import Path

import pytest

import newslint
from conftest import run_cli
from newslint.datasets.readers import read_records
from newslint.datasets.records import looks_like_markdown
from newslint.engine import InputError

BRIDGE_TITLE = "Harbour bridge reopens after repairs"
RECORDS = [
    {
        "id": "s1",
        "title": BRIDGE_TITLE,
        "text": "The bridge reopened on Monday after two years of work [1].\n\n"
                "Engineers praised the crews who kept traffic moving [2].\n\n[1] City works report\n",
    },
    {"id": "s2", "title": BRIDGE_TITLE, "text": "Drivers queued at dawn to cross the bridge again.\n"},
    {"id": "s3", "title": "Ferry timetable changes", "text": "Ferries will leave every twenty minutes from May.\n"},
]


def write_jsonl(path: Path, rows: list[object], broken: tuple[str, ...] = ()) -> Path:
    lines = [json.dumps(r) for r in rows] + list(broken)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def findings_of(result) -> list[dict]:
    return json.loads(result.stdout)


def test_each_record_is_an_article_placed_back_in_its_text(tmp_path):
    write_jsonl(tmp_path / "news.jsonl", RECORDS)
    result = run_cli("check", "news.jsonl", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    found = findings_of(result)
    dangling = next(f for f in found if f["code"] == "NL102")
    assert dangling["path"] == "news.jsonl#s1" and dangling["record"] == "s1" and dangling["field"] == "text"
    # line and column count within the record's own text, not the linted article or the file
    line = RECORDS[0]["text"].splitlines()[dangling["line"] - 1]
    assert line[dangling["column"] - 1 : dangling["end_column"] - 1] == "[2]"
    assert set(dangling) >= {"path", "line", "column", "end_line", "end_column", "code", "rule", "severity",
                             "message", "fix"}


def test_a_shared_title_is_a_project_finding_on_the_later_records_title(tmp_path):
    write_jsonl(tmp_path / "news.jsonl", RECORDS)
    found = findings_of(run_cli("check", "news.jsonl", "--format", "json", "--select", "NL201", cwd=tmp_path))
    assert [(f["record"], f["field"], f["line"], f["column"], f["end_column"]) for f in found] == [
        ("s2", "title", 1, 1, len(BRIDGE_TITLE) + 1)]
    assert "news.jsonl#s1" in found[0]["message"]


def test_jsonl_gz_csv_and_parquet_give_the_same_findings_as_jsonl(tmp_path):
    write_jsonl(tmp_path / "news.jsonl", RECORDS)
    with gzip.open(tmp_path / "news.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write((tmp_path / "news.jsonl").read_text(encoding="utf-8"))
    with open(tmp_path / "news.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "title", "text"])
        writer.writeheader()
        writer.writerows(RECORDS)
    formats = ["jsonl.gz", "csv"]
    try:
        import pyarrow
        import pyarrow.parquet as pq

        pq.write_table(pyarrow.Table.from_pylist(RECORDS), tmp_path / "news.parquet")
        formats.append("parquet")
    except ImportError:
        pass

    def without_dataset(result) -> list[dict]:
        found = findings_of(result)
        for f in found:
            f["path"] = f["path"].split("#")[1]
            f["message"] = f["message"].replace("news.jsonl.gz", "DATA").replace("news.csv", "DATA")
            f["message"] = f["message"].replace("news.parquet", "DATA").replace("news.jsonl", "DATA")
        return found

    expected = without_dataset(run_cli("check", "news.jsonl", "--format", "json", cwd=tmp_path))
    assert len(expected) >= 2
    for suffix in formats:
        result = run_cli("check", f"news.{suffix}", "--format", "json", cwd=tmp_path)
        assert result.returncode == 1, (suffix, result.stderr)
        assert without_dataset(result) == expected, suffix


def test_bad_records_each_get_one_line_the_rest_are_linted_and_the_exit_is_two(tmp_path):
    rows: list[object] = [RECORDS[0], {"id": "no-text", "title": "x"}, {"id": "number", "text": 42}, ["a", "list"]]
    write_jsonl(tmp_path / "news.jsonl", rows, broken=('{"id": "cut", "text": "unterminated',))
    result = run_cli("check", "news.jsonl", "--format", "json", cwd=tmp_path)
    assert result.returncode == 2
    errors = result.stderr.decode().splitlines()
    assert errors == [
        "newslint: news.jsonl: record 2: no field 'text' (nor 'body' or 'content'); not linted",
        "newslint: news.jsonl: record 3: field 'text' is int, not a string; not linted",
        "newslint: news.jsonl: record 4: a JSON list, not an object; not linted",
        "newslint: news.jsonl: record 5: broken JSON at column 23: Unterminated string starting at; not linted",
        "newslint: news.jsonl: 4 bad records not linted (see above)",
    ]
    assert {f["record"] for f in findings_of(result)} == {"s1"}


def test_bad_csv_rows_are_reported_by_record_number(tmp_path):
    (tmp_path / "news.csv").write_bytes(
        b"id,text\r\nok,Trains run late again today.\r\nextra,one,two\r\nbad,\xff\xfe broken bytes\r\n"
        b"fine,Buses run on time.\r\n")
    result = run_cli("check", "news.csv", "--format", "json", cwd=tmp_path)
    assert result.returncode == 2
    errors = result.stderr.decode().splitlines()
    assert errors[0].startswith("newslint: news.csv: record 2: 3 fields; the header has 2")
    assert errors[1] == "newslint: news.csv: record 3: not valid UTF-8; not linted"
    assert errors[-1] == "newslint: news.csv: 2 bad records not linted (see above)"


def test_fields_are_chosen_by_option_and_the_id_defaults_to_the_record_number(tmp_path):
    rows = [{"headline": "Bridge opens", "story": "The bridge opened [1].\n"}]
    write_jsonl(tmp_path / "news.jsonl", rows)
    result = run_cli("check", "news.jsonl", "--format", "json", "--text-field", "story",
                     "--title-field", "headline", cwd=tmp_path)
    found = findings_of(result)
    assert [(f["path"], f["record"], f["code"]) for f in found] == [("news.jsonl#1", "1", "NL102")]
    body = run_cli("check", "news.jsonl", "--format", "json", cwd=tmp_path)
    assert body.returncode == 2 and b"record 1: no field 'text'" in body.stderr


def test_records_that_look_like_markdown_are_parsed_as_markdown_unless_told(tmp_path):
    assert looks_like_markdown("## Background\n\nText.")
    assert looks_like_markdown("Read the [report](https://example.org/r).")
    assert not looks_like_markdown("Prices rose [1].\n\n[1] Statistics office\n")
    hidden = "<!-- newslint-disable-next-line NL102 -->\nThe ministry said so [4].\n\n## Sources\n"
    write_jsonl(tmp_path / "news.jsonl", [{"id": "m", "text": hidden}])
    auto = run_cli("check", "news.jsonl", "--format", "json", cwd=tmp_path)
    assert [f["code"] for f in findings_of(auto)] == []  # Markdown: the comment suppresses NL102
    plain = run_cli("check", "news.jsonl", "--format", "json", "--markup", "plaintext", cwd=tmp_path)
    assert "NL102" in [f["code"] for f in findings_of(plain)]


def test_reading_streams_in_bounded_memory(tmp_path):
    path = tmp_path / "big.jsonl"
    filler = "word " * 2000
    with open(path, "w", encoding="utf-8") as handle:
        for index in range(2000):  # about 20 MB
            handle.write(json.dumps({"id": index, "text": filler}) + "\n")
    tracemalloc.start()
    count = sum(1 for _ in read_records(str(path)))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 2000
    assert peak < 2_000_000, peak


def test_lint_records_streams_and_runs_project_rules_at_the_end():
    pulled = []

    def rows():
        for row in RECORDS:
            pulled.append(row["id"])
            yield row

    results = newslint.lint_records(rows(), name="feed")
    first = next(results)
    assert pulled == ["s1"] and first.record == "s1" and [f.code for f in first.findings] == ["NL102"]
    rest = list(results)
    project = [r for r in rest if r.project]
    assert [(r.record, [f.code for f in r.findings]) for r in project] == [("s2", ["NL201"])]
    assert project[0].findings[0].path == "feed#s2"


def test_parquet_without_pyarrow_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(InputError, match=r"needs pyarrow: pip install 'newslint\[parquet\]'"):
        list(read_records(str(tmp_path / "x.parquet")))


def test_datasets_refuse_fix_and_mixing_with_files(tmp_path):
    write_jsonl(tmp_path / "news.jsonl", RECORDS)
    (tmp_path / "a.txt").write_text("Title\n\nText.\n", encoding="utf-8")
    mixed = run_cli("check", "news.jsonl", "a.txt", cwd=tmp_path)
    assert mixed.returncode == 2 and mixed.stderr.count(b"\n") == 1
    fixing = run_cli("check", "news.jsonl", "--fix", cwd=tmp_path)
    assert fixing.returncode == 2 and b"--annotate" in fixing.stderr
    missing = run_cli("check", "gone.jsonl", cwd=tmp_path)
    assert missing.returncode == 2 and missing.stderr == b"newslint: gone.jsonl: no such file or directory\n"


def test_a_markdown_records_title_finding_counts_columns_in_the_title(tmp_path):
    text = "## Update\n\nThe bridge reopened on Monday.\n"
    rows = [{"id": "m1", "title": BRIDGE_TITLE, "text": text}, {"id": "m2", "title": BRIDGE_TITLE, "text": text}]
    write_jsonl(tmp_path / "news.jsonl", rows)
    found = findings_of(run_cli("check", "news.jsonl", "--format", "json", "--select", "NL201", cwd=tmp_path))
    assert [(f["record"], f["field"], f["line"], f["column"], f["end_column"]) for f in found] == [
        ("m2", "title", 1, 1, len(BRIDGE_TITLE) + 1)]
