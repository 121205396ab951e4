"""newslint's references against CommonMark (markdown-it-py), in and out of containers.

See tests/commonmark_oracle.py for what is compared. Skipped where the test-only oracle
packages are not installed.
"""

from __future__ import annotations

import pytest

pytest.importorskip("markdown_it")
pytest.importorskip("mdit_py_plugins")

from commonmark_oracle import WRAPPERS, compare, load_examples, newslint, oracle
from newslint.engine import lint_text

TARGET = 0.98

# Deliberate differences: documents where newslint reads references differently from CommonMark
# on purpose, with the reason. Each must still differ (the list stays true), and no other
# document may.
DELIBERATE: dict[str, tuple[str, str]] = {
    "numbered citations": (
        "Rates rose [1].\n\n[1] Central bank statement\n",
        "news articles cite by number against a '[1] Title' list; CommonMark sees text",
    ),
}

# Our own documents for what the spec examples do not show: notes over several paragraphs,
# definitions in notes and quotes, inline HTML opening a paragraph line.
OWN_EXAMPLES = [
    "Officials spoke.[^a]\n\n[^a]: First paragraph of the note.\n\n    Second paragraph cites [the plan][p].\n\n"
    "    [p]: https://example.org/plan\n",
    "> The minister said so.[^q]\n>\n> [^q]: Recorded on Monday.\n",
    '<a href="https://example.org">The ministry</a> confirmed [the figures].\n\n[the figures]: /figures\n',
    "- First point [a][].\n\n  [a]: /a\n\n- Second point\n\n      code [b][]\n",
    "Intro.\n\n````\n```\n[x][]\n```\n````\n\n[x]: /x\n",
    "<pre>\n\n[y][]\n\n</pre>\n\n[y]: /y\n",
    "Text [c].\n[c]: /c\n\n[c][]\n",
    "Text\n\n[d]: /d 'title' trailing\n\n[d]\n",
    "[e\\]f]: /e\n\nSee [e\\]f].\n",
    "See [g\\][h].\n\n[h]: /h\n",
    "See [i][ ].\n\n[i]: /i\n",
    "[label\nwraps]: /w\n\nSee [label wraps].\n",
    "> > [j]: /j\n> >\n> > Quoted twice [j].\n",
]


def _outcomes():
    return [compare(example, wrapper) for wrapper in WRAPPERS for example in load_examples()]


def test_every_wrapper_agrees_with_commonmark_on_at_least_98_percent_of_spec_examples():
    outcomes = _outcomes()
    for wrapper in WRAPPERS:
        mine = [o for o in outcomes if o.wrapper == wrapper]
        agreed = sum(o.agrees for o in mine)
        assert agreed / len(mine) >= TARGET, (wrapper, agreed, len(mine))
    differing = [f"#{o.example} in {o.wrapper}: {o.describe()}" for o in outcomes if not o.agrees]
    assert differing == []  # every difference must be listed in DELIBERATE with its reason


@pytest.mark.parametrize("text", OWN_EXAMPLES)
@pytest.mark.parametrize("wrapper", list(WRAPPERS))
def test_own_examples_agree_in_every_container(text, wrapper):
    if wrapper == "footnote" and "[^" in text:
        pytest.skip("mdit-py-plugins does not resolve a note cited inside another note")
    outcome = compare({"example": 0, "section": "own", "markdown": text}, wrapper)
    assert outcome.agrees, outcome.describe()


@pytest.mark.parametrize("name", list(DELIBERATE))
def test_deliberate_differences_still_differ(name):
    text, _reason = DELIBERATE[name]
    ours, _dangling = newslint(text)
    assert ours != oracle(text)


def test_comment_idiom_definitions_are_not_reported_unused():
    text = "[//]: # (Editor: check the figures before noon)\n\nRates rose on Monday.\n"
    codes = [f.code for f in lint_text(text, path="a.md")]
    assert "NL101" not in codes
    assert "NL101" in [f.code for f in lint_text("[site]: https://example.org\n\nRates rose.\n", path="a.md")]


def test_site_template_includes_may_define_reference_links():
    text = "Rates rose, says [the bank][bank].\n\n{% include links.md %}\n"
    assert "NL102" not in [f.code for f in lint_text(text, path="a.md")]
    assert "NL102" in [f.code for f in lint_text("Rates rose, says [the bank][bank].\n", path="a.md")]
