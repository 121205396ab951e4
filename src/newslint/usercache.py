"""A per-user cache folder that no one else can have planted or can write into.

What newslint reads back from a cache decides what it reports and what ``--fix`` deletes, so a
cache is only used when newslint can tell that this user wrote it: the folder lives in the
user's cache directory (``platformdirs``: ``~/.cache`` under XDG, ``~/Library/Caches`` on macOS,
``%LOCALAPPDATA%`` on Windows), is created 0700, and is ignored -- neither read nor written --
when it, or newslint's folder above it, is a symlink, is owned by another user, or is writable
by group or others. Files in it get the same checks when opened (``O_NOFOLLOW``, then ``fstat``),
and are written to a fresh ``O_EXCL`` temporary file renamed into place.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from functools import lru_cache
from pathlib import Path

APP = "newslint"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)


def _owner() -> int | None:
    """The effective user id, or None where the platform has no owners to check (Windows)."""
    return os.geteuid() if hasattr(os, "geteuid") else None


def _trusted(info: os.stat_result, kind: int) -> bool:
    """Of ``kind`` (not a symlink), owned by this user, not writable by group or others."""
    if stat.S_IFMT(info.st_mode) != kind:
        return False
    owner = _owner()
    if owner is None:
        return True
    return info.st_uid == owner and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _private_dir(path: Path) -> bool:
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError:
        return False
    try:
        return _trusted(os.lstat(path), stat.S_IFDIR)
    except OSError:
        return False


def cache_root() -> Path:
    """Where newslint's per-user caches live."""
    if sys.platform.startswith("linux"):
        # platformdirs' own rule on Linux, without its import on every start
        base = os.environ.get("XDG_CACHE_HOME", "")
        return Path(base if base.strip() else os.path.expanduser("~/.cache"), APP)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


@lru_cache(maxsize=8)
def private_folder(name: str) -> Path | None:
    """``<user cache dir>/newslint/<name>``, created if missing; None if it is not safe to use."""
    root = cache_root()
    try:
        root.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    folder = root / name
    if _private_dir(root) and _private_dir(folder):
        return folder
    return None


def read_private(path: Path) -> bytes | None:
    """The file's bytes if this user wrote it (see the module doc), else None."""
    try:
        handle = os.open(path, os.O_RDONLY | _NOFOLLOW | _BINARY)
    except OSError:
        return None
    try:
        if not _trusted(os.fstat(handle), stat.S_IFREG):
            return None
        with os.fdopen(handle, "rb", closefd=False) as stream:
            return stream.read()
    except OSError:
        return None
    finally:
        os.close(handle)


def write_private(path: Path, data: bytes) -> bool:
    """Write through a new temporary file (never one that already exists), then rename."""
    temp = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
    try:
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, 0o600)
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, path)
        return True
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return False
