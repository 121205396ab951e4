"""Titles: a headline printed twice, one title shared by two articles, two headlines on one
article; and the headline words NL204 (headline_case.py) reads."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from newslint.findings import Severity
from newslint.lazyre import lazy_compile
from newslint.packs import load_pack
from newslint.rule import Context, Position, ProjectContext, Rule
from newslint.rules.boilerplate import furniture
from newslint.syntax.nodes import Document, Headline
from newslint.syntax.text import normalize_words

MIN_REPEATED_TITLE_WORDS = 3
TITLE_BODY_KINDS = frozenset({"paragraph", "list_item", "block_quote", "table", "code", "html", "references"})


def article_title(doc: Document) -> Headline | None:
    """The article's own title: the front-matter title, else the first H1 or headline line when
    nothing of the body comes before it. An H1 under a block of text (a metadata header the
    model does not read as front matter, an intro) is a section heading, not the title: a
    newsletter's "# Quote of the Week" must not be compared across issues."""
    title = doc.title
    if title is None or title.source == "front-matter":
        return title
    first_body = next(
        (b.start for b in doc.blocks if b.kind in TITLE_BODY_KINDS and not b.headline), len(doc.text)
    )
    return title if title.start < first_body else None


class DuplicateTitle(Rule):
    """A headline repeated within one article, or two articles of one run with one title.

    **What it flags**: a headline line, H1 heading or front-matter title whose text repeats
    an earlier one, case, spacing and punctuation aside; as a project rule, an article whose
    title (front-matter title, else first H1, else first headline line) is the title of
    another article checked in the same run. A front-matter title equal to the first H1 is the
    ordinary Markdown convention, not a duplicate. A section heading (H2 and below) that repeats
    a title of three words or more is the headline pasted again, typically at the end of a
    scraped body. Across articles only titles count (front matter, or an H1 or headline line
    with nothing of the body above it), never section headings: a newsletter's recurring
    "Quote of the Week" section is not a title.

    **Why it matters**: a headline printed twice is scrape or template residue that readers
    notice first; two articles with one title collide in indexes, feeds and search results.

    **Example**:

    ```text
    Council Approves New Budget
    Council Approves New Budget

    The city council approved the budget on Tuesday.
    ```

    The second line repeats the first. Not flagged: a front-matter title restated as the H1.

    ```markdown
    ---
    title: Council Approves New Budget
    ---
    # Council Approves New Budget

    The city council approved the budget on Tuesday.
    ```

    **Fix**: delete the repeat, or retitle one of the two articles. No automatic fix.
    """

    code = "NL201"
    name = "duplicate-title"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> None:
        seen: dict[str, Headline] = {}
        headlines = sorted(doc.headlines, key=lambda h: h.start)
        exempt = self._front_matter_h1_pair(headlines)
        for headline in headlines:
            key = normalize_words(headline.text)
            if not key:
                continue
            first = seen.get(key)
            if first is None:
                seen[key] = headline
            elif headline is not exempt:
                line, _ = doc.position(first.start)
                ctx.report(headline.start, headline.end, f"headline repeats line {line}")
        self._check_section_headings(doc, ctx)

    @staticmethod
    def _check_section_headings(doc: Document, ctx: Context) -> None:
        """A lower-level heading that repeats the title: the headline pasted again as a section
        heading, often at the end of a scraped body."""
        title = article_title(doc)
        if title is None:
            return
        key = normalize_words(HEADLINE_PREFIX.sub("", title.text.strip()))
        if len(key.split()) < MIN_REPEATED_TITLE_WORDS:
            return  # "Overview", "Rust 1.54": a short title may name a section too
        size = len(title.text)
        for block in doc.blocks:
            if block.kind != "heading" or block.level < 2 or block.headline or block.start <= title.start:
                continue
            if not size // 2 <= block.content_end - block.content_start <= size * 2:
                continue  # far longer or shorter: not the same words, whatever the markup
            if normalize_words(doc.text[block.content_start : block.content_end]) == key:
                line, _ = doc.position(title.start)
                ctx.report(block.content_start, block.content_end, f"heading repeats the headline at line {line}")

    @staticmethod
    def _front_matter_h1_pair(headlines: list[Headline]) -> Headline | None:
        """The first H1, when it only restates the front-matter title."""
        title = next((h for h in headlines if h.source == "front-matter"), None)
        first_h1 = next((h for h in headlines if h.source == "heading"), None)
        if title and first_h1 and normalize_words(title.text) == normalize_words(first_h1.text):
            return first_h1
        return None

    def facts(self, doc: Document, ctx: Context) -> Any:
        title = article_title(doc)
        if title is None or not normalize_words(title.text):
            return None
        where = ctx.position(title.start, title.end)
        # facts are JSON values (the results cache stores them): the position as a plain list
        return (normalize_words(title.text), [where.line, where.column, where.end_line, where.end_column],
                title.start, title.end)

    def check_project(self, facts: Sequence[tuple[str, Any]], ctx: ProjectContext) -> None:
        first_path: dict[str, str] = {}
        for path, fact in facts:
            if fact is None:
                continue
            key, where, start, end = fact
            earlier = first_path.get(key)
            if earlier is None:
                first_path[key] = path
                continue
            position = where if isinstance(where, Position) else Position(*where)
            ctx.report(path, position, f"title is also the title of {earlier}", start, end)


