"""The pygls glue: LSP messages in, lint jobs out, diagnostics and edits back.

The message loop only keeps buffers in step and answers from results it already has; every
use of the engine happens on the scheduler's worker thread, and results come back to the loop
with ``call_soon_threadsafe`` (pygls writes to stdout from the loop thread only)."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import os
import sys
from collections.abc import Generator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from newslint import __version__
from newslint.findings import Finding
from newslint.registry import RegistryError
from newslint.server import actions
from newslint.server.diagnostics import problem_diagnostic, to_diagnostics
from newslint.server.documents import OpenDocument, Snapshot, fs_path, path_of
from newslint.server.positions import UTF16, LineIndex
from newslint.server.scheduler import BACKGROUND, EDIT, URGENT, LintScheduler
from newslint.server.workspace import BufferResult, ConfigProblem, Project

log = logging.getLogger("newslint.server")

DEBOUNCE_SECONDS = 0.15
HOVER_WAIT_SECONDS = 1.0
SCAN_CHUNK = 64  # files per background job: a buffer's lint never waits behind a whole scan
MAX_LOGGED_ERRORS = 200
TOML_SUFFIX = ".toml"


@dataclass(frozen=True)
class BufferState:
    """What was last published for a buffer, and what it was computed on."""

    uri: str
    result: BufferResult
    index: LineIndex
    project: tuple[Finding, ...] = ()

    def findings(self) -> list[Finding]:
        own = self.result.report.findings if self.result.report is not None else []
        return [*own, *self.project]


class NewslintProtocol(LanguageServerProtocol):
    """pygls' protocol without its own copy of each document (see ``documents``)."""

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams) -> Generator[Any, Any, None]:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(
        self, params: types.DidChangeTextDocumentParams
    ) -> Generator[Any, Any, None]:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(
        self, params: types.DidCloseTextDocumentParams
    ) -> Generator[Any, Any, None]:
        if (handler := self.fm.features.get(types.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None


class NewslintServer(LanguageServer):
    def __init__(self, cache: bool = True, cache_dir: str | None = None):
        super().__init__(
            "newslint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            protocol_cls=NewslintProtocol,
        )
        self.use_cache = cache
        self.cache_dir = cache_dir
        self.documents: dict[str, OpenDocument] = {}  # loop thread writes; the worker reads snapshots
        self.states: dict[str, BufferState] = {}  # worker writes, loop reads
        self.problems: dict[str, ConfigProblem] = {}  # worker only
        self.logged: set[str] = set()  # worker only
        self.project = Project([])
        self.encoding = UTF16
        self.docs_template: str | None = None
        self.debounce = DEBOUNCE_SECONDS
        self.scheduler: LintScheduler | None = None
        self.shutdown_requested = False
        self.versioned_edits = False
        self.resolve_edits = False

    # ----- plumbing ---------------------------------------------------------------------

    @property
    def jobs(self) -> LintScheduler:
        if self.scheduler is None:
            self.scheduler = LintScheduler(asyncio.get_running_loop())
        return self.scheduler

    def on_loop(self, callback: Any, *args: Any) -> None:
        """Run ``callback`` on the message loop (from the worker thread)."""
        self.jobs.loop.call_soon_threadsafe(callback, *args)

    def publish(self, uri: str, diagnostics: list[types.Diagnostic], version: int | None = None) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    def publish_state(self, state: BufferState) -> None:
        """(worker) Publish a buffer's diagnostics, unless the buffer moved on or closed."""
        document = self.documents.get(state.uri)
        if document is None or document.version != state.result.version:
            return
        self.states[state.uri] = state
        diagnostics = to_diagnostics(state.index, state.findings(), self.docs_template)
        params = types.PublishDiagnosticsParams(uri=state.uri, diagnostics=diagnostics, version=state.result.version)
        # Serialised here, on the worker: turning thousands of diagnostics (a 2 MB article)
        # into JSON through pygls' converter would hold the message loop for a second.
        body = json.dumps({
            "jsonrpc": "2.0",
            "method": types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
            "params": self.protocol._converter.unstructure(params),
        }).encode("utf-8")
        self.on_loop(self.send_bytes, b"Content-Length: %d\r\n\r\n%s" % (len(body), body), state.uri)

    def send_bytes(self, message: bytes, uri: str) -> None:
        """(loop) Write one framed message, as pygls' own writes do, unless the buffer was
        closed while it was made (the editor already got its empty list)."""
        writer = self.protocol.writer
        if writer is None or uri not in self.documents:
            return
        try:
            writer.write(message)  # stdio: pygls' StdoutWriter writes and flushes at once
        except (BrokenPipeError, ValueError):  # the client is gone; exit follows
            log.warning("newslint: client went away")

    def log_once(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        """(worker) A rule's crash or a skipped buffer: logged once, not on every keystroke."""
        if message in self.logged:
            return
        if len(self.logged) < MAX_LOGGED_ERRORS:
            self.logged.add(message)
        log.error("%s", message)
        self.on_loop(self.window_log_message, types.LogMessageParams(type=kind, message=f"newslint: {message}"))

    # ----- lint jobs (worker thread) -------------------------------------------------------

    def lint_job(self, uri: str) -> BufferState | None:
        document = self.documents.get(uri)
        if document is None:
            return None
        snapshot, path = document.snapshot, document.path
        def still_wanted() -> bool:
            return self.documents.get(uri) is document and document.version == snapshot.version

        try:
            if self.project.config_changed(path):
                self.reload_job()
            outcome = self.project.lint_buffer(path, snapshot.version, snapshot.text, still_wanted)
            if outcome is None:  # newer keystrokes made it stale: their own lint is on its way
                return self.states.get(uri)
            result = outcome
        except RegistryError as exc:
            self.log_once(str(exc))
            self.show_problem(ConfigProblem("", 0, str(exc)))
            result = BufferResult(path, snapshot.version, snapshot.text, None, skipped=str(exc))
        except Exception as exc:  # an engine bug: this buffer goes without diagnostics, the server lives
            log.exception("newslint: linting %s failed", path)
            result = BufferResult(path, snapshot.version, snapshot.text, None, skipped=f"{type(exc).__name__}: {exc}")
        for error in result.errors:
            self.log_once(error)
        if result.skipped:
            self.log_once(f"{path}: {result.skipped}", types.MessageType.Warning)
        if result.problem is not None:
            self.show_problem(result.problem)
        state = BufferState(uri, result, LineIndex(snapshot.text, document.encoding))
        self.publish_project(changed=state)
        return self.states.get(uri, state)

    def publish_project(self, changed: BufferState | None = None) -> None:
        """Recompute project findings for every open buffer; publish the changed buffer and any
        other whose project findings moved (a title another article now shares)."""
        states = dict(self.states)
        if changed is not None:
            states[changed.uri] = changed
        linted = {s.result.path: s for s in states.values() if s.result.report is not None and s.uri in self.documents}
        try:
            by_path = self.project.project_findings(linted) if linted else {}
        except Exception:
            log.exception("newslint: project rules failed")
            by_path = {}
        for state in states.values():
            project = tuple(sorted(by_path.get(state.result.path, []), key=Finding.sort_key))
            if state is changed or project != state.project:
                self.publish_state(replace(state, project=project))

    def show_problem(self, problem: ConfigProblem) -> None:
        """(worker) One diagnostic on the broken file and one message, however many buffers
        live under it."""
        key = problem.file or problem.message
        if self.problems.get(key) == problem:
            return
        self.problems[key] = problem
        if problem.file:
            uri = types_uri(problem.file)
            self.on_loop(self.publish, uri, [problem_diagnostic(problem)], None)
        message = types.ShowMessageParams(type=types.MessageType.Error, message=f"newslint: {problem.message}")
        self.on_loop(self.window_show_message, message)

    def reload_job(self) -> None:
        """A config or pack file changed: forget them, clear old problems, lint everything again."""
        self.project.reload()
        for key, problem in list(self.problems.items()):
            if problem.file:
                self.on_loop(self.publish, types_uri(problem.file), [], None)
            del self.problems[key]
        self.logged.clear()
        for uri in list(self.documents):
            self.jobs.submit(uri, partial(self.lint_job, uri), EDIT)
        self.jobs.submit("scan", self.scan_job, BACKGROUND)

    def scan_job(self) -> None:
        """List the workspace's articles and read their facts in chunks, behind buffer lints."""
        if not self.project.scan:
            return
        try:
            paths = self.project.workspace_files()
        except RegistryError as exc:
            self.log_once(str(exc))
            return
        chunks = [paths[i : i + SCAN_CHUNK] for i in range(0, len(paths), SCAN_CHUNK)] or [[]]
        for number, chunk in enumerate(chunks):
            last = number == len(chunks) - 1
            self.jobs.submit(f"scan:{number}", partial(self.disk_job, chunk, last), BACKGROUND)

    def disk_job(self, paths: list[str], republish: bool = True) -> None:
        if paths:
            try:
                self.project.refresh_disk(paths)
            except RegistryError as exc:
                self.log_once(str(exc))
                return
        if republish:
            self.publish_project()

    def close_job(self, path: str) -> None:
        self.project.close_buffer(path)
        self.publish_project()

    # ----- requests that need the current version --------------------------------------------

    async def current_state(self, uri: str) -> BufferState | None:
        document = self.documents.get(uri)
        if document is None:
            return None
        state = self.states.get(uri)
        if state is not None and state.result.version == document.version:
            return state
        self.jobs.cancel_timer(uri)
        state = await self.jobs.run(uri, lambda: self.lint_job(uri), URGENT)
        return state if isinstance(state, BufferState) else None


def types_uri(path: str) -> str:
    from pygls.uris import from_fs_path

    return from_fs_path(os.path.abspath(path)) or path


# ----- handlers --------------------------------------------------------------------------------


def create_server(cache: bool = True, cache_dir: str | None = None) -> NewslintServer:
    server = NewslintServer(cache=cache, cache_dir=cache_dir)

    @server.feature(types.INITIALIZE)
    def initialize(ls: NewslintServer, params: types.InitializeParams) -> None:
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        roots = [fs_path(f.uri) for f in params.workspace_folders or []]
        if not roots and params.root_uri:
            roots = [fs_path(params.root_uri)]
        elif not roots and params.root_path:
            roots = [os.path.abspath(params.root_path)]
        roots = [r for r in roots if os.path.isdir(r)]
        if roots:
            # paths relative to the root, as `newslint check` run there names them in messages
            os.chdir(roots[0])
        cache_dir = ls.cache_dir or os.environ.get("NEWSLINT_CACHE_DIR") or (
            os.path.join(roots[0], ".newslint_cache") if roots else None
        )
        ls.project = Project(roots, cache_dir=cache_dir if ls.use_cache else None,
                             scan=bool(options.get("scanWorkspace", True)))
        ls.encoding = str(getattr(ls.workspace.position_encoding, "value", ls.workspace.position_encoding) or UTF16)
        template = options.get("ruleDocsUrl")
        ls.docs_template = template if isinstance(template, str) else None
        debounce = options.get("debounceMs")
        if isinstance(debounce, (int, float)) and 0 <= debounce <= 5000:
            ls.debounce = debounce / 1000
        capabilities = params.capabilities
        workspace_edit = capabilities.workspace.workspace_edit if capabilities.workspace else None
        ls.versioned_edits = bool(workspace_edit and workspace_edit.document_changes)
        code_action = capabilities.text_document.code_action if capabilities.text_document else None
        resolve = code_action.resolve_support if code_action else None
        ls.resolve_edits = bool(resolve and "edit" in resolve.properties)
        ls.jobs  # noqa: B018 - start the worker now, not on the first keystroke
        # Everything loaded so far lives as long as the server: keep it out of the collector's
        # full passes, which otherwise walk pygls' and lsprotocol's objects during every big lint.
        gc.freeze()

    @server.feature(types.INITIALIZED)
    async def initialized(ls: NewslintServer, params: types.InitializedParams) -> None:
        ls.jobs.submit("scan", ls.scan_job, BACKGROUND)
        workspace = ls.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace else None
        if watched and watched.dynamic_registration:
            watchers = [
                types.FileSystemWatcher(glob_pattern="**/*.toml"),
                types.FileSystemWatcher(glob_pattern="**/*.{md,markdown,mdown,mkd,txt}"),
            ]
            registration = types.Registration(
                id="newslint-watched-files",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
            )
            try:
                await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
            except Exception as exc:  # the client said no: configs are read again on the next start
                log.warning("newslint: could not watch config files: %s", exc)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: NewslintServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        ls.documents[item.uri] = OpenDocument(
            item.uri, path_of(item.uri, item.language_id), item.language_id, Snapshot(item.version, item.text),
            ls.encoding,
        )
        ls.jobs.submit(item.uri, lambda: ls.lint_job(item.uri), EDIT)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: NewslintServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        document = ls.documents.get(uri)
        if document is None:
            return
        changes: list[tuple[tuple[int, int, int, int] | None, str]] = []
        for change in params.content_changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                r = change.range
                changes.append(((r.start.line, r.start.character, r.end.line, r.end.character), change.text))
            else:
                changes.append((None, change.text))
        document.apply(params.text_document.version, changes)
        ls.jobs.later(uri, ls.debounce, lambda: ls.lint_job(uri), EDIT)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: NewslintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri in ls.documents:
            ls.jobs.submit(uri, lambda: ls.lint_job(uri), EDIT)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: NewslintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        document = ls.documents.pop(uri, None)
        ls.jobs.forget(uri)
        ls.states.pop(uri, None)
        ls.publish(uri, [])
        if document is not None:
            ls.jobs.submit(f"close:{uri}", lambda: ls.close_job(document.path), EDIT)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: NewslintServer, params: types.DidChangeWatchedFilesParams) -> None:
        paths = [path_of(change.uri) for change in params.changes]
        if any(path.lower().endswith(TOML_SUFFIX) for path in paths):
            ls.jobs.submit("reload", ls.reload_job, EDIT)
            return
        open_paths = {d.path for d in ls.documents.values()}
        articles = [p for p in paths if p not in open_paths]
        if articles and ls.project.scan:
            ls.jobs.submit(f"disk:{'|'.join(sorted(articles))}", lambda: ls.disk_job(articles), BACKGROUND)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, actions.FIX_ALL],
            resolve_provider=True,
        ),
    )
    async def code_action(ls: NewslintServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
        uri = params.text_document.uri
        state = await ls.current_state(uri)
        document = ls.documents.get(uri)
        if state is None or document is None or state.result.report is None:
            return None
        only = params.context.only
        result: list[types.CodeAction] = []
        if _wants(only, types.CodeActionKind.QuickFix):
            markdown = state.result.path.lower().endswith((".md", ".markdown", ".mdown", ".mkd"))
            result += actions.quick_fixes(uri, state.result.version, state.index, state.findings(), params.range,
                                          markdown, ls.versioned_edits)
        safe_fixes = any(f.fix is not None and f.fix.safe for f in state.result.report.findings)
        # asked for (on save), or offered in the light bulb when the client resolves it lazily
        if safe_fixes and (_wants(only, actions.FIX_ALL) if only is not None else ls.resolve_edits):
            action = actions.fix_all_action()
            action.data = {"uri": uri, "version": state.result.version}
            if only is not None or not ls.resolve_edits:
                action = await resolve_fix_all(ls, action)
            if action.edit is not None or action.data:
                result.append(action)
        return result

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def code_action_resolve(ls: NewslintServer, action: types.CodeAction) -> types.CodeAction:
        if action.kind == actions.FIX_ALL and action.edit is None:
            return await resolve_fix_all(ls, action)
        return action

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: NewslintServer, params: types.HoverParams) -> types.Hover | None:
        # A hover must not wait behind a long lint (a 2 MB article on the worker): answer from
        # a fresh result or, failing one within a moment, not at all.
        try:
            state = await asyncio.wait_for(ls.current_state(params.text_document.uri), HOVER_WAIT_SECONDS)
        except asyncio.TimeoutError:
            return None
        if state is None or ls.project.linter is None:
            return None
        registry = ls.project.linter.registry
        return actions.hover(state.index, state.findings(), registry, params.position.line,
                             params.position.character)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: NewslintServer, params: None) -> None:
        ls.shutdown_requested = True
        if ls.scheduler is not None:
            ls.scheduler.stop()

    return server


