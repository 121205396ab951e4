"""bench/claims_eval.py runs on a small subset of the shared labelled data (skips without ../shared)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO, SHARED


def test_claims_eval_smoke_run_prints_every_figure():
    if not (SHARED / "data" / "claims").is_dir() or not (SHARED / "corpus").is_dir():
        pytest.skip("../shared data is not present")
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "claims_eval.py"), "--smoke"],
        capture_output=True, text=True, timeout=300, cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for figure in ("(a) weasels all", "(b) attribution vs PolNeAR", "(c) NL301:", "(c) NL302:"):
        assert figure in out, out
    assert "0 of" in out.split("weasel gate:")[1].split("\n")[0], out
    for figure in ("(f) NL305:", "(f) dense"):
        assert figure in out, out
    if (SHARED / "data" / "headlines" / "dev").is_dir():
        for figure in ("(d) FNC-1 discuss vs agree, NL305", "(d) FNC-1 discuss vs agree, naive", "(e) Emergent"):
            assert figure in out, out
