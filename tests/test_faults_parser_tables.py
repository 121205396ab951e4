"""The parsers come from tables shipped with the package, never from a cache file in a shared folder."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys

import pytest

from newslint.devtools import build_parsers
from newslint.devtools.build_parsers import requested_parsers
from newslint.syntax import tables

SAMPLES = {
    "sample.md": (
        "---\ntitle: Harbour works\n---\n# Harbour works resume\n\n"
        "Crews returned on Monday [1], the port said [^a].\n\n"
        "> A quoted line [2].\n\n- item one\n- item two [3]\n\n```\ncode [9]\n```\n\n<!-- note -->\n\n"
        "[^a]: The port's statement.\n[site]: https://example.org\n\n## References\n\n1. First\n2. Second\n"
    ),
    "sample.txt": "Harbour works resume\n\nCrews returned on Monday [1].\n\nSources\n\n[1] Port statement\n[2] Union\n",
}


def test_every_parser_newslint_uses_is_shipped_and_matches_its_grammar():
    """Fails after a .lark grammar or the Lark options change until the tables are rebuilt."""
    requested = requested_parsers()
    assert requested, "the parser asked for no Lark parser"
    stale = [g for g, (_options, how) in tables.REQUESTED.items() if how != "shipped"]
    assert not stale, f"stale parser tables for {stale}: run python -m newslint.devtools.build_parsers"


@pytest.mark.parametrize("grammar", sorted(requested_parsers()))
def test_shipped_tables_parse_exactly_like_a_parser_built_from_the_grammar(grammar):
    options = requested_parsers()[grammar]
    shipped = tables.load_parser(grammar, **options)
    built = tables.build(grammar, options)
    assert [(t.name, t.pattern.to_regexp(), t.priority) for t in shipped.terminals] == [
        (t.name, t.pattern.to_regexp(), t.priority) for t in built.terminals
    ]
    if grammar == "inline.lark":
        samples = [line for text in SAMPLES.values() for line in text.splitlines() if line]
    else:
        samples = [text for name, text in SAMPLES.items() if (name.endswith(".md")) == (grammar == "markdown.lark")]
    for text in samples:
        assert shipped.parse(text) == built.parse(text)


def _cli_env(tmp_path) -> dict[str, str]:
    temp = tmp_path / "tmp"
    temp.mkdir(exist_ok=True)
    return dict(os.environ, TMPDIR=str(temp), XDG_CACHE_HOME=str(tmp_path / "cache"), PYTHONIOENCODING="utf-8")


class _Planted:
    """Unpickling this creates the marker file: proof that a planted cache was read."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_lark_cache_planted_in_the_temp_folder_is_never_unpickled(tmp_path):
    env = _cli_env(tmp_path)
    temp = tmp_path / "tmp"
    # Let Lark write its cache files where a check run would look for them (same grammar, same options) ...
    builder = (
        "import sys, json\nfrom lark import Lark\n"
        "for path, options in json.loads(sys.argv[1]):\n"
        "    Lark.open(path, cache=True, **options)\n"
    )
    requests = [[str(tables.GRAMMAR_DIR / g), o] for g, o in requested_parsers().items()]
    subprocess.run([sys.executable, "-c", builder, json.dumps(requests)], env=env, check=True, timeout=60)
    planted = sorted(temp.glob(".lark_cache_*"))
    assert planted, "Lark wrote no cache file to plant over"
    # ... then replace each with another user's pickle.
    marker = tmp_path / "planted-code-ran"
    for path in planted:
        path.write_bytes(b"0\n" + pickle.dumps(_Planted(str(marker))))
    (tmp_path / "a.md").write_text("# Title\n\nText [1].\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "newslint", "check", "--no-cache", "a.md"],
                            cwd=tmp_path, env=env, capture_output=True, timeout=60)
    assert result.returncode in (0, 1), result.stderr
    assert not marker.exists(), "newslint unpickled a cache file planted in the temp folder"


def test_a_check_run_writes_nothing_to_the_shared_temp_folder(tmp_path):
    env = _cli_env(tmp_path)
    (tmp_path / "a.md").write_text("# Title\n\nText [1].\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "newslint", "check", "--no-cache", "a.md"],
                            cwd=tmp_path, env=env, capture_output=True, timeout=60)
    assert result.returncode in (0, 1), result.stderr
    assert sorted(p.name for p in (tmp_path / "tmp").iterdir()) == []