def _wants(only: Sequence[str] | None, kind: str) -> bool:
    """Whether a code-action request with ``only`` asks for ``kind`` (LSP kinds are dotted
    hierarchies: asking for "source" includes "source.fixAll.newslint")."""
    if only is None:
        return True
    return any(kind == wanted or kind.startswith(wanted + ".") for wanted in only)


async def resolve_fix_all(ls: NewslintServer, action: types.CodeAction) -> types.CodeAction:
    data = action.data if isinstance(action.data, dict) else {}
    uri = data.get("uri")
    document = ls.documents.get(uri) if isinstance(uri, str) else None
    if document is None:
        return action
    snapshot, path = document.snapshot, document.path
    fixed = await ls.jobs.run(f"fix-all:{uri}", lambda: ls.project.fix_all(path, snapshot.text), URGENT)
    if isinstance(fixed, str) and fixed != snapshot.text:
        index = LineIndex(snapshot.text, document.encoding)
        edit = actions.minimal_edit(index, snapshot.text, fixed)
        action.edit = actions.workspace_edit(document.uri, snapshot.version, [edit], ls.versioned_edits)
    action.data = None
    return action


def serve(cache: bool = True, cache_dir: str | None = None) -> int:
    """Run the server on stdin/stdout until the client says ``exit`` or goes away."""
    server = create_server(cache=cache, cache_dir=cache_dir)
    # The loop thread asks for the GIL whenever a message arrives; with the default 5 ms
    # switch interval a busy lint thread makes each hand-over wait that long, several times
    # per request. 1 ms keeps requests quick while a long lint runs.
    sys.setswitchinterval(0.001)
    server.start_io()
    if server.scheduler is not None:
        server.scheduler.stop()
    server.project.child.stop()
    return 0 if server.shutdown_requested else 1


__all__ = ["NewslintServer", "create_server", "serve"]

