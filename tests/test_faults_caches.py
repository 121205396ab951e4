"""Caches someone else could have written are never read: the parsed-pack cache against planting."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from newslint.packs import PARSE_CACHE_FORMAT, builtin_pack_dir

ARTICLE = "# Harbour works resume\n\nCrews went back to the harbour on Monday.\n\nThe port said so in a statement.\n"
PLANTED_PHRASE = "crews went back to the harbour on monday"


def _env(tmp_path) -> dict[str, str]:
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return dict(os.environ, TMPDIR=str(tmp_path / "tmp"), XDG_CACHE_HOME=str(tmp_path / "cache"),
                PYTHONIOENCODING="utf-8")


def _poisoned_pack() -> tuple[str, bytes]:
    """The cache file name for the built-in boilerplate pack, and a parsed copy with one phrase added."""
    path = builtin_pack_dir() / "boilerplate.toml"
    info = path.stat()
    key = f"{path.resolve()}|{info.st_size}|{info.st_mtime_ns}|{PARSE_CACHE_FORMAT}"
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    table = document if "phrases" in document else document["pack"]  # keys under [pack] belong to it
    table["phrases"].append(PLANTED_PHRASE)
    return hashlib.sha1(key.encode("utf-8")).hexdigest() + ".json", json.dumps(document).encode("utf-8")


def _furniture_findings(tmp_path) -> list[dict]:
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--no-cache", "--format", "json", "--select", "NL601", "a.md"],
        cwd=tmp_path, env=_env(tmp_path), capture_output=True, timeout=60,
    )
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def _plant(folder, name: str, data: bytes, file_mode: int = 0o600) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    os.chmod(folder / name, file_mode)


def _own_cache(tmp_path):
    return tmp_path / "cache" / "newslint" / "packs"


def test_the_parsed_pack_cache_is_used_when_this_user_wrote_it(tmp_path):
    """The control for the planting tests below: the planted file has the right name and shape."""
    name, data = _poisoned_pack()
    assert _furniture_findings(tmp_path) == []  # creates the private folders, 0700
    _plant(_own_cache(tmp_path), name, data)
    assert [f["code"] for f in _furniture_findings(tmp_path)] == ["NL601"]


def test_a_pack_cache_planted_in_the_shared_temp_folder_is_ignored(tmp_path):
    name, data = _poisoned_pack()
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    _plant(tmp_path / "tmp" / f"newslint-packs-{uid}", name, data)
    assert _furniture_findings(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
@pytest.mark.parametrize("attack", ["folder-writable-by-others", "file-writable-by-others", "folder-symlink",
                                    "file-symlink", "newslint-folder-symlink"])
def test_a_pack_cache_someone_else_could_write_is_ignored(tmp_path, attack):
    name, data = _poisoned_pack()
    own = _own_cache(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    if attack == "folder-writable-by-others":
        _plant(own, name, data)
        os.chmod(own, 0o777)
    elif attack == "file-writable-by-others":
        _plant(own, name, data, file_mode=0o666)
    elif attack == "folder-symlink":
        _plant(elsewhere, name, data)
        own.parent.mkdir(parents=True)
        own.symlink_to(elsewhere)
    elif attack == "file-symlink":
        _plant(elsewhere, name, data)
        own.mkdir(parents=True)
        (own / name).symlink_to(elsewhere / name)
    else:
        _plant(elsewhere / "packs", name, data)
        own.parent.parent.mkdir(parents=True)
        own.parent.symlink_to(elsewhere)
    assert _furniture_findings(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give files away")
@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_pack_cache_owned_by_another_user_is_ignored(tmp_path, what):
    name, data = _poisoned_pack()
    own = _own_cache(tmp_path)
    _plant(own, name, data)
    os.chmod(own.parent, 0o700)
    os.chmod(own, 0o700)
    os.chown(own if what == "folder" else own / name, 65534, 65534)  # nobody
    assert _furniture_findings(tmp_path) == []


def test_the_pack_cache_folders_are_private(tmp_path):
    _furniture_findings(tmp_path)
    own = _own_cache(tmp_path)
    assert own.is_dir() and not own.is_symlink()
    if hasattr(os, "getuid"):
        assert own.stat().st_mode & 0o777 == 0o700
        assert own.parent.stat().st_mode & 0o777 == 0o700
        for cached in own.iterdir():
            assert cached.stat().st_mode & 0o077 == 0
