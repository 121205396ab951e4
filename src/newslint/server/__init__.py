"""``newslint server``: a Language Server Protocol server over stdio.

Editors get newslint's findings as diagnostics while an article is written (on open, on
change after a short pause, on save), its fixes as code actions, and each rule's
documentation on hover. Modules by job:

- ``protocol``: the pygls glue (handlers, capabilities, start and exit);
- ``documents`` and ``positions``: open buffers and LSP positions (UTF-16 code units);
- ``workspace``: configuration, the articles on disk and the project rules across them;
- ``scheduler`` and ``child``: the worker thread that lints off the message loop, newest
  version first, and the child process that lints large articles;
- ``diagnostics`` and ``actions``: findings as diagnostics, code actions and hover.

pygls is imported only here, never by ``newslint check``.
"""

from __future__ import annotations


def run(cache: bool = True, cache_dir: str | None = None) -> int:
    """Serve on stdin/stdout; the exit code LSP asks for (0 after shutdown, else 1)."""
    from newslint.server.protocol import serve

    return serve(cache=cache, cache_dir=cache_dir)