# ----- headlines of the title zone, kickers told apart --------------------------------------

BODY_KINDS = frozenset({"paragraph", "list_item", "block_quote", "table"})
KICKER_MAX_WORDS = 4  # "Real-Time Updates: Ukraine Conflict": a label and a topic, no news
# "_(Update 7-March-2021)_ ...", "[Video] ...", "(Photos) ...": a note set before the headline.
HEADLINE_PREFIX = lazy_compile(r"^(?:[_*]{0,2}[(\[][^()\[\]\n]{1,60}[)\]][_*]{0,2}\s+)+(?=\S)")
# The site's name may hold a hyphen inside a word ("Russia-Ukraine war News | Al Jazeera").
SITE_SUFFIX = lazy_compile(
    r"\s+[-\u2013\u2014|]\s+(?P<site>(?:[^-\u2013\u2014|]|(?<=\w)[-\u2013\u2014](?=\w)){2,40})$"
)


@lru_cache(maxsize=32)
def _labels(pack_files: tuple[str, ...]) -> frozenset[str]:
    return frozenset(normalize_words(label) for label in load_pack("boilerplate", pack_files).get("labels", []))


def _without_site(text: str) -> str:
    """"Talks resume - ABC News" -> "Talks resume": page titles carry the site's name."""
    match = SITE_SUFFIX.search(text)
    while match and len(match.group("site").split()) <= KICKER_MAX_WORDS:
        text = text[: match.start()]  # "Story | Section | Site": every trailing label
        match = SITE_SUFFIX.search(text)
    return text


def headline_text(headline: Headline, labels: frozenset[str]) -> str | None:
    """The headline proper, or None for a kicker (section label or running-story label).

    A kicker is a headline line that is a known label ("World News", "Analysis"), a label and a
    colon before a short topic ("Real-Time Updates: Ukraine Conflict"), or a line of at most
    three words set directly over a longer headline line. "Analysis: Why the ceasefire failed"
    is a headline with a label in front: its text after the colon is the headline. A note in
    brackets before the headline ("[Video]", "_(Update 7 March)_") is not part of it.
    """
    text = _without_site(headline.text) if headline.source == "front-matter" else headline.text
    text = str(HEADLINE_PREFIX.sub("", text.strip()))
    key = normalize_words(text)
    if not key or key in labels:
        return None
    prefix, colon, rest = text.partition(":")
    if colon and normalize_words(prefix) in labels:
        if len(normalize_words(rest).split()) <= KICKER_MAX_WORDS:
            return None
        return rest.strip()
    return text


