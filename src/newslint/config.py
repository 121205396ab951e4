"""Configuration: the one home of defaults, file discovery and validation.

Settings come from ``[tool.newslint]`` in ``pyproject.toml``, or from ``newslint.toml`` /
``.newslint.toml`` (top-level keys), found from each file's folder upward; the closest file
wins. Command-line flags override it. Unknown keys and unknown rule selectors are errors that
name the file and key: a typo must never silently disable a rule.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newslint.registry import Registry, default_registry

CONFIG_FILES = ("pyproject.toml", "newslint.toml", ".newslint.toml")
DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__",
    ".newslint_cache", ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages",
)
LIST_KEYS = ("select", "extend-select", "ignore", "extend-ignore", "exclude", "extend-exclude", "packs")
CORE_KEYS = frozenset(LIST_KEYS) | {"per-file-ignores"}


class ConfigError(Exception):
    """Invalid configuration: reported on one line, exit 2."""


# (config, registry, per-file patterns matched) -> enabled codes; the objects are kept in the
# value so an id is never reused while its entry lives.
_ENABLED: dict[tuple[int, int, tuple[str, ...]], tuple[Config, Registry, frozenset[str]]] = {}


@dataclass(frozen=True)
class Config:
    """Resolved settings for the files under one config file (or the defaults)."""

    select: tuple[str, ...] | None = None  # None: every rule enabled by default
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()  # user pack files, absolute paths
    settings: Mapping[str, Any] = field(default_factory=dict)  # rule options
    root: str = "."  # folder that relative patterns are matched against
    source: str = "<defaults>"

    def enabled_codes(self, registry: Registry, path: str | None = None) -> frozenset[str]:
        matched = tuple(p for p in self.per_file_ignores if path is not None and self.matches(path, p))
        key = (id(self), id(registry), matched)
        known = _ENABLED.get(key)
        if known is not None and known[0] is self and known[1] is registry:
            return known[2]  # one shared set per config: a 100,000-file run keeps one, not 100,000
        if self.select is None:
            codes = {rule.code for rule in registry.rules() if rule.default_enabled}
        else:
            codes = set()
            for selector in self.select:
                codes |= self._resolve(registry, selector)
        for selector in self.extend_select:
            codes |= self._resolve(registry, selector)
        for selector in self.ignore:
            codes -= self._resolve(registry, selector)
        for pattern in matched:
            for selector in self.per_file_ignores[pattern]:
                codes -= self._resolve(registry, selector)
        result = frozenset(codes)
        _ENABLED[key] = (self, registry, result)
        return result

    def _resolve(self, registry: Registry, selector: str) -> set[str]:
        try:
            return registry.resolve(selector)
        except KeyError:
            raise ConfigError(f"{self.source}: unknown rule code or name {selector!r}") from None

    def validate(self, registry: Registry) -> None:
        self.enabled_codes(registry)
        for selectors in self.per_file_ignores.values():
            for selector in selectors:
                self._resolve(registry, selector)

    def matches(self, path: str, pattern: str) -> bool:
        """Glob match against the path relative to the config folder, or any part of it."""
        try:
            relative = os.path.relpath(os.path.abspath(path), self.root)
        except ValueError:  # another drive on Windows
            relative = path
        relative = relative.replace(os.sep, "/")
        if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(os.path.basename(path), pattern):
            return True
        if "/" not in pattern.rstrip("/"):
            return any(fnmatch.fnmatch(part, pattern.rstrip("/")) for part in relative.split("/"))
        return False

    def is_excluded(self, path: str) -> bool:
        name = os.path.basename(path.rstrip("/"))
        if name in DEFAULT_EXCLUDE:
            return True
        return any(self.matches(path, pattern) for pattern in self.exclude)

    def with_overrides(
        self,
        select: Sequence[str] | None = None,
        extend_select: Sequence[str] = (),
        ignore: Sequence[str] = (),
    ) -> Config:
        return replace(
            self,
            select=tuple(select) if select else self.select,
            extend_select=self.extend_select + tuple(extend_select),
            ignore=self.ignore + tuple(ignore),
        )


def _string_list(source: str, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: {key!r} must be a list of strings")
    return tuple(value)


def option_types(registry: Registry) -> dict[str, Any]:
    types: dict[str, Any] = {}
    for rule in registry.rules():
        types.update(rule.options)
    return types


def _check_option(registry: Registry, source: str, key: str, value: Any, expected: Any) -> None:
    if isinstance(expected, tuple) and expected and all(isinstance(e, str) for e in expected):
        if value not in expected:
            choices = ", ".join(repr(e) for e in expected)
            raise ConfigError(f"{source}: {key!r} must be one of {choices}, not {value!r}")
    elif not isinstance(value, expected):
        raise ConfigError(f"{source}: {key!r} has the wrong type ({type(value).__name__})")
    for rule in registry.rules():
        if key in rule.options:
            try:
                rule.validate_option(key, value)
            except ValueError as exc:
                raise ConfigError(f"{source}: {exc}") from None


def config_from_table(
    table: Mapping[str, Any], source: str, root: str, registry: Registry | None = None
) -> Config:
    registry = registry or default_registry()
    options = option_types(registry)
    values: dict[str, tuple[str, ...]] = {}
    settings: dict[str, Any] = {}
    per_file: dict[str, tuple[str, ...]] = {}
    for key, value in table.items():
        if key in LIST_KEYS:
            values[key] = _string_list(source, key, value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{source}: 'per-file-ignores' must be a table of pattern = [codes]")
            per_file = {p: _string_list(source, f"per-file-ignores.{p}", v) for p, v in value.items()}
        elif key in options:
            _check_option(registry, source, key, value, options[key])
            settings[key] = value
        else:
            raise ConfigError(f"{source}: unknown key {key!r}")
    packs = tuple(str((Path(root) / p).resolve()) for p in values.get("packs", ()))
    for pack in packs:
        if not os.path.exists(pack):
            raise ConfigError(f"{source}: pack file {pack!r} does not exist")
        if not os.path.isfile(pack):  # a folder, /dev/zero, a FIFO: reading it would never end well
            raise ConfigError(f"{source}: pack file {pack!r} is not a regular file")
    config = Config(
        select=values.get("select"),
        extend_select=values.get("extend-select", ()),
        ignore=values.get("ignore", ()) + values.get("extend-ignore", ()),
        per_file_ignores=per_file,
        exclude=values.get("exclude", ()) + values.get("extend-exclude", ()),
        packs=packs,
        settings=settings,
        root=root,
        source=source,
    )
    config.validate(registry)
    return config


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):  # imported here: a run with no config file never needs it
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def load_config_file(path: Path) -> Config | None:
    """The config a file holds, or None for a pyproject.toml without [tool.newslint]."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("newslint")
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.newslint] must be a table")
        source = f"{path} [tool.newslint]"
    else:
        table = data
        source = str(path)
    return config_from_table(table, source, str(path.parent.resolve()))


