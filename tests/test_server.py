"""`newslint server` end to end: a real LSP client (pytest-lsp) talks to the server over stdio.

Most tests share one server (starting pygls costs about a second): each works in its own folder
under the workspace with titles of its own, so the project rules of one test never see another's
articles. Tests that need a fresh process (start-up scan, exit codes, a crashing plugin) start
their own. Every wait is bounded."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sys
import textwrap
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")
pytest_asyncio = pytest.importorskip("pytest_asyncio")

from lsprotocol import types  # noqa: E402

from conftest import run_cli  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="module")

WAIT = 30.0  # seconds: generous for a loaded 2-core CI machine; a passing run waits far less


class Session:
    """A started server, its client, and everything the server sent."""

    def __init__(self, client: Any, root: Path):
        self.client = client
        self.root = root
        self.published: list[types.PublishDiagnosticsParams] = []
        self.registrations: list[types.RegistrationParams] = []
        self.changed = asyncio.Event()
        self.versions: dict[str, int] = {}

    # ----- what the server sent ---------------------------------------------------------------

    def latest(self, uri: str) -> types.PublishDiagnosticsParams | None:
        for params in reversed(self.published):
            if params.uri == uri:
                return params
        return None

    async def until(self, predicate: Any, timeout: float = WAIT) -> Any:
        """Wait until ``predicate()`` returns something truthy; return it."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(f"timed out waiting; last diagnostics: {self.published[-3:]}")
            self.changed.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.changed.wait(), min(remaining, 0.5))

    async def diagnostics(self, path: Path, version: int | None = None) -> list[types.Diagnostic]:
        """The diagnostics published for ``path`` at ``version`` (its latest by default)."""
        uri = path.as_uri()
        want = self.versions.get(uri) if version is None else version

        def found() -> types.PublishDiagnosticsParams | None:
            latest = self.latest(uri)
            return latest if latest is not None and latest.version == want else None

        params = await self.until(found)
        return list(params.diagnostics)

    # ----- what the client does ---------------------------------------------------------------

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        return path

    def open(self, path: Path, text: str | None = None, language: str = "markdown") -> None:
        text = path.read_text(encoding="utf-8") if text is None else text
        self.versions[path.as_uri()] = 1
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(path.as_uri(), language, 1, text))
        )

    def change(self, path: Path, *changes: types.TextDocumentContentChangeEvent) -> int:
        uri = path.as_uri()
        self.versions[uri] += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]), list(changes)
            )
        )
        return self.versions[uri]

    def replace_all(self, path: Path, text: str) -> int:
        return self.change(path, types.TextDocumentContentChangeWholeDocument(text=text))

    def close(self, path: Path) -> None:
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(path.as_uri())))

    async def code_actions(self, path: Path, where: types.Range, only: list[str] | None = None
                           ) -> list[types.CodeAction]:
        params = types.CodeActionParams(
            types.TextDocumentIdentifier(path.as_uri()), where, types.CodeActionContext(diagnostics=[], only=only)
        )
        result = await asyncio.wait_for(self.client.text_document_code_action_async(params), WAIT)
        return [a for a in result or [] if isinstance(a, types.CodeAction)]

    async def hover(self, path: Path, position: types.Position) -> types.Hover | None:
        params = types.HoverParams(types.TextDocumentIdentifier(path.as_uri()), position)
        return await asyncio.wait_for(self.client.text_document_hover_async(params), WAIT)


async def start_session(root: Path, env: dict[str, str] | None = None, initialization_options: Any = None
                        ) -> Session:
    client = pytest_lsp.make_test_lsp_client()
    session = Session(client, root)

    def on_publish(params: types.PublishDiagnosticsParams) -> None:
        session.published.append(params)
        session.changed.set()

    def on_register(params: types.RegistrationParams) -> None:
        session.registrations.append(params)

    # record every publication (pytest-lsp keeps only the latest), and accept file watchers
    client.protocol.fm.features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = on_publish
    client.protocol.fm.features[types.CLIENT_REGISTER_CAPABILITY] = on_register
    server_env = dict(os.environ, **(env or {}))
    await client.start_io(sys.executable, "-m", "newslint", "server", "--no-cache", env=server_env)
    params = types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="articles")],
        initialization_options=initialization_options,
    )
    await asyncio.wait_for(client.initialize_session(params), WAIT)
    return session


async def stop_session(session: Session) -> None:
    await asyncio.wait_for(session.client.shutdown_session(), WAIT)
    await session.client.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shared_server(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Session]:
    # Project rules over open buffers only: no scan of the disk, so one test's files on disk
    # never meet another's articles (tests of the disk scan start a server of their own).
    session = await start_session(tmp_path_factory.mktemp("workspace"), initialization_options={"scanWorkspace": False})
    yield session
    await stop_session(session)


