"""Time ``newslint check RECORDS.jsonl`` in one process against ``--engine dask`` on local workers,
and measure what a cluster projection needs: the map's cost per record, the facts a record sends
to the reduce, and the reduce's cost.

The records come from bench/generate.py's article generator (imported, not copied): each
generated article becomes ``{"id", "title", "text"}`` with the title taken out of the text, as
a scraper's dataset holds it. The JSONL is written once and reused.

1. ``newslint check DATA --format json -j 1`` (one process), wall time and peak RSS;
2. ``newslint check DATA --format json --engine dask -j WORKERS`` (a local cluster), wall time;
   the two JSON outputs must be byte-identical;
3. in this process, over the first ``--sample`` records: the map's CPU per record, the pickled
   size of a record's facts, and the reduce's time over those facts.

Usage:
    python bench/datasets.py [--count 100000] [--words 700] [--workers 2] [--sample 20000] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from generate import article  # noqa: E402  (bench/ is not a package)


def record_of(art) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The generated article as a dataset record: front matter and headline lines moved to title."""
    text = art.text
    if text.startswith("---\n"):
        text = text[text.index("\n---\n", 4) + 5 :]
    lines = text.lstrip("\n").split("\n")
    if lines and lines[0].lstrip("# ").strip() == art.title.strip():
        lines = lines[1:]
    return {"id": Path(art.name).stem, "title": art.title, "text": "\n".join(lines).lstrip("\n")}


def write_records(path: Path, count: int, words: int, seed: int = 1) -> None:
    titles: list[str] = []
    temp = path.with_suffix(".tmp")
    with open(temp, "w", encoding="utf-8") as out:
        for index in range(1, count + 1):
            art = article(seed, index, words, titles)
            titles.append(art.title)
            out.write(json.dumps(record_of(art), ensure_ascii=False) + "\n")
    temp.replace(path)


def timed_cli(args: list[str], output: Path) -> dict[str, float]:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "newslint", "check", *args, "--format", "json",
                             "-o", str(output)], stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if code not in (0, 1):
        raise SystemExit(f"newslint {' '.join(args)} exited {code}: {stderr[-2000:]}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024}


def sample_costs(path: Path, sample: int) -> dict[str, float]:
    from newslint.datasets.lint import lint_row, project_findings
    from newslint.datasets.readers import read_records
    from newslint.datasets.records import Fields
    from newslint.engine import Linter

    linter = Linter()
    fields = Fields()
    name = str(path)
    raws = list(islice(read_records(name), sample))
    start = time.process_time()
    results = [lint_row(linter, name, r.number, r.row, fields, r.error) for r in raws]
    map_cpu = time.process_time() - start
    facts = [r.facts for r in results if r.facts is not None]
    facts_bytes = len(pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL))
    start = time.perf_counter()
    project = project_findings(linter, facts, [])
    reduce_s = time.perf_counter() - start
    return {
        "sample": len(raws),
        "map_ms_per_record": 1000 * map_cpu / len(raws),
        "facts_bytes_per_record": facts_bytes / len(facts),
        "reduce_s": reduce_s,
        "reduce_us_per_record": 1e6 * reduce_s / len(facts),
        "project_findings": len(project),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--words", type=int, default=700)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=int, default=20_000)
    parser.add_argument("--data", type=Path, default=None, help="JSONL to use (default: generated in bench/corpus)")
    parser.add_argument("--skip-cli", action="store_true", help="only the in-process sample")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    data = args.data or BENCH / "corpus" / f"records-{args.count}-{args.words}.jsonl"
    if not data.exists():
        data.parent.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        write_records(data, args.count, args.words)
        print(f"generated {data} in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    report: dict[str, object] = {"data": str(data), "records": args.count, "mb": data.stat().st_size / 1e6}
    if not args.skip_cli:
        with tempfile.TemporaryDirectory() as folder:
            single_out, dask_out = Path(folder, "single.json"), Path(folder, "dask.json")
            report["single"] = timed_cli([str(data), "-j", "1"], single_out)
            report["dask"] = timed_cli([str(data), "--engine", "dask", "-j", str(args.workers)], dask_out)
            report["identical"] = single_out.read_bytes() == dask_out.read_bytes()
            report["findings"] = len(json.loads(single_out.read_text(encoding="utf-8")))
    report["in_process"] = sample_costs(data, args.sample)
    report["bench_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
