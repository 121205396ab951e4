"""NL203's search for repeated passages: a shingle index over the article, then sentence pairs.

Two stages, each linear in the length of the article:

1. **Blocks.** Each prose block's four-word shingles are hashed once, and one index maps a hash to
   the first block that had it. A block sharing ``MIN_SHARED`` hashes with earlier blocks names
   the few earlier blocks it shares most with as candidates. Only hashes are kept (an ``array``
   of them per block) and the index is built in passes over slices of the hash space, so a long
   article's index stays a fixed size instead of a dict entry per word of the article.
2. **Sentences.** Only a block with candidates is split into sentences, and so are its candidates.
   Its sentences look up their shingle hashes in each candidate's table; the pairs sharing most go
   through the criteria, cheapest first: length, verbatim share, then the rewrite tests, and only
   then what the document's structure explains (templates, parallel sections, pull quotes).
"""

from __future__ import annotations

import heapq
from array import array
from collections import Counter, OrderedDict
from collections.abc import Sequence
from difflib import Match, SequenceMatcher
from itertools import groupby, repeat
from operator import itemgetter

from newslint.lazyre import lazy_compile
from newslint.syntax.nodes import Block, Document
from newslint.syntax.prose import SENTENCE_INLINES, Sentence, prose_text, sentences

TOKEN = lazy_compile(r"\S+")
# A word is what is left between spaces once these are spaces too.
SEPARATORS = (
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    "\u00a0\u00ab\u00bb\u2010\u2011\u2012\u2013\u2014\u2018\u2019\u201c\u201d\u2026"
)
_SEPARATORS = str.maketrans(dict.fromkeys(SEPARATORS, " "))  # keeps every offset
# str.translate looks each character up in a dict; bytes.translate is a table lookup, several
# times faster, and a replace per wide separator is a memchr-speed scan.
_ASCII_SEPARATORS = bytes.maketrans(
    SEPARATORS.encode("ascii", "ignore"), b" " * len(SEPARATORS.encode("ascii", "ignore"))
)
_WIDE_SEPARATORS = tuple((c.encode(), b" " * len(c.encode())) for c in SEPARATORS if not c.isascii())

