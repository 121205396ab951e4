"""Command line: ``newslint check``, ``newslint rules``, ``newslint rule CODE``, ``newslint server``.

Exit codes: 0 no findings, 1 findings, 2 usage, config or input error. Any failure is one
line on stderr, never a traceback.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any

# Set before the imports below. A run frees nearly everything it allocates by reference counting
# (the engine breaks the one cycle an article's model had), so the collector's default of a pass
# every 700 allocations only costs: ~70 passes in a one-article start (10-15% of it), ~300 in a
# warm re-run printing 20,000 findings. Cyclic garbage, if any, waits at most 50,000 allocations.
gc.set_threshold(50_000, 20, 20)

import click  # noqa: E402

from newslint import __version__  # noqa: E402

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # 128 + SIGINT, 128 + SIGTERM, as shells report them


def _fail(message: str) -> None:
    click.echo(f"newslint: {message}", err=True)


def _split(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="newslint")
def cli() -> None:
    """newslint: find the defects that slip past editors and article generators."""


SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", default="text", show_default=True,
              type=click.Choice(["text", "concise", "json", "json-lines", "github", "sarif", "junit", "gitlab",
                                 "html"]),
              help="Output format.")
@click.option("--select", multiple=True,
              help="Rules to enable (codes, names or prefixes; replaces the config's select).")
@click.option("--extend-select", multiple=True, help="Rules to enable on top of the selection.")
@click.option("--ignore", multiple=True, help="Rules to disable (codes, names or prefixes).")
@click.option("--fix", is_flag=True, help="Apply safe fixes, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply unsafe fixes.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff instead of writing them.")
@click.option("--diff-base", metavar="REV", default=None,
              help="Report only findings on lines added or changed since this git revision.")
@click.option("--fail-on", type=click.Choice(["info", "warning", "error"]), default="info", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of the findings.")
@click.option("-q", "--quiet", is_flag=True, help="Print the findings and nothing else (no summary).")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False), default=None,
              help="Write the report to this file instead of standard output.")
@click.option("--stdin-filename", default=None,
              help="Name for the article read from '-' (its suffix picks the format).")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: only on a terminal).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0,
              help="Worker processes (default 0: one per core; 1: no workers).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the results cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, envvar="NEWSLINT_CACHE_DIR",
              help="Where the results cache lives (default: .newslint_cache in the current folder).")
@click.option("--text-field", default=None, metavar="NAME",
              help="Datasets: the field holding the article (default: text, else body, else content).")
@click.option("--title-field", default="title", show_default=True, metavar="NAME",
              help="Datasets: the field holding the title (linted as the headline line).")
@click.option("--id-field", default="id", show_default=True, metavar="NAME",
              help="Datasets: the field naming a record in paths (data.jsonl#ID); else its record number.")
@click.option("--markup", type=click.Choice(["markdown", "plaintext"]), default=None,
              help="Datasets: the records' markup (default: Markdown where a record looks like it, else plain text).")
@click.option("--annotate", metavar="OUT", type=click.Path(dir_okay=False), default=None,
              help="Datasets: write the dataset back to OUT (.jsonl or .parquet) with the findings added.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Datasets: lint in this machine's processes, or on a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="With --engine dask: the scheduler (tcp://HOST:8786); default: a local cluster.")
@click.option("--max-file-size", metavar="SIZE", default="10MB", show_default=True,
              help="Skip (with a warning) files larger than this: bytes, or with kB/MB/GB; 0 for no limit.")
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fix: bool,
    unsafe_fixes: bool,
    show_diff: bool,
    diff_base: str | None,
    fail_on: str,
    exit_zero: bool,
    statistics: bool,
    quiet: bool,
    output_file: str | None,
    stdin_filename: str | None,
    color: bool | None,
    jobs: int,
    no_cache: bool,
    cache_dir: str | None,
    text_field: str | None,
    title_field: str,
    id_field: str,
    markup: str | None,
    annotate: str | None,
    engine: str,
    scheduler: str | None,
    max_file_size: str,
) -> None:
    """Lint articles: files, folders (recursing over *.md, *.markdown, *.txt) or - for stdin."""
    from newslint.config import ConfigError
    from newslint.engine import InputError, Linter, TooLarge
    from newslint.packs import PackError
    from newslint.registry import RegistryError
    from newslint.report import ReportContext, get_reporter

    if not paths:
        paths = (".",)
    overrides: dict[str, Any] = {
        "select": _split(select) or None,
        "extend_select": _split(extend_select),
        "ignore": _split(ignore),
    }
    stdin_name = stdin_filename or "-"
    size_limit = _parse_size(max_file_size)
    try:
        changed = _changed_lines(diff_base) if diff_base else None

        linter = Linter(
            overrides=overrides,
            fix=fix or show_diff,
            unsafe_fixes=unsafe_fixes,
            jobs=jobs or (os.cpu_count() or 1),
            cache_dir=None if no_cache else (cache_dir or DEFAULT_CACHE_DIR),  # see newslint.cache
            max_file_size=size_limit,
        )
        dataset_options: dict[str, Any] = {"text_field": text_field, "title_field": title_field, "id_field": id_field,
                           "markup": markup, "annotate": annotate, "engine": engine, "scheduler": scheduler}
        stdin_text = None
        if _datasets(paths, fix or show_diff, dataset_options):
            from newslint.datasets.run import check_datasets

            result = check_datasets(linter, paths, sources=output_format == "html", **dataset_options)
        else:
            stdin_text = _read_stdin(stdin_name, size_limit) if "-" in paths else None
            result = linter.run(list(paths), stdin_text=stdin_text, stdin_name=stdin_name, facts=False)
    except TooLarge as exc:
        _fail(str(exc))  # stdin over the limit: nothing else was asked for
        sys.exit(EXIT_ERROR)
    except (ConfigError, PackError, RegistryError, InputError) as exc:
        _fail(str(exc))
        sys.exit(EXIT_ERROR)
    for warning in result.warnings:
        _fail(f"warning: {warning}")

    if show_diff:
        _print_diff(result.changed)
        _report_errors(result.errors)
        sys.exit(EXIT_ERROR if result.errors else (EXIT_FINDINGS if result.changed else EXIT_CLEAN))
    written = 0
    if fix:
        for report in result.changed:
            if report.path == stdin_name and stdin_text is not None:
                continue
            assert report.text is not None
            try:
                _write_atomically(report.path, report.text, report.bom)
                written += 1
            except OSError as exc:
                report.fixed = 0
                reason = "file is read-only" if isinstance(exc, ReadOnly) else f"cannot write: {exc.strerror or exc}"
                result.errors.append(f"{report.path}: {reason}; not fixed")
        stdin_report = next((r for r in result.reports if stdin_text is not None and r.path == stdin_name), None)
        if stdin_report is not None:
            # fixing stdin prints the fixed article, as ruff does
            sys.stdout.write(stdin_report.text if stdin_report.text is not None else stdin_text or "")
            _report_errors(result.errors)
            sys.exit(EXIT_ERROR if result.errors else EXIT_CLEAN)

    findings = result.findings
    if changed is not None:
        findings = [f for f in findings if changed.includes(f.path, f.line)]
    out = open(output_file, "w", encoding="utf-8") if output_file else sys.stdout  # noqa: SIM115
    try:
        if statistics:
            _print_statistics(findings, out)
        else:
            # the text report shows source lines: those the results cache holds aren't read again
            known = result.lines if output_format == "text" else {}
            sources = _sources(findings, result, stdin_name, known) if output_format in ("text", "html") else {}
            use_color = (out.isatty() if color is None else color) and output_format == "text"
            context = ReportContext(sources=sources, color=use_color, load_registry=lambda: linter.registry,
                                    lines=known)
            if output_format == "text" and quiet:
                get_reporter("concise")(findings, context, out)
            else:
                get_reporter(output_format)(findings, context, out)
        if fix and not quiet and output_format in ("text", "concise"):
            fixed = sum(r.fixed for r in result.reports)
            if fixed:
                files = written
                plural = ("s" if fixed != 1 else "", "s" if files != 1 else "")
                out.write(f"Fixed {fixed} finding{plural[0]} in {files} file{plural[1]}.\n")
    finally:
        if out is not sys.stdout:
            out.close()
    _report_errors(result.errors)
    if result.errors:
        sys.exit(EXIT_ERROR)
    threshold = SEVERITY_ORDER[fail_on]
    failing = any(SEVERITY_ORDER[str(f.severity)] >= threshold for f in findings)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


DEFAULT_CACHE_DIR = ".newslint_cache"
SIZE_UNITS = {"": 1, "b": 1, "kb": 1_000, "k": 1_000, "mb": 1_000_000, "m": 1_000_000, "gb": 10**9, "g": 10**9,
              "kib": 1024, "mib": 1024**2, "gib": 1024**3}


def _parse_size(value: str) -> int | None:
    """'10MB', '500kB', '2048' -> bytes; 0 -> no limit."""
    import re

    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", value)
    unit = match.group(2).lower() if match else ""
    if match is None or unit not in SIZE_UNITS:
        raise click.BadParameter(f"{value!r} is not a size such as 10MB, 500kB or 2048",
                                 param_hint="'--max-file-size'")
    size = int(float(match.group(1)) * SIZE_UNITS[unit])
    return size or None


def _read_stdin(name: str, limit: int | None) -> str:
    from newslint.engine import TooLarge, decode

    data = sys.stdin.buffer.read() if limit is None else sys.stdin.buffer.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise TooLarge(f"{name}: standard input is larger than --max-file-size; not linted")
    return decode(data, name)


def _datasets(paths: Sequence[str], fixing: bool, options: dict[str, Any]) -> bool:
    """Whether this run lints datasets (JSONL, CSV, Parquet); mixed or unsupported uses exit 2."""
    from newslint.datasets import is_dataset

    datasets = [p for p in paths if is_dataset(p)]
    if not datasets:
        used = [f"--{k.replace('_', '-')}" for k in ("annotate", "scheduler") if options[k]]
        used += ["--engine dask"] if options["engine"] == "dask" else []
        if used:
            _fail(f"{', '.join(used)}: only for datasets (.jsonl, .jsonl.gz, .csv, .parquet)")
            sys.exit(EXIT_ERROR)
        return False
    if len(datasets) != len(paths):
        _fail("datasets and article files can't be linted in one run; run newslint twice")
        sys.exit(EXIT_ERROR)
    if fixing:
        _fail("--fix and --diff don't apply to datasets (use --annotate to write findings back)")
        sys.exit(EXIT_ERROR)
    return True


def _changed_lines(base: str) -> Any:
    from newslint.gitdiff import ChangedLines, GitError

    try:
        return ChangedLines(base)
    except GitError as exc:
        _fail(f"--diff-base {base}: {exc}")
        sys.exit(EXIT_ERROR)


def _report_errors(errors: Sequence[str]) -> None:
    for error in errors:
        _fail(error)


def _print_statistics(findings: Sequence[Any], out: Any) -> None:
    from collections import Counter

    counts = Counter((f.code, f.rule) for f in findings)
    for (code, rule), count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        out.write(f"{count:>6}  {code:<7} {rule}\n")


def _print_diff(reports: Sequence[Any]) -> None:
    import difflib

    for report in reports:
        diff = difflib.unified_diff(
            report.original.splitlines(keepends=True),
            report.text.splitlines(keepends=True),
            fromfile=f"a/{report.path}",
            tofile=f"b/{report.path}",
        )
        for line in diff:
            sys.stdout.write(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")


class ReadOnly(OSError):
    """The article's write permission bits are all off: its owner wants it left alone (black
    refuses these too); root could write it anyway, so the bits are read, not os.access."""


def _write_atomically(path: str, text: str, bom: bool) -> None:
    """Write to a temporary file beside the target, then rename: a crash never leaves half a
    file. A symlink is written through (its target is fixed, the link stays); the file keeps its
    mode, and its owner and group where this process may set them. A hard-linked file is
    replaced by a new one: the other names keep the old text."""
    import stat
    import tempfile

    target = os.path.realpath(path)
    info = os.stat(target)
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise ReadOnly(path)
    folder = os.path.dirname(target)
    data = ("\ufeff" + text if bom else text).encode("utf-8")
    handle, temp = tempfile.mkstemp(prefix=".newslint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, stat.S_IMODE(info.st_mode))
        if hasattr(os, "chown") and (info.st_uid, info.st_gid) != _owner_of(temp):
            for owner, group in ((info.st_uid, info.st_gid), (-1, info.st_gid)):
                try:
                    os.chown(temp, owner, group)  # root may give it back; others only their own groups
                    break
                except OSError:
                    continue
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _owner_of(path: str) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_uid, info.st_gid


def _sources(findings: Sequence[Any], result: Any, stdin_name: str,
             known: Mapping[tuple[str, int], str]) -> dict[str, str]:
    """The text each finding was made on (after fixes), for source excerpts. Texts aren't kept
    through a run (memory stays flat on big archives): files with findings are read again,
    except those that can't be (a FIFO, /dev/stdin), whose reports keep their text, and those
    whose every finding's line is ``known`` ((path, line) -> line, from the results cache)."""
    from newslint.engine import InputError, read_article

    fixed = {r.path: r.text for r in result.reports if r.text is not None}
    kept = {r.path: r.source for r in result.reports if r.source is not None}
    sources: dict[str, str] = {}
    for path in dict.fromkeys(f.path for f in findings if (f.path, f.line) not in known):
        if path in fixed:
            sources[path] = fixed[path]
        elif path in kept:
            sources[path] = kept[path]
        elif path == stdin_name and result.stdin_text is not None:
            sources[path] = result.stdin_text
        else:
            with contextlib.suppress(InputError):
                sources[path] = read_article(path)
    return sources


