"""The Lark parsers: block grammars (one token per line) and the inline grammar.

Parsers are built once per process from the ``.lark`` files beside this module; their built
tables ship with the package and are read by Lark's stand-alone runtime (see ``syntax.tables``:
Lark's own disk cache is never used, and a run does not import ``lark``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import ClassVar, Literal

from newslint.syntax.lark_runtime import Lark, LarkError, Token, Tree, UnexpectedInput, UnexpectedToken
from newslint.syntax.scanners import compile_pattern
from newslint.syntax.tables import load_parser

Format = Literal["markdown", "text"]


class _FenceLengths:
    """Token stream filter: a closing fence must use the opening fence's character and be at
    least as long (CommonMark 4.5). A shorter one is a raw line of the block. Lexing alone
    can't count, so the closing token is retyped here; the grammar stays LALR."""

    always_accept: tuple[str, ...] = ()
    CLOSERS: ClassVar[dict[str, str]] = {
        "BT_CLOSE": "BT_LINE", "TL_CLOSE": "TL_LINE", "ITEM_FENCE_CLOSE": "ITEM_FENCE_LINE",
    }

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        opener = ""
        for token in stream:
            kind = token.type
            if kind in ("BT_OPEN", "TL_OPEN", "ITEM_FENCE_OPEN"):
                opener = _fence_run(str(token))
            elif kind in self.CLOSERS and token:
                run = _fence_run(str(token))
                if run[:1] != opener[:1] or len(run) < len(opener):
                    token = token.update(type=self.CLOSERS[kind])
            yield token


_FENCE = re.compile(r"`{3,}|~{3,}")


def _fence_run(line: str) -> str:
    match = _FENCE.search(line)
    return match.group() if match else ""


@cache
def block_parser(fmt: Format) -> Lark:
    if fmt == "markdown":
        return load_parser("markdown.lark", postlex=_FenceLengths(), parser="lalr", lexer="contextual")
    return load_parser("plaintext.lark", parser="lalr", lexer="contextual")


@cache
def inline_parser() -> Lark:
    return load_parser("inline.lark", parser="lalr", lexer="basic")


@cache
def inline_scanner(comments: bool = True) -> re.Pattern[str]:
    """The inline grammar's terminals as one alternation, in the order Lark's basic lexer
    tries them (priority, then width). The inline grammar is a flat token list, so scanning
    with this pattern yields exactly Lark's tokens without its per-token bookkeeping
    (line counting, Token objects), which dominates on long paragraphs. Without
    ``comments``: for text past the last ``-->``, where no comment can close."""
    terminals = sorted(
        (t for t in inline_parser().terminals if comments or t.name != "COMMENT"),
        key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name),
    )
    return compile_pattern("|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals))


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
IMPLICIT_CLOSERS = (
    "BT_CLOSE", "TL_CLOSE", "TPL_CLOSE", "COMMENT_CLOSE", "RAW_CLOSE", "PI_CLOSE", "DECL_CLOSE", "CDATA_CLOSE",
    "YAML_CLOSE", "TOML_CLOSE",
)


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


def parse_blocks(text: str, fmt: Format) -> Tree[Token]:
    """The block tree of a text. Never raises."""
    if not text:
        return Tree("start", [])
    try:
        tree: Tree[Token] = block_parser(fmt).parse(text, on_error=_close_at_end(text))
        return tree
    except LarkError:  # pragma: no cover - the grammar accepts every input; belt and braces
        return _fallback_tree(text)