@pytest.fixture
def lsp(shared_server: Session, request: pytest.FixtureRequest) -> Iterator[Session]:
    """The shared server, with a folder of this test's own; the test's buffers close after it."""
    folder = shared_server.root / request.node.name.replace("[", "_").replace("]", "")
    folder.mkdir()
    scoped = _scoped(shared_server, folder)
    opened_before = set(shared_server.versions)
    yield scoped
    for uri in set(shared_server.versions) - opened_before:
        shared_server.client.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
        del shared_server.versions[uri]


def _scoped(session: Session, folder: Path) -> Session:
    scoped = Session.__new__(Session)
    scoped.__dict__ = session.__dict__.copy()
    scoped.versions = session.versions  # shared: the fixture closes what the test opened
    scoped.root = folder
    return scoped


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits (UTF-16 positions) the way an editor does."""
    from newslint.server.positions import LineIndex

    index = LineIndex(text)
    spans = sorted(((index.offset(e.range.start.line, e.range.start.character),
                     index.offset(e.range.end.line, e.range.end.character), e.new_text) for e in edits),
                   reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: types.CodeAction) -> list[types.TextEdit]:
    assert action.edit is not None
    if action.edit.document_changes:
        return [e for change in action.edit.document_changes for e in change.edits]  # type: ignore[union-attr]
    assert action.edit.changes is not None
    return [e for edits in action.edit.changes.values() for e in edits]


def codes(diagnostics: list[types.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


WHOLE = types.Range(types.Position(0, 0), types.Position(10_000, 0))

ARTICLE = textwrap.dedent("""\
    # Ferry service resumes across the bay

    Officials in Kiev said the ferry would run daily [1].

    The harbour master said the ferries were organized by the port.
    The colour of the new boats was chosen by the harbour board.

    ## References

    1. Port authority statement
    2. A source nobody cites
    """)


# ----- diagnostics -------------------------------------------------------------------------------


async def test_opening_an_article_publishes_its_findings_with_code_rule_severity_and_docs_link(lsp):
    path = lsp.write("ferry.md", ARTICLE)
    lsp.open(path)
    diagnostics = await lsp.diagnostics(path)
    by_code = {d.code: d for d in diagnostics}
    assert {"NL101", "NL402"} <= set(by_code)
    kiev = by_code["NL402"]
    assert kiev.source == "newslint"
    assert kiev.severity == types.DiagnosticSeverity.Warning
    assert kiev.message.startswith("nonpreferred-place-name: ")
    assert kiev.code_description is not None and kiev.code_description.href.startswith("https://")
    line = ARTICLE.splitlines()[2]
    assert kiev.range.start == types.Position(2, line.index("Kiev"))
    assert kiev.range.end == types.Position(2, line.index("Kiev") + 4)


async def test_plain_text_articles_are_linted_too(lsp):
    text = "Ferry service resumes on the lake\n\nOfficials in Kiev said the ferry would run daily.\n"
    path = lsp.write("wire.txt", text)
    lsp.open(path, language="plaintext")
    assert "NL402" in codes(await lsp.diagnostics(path))


async def test_ranges_count_utf16_code_units_after_emoji_and_other_astral_characters(lsp):
    prefix = "😀🇺🇦 𝔘 mixed é "
    text = f"# Lake crossing reopens\n\n{prefix}Kiev said the ferry would run.\n"
    path = lsp.write("emoji.md", text)
    lsp.open(path)
    diagnostics = await lsp.diagnostics(path)
    kiev = next(d for d in diagnostics if d.code == "NL402")
    units = len(prefix.encode("utf-16-le")) // 2
    assert units > len(prefix)  # the test means something only if the prefix has surrogate pairs
    assert kiev.range.start == types.Position(2, units)
    assert kiev.range.end == types.Position(2, units + 4)


async def test_changes_are_debounced_and_the_newest_version_is_linted(lsp):
    path = lsp.write("typing.md", "# Night trains return\n\nThe trains leave at nine.\n")
    lsp.open(path)
    assert await lsp.diagnostics(path) == []
    line = "The trains leave at nine."
    for n, word in enumerate(["Officials", " in", " Kiev", " agreed.", ""]):
        lsp.change(path, types.TextDocumentContentChangePartial(
            range=types.Range(types.Position(2, len(line)), types.Position(2, len(line))), text=" " + word if n == 0
            else word))
        line += (" " + word if n == 0 else word)
    final = lsp.versions[path.as_uri()]
    assert "NL402" in codes(await lsp.diagnostics(path, final))
    versions = [p.version for p in lsp.published if p.uri == path.as_uri()]
    # the versions typed within the debounce window get no lint of their own (one may slip in
    # only if a loaded machine stalls the server for longer than the debounce)
    assert versions[0] == 1 and versions[-1] == final and len(versions) <= 3


async def test_saving_lints_at_once(lsp):
    path = lsp.write("saved.md", "# Harbour works finish\n\nCrews left on time.\n")
    lsp.open(path)
    await lsp.diagnostics(path)
    version = lsp.replace_all(path, "# Harbour works finish\n\nCrews left Kiev on time.\n")
    lsp.client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(path.as_uri())))
    assert "NL402" in codes(await lsp.diagnostics(path, version))


# ----- code actions and hover --------------------------------------------------------------------


async def test_quick_fix_edit_removes_its_finding(lsp):
    path = lsp.write("quickfix.md", ARTICLE.replace("Ferry service", "Bay ferry service"))
    lsp.open(path)
    await lsp.diagnostics(path)
    text = path.read_text()
    actions = await lsp.code_actions(path, types.Range(types.Position(2, 0), types.Position(2, 200)))
    fix = next(a for a in actions if a.title.startswith("Replace") and "NL402" in a.title)
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    assert fix.diagnostics and fix.diagnostics[0].code == "NL402"
    fixed = apply_edits(text, edits_of(fix))
    assert "Officials in Kyiv said" in fixed
    version = lsp.replace_all(path, fixed)
    assert "NL402" not in codes(await lsp.diagnostics(path, version))


async def test_fix_all_code_action_equals_newslint_check_fix(lsp):
    text = ARTICLE.replace("Ferry service", "Ferry timetable") + (
        "\nSkip to content\n\nThe harbour board organized a colour parade, and the favorite colour won.\n"
    )
    path = lsp.write("fixall.md", text)
    lsp.open(path)
    await lsp.diagnostics(path)
    actions = await lsp.code_actions(path, WHOLE, only=["source.fixAll"])
    assert [a.kind for a in actions] == ["source.fixAll.newslint"]
    from_server = apply_edits(text, edits_of(actions[0]))

    copy = lsp.root / "cli" / "fixall.md"
    copy.parent.mkdir()
    shutil.copy(path, copy)
    run_cli("check", "--fix", "--no-cache", str(copy), cwd=lsp.root)
    from_cli = copy.read_text(encoding="utf-8")
    assert from_cli != text  # both made changes...
    assert from_server == from_cli  # ...and the same ones


async def test_fix_all_is_offered_in_the_light_bulb_and_resolved_lazily(lsp):
    path = lsp.write("lazy.md", ARTICLE.replace("Ferry service", "Island ferry"))
    lsp.open(path)
    await lsp.diagnostics(path)
    actions = await lsp.code_actions(path, types.Range(types.Position(0, 0), types.Position(0, 1)))
    lazy = next(a for a in actions if a.kind == "source.fixAll.newslint")
    assert lazy.edit is None
    resolved = await asyncio.wait_for(lsp.client.code_action_resolve_async(lazy), WAIT)
    assert "Kyiv" in apply_edits(path.read_text(), edits_of(resolved))


async def test_disable_for_this_line_writes_a_suppression_comment_that_silences_the_finding(lsp):
    path = lsp.write("disable.md", ARTICLE.replace("Ferry service", "Ferry pier"))
    lsp.open(path)
    await lsp.diagnostics(path)
    text = path.read_text()
    actions = await lsp.code_actions(path, types.Range(types.Position(2, 14), types.Position(2, 14)))
    disable = next(a for a in actions if a.title.startswith("Disable NL402"))
    edited = apply_edits(text, edits_of(disable))
    assert "<!-- newslint-disable-next-line NL402 -->\nOfficials in Kiev" in edited
    version = lsp.replace_all(path, edited)
    after = codes(await lsp.diagnostics(path, version))
    assert "NL402" not in after and "NL001" not in after  # silenced, and the comment counts as used


async def test_plain_text_has_no_disable_comment_to_offer(lsp):
    path = lsp.write("plain.txt", "Ferry landing reopens\n\nOfficials in Kiev said so.\n")
    lsp.open(path, language="plaintext")
    await lsp.diagnostics(path)
    actions = await lsp.code_actions(path, WHOLE)
    assert actions and not [a for a in actions if a.title.startswith("Disable")]


async def test_hover_on_a_diagnostic_shows_the_rule_page_as_the_cli_prints_it(lsp):
    path = lsp.write("hover.md", ARTICLE.replace("Ferry service", "Ferry fares"))
    lsp.open(path)
    diagnostics = await lsp.diagnostics(path)
    kiev = next(d for d in diagnostics if d.code == "NL402")
    hover = await lsp.hover(path, kiev.range.start)
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    printed = run_cli("rule", "NL402").stdout.decode("utf-8")
    assert hover.contents.value.startswith(printed.strip())
    assert await lsp.hover(path, types.Position(0, 0)) is None


# ----- configuration -----------------------------------------------------------------------------


async def test_config_changes_are_picked_up_and_a_bad_config_is_one_diagnostic_and_a_message(lsp):
    path = lsp.write("configured/story.md", ARTICLE.replace("Ferry service", "Ferry strike"))
    lsp.open(path)
    assert "NL402" in codes(await lsp.diagnostics(path))

    def notify_changed(config: Path) -> None:
        lsp.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))

    config = lsp.write("configured/newslint.toml", 'ignore = ["nonpreferred-place-name"]\n')
    published = len(lsp.published)
    notify_changed(config)
    await lsp.until(lambda: any(p.uri == path.as_uri() for p in lsp.published[published:]))
    assert "NL402" not in codes(await lsp.diagnostics(path)) and "NL101" in codes(await lsp.diagnostics(path))

    messages = len(lsp.client.messages)
    config.write_text('select = ["NL101"]\nignore = ["NL999"]\n')
    notify_changed(config)
    on_config = await lsp.until(lambda: (p := lsp.latest(config.as_uri())) and p.diagnostics and p)
    assert len(on_config.diagnostics) == 1
    assert "NL999" in on_config.diagnostics[0].message and on_config.diagnostics[0].range.start.line == 1
    await lsp.until(lambda: len(lsp.client.messages) > messages)
    assert "NL999" in lsp.client.messages[-1].message
    assert await lsp.diagnostics(path) == []  # the article waits for a usable config
    assert len([m for m in lsp.client.messages[messages:] if "NL999" in m.message]) == 1

    config.write_text('ignore = ["NL101"]\n')
    notify_changed(config)
    await lsp.until(lambda: (p := lsp.latest(config.as_uri())) is not None and not p.diagnostics)
    await lsp.until(lambda: (p := lsp.latest(path.as_uri())) and "NL402" in codes(list(p.diagnostics)))
    # the shared server keeps running for the other tests: that is the "never a dead server" check


async def test_a_config_edited_without_a_file_notification_is_read_again_on_the_next_lint(lsp):
    path = lsp.write("unwatched/story.md", ARTICLE.replace("Ferry service", "Ferry crew"))
    lsp.open(path)
    assert "NL402" in codes(await lsp.diagnostics(path))
    lsp.write("unwatched/newslint.toml", 'ignore = ["NL402"]\n')  # no didChangeWatchedFiles
    version = lsp.replace_all(path, path.read_text() + "\nOne more line.\n")
    assert "NL402" not in codes(await lsp.diagnostics(path, version))


# ----- project rules -----------------------------------------------------------------------------


async def test_two_open_articles_sharing_a_title_are_both_reported(lsp):
    body = "\n\nThe council met on Tuesday and agreed the budget.\n"
    first = lsp.write("titles/first.md", "# Council approves lighthouse budget" + body)
    second = lsp.write("titles/second.md", "# Council approves lighthouse budget" + body.replace("Tuesday", "Friday"))
    lsp.open(first)
    lsp.open(second)
    await lsp.until(lambda: all((p := lsp.latest(f.as_uri())) and "NL201" in codes(list(p.diagnostics))
                                for f in (first, second)))
    told = {f.name: next(d.message for d in lsp.latest(f.as_uri()).diagnostics if d.code == "NL201")
            for f in (first, second)}
    assert "first.md" in told["second.md"] and "second.md" in told["first.md"]
    # retitling one clears both
    version = lsp.replace_all(second, "# Council delays lighthouse budget" + body)
    assert "NL201" not in codes(await lsp.diagnostics(second, version))
    await lsp.until(lambda: "NL201" not in codes(list(lsp.latest(first.as_uri()).diagnostics)))


async def test_a_place_spelled_two_ways_across_open_articles_is_reported(lsp):
    first = lsp.write("places/one.md", "# Port traffic grows in the south\n\nShips from Odesa arrived.\n")
    second = lsp.write("places/two.md", "# Grain exports rise again\n\nShips left Odessa at dawn.\n")
    lsp.open(first)
    lsp.open(second)
    # Odessa against the other buffer's Odesa: since one defect gets one finding, the spelling house
    # style avoids is NL402 (which names the other spelling); a pair neither side of which house
    # style prefers would be NL401
    await lsp.until(lambda: (p := lsp.latest(second.as_uri())) and {"NL401", "NL402"} & set(codes(list(p.diagnostics))))


async def test_a_file_on_disk_counts_for_project_rules(tmp_path):
    body = "\n\nThe mill closed after ninety years of work.\n"
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.md").write_text("# Old mill closes its doors" + body)
    session = await start_session(tmp_path)
    try:
        path = session.write("new.md", "# Old mill closes its doors" + body.replace("ninety", "eighty"))
        session.open(path)
        await session.until(lambda: (p := session.latest(path.as_uri())) and "NL201" in codes(list(p.diagnostics)))
        assert [r.registrations[0].method for r in session.registrations] == ["workspace/didChangeWatchedFiles"]
        # the file on disk is renamed away: the project finding goes
        (tmp_path / "archive" / "old.md").unlink()
        session.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
            types.FileEvent(uri=(tmp_path / "archive" / "old.md").as_uri(), type=types.FileChangeType.Deleted)]))
        await session.until(lambda: "NL201" not in codes(list(session.latest(path.as_uri()).diagnostics)))
        # a folder joins the workspace: its articles count from then on
        other = tmp_path.parent / f"{tmp_path.name}-other"
        other.mkdir()
        (other / "copy.md").write_text("# Old mill closes its doors" + body)
        session.client.workspace_did_change_workspace_folders(types.DidChangeWorkspaceFoldersParams(
            event=types.WorkspaceFoldersChangeEvent(
                added=[types.WorkspaceFolder(uri=other.as_uri(), name="other")], removed=[])))
        await session.until(lambda: "NL201" in codes(list(session.latest(path.as_uri()).diagnostics)))
    finally:
        await stop_session(session)


# ----- robustness and lifecycle ------------------------------------------------------------------


async def test_hostile_text_gets_diagnostics_or_none_and_the_server_keeps_answering(lsp):
    texts = {
        "binary.md": "\x00\x01\x02PNG\x00" * 50,
        "footnote.md": "# Half typed\n\nA claim[^1 and [^ and [^2]\n\n[^",
        "controls.md": "# Odd\x0b\x0c\u2028\u2029 text\r\rKiev\r\n\ud800 lone surrogate\n",
        "long-line.md": "Kiev " + "word " * 400_000,  # a 2 MB line
    }
    for name, text in texts.items():
        path = lsp.write(f"hostile/{name}", "placeholder")
        lsp.open(path, text)
    calm = lsp.write("hostile/calm.md", "# Calm harbour\n\nKiev.\n")
    lsp.open(calm)
    # the 2 MB line is being linted (in the child process); a small article opened after it
    # gets its diagnostics and its requests answered long before
    long_line = (lsp.root / "hostile" / "long-line.md").as_uri()
    assert "NL402" in codes(await lsp.diagnostics(calm))
    assert await lsp.hover(calm, types.Position(0, 0)) is None
    assert lsp.latest(long_line) is None
    for name in texts:
        diagnostics = await lsp.diagnostics(lsp.root / "hostile" / name)
        if name == "binary.md":
            assert diagnostics == []
    long_line = await lsp.diagnostics(lsp.root / "hostile" / "long-line.md")
    assert long_line and long_line[0].range.start.line == 0


async def test_a_rule_that_raises_is_logged_and_skipped(tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "newslint_boom.py").write_text(textwrap.dedent('''
        from newslint.rule import Rule

        class Boom(Rule):
            """Always fails."""

            code = "XBM1"
            name = "always-fails"

            def check(self, doc, ctx):
                raise RuntimeError("boom")
    '''))
    info = plugins / "newslint_boom-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newslint-boom\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[newslint.rules]\nboom = newslint_boom:Boom\n")
    workspace = tmp_path / "ws"
    workspace.mkdir()
    pythonpath = os.pathsep.join([str(plugins), os.environ.get("PYTHONPATH", "")])
    session = await start_session(workspace, env={"PYTHONPATH": pythonpath})
    try:
        path = session.write("story.md", "# Tram line opens\n\nOfficials in Kiev cut the ribbon.\n")
        session.open(path)
        assert "NL402" in codes(await session.diagnostics(path))  # the other rules ran
        await session.until(lambda: any("XBM1" in m.message and "boom" in m.message
                                        for m in session.client.log_messages))
    finally:
        await stop_session(session)