def title_zone(doc: Document, ctx: Context) -> list[tuple[Headline, str]]:
    """The article's headlines before its body, furniture and kickers left out, with the text
    that counts for each: the front-matter title, H1 headings and headline lines that come
    before the first body block. A later H1 is a section heading."""
    body = next((b.start for b in doc.blocks if b.kind in BODY_KINDS and not b.headline), len(doc.text))
    table = furniture(tuple(ctx.pack_files))
    labels = _labels(tuple(ctx.pack_files))
    zone = [
        h
        for h in sorted(doc.headlines, key=lambda h: h.start)
        if (h.source == "front-matter" or h.start < body) and not table.matches(h.text)
    ]
    kept: list[tuple[Headline, str]] = []
    has_title = any(h.source == "front-matter" for h in zone)
    for index, headline in enumerate(zone):
        text = headline_text(headline, labels)
        if text is None:
            continue
        if has_title and headline.source == "heading" and HEADLINE_PREFIX.match(headline.text.strip()):
            continue  # "# _(Update 7 March)_ Fixes released" under a title: an update notice
        if kept and headline.source == "line" and not _headline_shaped(text):
            continue  # a lead-in ("... touched on:"), a byline or a spec line, not a headline
        following = zone[index + 1] if index + 1 < len(zone) else None
        if (
            headline.source == "line"
            and following is not None
            and following.source == "line"
            and len(normalize_words(text).split()) <= 3
            and len(normalize_words(following.text).split()) > len(normalize_words(text).split())
        ):
            continue  # a short section label over the headline
        kept.append((headline, text))
    return kept


def _headline_shaped(text: str) -> bool:
    """Plain-text lines without closing punctuation are headline lines to the parser; a further
    one is a headline only if it reads like one: no closing colon, at most one colon and one
    comma."""
    stripped = text.strip()
    return not stripped.endswith(":") and stripped.count(":") <= 1 and stripped.count(",") <= 1


def _title_cased(text: str) -> bool:
    """Most words that could be capitalised are: the look of a headline, not of a section
    heading or a standfirst written in sentence case."""
    words = [w for w, start in headline_words(text) if not start and w.casefold() not in SMALL_WORDS]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) * 5 >= len(words) * 4


def _same_headline(key: str, other: str) -> bool:
    """Equal once normalised, or one contains the other (a subtitle, a site name)."""
    return key == other or f" {key} " in f" {other} " or f" {other} " in f" {key} "


class ConflictingTitles(Rule):
    """An article that carries two or more different headlines.

    **What it flags**: a second headline, different from the first beyond case, spacing and
    punctuation: two distinct headline lines at the top of a plain-text article, or a
    front-matter title and an H1 that disagree. Reported at each further headline, naming the
    line of the first. Only the title zone counts (front matter, and H1s or headline lines
    before the first body paragraph); a repeat of the same headline is NL201's.

    A kicker is not a headline. A headline line is a kicker when it is a section or story label
    from the ``labels`` list of the ``boilerplate`` pack ("World News", "Analysis", "Live
    updates"), when it is such a label, a colon and a short topic of at most four words
    ("Real-Time Updates: Ukraine Conflict"), or when it has at most three words and sits right
    above a longer headline line ("Ukraine Conflict" over the headline). A label in front of a
    real headline ("Analysis: Why the ceasefire failed") is dropped and the rest compared. A
    headline that contains the other (a subtitle, "Title - Site Name") is the same headline.

    **Why it matters**: two headlines on one article are what a rewrite or a scrape leaves
    when it keeps both the old and the new title. Feeds and indexes pick one at random.

    **Example**:

    ```text
    Council Approves New Budget

    City Budget Passes After Late-Night Vote

    The city council approved the budget on Tuesday.
    ```

    Two different headlines. Not flagged: a kicker over the headline.

    ```text
    Real-Time Updates: City Hall

    Council Approves New Budget

    The city council approved the budget on Tuesday.
    ```

    **Fix**: keep one headline and delete the other. No automatic fix.
    """

    code = "NL202"
    name = "conflicting-titles"
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> None:
        seen: list[str] = []
        first_line = 0
        for headline, text in title_zone(doc, ctx):
            key = normalize_words(text)
            if any(_same_headline(key, other) for other in seen):
                continue
            if seen and headline.source == "line" and (len(key.split()) < 4 or not _title_cased(text)):
                continue  # a section heading, dateline or standfirst under the headline
            if not seen:
                first_line, _ = doc.position(headline.start)
            else:
                ctx.report(headline.start, headline.end, f"headline differs from the headline at line {first_line}")
            seen.append(key)


