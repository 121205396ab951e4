"""Each rule against its fixture articles: exact findings, negatives included.

tests/fixtures/<CODE>/ holds small articles and expected.toml mapping each file to the exact
"line:column message" findings that rule must produce for it (an empty list: it must stay silent).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newslint.config import Config
from newslint.engine import lint_text, read_article

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

FIXTURES = Path(__file__).parent / "fixtures"


def cases():
    for folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        expected = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
        for name, findings in expected.items():
            yield pytest.param(folder.name, folder / name, findings, id=f"{folder.name}/{name}")


@pytest.mark.parametrize(("code", "article", "expected"), list(cases()))
def test_rule_reports_exactly_the_expected_findings(code: str, article: Path, expected: list[str]):
    text = read_article(str(article))
    findings = lint_text(text, path=article.name, config=Config(select=(code,)))
    assert [f"{f.line}:{f.column} {f.message}" for f in findings] == expected


def test_every_fixture_article_is_listed_in_its_expectations():
    for folder in (p for p in FIXTURES.iterdir() if p.is_dir()):
        expected = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
        articles = {p.name for p in folder.iterdir() if p.name != "expected.toml"}
        assert articles == set(expected), folder.name
