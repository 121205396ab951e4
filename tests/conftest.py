from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def run_cli(*args: str, cwd: str | Path | None = None, stdin: bytes | None = None, timeout: float = 60):
    """Run the installed CLI the way a user does: a fresh interpreter, real exit codes."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "newslint", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=timeout,
        env=env,
    )


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "examples" / "mission").is_dir():
        pytest.skip("../shared is not present")
    return SHARED
