"""Build the document model from the block tree: blocks, reference entries, headlines.

Blocks are built first, with containers parsed again from their content (see containers.py);
inline content comes last, once every link definition in the article is known, since
``[label]`` is a reference only where ``label`` is defined somewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from newslint.syntax import containers, metadata
from newslint.syntax.grammar import Format, parse_blocks
from newslint.syntax.inline import InlineBuilder
from newslint.syntax.lark_runtime import Token, Tree
from newslint.syntax.nodes import Block, Citation, Document, FrontMatter, Headline, ReferenceEntry
from newslint.syntax.text import alnum_count_exceeds, normalize_label, normalize_phrase

if TYPE_CHECKING:
    from newslint.syntax.parser import ParseOptions

# Plain-text headline lines: short, unpunctuated lines before the body.
HEADLINE_MAX_CHARS = 160
HEADLINE_MAX_WORDS = 22
HEADLINE_ZONE_BLOCKS = 8
# Blocks that may stand above an article's H1s without making them section headings.
TITLE_ZONE_KINDS = frozenset({"heading", "thematic_break", "comment", "html", "link_def"})

ContainerKind = Literal["block_quote", "list_item", "footnote_def"]
# Inside nested containers the outer voice wins: a list in a quote is quoted text.
_CONTAINER_RANK = {None: 0, "list_item": 1, "footnote_def": 2, "block_quote": 3}
ITEM_KINDS = ("bullet_item", "ordered_item", "fenced_item", "footnote_def")
FOOTNOTE_INDENT = 4

# The back link a rendered footnote ends with ("↩"), kept when a page is copied as text.
BACKLINK = "\u21a9"


def _strip_eol(text: str, start: int, end: int) -> int:
    """End offset of a line run without its final line break."""
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    return end


def _leading(token: str, chars: str) -> int:
    """Length of the run of ``chars`` at the start of a token."""
    index = 0
    while index < len(token) and token[index] in chars:
        index += 1
    return index


def _blank_prefix(source: str, widths: Sequence[int]) -> str:
    """Replace each line's container marker by spaces: offsets stay exact (plain text)."""
    lines = source.split("\n")
    out = [" " * width + line[width:] for line, width in zip(lines, widths, strict=False)]
    out.extend(lines[len(widths) :])
    return "\n".join(out)


def _tokens(tree: Tree[Token]) -> list[Token]:
    return [t for t in tree.children if isinstance(t, Token)]


