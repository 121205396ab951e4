"""Scripts that rebuild the data packs in rules/ (development only; not imported at run time)."""

from __future__ import annotations

import sys
from importlib import metadata


def pinned_version_problem(package: str, pinned: str) -> str | None:
    """Why the installed build dependency can't be used (missing or another version), or None."""
    try:
        version = metadata.version(package)
    except metadata.PackageNotFoundError:
        return f"install the pinned build dependency: pip install {package}=={pinned}"
    if version != pinned:
        return (f"{package} {version} is installed but this script is pinned to {pinned}; "
                f"pip install {package}=={pinned} (or update the pin and review the diff)")
    return None


def require_pinned(package: str, pinned: str) -> bool:
    problem = pinned_version_problem(package, pinned)
    if problem:
        print(problem, file=sys.stderr)
    return problem is None
