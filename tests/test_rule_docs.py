"""Every built-in rule documents itself, and its examples do what the docs say."""

from __future__ import annotations

import re

import pytest

from newslint.config import Config
from newslint.engine import lint_text
from newslint.registry import Registry, load_builtin

REGISTRY = Registry()
load_builtin(REGISTRY)
SECTIONS = ("**What it flags**", "**Why it matters**", "**Example**", "**Fix**")
FENCE = re.compile(r"```(\w+)\n(.*?)```", re.S)


@pytest.mark.parametrize("rule", REGISTRY.rules(), ids=lambda r: r.code)
def test_rule_has_code_name_severity_and_documentation(rule):
    assert re.fullmatch(r"NL\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)  # the names the issues give
    doc = rule.documentation()
    assert rule.summary() and rule.summary().endswith(".")
    for section in SECTIONS:
        assert section in doc, f"{rule.code} lacks {section}"


@pytest.mark.parametrize("rule", REGISTRY.rules(), ids=lambda r: r.code)
def test_rule_example_triggers_and_counterexample_does_not(rule):
    doc = rule.documentation()
    example = doc[doc.index("**Example**") :]
    blocks = FENCE.findall(example)
    assert len(blocks) >= 2, f"{rule.code}: needs a flagged and an unflagged example"
    (flagged_kind, flagged), (clean_kind, clean) = blocks[0], blocks[1]
    config = Config(select=("ALL",))  # other rules may be needed (a suppression needs a finding)
    path = {"markdown": "example.md"}.get(flagged_kind, "example.txt")
    assert any(f.code == rule.code for f in lint_text(flagged, path=path, config=config))
    path = {"markdown": "example.md"}.get(clean_kind, "example.txt")
    assert [f for f in lint_text(clean, path=path, config=config) if f.code == rule.code] == []