# ----- capitalisation ------------------------------------------------------------------------

# Words either style may leave lowercase: articles, conjunctions, prepositions, name particles.
_SMALL_WORDS = """a an the and but or nor for so yet as at by in of off on per to up via vs v from into
    onto over with than amid upon out if about above across after against along among around
    before behind below beneath beside between beyond despite down during except inside like
    near outside past since through toward towards under until unto within without
    de del della der di da das dos du la le van von al bin ibn"""
SMALL_WORDS = frozenset(_SMALL_WORDS.split())
TOKEN = lazy_compile(r"\S+")
# the trailing run may start only where a letter or number ends: one try per run, not per character
EDGE = lazy_compile(r"^[^\p{L}\p{N}]+|(?<![^\p{L}\p{N}])[^\p{L}\p{N}]++$")
SEGMENT_END = tuple(".:;?!\u2014\u2013|")  # the next word starts a new segment, capitalised in both styles
OPEN_QUOTES = "\"'\u201c\u2018"
CLOSE_QUOTES = "\"'\u201d\u2019"
CODE_SPAN = lazy_compile(r"`[^`]*`")
BODY_WORD = lazy_compile(r"(?<=[\p{L}\p{N},;]\s+)[\p{L}][\p{L}'\u2019-]*")


def headline_words(text: str) -> list[tuple[str, bool]]:
    """(word, starts a segment) for the words whose capitalisation says something: first word
    of the headline or after a colon, dash or question mark marked; quoted speech, numbers,
    acronyms (NATO, U.S.) and mixed-case names (iPhone, McDonald) left out."""
    return [(word, starts) for word, starts, _ in headline_tokens(text)]


def headline_tokens(text: str) -> list[tuple[str, bool, bool]]:
    """(word, starts a segment, first counted word of a new segment) for ``headline_words``.

    The third value marks a segment boundary even when the word that opened the segment was
    left out (a quote opening the second sentence: 'Strike Over Pay. "We are tired," say nurses').
    A capitalised word right after a quoted title ("'The Long Winter' Season 3 ...") may belong
    to that title, and a word with a dot, slash or underscore inside (web.go) is an identifier:
    both are left out."""
    words: list[tuple[str, bool, bool]] = []
    segment_start = True
    boundary = True
    quoted = False
    after_quote = False
    for match in TOKEN.finditer(text):
        token = match.group()
        opens = token[0] in OPEN_QUOTES
        closes = token[-1] in CLOSE_QUOTES and not token.endswith(("'s", "\u2019s"))
        if opens and not (closes and len(token) > 1):
            quoted = True
        inside = quoted or opens
        closed_here = closes and (quoted or opens)
        if closes and quoted:
            quoted = False
        word = EDGE.sub("", token).split("-")[0]
        starts = segment_start or token[0] == "("
        core = token.rstrip(CLOSE_QUOTES + ")]")  # 'exhausted."' ends a sentence too
        segment_end = core.endswith(SEGMENT_END) or token in ("-", "\u2013", "\u2014", "|")
        segment_start = segment_end
        follows_quote, after_quote = after_quote, closed_here
        opens_segment, boundary = boundary, boundary or segment_end  # until a word is kept
        if inside or not word or (not token[0].isalpha() and token[0] not in "([") or any(
            c.isdigit() for c in word
        ):
            continue
        if len(word) > 1 and (word.isupper() or any(c.isupper() for c in word[1:])):
            continue
        if IDENTIFIER.search(word) or (follows_quote and word[0].isupper()):
            continue
        words.append((word, starts, opens_segment))
        boundary = segment_end
    return words


IDENTIFIER = lazy_compile(r"[./_\\]\w")
RULES = [DuplicateTitle, ConflictingTitles]