@cli.command("names")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "output_format", default="text", show_default=True,
              type=click.Choice(["text", "json", "toml"]),
              help="text: families, most inconsistent first; json: a list of families; "
                   "toml: a [tool.newslint.names] block for the inconsistent ones.")
def names(paths: tuple[str, ...], output_format: str) -> None:
    """List every place the articles name: each spelling, its count and files, the house form."""
    from newslint import names_command

    errors: list[str] = []
    try:
        names_command.run(list(paths) or ["."], output_format, sys.stdout, errors)
    except (names_command.ConfigError, names_command.PackError) as exc:
        _fail(str(exc))
        sys.exit(EXIT_ERROR)
    _report_errors(errors)
    sys.exit(EXIT_ERROR if errors else EXIT_CLEAN)


@cli.command("clean")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, envvar="NEWSLINT_CACHE_DIR",
              help="The cache folder to remove (default: .newslint_cache in the current folder).")
def clean(cache_dir: str | None) -> None:
    """Remove the results cache."""
    import shutil

    folder = cache_dir or DEFAULT_CACHE_DIR
    if os.path.isdir(folder):
        shutil.rmtree(folder, ignore_errors=True)
        click.echo(f"Removed {folder}")


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


@cli.command("server")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the results cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, envvar="NEWSLINT_CACHE_DIR",
              help="Where the results cache lives (default: .newslint_cache in the workspace folder).")
