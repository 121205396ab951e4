"""Data packs: the TOML files of the top-level ``rules/`` folder (word lists, gazetteers, tables).

Every pack starts with a ``[pack]`` header naming its ``kind``. A kind declares which top-level
tables a pack of that kind may hold and of which type; anything else is a load error that names
the file and line (Vale's lesson: a silently ignored key is a rule that matches nothing).

Users extend a built-in pack with their own file (``packs = ["house-style.toml"]`` in config):
a user pack whose header says ``extends = "places"`` merges into that pack, tables by key
(user wins) and lists by concatenation. A user pack without ``extends`` is a new pack.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

PARSE_CACHE_FORMAT = 1
HEADER_KEYS = {"name", "kind", "description", "source", "license", "version", "extends"}
REQUIRED_HEADER_KEYS = {"kind"}

# kind -> {top-level key -> expected Python type}. Rule modules register their pack kinds here.
PACK_KINDS: dict[str, dict[str, type]] = {
    "references": {"headings": list, "repeatable": list},
    "boilerplate": {"phrases": list, "patterns": list, "labels": list},
}


class PackError(Exception):
    """A pack that cannot be loaded: missing, not TOML, or not of its kind's shape."""


@dataclass(frozen=True)
class Pack:
    name: str
    kind: str
    path: str
    meta: Mapping[str, Any]
    data: Mapping[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


def register_kind(kind: str, schema: Mapping[str, type]) -> None:
    """Declare a pack kind (idempotent for the same schema)."""
    existing = PACK_KINDS.get(kind)
    if existing is not None and existing != dict(schema):
        raise PackError(f"pack kind {kind!r} is already registered with another schema")
    PACK_KINDS[kind] = dict(schema)


def builtin_pack_dir() -> Path:
    """Where the built-in packs live: inside the installed package, or the source tree's rules/."""
    here = Path(__file__).resolve().parent
    shipped = here / "packs"
    if shipped.is_dir():
        return shipped
    return here.parent.parent / "rules"


def builtin_pack_names() -> list[str]:
    return sorted(p.stem for p in builtin_pack_dir().glob("*.toml"))


def _line_of(path: Path, key: str) -> int:
    """Best-effort line number of a top-level key, for error messages."""
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith((f"{key} ", f"{key}=", f"[{key}]", f"[[{key}]]", f'"{key}"')):
            return number
    return 1


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PackError(f"{path}: cannot read pack: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise PackError(f"{path}: pack is not valid UTF-8") from None


def _parse_cache_file(path: Path, stat: os.stat_result) -> Path | None:
    from newslint.usercache import private_folder

    folder = private_folder("packs")
    if folder is None:
        return None
    key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{PARSE_CACHE_FORMAT}"
    return folder / (hashlib.sha1(key.encode("utf-8")).hexdigest() + ".json")


def _read_document(path: Path) -> dict[str, Any]:
    """The pack's TOML as data. Parsed packs are kept as JSON in a private per-user cache
    folder (see ``newslint.usercache``), keyed by path, size and modification time: json reads
    the 1.5 MB gazetteer in a few milliseconds where tomllib takes about 25, and a single-file
    run pays that on every start."""
    from newslint.usercache import read_private, write_private

    try:
        stat = path.stat()
    except OSError as exc:
        raise PackError(f"{path}: cannot read pack: {exc.strerror or exc}") from None
    if not _is_regular(stat):
        raise PackError(f"{path}: not a regular file; a pack must be a TOML file")
    cached = _parse_cache_file(path, stat)
    stored = read_private(cached) if cached is not None else None
    if stored is not None:
        try:
            document = json.loads(stored)
            if isinstance(document, dict):
                return document
        except ValueError:
            pass
    if sys.version_info >= (3, 11):  # imported here: a run that finds every pack cached never needs it
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        parsed: dict[str, Any] = tomllib.loads(_read_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{path}: invalid TOML: {exc}") from None
    if cached is not None:
        # not JSON-representable (dates): parse again next time
        with contextlib.suppress(TypeError, ValueError):
            write_private(cached, json.dumps(parsed).encode("utf-8"))
    return parsed


def _is_regular(stat: os.stat_result) -> bool:
    import stat as modes

    return modes.S_ISREG(stat.st_mode)


def parse_pack_file(path: Path) -> Pack:
    document = _read_document(path)
    header = document.pop("pack", None)
    if not isinstance(header, dict):
        raise PackError(f"{path}:1: a pack must start with a [pack] table")
    for key in REQUIRED_HEADER_KEYS - header.keys():
        raise PackError(f"{path}:1: [pack] needs a {key!r}")
    kind = header["kind"]
    schema = PACK_KINDS.get(kind)
    if schema is None:
        known = ", ".join(sorted(PACK_KINDS))
        raise PackError(f"{path}:{_line_of(path, 'kind')}: unknown pack kind {kind!r} (known: {known})")
    # In TOML, plain keys written after the [pack] header belong to it: the kind's data keys
    # may sit there, anything else is an unknown key.
    for key in list(header):
        if key in HEADER_KEYS:
            continue
        if key in schema and key not in document:
            document[key] = header.pop(key)
        else:
            raise PackError(f"{path}:{_line_of(path, key)}: unknown key {key!r} in [pack]")
    for key, value in document.items():
        expected = schema.get(key)
        if expected is None:
            raise PackError(f"{path}:{_line_of(path, key)}: unknown key {key!r} for a {kind!r} pack")
        if not isinstance(value, expected):
            raise PackError(
                f"{path}:{_line_of(path, key)}: {key!r} must be a {expected.__name__}, "
                f"not {type(value).__name__}"
            )
    name = str(header.get("name") or path.stem)
    return Pack(name=name, kind=kind, path=str(path), meta=header, data=document)


def merge_packs(base: Pack, extension: Pack) -> Pack:
    if extension.kind != base.kind:
        raise PackError(
            f"{extension.path}: extends {base.name!r} of kind {base.kind!r} but is of kind {extension.kind!r}"
        )
    merged: dict[str, Any] = dict(base.data)
    for key, value in extension.data.items():
        old = merged.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            merged[key] = {**old, **value}
        elif isinstance(old, list) and isinstance(value, list):
            merged[key] = [*old, *value]
        else:
            merged[key] = value
    return Pack(name=base.name, kind=base.kind, path=base.path, meta=base.meta, data=merged)


@cache
def _builtin(name: str) -> Pack:
    path = builtin_pack_dir() / f"{name}.toml"
    if not path.is_file():
        raise PackError(f"no built-in pack named {name!r} (have: {', '.join(builtin_pack_names())})")
    return parse_pack_file(path)


@lru_cache(maxsize=256)
def _load(name: str, user_files: tuple[str, ...]) -> Pack:
    extensions = [parse_pack_file(Path(f)) for f in user_files]
    try:
        pack = _builtin(name)
    except PackError:
        own = [p for p in extensions if p.name == name and not p.meta.get("extends")]
        if not own:
            raise
        pack = own[0]
    for extension in extensions:
        if extension.meta.get("extends") == name:
            pack = merge_packs(pack, extension)
    return pack


def load_pack(name: str, user_files: Iterable[str | Path] = ()) -> Pack:
    """The pack called ``name``, extended by any user pack files that say ``extends = name``."""
    return _load(name, tuple(str(f) for f in user_files))
