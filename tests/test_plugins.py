"""Third-party rules load through the ``newslint.rules`` entry-point group, like built-ins."""

from __future__ import annotations

import sys
import textwrap

import pytest

from newslint.config import Config
from newslint.engine import Linter
from newslint.registry import Registry, RegistryError, load_builtin, load_plugins

PLUGIN_MODULE = '''
from newslint.rule import Rule


class ShoutingHeadline(Rule):
    """A headline written in capitals.

    **What it flags**: an all-caps headline.
    """

    code = "XPL1"
    name = "shouting-headline"

    def check(self, doc, ctx):
        for headline in doc.headlines:
            if headline.text.isupper():
                ctx.report(headline.start, headline.end, "headline is all capitals")
'''


@pytest.fixture
def plugin_dist(tmp_path, monkeypatch):
    """A real distribution on sys.path: a module plus a dist-info with entry_points.txt."""

    def install(module_source: str, entry_value: str = "newslint_shout:ShoutingHeadline", name: str = "shout"):
        (tmp_path / "newslint_shout.py").write_text(textwrap.dedent(module_source))
        info = tmp_path / "newslint_shout-0.1.dist-info"
        info.mkdir(exist_ok=True)
        (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newslint-shout\nVersion: 0.1\n")
        (info / "entry_points.txt").write_text(f"[newslint.rules]\n{name} = {entry_value}\n")
        monkeypatch.syspath_prepend(str(tmp_path))
        sys.modules.pop("newslint_shout", None)

    return install


def test_plugin_rule_is_registered_and_runs(plugin_dist):
    plugin_dist(PLUGIN_MODULE)
    registry = Registry()
    load_builtin(registry)
    load_plugins(registry)
    assert registry.get("XPL1") is registry.get("shouting-headline")
    linter = Linter(config=Config(select=("XPL1", "NL201")), registry=registry)
    result_errors: list[str] = []
    findings = linter.lint_text("RIVER BURSTS ITS BANKS\n\nWater rose overnight.\n", "a.txt", result_errors)
    assert [(f.code, f.rule, f.line) for f in findings] == [("XPL1", "shouting-headline", 1)]
    assert result_errors == []


def test_plugin_claiming_a_builtin_code_is_refused(plugin_dist):
    plugin_dist(PLUGIN_MODULE.replace('"XPL1"', '"NL101"'))
    registry = Registry()
    load_builtin(registry)
    with pytest.raises(RegistryError, match="'NL101' is already defined by newslint"):
        load_plugins(registry)


def test_broken_plugin_is_a_clear_error(plugin_dist):
    plugin_dist("raise ImportError('missing dependency')\n")
    registry = Registry()
    with pytest.raises(RegistryError, match="failed to load: ImportError: missing dependency"):
        load_plugins(registry)