def server(no_cache: bool, cache_dir: str | None) -> None:
    """Run the language server (LSP over stdin/stdout) for editors.

    Editors start it themselves: see "Editors" in the README for VS Code, Neovim, Helix,
    Zed and Sublime Text. It reports findings as diagnostics while you type, offers fixes
    and "disable for this line" as code actions, and shows a rule's documentation on hover.
    """
    try:  # pygls is imported here only: `newslint check` never pays for it
        import pygls  # noqa: F401

        from newslint.server import run
    except ImportError as exc:
        _fail(f"the language server needs pygls 2 ({exc}); pip install 'pygls>=2'")
        sys.exit(EXIT_ERROR)
    sys.exit(run(cache=not no_cache, cache_dir=cache_dir))


def _registry_or_exit(factory: Any) -> Any:
    from newslint.registry import RegistryError

    try:
        return factory()
    except RegistryError as exc:
        _fail(str(exc))
        sys.exit(EXIT_ERROR)


class Stopped(BaseException):
    """SIGINT or SIGTERM, raised wherever the process is: a --fix write in progress removes its
    temporary file on the way out. A BaseException, so no rule's error handler swallows it, and
    not KeyboardInterrupt, which click reports with its own 'Aborted!'."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, frame: Any) -> None:
    raise Stopped(signum)


def main(argv: Sequence[str] | None = None) -> None:
    import signal

    for name in ("SIGINT", "SIGTERM"):
        with contextlib.suppress(ValueError, AttributeError, OSError):  # not the main thread; Windows
            signal.signal(getattr(signal, name), _stop)
    try:
        status = cli.main(args=list(argv) if argv is not None else None, prog_name="newslint",
                          standalone_mode=False)
    except SystemExit:
        raise
    except click.UsageError as exc:
        if type(exc).__name__ == "NoArgsIsHelpError" and exc.ctx is not None:  # plain "newslint": the help
            click.echo(exc.ctx.get_help(), err=True)
            sys.exit(EXIT_ERROR)
        # one line, as for every other error (click's own format takes three)
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        _fail(" ".join(exc.format_message().split()) + hint)
        sys.exit(EXIT_ERROR)
    except click.ClickException as exc:
        _fail(" ".join(exc.format_message().split()))
        sys.exit(EXIT_ERROR)
    except (KeyboardInterrupt, click.exceptions.Abort):
        _fail("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except Stopped as stop:
        terminated = stop.signum == getattr(signal, "SIGTERM", None)
        _fail("terminated" if terminated else "interrupted")
        sys.exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED)
    except Exception as exc:
        _fail(f"internal error: {type(exc).__name__}: {exc}")
        sys.exit(EXIT_ERROR)
    sys.exit(status if isinstance(status, int) else EXIT_CLEAN)