SHINGLE = 4  # words per shingle
MIN_WORDS = 8  # shorter sentences ("He declined to comment.") repeat innocently
MIN_SHARED = 3  # shingles two sentences must share before they are compared at all
# Measured on /work/shared/corpus (see bench/structure_corpus.py): a repeat "nearly word for word"
# keeps at least 80% of its shingles; a rewrite keeps a long verbatim run and most content words
# while ordinary sentences about one topic share a name or a stock phrase and little else.
VERBATIM = 0.8
REWRITE_RUN = 8  # words in the longest run the two sentences share
# A short sentence reworded is a callback or a recap (technical posts explain a term twice); a
# rewritten article restates its long sentences.
REWRITE_MIN_WORDS = 15
REWRITE_CONTENT = 0.6  # share of the repeat's content words found in the original
REWRITE_JACCARD = 0.45
# Words that carry no content: a rewrite keeps the names and nouns, not these.
_FUNCTION_WORDS = """a an the and or but nor of in on at to for by with from as is are was were be been being
    has have had it its this that these those which who whom whose he she they we you i his her
    their our your my me him them us not no so than then there here also will would can could
    may might must should shall do does did into onto over under after before about while whereas
    s t if when where what how all any some more most such only just very"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
SKIPPED_KINDS = frozenset({"heading", "table"})  # headlines are NL201/NL202's business
# List items and notes repeat by design: release notes, event calendars, summary bullets.
STRUCTURED_KINDS = frozenset({"list_item", "footnote_def"})
SLOT_INLINES = frozenset({"code", "url"})
SCOPES = ("prose", "all")
FOOTNOTE_MARK = "\u21a9"  # "↩": a footnote list flattened into text
_NUMBER_WORDS = """one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred thousand million billion half dozen"""
NUMBER_WORDS = frozenset(_NUMBER_WORDS.split())
CALLBACK = lazy_compile(
    r"(?i)^\W*(?:again\b|once again\b|to recap\b|to repeat\b|in summary\b|to summari[sz]e\b|recall that\b"
    r"|you mentioned\b|as (?:we |I )?(?:mentioned|noted|said|discussed|described|explained)"
    r"(?: (?:earlier|above|before))?\b)"
    r"|\b(?:I|we) (?:wrote|said|mentioned) earlier\b"
)
# A real sentence ends with a full stop or an exclamation: questions repeat in interviews by
# design, and link lists, menus and captions (no closing punctuation) are NL601's business.
STATEMENT_CLOSERS = "\"'\u201d\u2019)]"  # what may follow the full stop
# "Progress: ...", "How it's going: ...": a templated field, repeated in every section on purpose.
FIELD_LABEL = lazy_compile(r"^\W*(?:[\w.'\u2019-]+\s+){0,3}[\w.'\u2019-]+\W*:")
QUOTED = lazy_compile(r"\u201c[^\u201d]*(?:\u201d|$)|\"[^\"]*(?:\"|$)")
LENGTH_RATIO = 0.6  # a one-line summary of a long sentence is not a repeat of it
PULL_QUOTE_DISTANCE = 3  # blocks between a pull-quote paragraph and the passage it quotes
CANDIDATES = 3  # earlier blocks compared in full with a block that shares shingles with them
# Shingles indexed per pass over the article (a dict entry is about 70 bytes, ten per byte of
# text): an article of news length takes one pass, a long one up to MAX_PASSES, and past that
# the index holds a sixteenth of the article's shingles (under 1 byte per byte of article).
INDEX_PASS = 1 << 13
MAX_PASSES = 16
# Blocks whose sentences stay prepared for comparison; older ones are prepared again if needed.
PREPARED_BLOCKS = 256


def words_of(text: str) -> list[str]:
    """Case-folded words, punctuation dropped: ``text.casefold().translate(_SEPARATORS).split()``,
    which is what it returns (case folding never makes or unmakes a separator or a space)."""
    if text.isascii():
        return text.encode().translate(_ASCII_SEPARATORS).decode().lower().split()
    data = text.encode("utf-8", "surrogatepass").translate(_ASCII_SEPARATORS)
    for wide, spaces in _WIDE_SEPARATORS:
        if wide in data:
            data = data.replace(wide, spaces)
    return data.decode("utf-8", "surrogatepass").casefold().split()


def shingle_hashes(words: list[str]) -> set[int]:
    """Hashes of the four-word shingles: the hash is kept, never the tuple of four words."""
    return set(map(hash, zip(words, words[1:], words[2:], words[3:], strict=False)))


def shingle_sequence(words: list[str]) -> list[int]:
    """The hash of the shingle starting at each word, in order."""
    return list(map(hash, zip(words, words[1:], words[2:], words[3:], strict=False)))


class _Unit:
    """One sentence of eight words or more, with what the criteria read from it, each worked out
    once and only when a pair gets that far."""

    __slots__ = ("_content", "_figures", "_slots", "block", "sentence", "shingles", "single", "words")

    def __init__(self, sentence: Sentence, words: list[str], shingles: set[int], block: _Prepared, single: bool):
        self.sentence = sentence
        self.words = words
        self.shingles = shingles
        self.block = block
        self.single = single  # the only sentence of its block: a pull-quote paragraph can look like this
        self._slots: tuple[str, ...] | None = None
        self._figures: list[str] | None = None
        self._content: frozenset[str] | None = None

    @property
    def section(self) -> tuple[int, int]:
        return self.block.section

    def repeatable(self) -> bool:
        """No full stop at the end (a question, a caption), or a field label: allowed to repeat."""
        text = self.sentence.text.strip()
        if not text.rstrip(STATEMENT_CLOSERS).endswith((".", "!")):
            return True
        return bool(FIELD_LABEL.match(text))

    def slots(self, doc: Document) -> tuple[str, ...]:
        """Code spans and link targets: what a templated sentence varies."""
        if self._slots is None:
            sentence = self.sentence
            self._slots = tuple(
                doc.text[i.start : i.end]
                for i in sentence.block.inlines
                if i.kind in SLOT_INLINES and sentence.start <= i.start < sentence.end
            )
        return self._slots

    def figures(self) -> list[str]:
        if self._figures is None:
            # a word of letters only has no digit: most words skip the character scan
            self._figures = sorted(
                w for w in self.words
                if w in NUMBER_WORDS or (not w.isalpha() and any(c.isdigit() for c in w))
            )
        return self._figures

    def content(self) -> frozenset[str]:
        if self._content is None:
            self._content = frozenset(self.words) - FUNCTION_WORDS
        return self._content


class _Prepared:
    """A block's sentence units and a table from shingle hash to the first unit that has it."""

    __slots__ = ("_labelled", "block", "number", "section", "table", "units")

    def __init__(self, doc: Document, block: Block, number: int, section: tuple[int, int], hashes: array[int]):
        self.block = block
        self.number = number
        self.section = section  # (offset, level) of the heading the block sits under; (-1, 0): none
        self._labelled: bool | None = None
        found = sentences(doc, block)
        single = len(found) == 1
        self.units: list[_Unit] = []
        # The sentences tile the block's words (a boundary always follows punctuation, which
        # words_of drops), so a sentence's shingles are a run of the hashes the index made for
        # the block: nothing is hashed twice.
        sentence_words = [words_of(sentence.text) for sentence in found]
        tiled = len(hashes) == max(0, sum(map(len, sentence_words)) - SHINGLE + 1)
        at = 0
        for sentence, words in zip(found, sentence_words, strict=True):
            if len(words) >= MIN_WORDS:
                if tiled:
                    shingles = set(hashes[at : at + len(words) - SHINGLE + 1])
                else:  # a splitter that cut a word in two: hash the sentence's own words
                    shingles = shingle_hashes(words)
                self.units.append(_Unit(sentence, words, shingles, self, single))
            at += len(words)
        self.table: dict[int, int] = {}
        for position in range(len(self.units) - 1, -1, -1):  # last to first: the first unit wins
            self.table.update(dict.fromkeys(self.units[position].shingles, position))

    def labelled(self, doc: Document) -> bool:
        """Whether the block opens with a field label ("Progress: ..."): a templated section."""
        if self._labelled is None:
            self._labelled = bool(FIELD_LABEL.match(prose_text(doc, self.block).strip()))
        return self._labelled


