"""newslint: a linter for news articles.

Library use::

    import newslint
    findings = newslint.lint_text(text, path="story.md")
    findings = newslint.lint_paths(["articles/"])
    for result in newslint.lint_records(rows, text_field="body"):  # dataset records, streaming
        ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Config", "Finding", "InputError", "__version__", "lint_paths", "lint_records", "lint_text"]

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.datasets.lint import lint_records
    from newslint.engine import InputError, lint_paths, lint_text
    from newslint.findings import Finding


def __getattr__(name: str) -> Any:
    # Lazy: `newslint --version` and `import newslint` stay cheap.
    if name in ("lint_text", "lint_paths", "InputError"):
        from newslint import engine

        return getattr(engine, name)
    if name == "lint_records":
        from newslint.datasets.lint import lint_records

        return lint_records
    if name == "Config":
        from newslint.config import Config

        return Config
    if name == "Finding":
        from newslint.findings import Finding

        return Finding
    raise AttributeError(name)