class Builder:
    """Blocks and entries of one text: the article, or a container's content (``container``
    set), whose results the enclosing builder maps back to article offsets."""

    def __init__(
        self,
        text: str,
        path: str,
        fmt: Format,
        options: ParseOptions,
        container: ContainerKind | None = None,
        section: str | None = None,
        extra: dict[str, object] | None = None,
    ):
        self.text = text
        self.path = path
        self.format = fmt
        self.options = options
        self.container = container
        self.extra = extra or {}
        self.blocks: list[Block] = []
        self.sources: dict[int, str] = {}  # block index -> its content with markers blanked
        self.references: list[ReferenceEntry] = []
        self.headlines: list[Headline] = []
        self.link_labels: set[str] = set()
        self.front_matter: FrontMatter | None = None
        self.section = section
        self.list_next_number: int | None = None
        self.inline = InlineBuilder(frozenset())

    # -- entry -------------------------------------------------------------------------

    def document(self) -> Document:
        self.walk(parse_blocks(self.text, self.format))
        self.inline = InlineBuilder(frozenset(self.link_labels))
        citations: list[Citation] = []
        for index, block in enumerate(self.blocks):
            if block.is_prose:
                source = self.sources.get(index)
                text = source if source is not None else self.text[block.content_start : block.content_end]
                inlines, cited = self.inline.build(text, block.content_start)
                citations.extend(cited)
                self.blocks[index] = block.replace(inlines=tuple(inlines), citations=tuple(cited))
        self._title_headlines()
        return Document(
            path=self.path,
            text=self.text,
            format=self.format,
            blocks=tuple(self.blocks),
            front_matter=self.front_matter,
            headlines=tuple(self._ordered_headlines()),
            references=tuple(self.references),
            citations=tuple(citations),
        )

    def walk(self, tree: Tree[Token]) -> None:
        children = [c for c in tree.children if isinstance(c, Tree)]
        index = 0
        while index < len(children):
            child = children[index]
            kind = str(child.data)
            tokens = _tokens(child)
            if self.format == "markdown" and (
                kind == "footnote_def" or (kind in ITEM_KINDS and not self._in_reference_section())
            ):
                index = self._item(children, index)
                continue
            handler = getattr(self, "_" + kind, None)
            if handler is not None and tokens:
                handler(tokens)
            if kind not in ("ordered_item", "blank"):
                self.list_next_number = None
            index += 1

    # -- helpers -----------------------------------------------------------------------

    def _span(self, tokens: Sequence[Token]) -> tuple[int, int]:
        start = tokens[0].start_pos or 0
        end = _strip_eol(self.text, start, tokens[-1].end_pos or 0)
        return start, end

    def _add(self, block: Block, source: str | None = None) -> None:
        if source is not None:
            self.sources[len(self.blocks)] = source
        self.blocks.append(block)

    def _prose(
        self,
        kind: str,
        tokens: Sequence[Token],
        content_start: int,
        content_end: int,
        source: str | None = None,
        **extra: object,
    ) -> None:
        start, end = self._span(tokens)
        if self.container is not None and kind in ("paragraph", "heading", "table"):
            kind = self.container
            extra.pop("level", None)
        extra = {**self.extra, **extra}
        block = Block(kind, start, end, content_start, content_end, section=self.section, **extra)  # type: ignore[arg-type]
        self._add(block, source)

    def _plain(self, kind: str, tokens: Sequence[Token], **extra: object) -> None:
        start, end = self._span(tokens)
        self._add(Block(kind, start, end, start, end, section=self.section, **extra))  # type: ignore[arg-type]

    def _in_reference_section(self) -> bool:
        """Under a References (Sources, Notes...) heading, and not inside a quote, list item or
        note: a list quoted in a footnote is the note's text, not a list of sources."""
        return (
            self.container is None
            and self.section is not None
            and self.section in self.options.reference_headings
        )

    def _set_section(self, heading: str) -> None:
        self.section = normalize_phrase(heading)

    # -- containers --------------------------------------------------------------------

    def _nested(self, content: containers.Content, kind: ContainerKind, extra: dict[str, object]) -> None:
        """Parse a container's content and take over its blocks and entries."""
        inner_kind: ContainerKind = kind
        if self.container is not None and _CONTAINER_RANK[self.container] > _CONTAINER_RANK[kind]:
            inner_kind = self.container
        if containers.one_paragraph(content.text):
            # Most list items and quotes are a few lines of text: the grammar would make them
            # one paragraph, so skip parsing them again.
            end = _strip_eol(content.text, 0, len(content.text))
            start = self.text.rfind("\n", 0, content.outer(0)) + 1
            block = Block(
                inner_kind, start, content.outer(end), content.outer(0), content.outer(end),
                section=self.section, **{**self.extra, **extra},  # type: ignore[arg-type]
            )
            self._add(block, content.outer_source(content.text[:end], 0))
            return
        sub = Builder(content.text, self.path, self.format, self.options, inner_kind, self.section, extra)
        sub.walk(parse_blocks(content.text, self.format))
        outer = content.outer

        def line_start(inner: int) -> int:
            # a block in a container starts where its line does, markers included, as at the top
            return self.text.rfind("\n", 0, outer(inner)) + 1

        for index, block in enumerate(sub.blocks):
            source = sub.sources.get(index)
            if block.is_prose:
                inner_text = source if source is not None else content.text[block.content_start : block.content_end]
                source = content.outer_source(inner_text, block.content_start)
            self._add(
                block.replace(
                    start=line_start(block.start), end=outer(block.end),
                    content_start=outer(block.content_start), content_end=outer(block.content_end),
                ),
                source if block.is_prose else None,
            )
        for entry in sub.references:
            self.references.append(
                entry.replace(
                    start=outer(entry.start), end=outer(entry.end),
                    label_start=outer(entry.label_start), label_end=outer(entry.label_end),
                    text_start=outer(entry.text_start), text_end=outer(entry.text_end),
                )
            )
        self.link_labels |= sub.link_labels

    def _block_quote(self, tokens: list[Token]) -> None:
        start, end = self._span(tokens)
        self._nested(containers.extract(self.text, start, end, containers.quote_strip), "block_quote", {})

    def _item(self, children: list[Tree[Token]], index: int) -> int:
        """A list item or note with the blocks that continue it: those after it (blank lines
        between allowed) whose lines are all indented to its content column."""
        first = children[index]
        tokens = _tokens(first)
        start = tokens[0].start_pos or 0
        raw = str(tokens[0])
        kind = str(first.data)
        if kind == "footnote_def":
            marker_end = raw.find("]:") + 2
            width = FOOTNOTE_INDENT
            first_cut = marker_end + _leading(raw[marker_end:], " \t")
        else:
            indent = _leading(raw, " \t")
            digits = _leading(raw[indent:], "0123456789")
            marker_end = indent + digits + 1  # the digits and "." or ")", or the bullet
            width = containers.item_content_width(raw, marker_end)
            first_cut = min(width, len(raw.rstrip("\r\n")))
        last = index
        probe = index + 1
        while probe < len(children):
            follower = children[probe]
            if follower.data == "blank":
                probe += 1
                continue
            if not self._indented_to(follower, width):
                break
            last = probe
            probe += 1
        end_token = _tokens(children[last])[-1]
        end = _strip_eol(self.text, start, end_token.end_pos or start)
        content = containers.extract(self.text, start, end, containers.indent_strip(first_cut, width))
        if kind == "footnote_def":
            label = "^" + normalize_label(raw[_leading(raw, " \t") + 2 : marker_end - 2])
            self._footnote_entry(raw, start, end, label, content)
            self._nested(content, "footnote_def", {"label": label})
        else:
            extra: dict[str, object] = {}
            if raw[_leading(raw, " \t")].isdigit():
                written = int(raw[_leading(raw, " \t") : marker_end - 1])
                number = written if self.list_next_number is None else self.list_next_number
                self.list_next_number = number + 1
                extra = {"ordered": True, "number": number}
            else:
                self.list_next_number = None
            self._nested(content, "list_item", extra)
        return last + 1

    def _indented_to(self, tree: Tree[Token], width: int) -> bool:
        tokens = _tokens(tree)
        if not tokens:
            return False
        start = tokens[0].start_pos or 0
        end = tokens[-1].end_pos or start
        lines = [line for line in containers.lines_of(self.text[start:end]) if line.strip()]
        return bool(lines) and all(containers.columns(line) >= width for line in lines)

    def _footnote_entry(self, raw: str, start: int, end: int, label: str, content: containers.Content) -> None:
        indent = _leading(raw, " \t")
        close = raw.find("]:")
        text = " ".join(content.text.split())
        self.references.append(
            ReferenceEntry(
                "footnote", label, raw[indent : close + 1], start + indent, end, start + indent,
                start + close + 1, text, start + close + 2, end,
            )
        )
        if text:  # the entry's text bounds: from the first to the last character of content
            first = len(content.text) - len(content.text.lstrip())
            last = len(content.text.rstrip())
            entry = self.references[-1]
            self.references[-1] = entry.replace(
                text_start=content.outer(first), text_end=content.outer(last)
            )

    # -- metadata ----------------------------------------------------------------------

    def _front_matter(self, tokens: list[Token]) -> None:
        start, end = self._span(tokens)
        if len(tokens) == 1 and tokens[0].type == "KEYS_BLOCK":
            found = metadata.header_block(tokens[0], start, end) if self.container is None else None
            if found is None:
                self._paragraph(tokens)
                return
        elif self.container is not None:
            self._paragraph(tokens)
            return
        else:
            found = metadata.front_matter(tokens, start, end)
        self.front_matter = found
        if "title" in found.fields:
            begin, finish = found.field_spans["title"]
            self.headlines.append(Headline("front-matter", found.fields["title"], begin, finish))

    # -- headings ----------------------------------------------------------------------

    def _heading(self, tokens: Sequence[Token], level: int, content_start: int, content_end: int) -> None:
        while content_start < content_end and self.text[content_start] in " \t":
            content_start += 1
        while content_end > content_start and self.text[content_end - 1] in " \t\r":
            content_end -= 1
        self._prose("heading", tokens, content_start, content_end, level=level)
        if self.container is not None:
            return
        heading = self.text[content_start:content_end]
        self._set_section(heading)
        if level == 1 and heading.strip():
            in_body = not self._in_title_zone()
            self.headlines.append(Headline("heading", heading, content_start, content_end, in_body))

    def _in_title_zone(self) -> bool:
        """H1s after the body has begun are section headings, not the article's titles."""
        return all(block.kind in TITLE_ZONE_KINDS for block in self.blocks[:-1])

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
            line = self.text[start:end]
            # the exact cheap test first: most single-line paragraphs are hundreds of characters
            if not alnum_count_exceeds(line, self.options.heading_alnum_max):
                label = normalize_phrase(line)
                if label in self.options.reference_headings:
                    self._set_section(label)
        if self.format == "text" and BACKLINK in self.text[start:end] and self._in_reference_section():
            self._backlinked_notes(tokens, start, end)
            return
        self._prose("paragraph", tokens, start, end)

    def _backlinked_notes(self, tokens: list[Token], start: int, end: int) -> None:
        """Notes copied from a rendered page lose their numbers but keep each note's "↩" back
        link ("First source. ↩ Second source. ↩"): the n-th note is entry [n]."""
        self._plain("references", tokens)
        note_start = start
        number = 0
        while note_start < end:
            mark = self.text.find(BACKLINK, note_start, end)
            note_end = end if mark < 0 else mark
            note = self.text[note_start:note_end]
            if note.strip():
                number += 1
                first = note_start + len(note) - len(note.lstrip())
                self._add_entry("numbered", str(number), f"[{number}]", first, first, first, note_end)
            note_start = note_end + len(BACKLINK)

    def _template_line(self, tokens: list[Token]) -> None:
        self._paragraph(tokens)  # rules read template tags as a paragraph of their own

    def _table(self, tokens: list[Token]) -> None:
        start, end = self._span(tokens)
        self._prose("table", tokens, start, end)

    def _thematic_break(self, tokens: list[Token]) -> None:
        self._plain("thematic_break", tokens)

    def _fenced_code(self, tokens: list[Token]) -> None:
        self._plain("code", tokens)

    _indented_code = _template_code = _fenced_code

    def _html_comment(self, tokens: list[Token]) -> None:
        self._plain("comment", tokens)

    def _html_block(self, tokens: list[Token]) -> None:
        self._plain("html", tokens)

    _html_raw = _html_tag_block = _html_block

    # -- plain-text containers and references -----------------------------------------

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
        content_start, end, source = self._list_content(tokens, width)
        if self._in_reference_section():
            self._plain("references", tokens)
            self._add_entry("listed", None, "", tokens[0].start_pos or 0, content_start, content_start, end)
            return
        self._prose("list_item", tokens, content_start, end, source=source)

    _fenced_item = _bullet_item

    def _ordered_item(self, tokens: list[Token]) -> None:
        raw = str(tokens[0])
        indent = _leading(raw, " \t")
        digits = _leading(raw[indent:], "0123456789")
        written = int(raw[indent : indent + digits])
        number = written if self.list_next_number is None else self.list_next_number
        self.list_next_number = number + 1
        width = self._marker_width(raw, "0123456789.)")
        content_start, end, source = self._list_content(tokens, width)
        if self._in_reference_section():
            self._plain("references", tokens, number=number)
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
        self._plain("references", tokens)
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
        for index, marker in enumerate(kept):
            entry_end = kept[index + 1].start if index + 1 < len(kept) else end
            self._add_entry(
                "numbered", marker.labels[0], f"[{marker.labels[0]}]",
                marker.start, marker.end, marker.end + (self.text[marker.end] == ":"), entry_end,
            )

    def _footnote_def(self, tokens: list[Token]) -> None:
        """Plain text only (Markdown notes are containers): the note's lines as one block."""
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
        close = _label_end(raw, indent)
        label = normalize_label(raw[indent + 1 : close])
        start, end = self._span(tokens)
        self._plain("link_def", tokens, label=label)
        self.link_labels.add(label)
        rest = self.text[start + close + 2 : end]
        url = rest.split()[0].strip("<>") if rest.split() else ""
        self._add_entry(
            "link", label, raw[indent : close + 1], start + indent, start + close + 1,
            start + close + 2, end, url=url,
        )

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
                label, display, start, text_end, start, label_end,
                " ".join(self.text[text_start:text_end].split()), text_start, text_end, url,
            )
        )

    # -- headlines ---------------------------------------------------------------------

    def _title_headlines(self) -> None:
        if self.format == "text" or not self.headlines:
            # Markdown with neither a front-matter title nor an H1 (scraped or converted copy)
            # carries its headlines as plain lines, exactly like wire copy.
            self._plain_headlines()
        elif self.blocks and self.blocks[0].kind == "heading" and self.blocks[0].level == 1:
            # ... and so do the lines right under a leading H1 (a headline pasted twice)
            self._plain_headlines(first=1)

    def _ordered_headlines(self) -> list[Headline]:
        """Title first: front matter's title, then the others in document order, with the
        plain-text furniture lines ("Skip to content") moved after the real headlines."""
        furniture = self.options.boilerplate_phrases
        titles = [h for h in self.headlines if not h.in_body]
        is_furniture = [normalize_phrase(h.text) in furniture for h in titles]
        real = [h for h, skip in zip(titles, is_furniture, strict=True) if not skip]
        rest = [h for h, skip in zip(titles, is_furniture, strict=True) if skip]
        return real + rest + [h for h in self.headlines if h.in_body]

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


def _label_end(raw: str, indent: int) -> int:
    """Index of the ``]`` that closes a definition's label (escaped brackets skipped)."""
    index = indent + 1
    while index < len(raw):
        char = raw[index]
        if char == "\\":
            index += 2
            continue
        if char == "]":
            return index
        index += 1
    return len(raw) - 1
