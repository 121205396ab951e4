"""Parse an article into the document model: Lark block grammar, then inline grammar per block.

Two levels keep both grammars small and LALR: the block grammar sees one token per line, the
inline grammar sees one block's text. Parsers are built once per process from the ``.lark``
files beside this module; their built tables ship with the package (see ``syntax.tables``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from lark import Lark, Token, Tree
from lark.exceptions import LarkError, UnexpectedInput, UnexpectedToken

from newslint.syntax.nodes import (
    Block,
    Citation,
    Document,
    FrontMatter,
    Headline,
    Inline,
    ReferenceEntry,
)
from newslint.syntax.tables import load_parser
from newslint.syntax.text import normalize_label, normalize_phrase

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

Format = Literal["markdown", "text"]
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdx")
MAX_RANGE = 50  # a citation range wider than this is a typo, not fifty sources

# Plain-text headline lines: short, unpunctuated lines before the body.
HEADLINE_MAX_CHARS = 160
HEADLINE_MAX_WORDS = 22
HEADLINE_ZONE_BLOCKS = 8


def format_for(path: str) -> Format:
    return "markdown" if path.lower().endswith(MARKDOWN_SUFFIXES) else "text"


@cache
def _block_parser(fmt: Format) -> Lark:
    grammar = "markdown.lark" if fmt == "markdown" else "plaintext.lark"
    return load_parser(grammar, parser="lalr", lexer="contextual")


@cache
def _inline_parser() -> Lark:
    return load_parser("inline.lark", parser="lalr", lexer="basic")


@cache
def _inline_scanner() -> re.Pattern[str]:
    """The inline grammar's terminals as one alternation, in the order Lark's basic lexer
    tries them (priority, then width). The inline grammar is a flat token list, so scanning
    with this pattern yields exactly Lark's tokens without its per-token bookkeeping
    (line counting, Token objects), which dominates on long paragraphs."""
    terminals = sorted(
        _inline_parser().terminals,
        key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name),
    )
    return re.compile("|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals))


@dataclass(frozen=True)
class ParseOptions:
    """Words the model needs from packs: which headings open a reference list, and which
    lines are page furniture (never the article's title)."""

    reference_headings: frozenset[str] = frozenset()
    boilerplate_phrases: frozenset[str] = frozenset()


@lru_cache(maxsize=64)
def options_for(pack_files: tuple[str, ...] = ()) -> ParseOptions:
    """Parse options from the built-in packs, extended by a config's user pack files."""
    from newslint.packs import load_pack

    return ParseOptions(
        reference_headings=frozenset(
            normalize_phrase(h) for h in load_pack("references", pack_files).get("headings", [])
        ),
        boilerplate_phrases=frozenset(
            normalize_phrase(p) for p in load_pack("boilerplate", pack_files).get("phrases", [])
        ),
    )


def default_options() -> ParseOptions:
    return options_for(())


# ----- inline -------------------------------------------------------------------------


def _numeric_labels(inner: str) -> tuple[str, ...]:
    if inner.isdigit():
        return (str(int(inner)),)
    labels: list[str] = []
    for part in inner.replace(";", ",").split(","):
        bounds = part.replace("\u2013", "-").replace("\u2014", "-").split("-")
        numbers = [b.strip() for b in bounds if b.strip()]
        if len(numbers) == 2 and numbers[0].isdigit() and numbers[1].isdigit():
            low, high = int(numbers[0]), int(numbers[1])
            if low <= high and high - low <= MAX_RANGE:
                labels.extend(str(n) for n in range(low, high + 1))
                continue
        labels.extend(str(int(n)) for n in numbers if n.isdigit())
    return tuple(dict.fromkeys(labels))


class InlineBuilder:
    """Turns the inline token stream of one block into inline runs and citations."""

    def __init__(self, defined_links: frozenset[str]):
        self.defined_links = defined_links

    def build(self, source: str, base: int) -> tuple[list[Inline], list[Citation]]:
        inlines: list[Inline] = []
        citations: list[Citation] = []
        self._walk(source, base, inlines, citations, linked=False)
        return inlines, citations

    def _walk(
        self,
        source: str,
        base: int,
        inlines: list[Inline],
        citations: list[Citation],
        linked: bool,
    ) -> None:
        text_start = -1
        text_end = -1
        for match in _inline_scanner().finditer(source):
            kind = match.lastgroup
            start = base + match.start()
            end = base + match.end()
            if kind in ("TEXT", "OTHER", "ESCAPE"):
                if text_start < 0:
                    text_start = start
                text_end = end
                continue
            if text_start >= 0:
                inlines.append(Inline("text", text_start, text_end))
                text_start = -1
            value = match.group()
            if kind == "NUM_CITE":
                labels = _numeric_labels(value[1:-1])
                citations.append(Citation("numeric", start, end, labels, linked))
                inlines.append(Inline("citation", start, end))
            elif kind == "FOOTNOTE_CITE":
                citations.append(
                    Citation("footnote", start, end, ("^" + normalize_label(value[2:-1]),), linked)
                )
                inlines.append(Inline("citation", start, end))
            elif kind == "PANDOC_CITE":
                keys = tuple(
                    "@" + word.lstrip("-@").rstrip(",;.")
                    for word in value[1:-1].replace(";", " ").split()
                    if word.lstrip("-").startswith("@")
                )
                citations.append(Citation("pandoc", start, end, keys))
                inlines.append(Inline("citation", start, end))
            elif kind == "LINK":
                self._link_text(value, start, inlines, citations)
                close = value.rfind("](")
                inlines.append(Inline("url", start + close + 1, end))
            elif kind == "REF_LINK":
                close = value.rfind("][")
                label_text = value[close + 2 : -1]
                text_end_rel = close
                label = normalize_label(label_text) or normalize_label(
                    value[(2 if value.startswith("!") else 1) : close]
                )
                citations.append(Citation("link", start, end, (label,)))
                self._link_text(value[: text_end_rel + 1], start, inlines, citations)
                inlines.append(Inline("citation", start + close + 1, end))
            elif kind == "BRACKET":
                inner = value[2:-1] if value.startswith("!") else value[1:-1]
                label = normalize_label(inner)
                if label and label in self.defined_links:
                    citations.append(Citation("shortcut", start, end, (label,)))
                    inlines.append(Inline("citation", start, end))
                else:
                    # "[sic]", "[the ministry]", "[ ]": text that happens to be bracketed
                    if text_start < 0:
                        text_start = start
                    text_end = end
            elif kind == "CODE":
                inlines.append(Inline("code", start, end))
            elif kind in ("URL", "AUTOLINK"):
                inlines.append(Inline("url", start, end))
            elif kind == "COMMENT":
                inlines.append(Inline("comment", start, end))
            elif kind == "HTML_TAG":
                inlines.append(Inline("html", start, end))
            else:  # EMPH
                inlines.append(Inline("emphasis", start, end))
        if text_start >= 0:
            inlines.append(Inline("text", text_start, text_end))

    def _link_text(
        self, value: str, start: int, inlines: list[Inline], citations: list[Citation]
    ) -> None:
        """The visible text of ``[text](...)`` is prose (it may hold citations); an image's
        alt text is not."""
        if value.startswith("!"):
            inlines.append(Inline("link", start, start + value.find("]") + 1))
            return
        close = _matching_bracket(value)
        inlines.append(Inline("link", start, start + 1))
        if close > 1:
            self._walk(value[1:close], start + 1, inlines, citations, linked=True)
        inlines.append(Inline("link", start + close, start + close + 1))


def _matching_bracket(value: str) -> int:
    depth = 0
    for index, char in enumerate(value):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index
    return len(value) - 1


# ----- blocks -------------------------------------------------------------------------


def _strip_eol(text: str, start: int, end: int) -> int:
    """End offset of a line run without its final line break."""
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    return end


def _blank_prefix(source: str, widths: Sequence[int]) -> str:
    """Replace each line's container marker (``>``, ``- ``) by spaces: offsets stay exact."""
    lines = source.split("\n")
    out = []
    for line, width in zip(lines, widths, strict=False):
        out.append(" " * width + line[width:])
    out.extend(lines[len(widths) :])
    return "\n".join(out)


def _leading(token: str, chars: str) -> int:
    """Length of the run of ``chars`` at the start of a token."""
    index = 0
    while index < len(token) and token[index] in chars:
        index += 1
    return index


class _Builder:
    def __init__(self, text: str, path: str, fmt: Format, options: ParseOptions):
        self.text = text
        self.path = path
        self.format = fmt
        self.options = options
        self.blocks: list[Block] = []
        self.references: list[ReferenceEntry] = []
        self.citations: list[Citation] = []
        self.headlines: list[Headline] = []
        self.front_matter: FrontMatter | None = None
        self.section: str | None = None
        self.section_level = 0
        self.list_next_number: int | None = None
        self.item_content_width: int | None = None  # content column of the list item above
        self.inline = InlineBuilder(frozenset())

    # -- entry -------------------------------------------------------------------------

    def build(self, tree: Tree[Token]) -> Document:
        children = [c for c in tree.children if isinstance(c, Tree)]
        self.inline = InlineBuilder(self._link_labels(children))
        for child in children:
            kind = str(child.data)
            tokens = [t for t in child.children if isinstance(t, Token)]
            if kind == "indented_code" and self._continues_list_item(tokens):
                # CommonMark: after a list item and blank lines, text indented less than the
                # item's content column + 4 is another paragraph of that item, not code.
                start, end = self._span(tokens)
                self._prose("list_item", tokens, start, end)
                continue
            handler = getattr(self, "_" + kind, None)
            if handler is not None and tokens:
                handler(tokens)
            if kind not in ("bullet_item", "ordered_item", "blank"):
                self.item_content_width = None
            if kind not in ("ordered_item", "blank"):
                self.list_next_number = None
        if self.format == "text" or not self.headlines:
            # Markdown with neither a front-matter title nor an H1 (scraped or converted copy)
            # carries its headlines as plain lines, exactly like wire copy.
            self._plain_headlines()
        elif self.blocks and self.blocks[0].kind == "heading" and self.blocks[0].level == 1:
            # ... and so do the lines right under a leading H1 (a headline pasted twice)
            self._plain_headlines(first=1)
        return Document(
            path=self.path,
            text=self.text,
            format=self.format,
            blocks=tuple(self.blocks),
            front_matter=self.front_matter,
            headlines=tuple(self._ordered_headlines()),
            references=tuple(self.references),
            citations=tuple(self.citations),
        )

    def _continues_list_item(self, tokens: Sequence[Token]) -> bool:
        width = self.item_content_width
        if width is None:
            return False
        indents = [_leading(str(t).replace("\t", "    "), " ") for t in tokens if str(t).strip()]
        return bool(indents) and min(indents) < width + 4

    def _link_labels(self, children: Iterable[Tree[Token]]) -> frozenset[str]:
        labels = set()
        for child in children:
            if child.data == "link_def":
                token = str(child.children[0]).lstrip(" \t")
                labels.add(normalize_label(token[1 : token.find("]:")]))
        return frozenset(labels)

    def _ordered_headlines(self) -> list[Headline]:
        """Title first: front matter's title, then the others in document order, with the
        plain-text furniture lines ("Skip to content") moved after the real headlines."""
        furniture = self.options.boilerplate_phrases
        real = [h for h in self.headlines if normalize_phrase(h.text) not in furniture]
        rest = [h for h in self.headlines if normalize_phrase(h.text) in furniture]
        return real + rest

    # -- helpers -----------------------------------------------------------------------

    def _span(self, tokens: Sequence[Token]) -> tuple[int, int]:
        start = tokens[0].start_pos or 0
        end = _strip_eol(self.text, start, tokens[-1].end_pos or 0)
        return start, end

    def _prose(
        self,
        kind: str,
        tokens: Sequence[Token],
        content_start: int,
        content_end: int,
        source: str | None = None,
        **extra: object,
    ) -> Block:
        start, end = self._span(tokens)
        blanked = source if kind == "block_quote" else None
        if source is None:
            source = self.text[content_start:content_end]
        inlines, citations = self.inline.build(source, content_start)
        self.citations.extend(citations)
        block = Block(
            kind,  # type: ignore[arg-type]
            start,
            end,
            content_start,
            content_end,
            tuple(inlines),
            tuple(citations),
            section=self.section,
            source=blanked,
            **extra,  # type: ignore[arg-type]
        )
        self.blocks.append(block)
        return block

    def _plain(self, kind: str, tokens: Sequence[Token], **extra: object) -> Block:
        start, end = self._span(tokens)
        block = Block(kind, start, end, start, end, section=self.section, **extra)  # type: ignore[arg-type]
        self.blocks.append(block)
        return block

    def _in_reference_section(self) -> bool:
        return self.section is not None and self.section in self.options.reference_headings

    def _set_section(self, heading: str, level: int) -> None:
        self.section = normalize_phrase(heading)
        self.section_level = level

    # -- front matter ------------------------------------------------------------------

    def _front_matter(self, tokens: list[Token]) -> None:
        opener = tokens[0]
        fmt: Literal["yaml", "toml"] = "toml" if str(opener).startswith("+") else "yaml"
        lines = tokens[1:-1] if len(tokens) > 1 else []
        fields: dict[str, str] = {}
        spans: dict[str, tuple[int, int]] = {}
        if fmt == "toml":
            try:
                data = tomllib.loads("".join(str(t) for t in lines))
            except tomllib.TOMLDecodeError:
                data = {}
            scalar = {k: v for k, v in data.items() if isinstance(v, (str, int, float))}
            for token in lines:
                key = str(token).split("=", 1)[0].strip()
                if key in scalar and key not in fields:
                    fields[key] = str(scalar[key])
                    spans[key] = self._value_span(token, str(scalar[key]))
        else:
            for token in lines:
                raw = str(token)
                if raw[:1] in " \t#-" or ":" not in raw:
                    continue
                key, value = raw.split(":", 1)
                value = value.strip()
                if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                    value = value[1:-1]
                key = key.strip()
                if key and value and key not in fields:
                    fields[key] = value
                    spans[key] = self._value_span(token, value)
        start, end = self._span(tokens)
        self.front_matter = FrontMatter(fmt, start, end, fields, spans)
        if "title" in fields:
            begin, finish = spans["title"]
            self.headlines.append(Headline("front-matter", fields["title"], begin, finish))

    def _value_span(self, token: Token, value: str) -> tuple[int, int]:
        raw = str(token)
        index = raw.find(value, raw.find(":") + 1 if ":" in raw else raw.find("=") + 1)
        base = token.start_pos or 0
        if index < 0:
            return base, _strip_eol(self.text, base, token.end_pos or base)
        return base + index, base + index + len(value)

    # -- headings ----------------------------------------------------------------------

    def _heading(self, tokens: Sequence[Token], level: int, content_start: int, content_end: int) -> None:
        while content_start < content_end and self.text[content_start] in " \t":
            content_start += 1
        while content_end > content_start and self.text[content_end - 1] in " \t\r":
            content_end -= 1
        self._prose("heading", tokens, content_start, content_end, level=level)
        heading = self.text[content_start:content_end]
        self._set_section(heading, level)
        if level == 1 and heading.strip():
            self.headlines.append(Headline("heading", heading, content_start, content_end))

    def _atx_heading(self, tokens: list[Token]) -> None:
        token = tokens[0]
        raw = str(token)
        indent = _leading(raw, " ")
        level = _leading(raw[indent:], "#")
        start = (token.start_pos or 0) + indent + level
        end = _strip_eol(self.text, start, token.end_pos or 0)
        body = self.text[start:end].rstrip()
        closing = len(body) - len(body.rstrip("#"))
        if closing and (closing == len(body) or body[-closing - 1] in " \t"):
            end = start + len(body) - closing
        self._heading(tokens, level, start, end)

    def _setext_heading(self, tokens: list[Token]) -> None:
        underline = str(tokens[-1]).strip()
        level = 1 if underline.startswith("=") else 2
        start = tokens[0].start_pos or 0
        end = _strip_eol(self.text, start, tokens[-2].end_pos or 0)
        self._heading(tokens, level, start, end)

    # -- leaf blocks -------------------------------------------------------------------

    def _paragraph(self, tokens: list[Token]) -> None:
        start, end = self._span(tokens)
        if self.format == "text" and len(tokens) == 1:
            label = normalize_phrase(self.text[start:end])
            if label in self.options.reference_headings:
                self._set_section(label, 1)
        self._prose("paragraph", tokens, start, end)

    def _table(self, tokens: list[Token]) -> None:
        start, end = self._span(tokens)
        self._prose("table", tokens, start, end)

    def _thematic_break(self, tokens: list[Token]) -> None:
        self._plain("thematic_break", tokens)

    def _fenced_code(self, tokens: list[Token]) -> None:
        self._plain("code", tokens)

    def _indented_code(self, tokens: list[Token]) -> None:
        self._plain("code", tokens)

    def _html_comment(self, tokens: list[Token]) -> None:
        self._plain("comment", tokens)

    def _html_block(self, tokens: list[Token]) -> None:
        self._plain("html", tokens)

    # -- containers --------------------------------------------------------------------

    def _block_quote(self, tokens: list[Token]) -> None:
        start, end = self._span(tokens)
        widths = []
        for token in tokens:
            raw = str(token)
            marker = raw.find(">") if raw.lstrip(" ").startswith(">") else -1
            width = marker + 1 if marker >= 0 else 0
            if marker >= 0 and raw[width : width + 1] == " ":
                width += 1
            widths.append(width)
        source = _blank_prefix(self.text[start:end], widths)
        self._prose("block_quote", tokens, start, end, source=source)

    def _marker_width(self, raw: str, marker_chars: str) -> int:
        indent = _leading(raw, " \t")
        width = indent + _leading(raw[indent:], marker_chars)
        return width + _leading(raw[width:], " \t")

    def _list_content(self, tokens: list[Token], marker_width: int) -> tuple[int, int, str]:
        start, end = self._span(tokens)
        source = _blank_prefix(self.text[start:end], [marker_width])
        return start + marker_width, end, source[marker_width:]

    def _bullet_item(self, tokens: list[Token]) -> None:
        width = self._marker_width(str(tokens[0]), "-*+")
        self.item_content_width = width
        content_start, end, source = self._list_content(tokens, width)
        if self._in_reference_section():
            self._reference_block(tokens)
            self._add_entry("listed", None, "", tokens[0].start_pos or 0, content_start, content_start, end)
            return
        _start, _ = self._span(tokens)
        self._prose("list_item", tokens, content_start, end, source=source)

    def _ordered_item(self, tokens: list[Token]) -> None:
        raw = str(tokens[0])
        indent = _leading(raw, " \t")
        digits = _leading(raw[indent:], "0123456789")
        written = int(raw[indent : indent + digits])
        number = written if self.list_next_number is None else self.list_next_number
        self.list_next_number = number + 1
        width = self._marker_width(raw, "0123456789.)")
        self.item_content_width = width
        content_start, end, source = self._list_content(tokens, width)
        if self._in_reference_section():
            self._reference_block(tokens, number=number)
            marker_start = (tokens[0].start_pos or 0) + indent
            self._add_entry(
                "numbered", str(number), f"[{number}]", marker_start,
                marker_start + digits + 1, content_start, end,
            )
            return
        self._prose("list_item", tokens, content_start, end, source=source, ordered=True, number=number)

    def _numref_item(self, tokens: list[Token]) -> None:
        """``[1] Title`` lines; several entries may run together on one line."""
        start, end = self._span(tokens)
        self._reference_block(tokens)
        markers = [
            c
            for c in self.inline.build(self.text[start:end], start)[1]
            if c.kind == "numeric"
            and len(c.labels) == 1
            and (c.start == start or self.text[c.start - 1] in " \t\r\n")
        ]
        # In the run-on form the next entry's number follows the last one's closely; a
        # bracketed year or stray number inside a title does not.
        kept: list[Citation] = []
        for marker in markers:
            number = int(marker.labels[0])
            if not kept or 0 < number - int(kept[-1].labels[0]) <= 5:
                kept.append(marker)
        markers = kept
        for index, marker in enumerate(markers):
            entry_end = markers[index + 1].start if index + 1 < len(markers) else end
            self._add_entry(
                "numbered", marker.labels[0], f"[{marker.labels[0]}]",
                marker.start, marker.end, marker.end + (self.text[marker.end] == ":"), entry_end,
            )

    def _footnote_def(self, tokens: list[Token]) -> None:
        raw = str(tokens[0])
        indent = _leading(raw, " \t")
        close = raw.find("]:")
        label = "^" + normalize_label(raw[indent + 2 : close])
        start, end = self._span(tokens)
        marker_end = start + close + 2
        self._prose("footnote_def", tokens, marker_end, end, label=label)
        self._add_entry(
            "footnote", label, raw[indent : close + 1], start + indent, start + close + 1, marker_end, end
        )

    def _link_def(self, tokens: list[Token]) -> None:
        raw = str(tokens[0])
        indent = _leading(raw, " \t")
        close = raw.find("]:")
        label = normalize_label(raw[indent + 1 : close])
        start, end = self._span(tokens)
        self._plain("link_def", tokens, label=label)
        rest = self.text[start + close + 2 : end]
        url = rest.split()[0].strip("<>") if rest.split() else ""
        self._add_entry(
            "link", label, raw[indent : close + 1], start + indent, start + close + 1,
            start + close + 2, end, url=url,
        )

    # -- references --------------------------------------------------------------------

    def _reference_block(self, tokens: list[Token], number: int | None = None) -> None:
        self._plain("references", tokens, number=number)

    def _add_entry(
        self,
        kind: str,
        label: str | None,
        display: str,
        start: int,
        label_end: int,
        text_start: int,
        end: int,
        url: str | None = None,
    ) -> None:
        text_end = _strip_eol(self.text, text_start, end)
        while text_end > text_start and self.text[text_end - 1] in " \t\r\n":
            text_end -= 1
        while text_start < text_end and self.text[text_start] in " \t\r\n":
            text_start += 1
        self.references.append(
            ReferenceEntry(
                kind,  # type: ignore[arg-type]
                label,
                display,
                start,
                text_end,
                start,
                label_end,
                " ".join(self.text[text_start:text_end].split()),
                text_start,
                text_end,
                url,
            )
        )

    # -- plain-text headlines ----------------------------------------------------------

    def _plain_headlines(self, first: int = 0) -> None:
        """Leading blocks of short, unpunctuated lines are headline lines (kicker, headline,
        repeated headline). Each such line becomes a level-1 heading block."""
        zone: list[int] = []
        for index in range(first, min(len(self.blocks), first + HEADLINE_ZONE_BLOCKS)):
            block = self.blocks[index]
            if block.kind != "paragraph" or not self._headline_block(block):
                break
            zone.append(index)
        if zone and zone[-1] == len(self.blocks) - 1:
            zone = zone[:1] if not first else []  # nothing but short lines: no body to stand over
        replaced: list[Block] = []
        for index in zone:
            block = self.blocks[index]
            offset = block.start
            for line in self.text[block.start : block.end].split("\n"):
                line_end = offset + len(line.rstrip("\r"))
                begin = offset + _leading(line, " \t")
                finish = line_end
                while finish > begin and self.text[finish - 1] in " \t":
                    finish -= 1
                if finish > begin:
                    inlines, citations = self.inline.build(self.text[begin:finish], begin)
                    replaced.append(
                        Block("heading", begin, finish, begin, finish, tuple(inlines), tuple(citations),
                              level=1, headline=True)
                    )
                    self.headlines.append(Headline("line", self.text[begin:finish], begin, finish))
                offset += len(line) + 1
        if zone:
            self.blocks[zone[0] : zone[-1] + 1] = replaced

    def _headline_block(self, block: Block) -> bool:
        for line in self.text[block.start : block.end].split("\n"):
            stripped = line.strip()
            if (
                not stripped
                or len(stripped) > HEADLINE_MAX_CHARS
                or len(stripped.split()) > HEADLINE_MAX_WORDS
                or stripped[-1] in ".,;"
            ):
                return False
        return True


def _fallback_tree(text: str) -> Tree[Token]:
    """Every non-blank line a paragraph: used only if the grammar ever rejects an input."""
    children: list[Token | Tree[Token]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            token = Token("TEXT", line, start_pos=offset, end_pos=offset + len(line))
            children.append(Tree("paragraph", [token]))
        offset += len(line) + 1
    return Tree("start", children)


# Terminals that close a run of raw lines; at end of input the parser supplies them empty.
IMPLICIT_CLOSERS = ("BT_CLOSE", "TL_CLOSE", "COMMENT_CLOSE", "YAML_CLOSE", "TOML_CLOSE")


def _close_at_end(text: str) -> Callable[[UnexpectedInput], bool]:
    def recover(error: UnexpectedInput) -> bool:
        if not isinstance(error, UnexpectedToken) or error.token.type != "$END":
            return False
        for name in IMPLICIT_CLOSERS:
            if name in error.interactive_parser.choices():  # type: ignore[no-untyped-call]
                end = len(text)
                line = text.count("\n") + 1
                error.interactive_parser.feed_token(Token(name, "", end, line, 1, line, 1, end))
                return True
        return False

    return recover


def parse(
    text: str,
    path: str = "<string>",
    fmt: Format | None = None,
    options: ParseOptions | None = None,
) -> Document:
    """Parse decoded article text. Never raises on any text."""
    fmt = fmt or format_for(path)
    options = options or default_options()
    try:
        tree = _block_parser(fmt).parse(text, on_error=_close_at_end(text)) if text else Tree("start", [])
    except LarkError:  # pragma: no cover - the grammar accepts every input; belt and braces
        tree = _fallback_tree(text)
    return _Builder(text, path, fmt, options).build(tree)
