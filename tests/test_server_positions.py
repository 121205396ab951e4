"""LSP positions and buffer edits, without a server: the arithmetic every diagnostic relies on."""

from __future__ import annotations

import pytest

pytest.importorskip("lsprotocol")

from newslint.server.documents import OpenDocument, Snapshot, path_of
from newslint.server.positions import UTF8, UTF16, UTF32, LineIndex


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@pytest.mark.parametrize("prefix", ["", "abc ", "😀", "😀😀 x", "é😀ß𝔘 ", "中文😀"])
def test_utf16_character_counts_surrogate_pairs_before_the_offset(prefix):
    text = f"first line\n{prefix}Kiev here\n"
    offset = text.index("Kiev")
    index = LineIndex(text, UTF16)
    assert index.position(offset) == (1, utf16_units(prefix))
    assert index.offset(1, utf16_units(prefix)) == offset


@pytest.mark.parametrize("encoding,measure", [
    (UTF8, lambda s: len(s.encode("utf-8"))),
    (UTF16, utf16_units),
    (UTF32, len),
])
def test_every_offset_round_trips_in_every_encoding(encoding, measure):
    text = "a😀b\r\nc𝔘d\re\n\nfé😀\n"
    index = LineIndex(text, encoding)
    for offset, char in enumerate(text):
        if char in "\r\n":
            continue
        line, character = index.position(offset)
        line_start = index.starts[line]
        assert character == measure(text[line_start:offset])
        assert index.offset(line, character) == offset


def test_lines_break_at_crlf_cr_and_lf_only():
    text = "one\r\ntwo\rthree\nfour\x0cstill four\u2028and still"
    index = LineIndex(text)
    assert index.starts == [0, 5, 9, 15]
    assert index.position(text.index("still four")) == (3, 5)


def test_positions_past_the_line_or_text_are_clamped():
    index = LineIndex("ab\ncd")
    assert index.offset(0, 99) == 2
    assert index.offset(7, 0) == 5
    assert index.position(2) == (0, 2)


def test_newslint_line_and_column_map_to_offsets():
    text = "x\ny😀z\n"
    index = LineIndex(text)
    assert index.offset_of(2, 3) == text.index("z")


def test_incremental_changes_apply_in_order_with_utf16_ranges():
    doc = OpenDocument("file:///a.md", "/a.md", "markdown", Snapshot(1, "😀 Kiev\nline two\n"))
    doc.apply(2, [((0, 3, 0, 7), "Kyiv"), ((1, 0, 1, 4), "LINE")])
    assert doc.text == "😀 Kyiv\nLINE two\n"
    assert doc.version == 2
    doc.apply(3, [(None, "whole new text")])
    assert doc.text == "whole new text"


def test_unsaved_buffers_get_a_name_that_picks_the_format():
    assert path_of("untitled:Untitled-1", "markdown").endswith("Untitled-1.md")
    assert path_of("untitled:Untitled-2", "plaintext").endswith("Untitled-2.txt")
    assert path_of("file:///tmp/a%20b.md") == "/tmp/a b.md"


def test_an_index_updated_around_an_edit_equals_one_built_from_scratch():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from(["a", "b", " ", "\n", "\r", "\r\n", "😀", "é", "\u2028"])
    texts = st.lists(alphabet, max_size=40).map("".join)

    @settings(max_examples=400, deadline=None)
    @given(texts, texts, st.integers(0, 60), st.integers(0, 60))
    def check(text, new, a, b):
        start, end = sorted((min(a, len(text)), min(b, len(text))))
        updated = LineIndex(text).replaced(start, end, new)
        fresh = LineIndex(text[:start] + new + text[end:])
        assert updated.text == fresh.text
        assert updated.starts == fresh.starts
        assert updated.astral == fresh.astral

    check()
