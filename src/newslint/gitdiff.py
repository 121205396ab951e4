"""Changed lines since a git revision, for ``--diff-base``: report only on new work."""

from __future__ import annotations

import os
import re
import subprocess

HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)


class GitError(Exception):
    """git is missing, the folder isn't a repository, or the revision doesn't exist."""


def _git(args: list[str], cwd: str) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if result.returncode != 0:
        message = result.stderr.strip().splitlines()
        raise GitError(message[-1] if message else f"git {' '.join(args)} failed")
    return result.stdout


class ChangedLines:
    """Lines added or changed since ``base`` in the working tree, per real path.
    Untracked files are new work: every line counts."""

    def __init__(self, base: str, cwd: str = "."):
        top = _git(["rev-parse", "--show-toplevel"], cwd).strip()
        _git(["rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], cwd)
        self.top = os.path.realpath(top)
        self.lines: dict[str, set[int]] = {}
        self.whole: set[str] = set()
        diff = _git(["diff", "--no-color", "--no-ext-diff", "-U0", base, "--"], top)
        current: str | None = None
        for line in diff.splitlines():
            if line.startswith("+++ "):
                name = line[4:]
                if name.startswith("b/"):
                    name = name[2:]
                current = None if name == "/dev/null" else os.path.join(self.top, name)
                if current is not None:
                    self.lines.setdefault(os.path.realpath(current), set())
                continue
            match = HUNK.match(line)
            if match and current is not None:
                first = int(match.group(1))
                count = int(match.group(2)) if match.group(2) is not None else 1
                self.lines[os.path.realpath(current)].update(range(first, first + count))
        untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
        self.whole = {os.path.realpath(os.path.join(self.top, p)) for p in untracked.split("\0") if p}

    def includes(self, path: str, line: int) -> bool:
        real = os.path.realpath(path)
        if real in self.whole:
            return True
        return line in self.lines.get(real, ())