def test_the_shipped_lark_runtime_is_what_lark_generates():
    """Fails after a hand edit of lark_runtime.py, or a change to how build_parsers writes it. The
    runtime is self-contained: another installed Lark release doesn't affect a run, so the test
    can only compare against the release the runtime came from (build_parsers --check flags the
    upgrade)."""
    import lark

    from newslint.syntax import lark_runtime

    if lark.__version__ != lark_runtime.__version__:
        pytest.skip(f"lark_runtime.py is from Lark {lark_runtime.__version__}, Lark {lark.__version__} is installed")
    assert not build_parsers.runtime_stale(), "stale lark_runtime.py: run python -m newslint.devtools.build_parsers"


def test_a_check_run_parses_without_importing_lark(tmp_path):
    """The shipped tables are read by the generated runtime: lark's grammar loader is never imported."""
    (tmp_path / "a.md").write_text("# Title\n\nText [1] and *more*.\n\n1. Entry\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Title\n\nText [1].\n\n[1] Entry\n", encoding="utf-8")
    probe = (
        "import sys\nfrom newslint.cli import main\n"
        "try:\n    main(['check', '--no-cache', 'a.md', 'b.txt'])\n"
        "except SystemExit as exit:\n    assert exit.code in (0, 1), exit.code\n"
        "print(sorted(m for m in sys.modules if m == 'lark' or m.startswith('lark.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=_cli_env(tmp_path),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_a_grammar_built_from_its_lark_file_is_read_by_the_same_runtime(monkeypatch):
    """When the shipped tables are stale, lark builds the parser and the runtime loads it: the model
    sees the runtime's Tree and Token either way."""
    from newslint.syntax import lark_runtime

    monkeypatch.setattr(tables, "shipped_entry", lambda grammar: None)
    parser = tables.load_parser("plaintext.lark", parser="lalr", lexer="contextual")
    assert tables.REQUESTED["plaintext.lark"][1] == "built"
    tree = parser.parse("Title\n\nText [1].\n")
    assert isinstance(tree, lark_runtime.Tree)
    tokens = [c for subtree in tree.iter_subtrees() for c in subtree.children if not isinstance(c, lark_runtime.Tree)]
    assert tokens
    assert all(isinstance(t, lark_runtime.Token) for t in tokens)


def test_the_shipped_scanner_code_holds_every_lexer_pattern():
    """Fails after a grammar change until build_parsers rewrites scanners.json (on the Python that wrote it)."""
    state = build_parsers.scanners_stale()
    if state is None:
        pytest.skip("scanners.json was written by another Python version")
    assert state is False, "stale scanners.json: run python -m newslint.devtools.build_parsers"


def test_a_scanner_from_shipped_code_is_the_pattern_re_compiles():
    import re

    from newslint.syntax import scanners

    if not scanners.shipped():
        pytest.skip("scanners.json was written by another Python version")
    texts = [line for text in SAMPLES.values() for line in text.splitlines()] + ["`code` **b** <x> ~~~", "+++"]
    for key in scanners.shipped():
        flags, _, source = key.partition(":")
        shipped = scanners.compile_pattern(source, int(flags))
        compiled = re.compile(source, int(flags))
        assert shipped is not compiled
        assert (shipped.pattern, shipped.flags, shipped.groups, shipped.groupindex) == (
            compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex)
        for text in texts:
            for at in range(len(text)):
                one, two = shipped.match(text, at), compiled.match(text, at)
                assert (one and (one.span(), one.lastgroup)) == (two and (two.span(), two.lastgroup))


def test_a_damaged_or_foreign_scanner_table_only_means_compiling(monkeypatch, tmp_path):
    from newslint.syntax import scanners

    foreign = tmp_path / "scanners.json"
    foreign.write_text(json.dumps({"engine": ["other", 3, 99, 0, 4], "patterns": {"0:a": [0, 0, {}, [], "AAAA"]}}))
    monkeypatch.setattr(scanners, "SCANNERS_FILE", foreign)
    scanners.shipped.cache_clear()
    try:
        assert scanners.shipped() == {}
        assert scanners.compile_pattern("a|b", 0).match("b")
        foreign.write_text("{not json")
        scanners.shipped.cache_clear()
        assert scanners.shipped() == {}
    finally:
        scanners.shipped.cache_clear()
