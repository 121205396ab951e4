"""NL203's search (rules/repetition.py) beyond its fixtures: words, the block index, memory."""

from __future__ import annotations

import gc
import random
import tracemalloc
from array import array
from pathlib import Path

import pytest

from newslint.rules import spelling
from newslint.rules.repetition import (
    _SEPARATORS,
    _Article,
    candidate_blocks,
    repeats,
    shingle_hashes,
    shingle_sequence,
    words_of,
)
from newslint.syntax.nodes import Document
from newslint.syntax.parser import parse
from newslint.syntax.prose import SENTENCE_INLINES, all_sentences, prose_text, sentences

FIXTURES = Path(__file__).parent / "fixtures" / "NL203"
_WORDS = """council harbour strike union minister repairs cargo ships monday officials workers
    talks wages night cranes delays exports river bridge mayor budget vote funding residents
    ferry tolls engineers inspection flood barrier"""
WORDS = _WORDS.split()


def _reading(text: str) -> list[str]:
    """What words_of must return: the plain str.translate reading."""
    return text.casefold().translate(_SEPARATORS).split()


@pytest.mark.parametrize(
    "text",
    [
        "The Council's “new” budget—approved 3–2…",
        "Straße İstanbul ŉ ﬁnal ΣΊΣΥΦΟΣ «quoted» ‘single’",
        "tabs\tand\u2028line\u3000separators\x1cand\x85more\u00a0nbsp",
        "a lone surrogate \ud800 stays a word",
        "",
        "   ",
    ],
)
def test_words_of_reads_like_the_translate_table(text):
    assert words_of(text) == _reading(text)


def test_words_of_reads_like_the_translate_table_on_random_text():
    rng = random.Random(3)
    alphabet = [chr(c) for c in range(32, 0x2200)] + list(" \n\t.,;:'\"’“”—–…")
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
        assert words_of(text) == _reading(text)


def _paragraphs(rng: random.Random, count: int) -> list[list[str]]:
    """Random paragraphs with some repeated in full or in part, as word lists."""
    out: list[list[str]] = []
    for _ in range(count):
        if out and rng.random() < 0.2:
            source = rng.choice(out)
            cut = rng.randint(0, len(source) // 2)
            out.append(source[cut:] + [rng.choice(WORDS) for _ in range(rng.randint(0, 10))])
        else:
            out.append([rng.choice(WORDS) for _ in range(rng.randint(8, 40))])
    return out


def _index(paragraphs: list[list[str]]) -> tuple[array[int], list[int]]:
    hashes: array[int] = array("q")
    bounds = [0]
    for words in paragraphs:
        hashes.extend(shingle_sequence(words))
        bounds.append(len(hashes))
    return hashes, bounds


@pytest.mark.parametrize("seed", range(5))
def test_the_index_in_passes_names_the_same_candidates_as_one_index(seed):
    hashes, bounds = _index(_paragraphs(random.Random(seed), 300))
    one_pass = candidate_blocks(hashes, bounds, per_pass=len(hashes) + 1)
    assert one_pass  # the article has repeats to find
    for per_pass in (1, 97, 1000):
        assert candidate_blocks(hashes, bounds, per_pass=per_pass) == one_pass


def test_a_tie_between_earlier_blocks_goes_to_the_earlier_one():
    # block 2 shares three shingles with block 0 and three with block 1
    hashes = array("q", [1, 2, 3, 4, 5, 6, 7, 8, 6, 7, 8, 1, 2, 3])
    bounds = [0, 4, 8, 14]
    assert candidate_blocks(hashes, bounds) == {2: [0, 1]}
    # two shared with each: five in all, but no single earlier block reaches three
    assert candidate_blocks(array("q", [1, 2, 5, 6, 9, 1, 2, 5, 6]), [0, 2, 4, 9]) == {}


def _documents() -> list[Document]:
    docs = [parse(p.read_text(encoding="utf-8"), p.name) for p in sorted(FIXTURES.glob("*.*")) if p.suffix != ".toml"]
    docs.append(parse(
        "Port talks\n\nDr. Lee said on Monday the U.S. port \"would reopen\" [1]. It did not.\n\n"
        "The union's vote (held at 9 p.m.) passed 40–2 [2][3]! \"We won,\" she said.Then the crews left.\n",
        "talks.txt",
    ))
    return docs


def test_the_sentences_tile_their_block_words():
    # A sentence's shingle hashes are taken from the block's run of hashes (nothing is hashed
    # twice); that holds only if the sentences' words, end to end, are the block's words.
    for doc in _documents():
        for block in doc.prose_blocks():
            block_words = words_of(prose_text(doc, block, SENTENCE_INLINES))
            assert [w for s in sentences(doc, block) for w in words_of(s.text)] == block_words


def test_a_sentence_has_the_shingles_of_its_own_words():
    for doc in _documents():
        article = _Article(doc)
        for block in doc.prose_blocks():
            article.blocks.append(block)
            article.sections.append((-1, 0))
            article.hashes.extend(shingle_sequence(words_of(prose_text(doc, block, SENTENCE_INLINES))))
            article.bounds.append(len(article.hashes))
        for number in range(len(article.blocks)):
            for unit in article.prepared(number).units:
                assert unit.words == words_of(unit.sentence.text)
                assert unit.shingles == shingle_hashes(unit.words)


def _long_article(paragraphs: int) -> str:
    rng = random.Random(11)
    body = [
        f"Update {n}: " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(18, 30))) + f" [{n % 9 + 1}]."
        for n in range(paragraphs)
    ]
    return "Harbour live\n\n" + "\n\n".join(body) + "\n"


def test_the_search_on_a_long_article_needs_a_small_multiple_of_its_size():
    text = _long_article(3000)  # ~0.5 MB
    doc = parse(text, "live.txt")
    all_sentences(doc)  # shared with the sentence rules; kept on the document either way
    gc.collect()
    tracemalloc.start()
    try:
        repeats(doc)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # Measured 2.4 bytes per byte (half of it the hashes in word order); with a dict entry per
    # shingle, the index before it ran in passes, 9.9.
    assert peak / len(text) < 4, f"{peak / len(text):.1f} bytes per byte"


def test_the_spelling_word_list_is_read_a_chunk_at_a_time(monkeypatch):
    rng = random.Random(5)
    vocabulary = [*WORDS, "colour", "color", "Colour", "defence", "defense", "organise", "organize"]
    text = " ".join(rng.choice(vocabulary) + rng.choice(["", ",", ".", "\n", "’s"]) for _ in range(3000))
    listed = frozenset(w.encode() for w in ("colour", "color", "defence", "defense", "organise", "organize"))
    whole = spelling._listed_words(text, listed)
    assert whole == {"colour", "color", "defence", "defense", "organise", "organize"}
    for chunk in (1, 7, 100):
        monkeypatch.setattr(spelling, "_CHUNK", chunk)
        assert spelling._listed_words(text, listed) == whole
