"""Dask: the map on two workers, the reduce here, byte for byte what one process gives."""

from __future__ import annotations

import json
from random import Random

import pytest

import newslint
import newslint.dask
from conftest import run_cli

distributed = pytest.importorskip("distributed")
dd = pytest.importorskip("dask.dataframe")
pandas = pytest.importorskip("pandas")

TOPICS = ["the port", "the council", "the rail line", "the hospital", "the school board", "the dam"]
VERBS = ["approved", "delayed", "reviewed", "rejected", "funded", "opened"]
PLACES = ["Kyiv", "Kiev", "Odesa", "Odessa", "Lisbon"]


def records(count: int) -> list[dict]:
    """Varied small articles with per-article findings (citations, place names) and project
    findings (shared titles, one place spelled two ways across records)."""
    rng = Random(15)
    rows = []
    for index in range(count):
        topic, verb, place = rng.choice(TOPICS), rng.choice(VERBS), rng.choice(PLACES)
        cited = rng.randint(1, 3)
        listed = rng.randint(1, 3)
        body = " ".join(f"Officials in {place} said {topic} was {verb} [{n}]." for n in range(1, cited + 1))
        entries = "\n".join(f"[{n}] Statement number {n}" for n in range(1, listed + 1))
        title = f"{place}: {topic} {verb}".capitalize()
        row = {"id": f"r{index:04d}", "title": title, "text": f"{body}\n\n{entries}\n"}
        if index % 7 == 0:
            row["text"] = f"## Update\n\n{row['text']}"  # some records are Markdown
        rows.append(row)
    rows[5] = {"id": "broken", "text": None}
    return rows


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def test_the_cli_on_a_dask_cluster_writes_exactly_what_one_process_writes(tmp_path, cluster):
    rows = records(400)
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n{cut\n", encoding="utf-8")
    single = run_cli("check", "feed.jsonl", "--format", "json", "-j", "1", cwd=tmp_path)
    on_dask = run_cli("check", "feed.jsonl", "--format", "json", "--engine", "dask",
                      "--scheduler", cluster.scheduler_address, cwd=tmp_path, timeout=120)
    assert single.returncode == 2, single.stderr  # the two bad records
    found = json.loads(single.stdout)
    codes = {f["code"] for f in found}
    assert {"NL101", "NL201", "NL401"} <= codes  # per-article and project findings both present
    assert on_dask.stdout == single.stdout
    assert on_dask.stderr == single.stderr
    assert on_dask.returncode == single.returncode


def test_lint_dataframe_and_lint_bag_equal_lint_records(cluster):
    rows = records(150)
    with distributed.Client(cluster):
        expected = [f.as_dict() for result in newslint.lint_records(rows) for f in result.findings]
        numbers = {f"records#{r['id']}": i for i, r in enumerate(rows)}
        expected.sort(key=lambda f: numbers[f["path"]])  # record order, as the DataFrame is
        frame = newslint.dask.lint_dataframe(dd.from_pandas(pandas.DataFrame(rows), npartitions=3))
        from_frame = [{**row, "fix": json.loads(row["fix"]) if isinstance(row["fix"], str) else None}
                      for row in frame.to_dict("records")]
        assert from_frame == _in_record_order(expected, numbers)
        assert frame.attrs["errors"] == ["records: record 6: field 'text' is null, not a string; not linted"]

        import dask.bag

        bag_frame = newslint.dask.lint_bag(dask.bag.from_sequence(rows, npartitions=4))
        assert bag_frame.equals(frame)


def _in_record_order(found: list[dict], numbers: dict[str, int]) -> list[dict]:
    def key(f: dict) -> tuple:
        return (numbers[f["path"]], f["field"] != "title", f["line"], f["column"], f["code"], f["message"])

    return sorted(found, key=key)
