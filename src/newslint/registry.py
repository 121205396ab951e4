"""Rule registration: built-in rules and plugins (entry-point group ``newslint.rules``) load the
same way, and a code or a name has one owner (a second claimant is an error, not a silent
override: two plugins must never disable each other)."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from types import ModuleType
from typing import Any

from newslint.rule import Rule

ENTRY_POINT_GROUP = "newslint.rules"
CODE_PATTERN = re.compile(r"^[A-Z]{1,6}[0-9]{1,5}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class RegistryError(Exception):
    """A rule that can't be registered (bad code, taken name) or a plugin that fails to load."""


def rule_classes_in(obj: Any) -> Iterator[type[Rule]]:
    """The rule classes an entry point or module offers: a Rule subclass, an iterable of
    them, or a module (its ``RULES`` list, else every Rule subclass it defines)."""
    if isinstance(obj, type) and issubclass(obj, Rule):
        yield obj
    elif isinstance(obj, ModuleType):
        listed = getattr(obj, "RULES", None)
        if listed is not None:
            yield from rule_classes_in(listed)
            return
        for value in vars(obj).values():
            if (
                isinstance(value, type)
                and issubclass(value, Rule)
                and value.__module__ == obj.__name__
                and getattr(value, "code", None)
            ):
                yield value
    elif isinstance(obj, Iterable) and not isinstance(obj, (str, bytes)):
        for item in obj:
            yield from rule_classes_in(item)
    else:
        raise RegistryError(f"{obj!r} is not a rule class, a list of them or a module")


class Registry:
    def __init__(self) -> None:
        self.by_code: dict[str, type[Rule]] = {}
        self.by_name: dict[str, type[Rule]] = {}
        self.origin: dict[str, str] = {}

    def add(self, rule: type[Rule], origin: str = "newslint") -> None:
        code = getattr(rule, "code", None)
        name = getattr(rule, "name", None)
        if not isinstance(code, str) or not CODE_PATTERN.match(code):
            raise RegistryError(f"{origin}: rule {rule.__name__} has no valid code (like 'NL101'): {code!r}")
        if not isinstance(name, str) or not NAME_PATTERN.match(name):
            raise RegistryError(f"{origin}: rule {code} has no valid kebab-case name: {name!r}")
        for key, table in ((code, self.by_code), (name, self.by_name)):
            owner = table.get(key)
            if owner is not None and owner is not rule:
                raise RegistryError(
                    f"{origin}: rule {key!r} is already defined by {self.origin[owner.code]}"
                )
        self.by_code[code] = rule
        self.by_name[name] = rule
        self.origin[code] = origin

    def add_from(self, obj: Any, origin: str) -> None:
        for rule in rule_classes_in(obj):
            self.add(rule, origin)

    def rules(self) -> list[type[Rule]]:
        return [self.by_code[code] for code in sorted(self.by_code)]

    def get(self, key: str) -> type[Rule] | None:
        return self.by_code.get(key.upper()) or self.by_name.get(key.lower())

    def resolve(self, selector: str) -> set[str]:
        """Codes a selector names: ``ALL``, a code, a name, or a code prefix (``NL1``)."""
        key = selector.strip()
        if key.upper() == "ALL":
            return set(self.by_code)
        rule = self.get(key)
        if rule is not None:
            return {rule.code}
        matches = {code for code in self.by_code if code.startswith(key.upper())}
        if matches and key[:1].isalpha():
            return matches
        raise KeyError(selector)


def builtin_modules() -> list[str]:
    """Every module of the newslint.rules package: adding a rule family is adding a module."""
    import pkgutil

    import newslint.rules

    return sorted(f"newslint.rules.{m.name}" for m in pkgutil.iter_modules(newslint.rules.__path__))


def load_builtin(registry: Registry) -> None:
    for module_name in builtin_modules():
        registry.add_from(importlib.import_module(module_name), "newslint")


def plugin_entry_points() -> list[tuple[str, str]]:
    """(name, "module:attribute") of every ``newslint.rules`` entry point on sys.path.

    The same search importlib.metadata makes (each path's *.dist-info and *.egg-info, first
    distribution of a name wins), reading only the entry_points.txt files that mention our
    group: importlib.metadata parses every distribution's metadata, about 25 ms in a
    well-stocked environment, which a one-file pre-commit run would pay on every commit."""
    import os
    import sys

    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for folder in sys.path:
        try:
            entries = sorted(os.scandir(folder or "."), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if not entry.name.endswith((".dist-info", ".egg-info")):
                continue
            distribution = entry.name.rsplit("-", 1)[0].split("-")[0].lower().replace("_", "-")
            if distribution in seen:
                continue
            seen.add(distribution)
            path = os.path.join(entry.path, "entry_points.txt")
            try:
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
            except OSError:
                continue
            if ENTRY_POINT_GROUP not in text:
                continue
            import configparser  # only for a distribution that declares rules

            parser = configparser.ConfigParser(delimiters=("=",), interpolation=None)
            parser.optionxform = str  # type: ignore[assignment,method-assign]
            try:
                parser.read_string(text)
            except configparser.Error:
                continue
            if parser.has_section(ENTRY_POINT_GROUP):
                found.extend((name, value.strip()) for name, value in parser.items(ENTRY_POINT_GROUP))
    return found


def _load_entry_point(value: str) -> Any:
    module_name, _, attribute = value.partition(":")
    obj: Any = importlib.import_module(module_name.strip())
    for part in attribute.split("[")[0].strip().split(".") if attribute else ():
        obj = getattr(obj, part)
    return obj


def load_plugins(registry: Registry) -> None:
    for name, value in plugin_entry_points():
        origin = f"plugin {name!r} ({value})"
        try:
            obj = _load_entry_point(value)
        except Exception as exc:  # a broken plugin is the user's config error, not our crash
            raise RegistryError(f"{origin} failed to load: {type(exc).__name__}: {exc}") from None
        registry.add_from(obj, origin)


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    registry = Registry()
    load_builtin(registry)
    load_plugins(registry)
    return registry