# folder -> the config that governs it. Filled for every folder a lookup passes through, so a
# walk down a tree thousands of folders deep looks at each folder once, not once per descendant.
_GOVERNING: dict[str, Config] = {}


def config_for_directory(directory: str) -> Config:
    """Closest config at or above a folder, as the path names it (a folder reached through a
    symlink finds the configs above the link); defaults (rooted at the current folder) if none.
    Not resolved: resolving a path thousands of folders deep costs a system call per level."""
    folder = os.path.abspath(directory)
    passed: list[str] = []
    found: Config | None = None
    while True:
        known = _GOVERNING.get(folder)
        if known is not None:
            found = known
            break
        passed.append(folder)
        found = _own_config(folder)
        parent = os.path.dirname(folder)
        if found is not None or parent == folder:
            break
        folder = parent
    if found is None:
        found = Config(root=str(Path.cwd()))
    for seen in passed:
        _GOVERNING[seen] = found
    return found


def clear_config_cache() -> None:
    """Forget the configs found (a long-lived process whose config files changed)."""
    _GOVERNING.clear()


def _own_config(folder: str) -> Config | None:
    for name in CONFIG_FILES:
        path = Path(folder) / name
        if _is_file(path):
            config = load_config_file(path)
            if config is not None:
                return config
    return None


def _is_file(path: Path) -> bool:
    """False for a file in a folder this user may not search (mode 000, lost+found): that
    folder is skipped by the walk, and must not abort it here first."""
    try:
        return path.is_file()
    except OSError:
        return False


def config_for_path(path: str) -> Config:
    directory = os.path.dirname(os.path.abspath(path)) or "."
    return config_for_directory(directory)

