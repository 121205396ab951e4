"""Command line: ``newslint check``, ``newslint rules``, ``newslint rule CODE``.

Exit codes: 0 no findings, 1 findings, 2 usage, config or input error. Any failure is one
line on stderr, never a traceback.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from typing import Any

import click

from newslint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> None:
    click.echo(f"newslint: {message}", err=True)


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="newslint")
def cli() -> None:
    """newslint: find the defects that slip past editors and article generators."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--select", multiple=True,
              help="Rules to enable (codes, names or prefixes; replaces the config's select).")
@click.option("--extend-select", multiple=True, help="Rules to enable on top of the selection.")
@click.option("--ignore", multiple=True, help="Rules to disable (codes, names or prefixes).")
@click.option("--stdin-filename", default=None,
              help="Name for the article read from '-' (its suffix picks the format).")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: only on a terminal).")
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    stdin_filename: str | None,
    color: bool | None,
) -> None:
    """Lint articles: files, folders (recursing over *.md, *.markdown, *.txt) or - for stdin."""
    from newslint.config import ConfigError
    from newslint.engine import InputError, Linter, decode
    from newslint.packs import PackError
    from newslint.registry import RegistryError
    from newslint.report import get_reporter

    if not paths:
        paths = (".",)
    overrides: dict[str, Any] = {
        "select": _split(select) or None,
        "extend_select": _split(extend_select),
        "ignore": _split(ignore),
    }
    try:
        linter = Linter(overrides=overrides)
        stdin_text = None
        stdin_name = stdin_filename or "-"
        if "-" in paths:
            stdin_text = decode(sys.stdin.buffer.read(), stdin_name)
        result = linter.run(list(paths), stdin_text=stdin_text, stdin_name=stdin_name)
    except (ConfigError, PackError, RegistryError, InputError) as exc:
        _fail(str(exc))
        sys.exit(EXIT_ERROR)
    sources = _sources(result.findings, stdin_name, stdin_text) if output_format == "text" else {}
    use_color = sys.stdout.isatty() if color is None else color
    get_reporter(output_format)(result.findings, sources, sys.stdout, use_color)
    for error in result.errors:
        _fail(error)
    if result.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if result.findings else EXIT_CLEAN)


def _sources(findings: Sequence[Any], stdin_name: str, stdin_text: str | None) -> dict[str, str]:
    from newslint.engine import InputError, read_article

    sources: dict[str, str] = {}
    for finding in findings:
        if finding.path in sources:
            continue
        if finding.path == stdin_name and stdin_text is not None:
            sources[finding.path] = stdin_text
            continue
        with contextlib.suppress(InputError):
            sources[finding.path] = read_article(finding.path)
    return sources


@cli.command("rules")
@click.option("--all", "show_all", is_flag=True, help="Also list rules that are off by default.")
def list_rules(show_all: bool) -> None:
    """List the rules: code, name, default severity and summary."""
    from newslint.registry import default_registry

    for rule in _registry_or_exit(default_registry).rules():
        if not (rule.default_enabled or show_all):
            continue
        state = "" if rule.default_enabled else " (off by default)"
        click.echo(f"{rule.code}  {rule.name:<28} {rule.severity!s:<8} {rule.summary()}{state}")


@cli.command("rule")
@click.argument("code")
def show_rule(code: str) -> None:
    """Print a rule's documentation (by code or name)."""
    from newslint.registry import default_registry

    rule = _registry_or_exit(default_registry).get(code)
    if rule is None:
        _fail(f"unknown rule {code!r} (see 'newslint rules')")
        sys.exit(EXIT_ERROR)
    fix = {"safe": "safe fix available", "unsafe": "unsafe fix available"}.get(rule.fix or "", "no automatic fix")
    state = "on by default" if rule.default_enabled else "off by default"
    click.echo(f"# {rule.code} {rule.name}\n")
    click.echo(f"Default severity: {rule.severity}. {state.capitalize()}. Fix: {fix}.\n")
    click.echo(rule.documentation())


def _registry_or_exit(factory: Any) -> Any:
    from newslint.registry import RegistryError

    try:
        return factory()
    except RegistryError as exc:
        _fail(str(exc))
        sys.exit(EXIT_ERROR)


def main(argv: Sequence[str] | None = None) -> None:
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="newslint", standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _fail("interrupted")
        sys.exit(EXIT_ERROR)
    except Exception as exc:
        _fail(f"internal error: {type(exc).__name__}: {exc}")
        sys.exit(EXIT_ERROR)
