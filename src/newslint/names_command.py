"""``newslint names [PATHS]``: read the articles, find their places, print the families."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TextIO

from newslint.config import Config, ConfigError
from newslint.engine import InputError, Linter, iter_article_paths, read_article
from newslint.packs import PackError
from newslint.places.report import collect, write_json, write_text, write_toml
from newslint.rule import Context
from newslint.rules.names import gazetteer
from newslint.syntax.nodes import Document
from newslint.syntax.parser import options_for, parse

WRITERS = {"text": write_text, "json": write_json, "toml": write_toml}


def run(paths: Sequence[str], output_format: str, out: TextIO, errors: list[str]) -> int:
    """Print the place families of ``paths``; returns the number of articles read. Problems with
    single files go to ``errors``; a bad config or pack raises (the CLI makes it one line)."""
    linter = Linter()
    documents = list(_documents(linter, paths, errors))
    if not documents:
        WRITERS[output_format]([], out)
        return 0
    doc, config = documents[0]
    gaz = gazetteer(Context(doc, config.settings, config.packs))
    WRITERS[output_format](collect((d for d, _ in documents), gaz), out)
    return len(documents)


def _documents(linter: Linter, paths: Sequence[str], errors: list[str]) -> Iterator[tuple[Document, Config]]:
    for path in iter_article_paths(paths, errors):
        try:
            text = read_article(path)
        except InputError as exc:
            errors.append(str(exc))
            continue
        config = linter.config_for(path)
        yield parse(text, path, options=options_for(config.packs)), config


__all__ = ["WRITERS", "ConfigError", "PackError", "run"]