class _Article:
    """The article's prose blocks, each prepared for comparison only when it is compared."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.blocks: list[Block] = []
        self.sections: list[tuple[int, int]] = []  # per block: the heading it sits under
        self.hashes = array("q")  # every block's shingle hashes in word order, one block after another
        self.bounds = array("l", [0])  # block n's hashes are hashes[bounds[n]:bounds[n + 1]]
        self._prepared: OrderedDict[int, _Prepared] = OrderedDict()

    def prepared(self, number: int) -> _Prepared:
        found = self._prepared.get(number)
        if found is None:
            hashes = self.hashes[self.bounds[number] : self.bounds[number + 1]]
            found = _Prepared(self.doc, self.blocks[number], number, self.sections[number], hashes)
            self._prepared[number] = found
            if len(self._prepared) > PREPARED_BLOCKS:
                self._prepared.popitem(last=False)
        else:
            self._prepared.move_to_end(number)
        return found


def repeats(doc: Document, scope: str = "prose") -> list[tuple[Sentence, Sentence, int]]:
    """(repeat, first occurrence, block index of the repeat) for each block with a repeat."""
    article = _Article(doc)
    section = (-1, 0)
    title = doc.title  # the title's H1 opens no section; any other heading does
    title_start = title.start if title is not None and title.source == "heading" else -1
    for block in doc.blocks:
        if block.kind == "heading" and not block.headline and block.content_start != title_start:
            section = (block.start, block.level)
        if not block.is_prose or block.kind in SKIPPED_KINDS or block.headline:
            continue
        words = words_of(prose_text(doc, block, SENTENCE_INLINES))
        if len(words) < MIN_WORDS:
            continue
        article.blocks.append(block)
        article.sections.append(section)
        article.hashes.extend(shingle_sequence(words))
        article.bounds.append(len(article.hashes))
    found: list[tuple[Sentence, Sentence, int]] = []
    quoted_once: set[tuple[int, int]] = set()
    for number, candidates in sorted(candidate_blocks(article.hashes, article.bounds).items()):
        match = _match(article, number, candidates, quoted_once, scope)
        if match is not None:
            found.append((match[0].sentence, match[1].sentence, number))
    return found


def candidate_blocks(hashes: array[int], bounds: Sequence[int], per_pass: int = INDEX_PASS) -> dict[int, list[int]]:
    """For each block (``hashes[bounds[n]:bounds[n + 1]]``) that has any, the earlier blocks it
    shares ``MIN_SHARED`` shingles with, most shared first (the earlier block first on a tie), at
    most ``CANDIDATES`` of them. A shingle counts for the first block that had it.

    One index over every hash would hold a dict entry per word of the article. Each pass indexes
    only the hashes of one slice of the hash space and writes down (block, first block) for each
    hash seen before; the passes' lists, merged by block, give the same counts as one index. The
    number of passes is capped, so the time stays linear and the index a fixed share of the article."""
    passes = min(MAX_PASSES, 1 + len(hashes) // per_pass)
    if passes == 1:
        return _candidates_in_one_pass(hashes, bounds)
    streams = []
    for part in range(passes):
        index: dict[int, int] = {}
        numbers, firsts = array("i"), array("i")  # in block order
        for number in range(len(bounds) - 1):
            block = hashes[bounds[number] : bounds[number + 1]]
            mine = {h for h in block if h % passes == part}
            common = index.keys() & mine
            if common:
                firsts.extend(map(index.__getitem__, common))
                numbers.extend(repeat(number, len(common)))
                mine -= common
            index.update(dict.fromkeys(mine, number))
        streams.append(zip(numbers, firsts, strict=True))
    found: dict[int, list[int]] = {}
    for number, shared in groupby(heapq.merge(*streams), key=itemgetter(0)):
        candidates = _most_shared(Counter(first for _, first in shared))
        if candidates:
            found[number] = candidates
    return found


def _candidates_in_one_pass(hashes: array[int], bounds: Sequence[int]) -> dict[int, list[int]]:
    """``candidate_blocks`` for an article of news length: one index, counted as it goes."""
    index: dict[int, int] = {}
    found: dict[int, list[int]] = {}
    for number in range(len(bounds) - 1):
        mine = set(hashes[bounds[number] : bounds[number + 1]])
        common = index.keys() & mine
        if len(common) >= MIN_SHARED:
            candidates = _most_shared(Counter(map(index.__getitem__, common)))
            if candidates:
                found[number] = candidates
        mine -= common
        index.update(dict.fromkeys(mine, number))
    return found


def _most_shared(counts: Counter[int]) -> list[int]:
    """The keys counted ``MIN_SHARED`` times or more, most first (the smaller key first on a
    tie), at most ``CANDIDATES``; none unless ``MIN_SHARED`` were counted in all."""
    if counts.total() < MIN_SHARED:
        return []
    ranked = sorted(counts.items())
    ranked.sort(key=itemgetter(1), reverse=True)  # stable: a tie keeps the smaller key first
    return [key for key, count in ranked[:CANDIDATES] if count >= MIN_SHARED]


def _match(
    article: _Article, number: int, candidates: list[int], quoted_once: set[tuple[int, int]], scope: str
) -> tuple[_Unit, _Unit] | None:
    """The first sentence of block ``number`` that repeats a sentence of a candidate block."""
    for unit in article.prepared(number).units:
        original = _original(article, unit, candidates, quoted_once, scope)
        if original is not None:
            return unit, original
    return None


def _original(
    article: _Article, unit: _Unit, candidates: list[int], quoted_once: set[tuple[int, int]], scope: str
) -> _Unit | None:
    """The sentence of a candidate block that ``unit`` repeats, if any."""
    checked = False
    for candidate in candidates:
        other_block = article.prepared(candidate)
        for position, shared in _best_sentences(unit, other_block.table):
            other = other_block.units[position]
            if not _similar(unit, other, shared, scope):
                continue
            if not checked:
                if unit.repeatable():
                    return None
                checked = True
            if scope != "all" and _structured(article.doc, unit, other):
                continue
            if _pull_quote(unit, other) and (candidate, position) not in quoted_once:
                quoted_once.add((candidate, position))  # a quote pulled out once is layout; twice is a repeat
                continue
            return other
    return None


def _best_sentences(unit: _Unit, table: dict[int, int]) -> list[tuple[int, int]]:
    """(sentence position, shingles shared) of the candidate's sentences sharing ``MIN_SHARED``
    shingles with ``unit``, most first (the earlier sentence first on a tie), at most ``CANDIDATES``."""
    common = table.keys() & unit.shingles
    if len(common) < MIN_SHARED:
        return []
    positions = list(map(table.__getitem__, common))
    if positions.count(positions[0]) == len(positions):  # the usual case: one sentence
        return [(positions[0], len(positions))]
    counts = Counter(positions)
    return [(position, counts[position]) for position in _most_shared(counts)]


def _similar(unit: _Unit, other: _Unit, shared: int, scope: str) -> bool:
    """Whether ``unit`` says ``other`` again, word for word or reworded."""
    shorter, longer = sorted((len(unit.words), len(other.words)))
    if shorter / longer < LENGTH_RATIO:
        return False
    if shared / len(unit.shingles) >= VERBATIM:
        return True
    if scope != "all" and unit.section != other.section:
        return False  # a summary restating another section in new words is how articles are built
    return _rewrite(unit, other)


def _rewrite(unit: _Unit, other: _Unit) -> bool:
    """A reworded repeat: a long verbatim run and most content words kept, in a sentence that is
    not merely built on the same template (same opening words, one slot changed)."""
    words, original = unit.words, other.words
    if words[:2] == original[:2] or min(len(words), len(original)) < REWRITE_MIN_WORDS:
        return False
    mine, theirs = unit.content(), other.content()
    if not mine or len(mine & theirs) / len(mine) < REWRITE_CONTENT:
        return False
    if len(mine & theirs) / len(mine | theirs) < REWRITE_JACCARD:
        return False
    return _longest_run(words, original).size >= REWRITE_RUN


def _structured(doc: Document, unit: _Unit, other: _Unit) -> bool:
    """A repeat the document's structure explains: the same passage under two parallel headings
    (one paragraph per release line, CVE or project), a sentence template whose code or link
    varies ("See the [slides](a.slide)", "See the [slides](b.slide)"), or a deliberate callback
    ("Again, ...", "As mentioned earlier, ...")."""
    if unit.sentence.block.kind in STRUCTURED_KINDS and other.sentence.block.kind in STRUCTURED_KINDS:
        return True  # entries of a list repeat one another by design; a list item repeating a paragraph does not
    parallel = unit.section[1] == other.section[1] and min(unit.section[0], other.section[0]) >= 0
    if parallel and unit.section != other.section:
        return True
    slots, other_slots = unit.slots(doc), other.slots(doc)
    if slots != other_slots and slots and other_slots:
        return True
    figures, other_figures = unit.figures(), other.figures()
    if figures != other_figures and figures and other_figures:
        return True  # "five seconds" and "3.5 seconds": one template, two facts
    if unit.section != other.section and len(unit.words) < REWRITE_MIN_WORDS:
        return True  # a short sentence said again in another section: a recap
    if unit.block.labelled(doc) or other.block.labelled(doc) or FOOTNOTE_MARK in unit.sentence.text:
        return True
    return bool(CALLBACK.search(unit.sentence.text))


def _longest_run(words: list[str], original: list[str]) -> Match:
    return SequenceMatcher(None, words, original, autojunk=False).find_longest_match(
        0, len(words), 0, len(original)
    )


def _pull_quote(unit: _Unit, other: _Unit) -> bool:
    """A pull quote repeats the body on purpose: a block quote, a one-sentence paragraph set
    beside the passage it quotes, or words that are quoted speech in either place."""
    if unit.sentence.block.kind == "block_quote" or other.sentence.block.kind == "block_quote":
        return True
    if unit.single != other.single and unit.block.number - other.block.number <= PULL_QUOTE_DISTANCE:
        return True
    if not any("\u201c" in u.sentence.text or '"' in u.sentence.text for u in (unit, other)):
        return False
    run = _longest_run(unit.words, other.words)
    for sentence, start in ((unit.sentence, run.a), (other.sentence, run.b)):
        if "\u201c" in sentence.text or '"' in sentence.text:
            quoted = _quoted_words(sentence.text)
            if quoted and sum(quoted[start : start + run.size]) * 2 >= run.size:
                return True
    return False


def _quoted_words(text: str) -> list[bool]:
    spans = [m.span() for m in QUOTED.finditer(text)]
    if not spans:
        return []
    # Word positions as words_of sees them (translate keeps every character's offset).
    return [any(a <= m.start() < b for a, b in spans) for m in TOKEN.finditer(text.translate(_SEPARATORS))]
