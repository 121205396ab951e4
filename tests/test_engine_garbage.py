"""An article's model is freed as soon as its rules are done, without the garbage collector."""

from __future__ import annotations

import gc

from newslint.config import Config
from newslint.engine import Linter
from newslint.syntax.nodes import Document

ARTICLE = (
    "Harbour works resume in Odesa\n\n"
    "Crews returned to Odesa on Monday, the port authority said [1]. Officials in Kharkiv reportedly "
    "denied that 40 ships were waiting [2], according to a statement.\n\n"
    "Russian forces claimed to have captured a village near Kharkiv, which could not be verified [1].\n\n"
    "Sources\n\n[1] Port statement\n[2] Union bulletin\n"
)


def test_linting_an_article_leaves_no_cyclic_garbage():
    linter = Linter(config=Config())
    linter.lint_file(ARTICLE, "warm.txt")  # packs, patterns and caches load once
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        for number in range(3):
            linter.lint_file(ARTICLE, f"story{number}.txt")
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        documents = [o for o in gc.garbage if isinstance(o, Document)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if enabled:
            gc.enable()
    assert not documents, f"{len(documents)} documents were freed only by the garbage collector"
