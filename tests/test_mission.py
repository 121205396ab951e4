"""The article the project was founded on, scored by the shared gold tool (skips without ../shared)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import SHARED
from newslint.registry import default_registry

# Every rule that exists is scored: a new rule family is held to the gold as soon as it lands.
FAMILIES = ",".join(rule.code for rule in default_registry().rules())


def test_mission_article_scores_full_recall_with_no_extra_finding(shared):
    tool = shared / "tools" / "gold-score"
    if not tool.is_file():
        pytest.skip("gold-score tool not present")
    env = dict(os.environ, NEWSLINT=f"{sys.executable} -m newslint")
    result = subprocess.run(
        [sys.executable, str(tool), str(SHARED / "examples" / "mission"), "--only", FAMILIES],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "false positives 0, forbidden 0" in result.stdout, result.stdout
