"""Linting off the message loop: one worker thread, jobs by priority, stale versions dropped.

The engine is pure Python, so more threads would only share one core's worth of the GIL and
make the engine's caches shared state; one worker keeps it simple and still leaves the loop
free between the interpreter's thread switches (every 5 ms), so a 2 MB article being linted
never holds up a hover or a keystroke's change notification.

Buffers of 256,000 characters and more are linted in a child process instead (``child``), so
the GIL stays with the server while they run, and a stale one is killed rather than waited for.

Each job has a key (a buffer's URI, "scan:...", ...). Submitting a job whose key is already
waiting replaces it: ten keystrokes while a long lint runs leave one job for the newest text,
not ten. A small buffer's lint already running isn't interrupted (the engine has no cancellation
points; it takes milliseconds); its result is dropped if the buffer moved on meanwhile."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger("newslint.server")

URGENT, EDIT, BACKGROUND = 0, 1, 2  # a request waits on it; a buffer changed; files on disk


class LintScheduler:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self._heap: list[tuple[int, int, str]] = []
        self._jobs: dict[str, tuple[int, Callable[[], Any]]] = {}
        self._order = itertools.count()
        self._requests = itertools.count()
        self._wake = threading.Condition()
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._stopped = False
        # daemon: `exit` must not wait for a 2 MB lint to finish
        self._thread = threading.Thread(target=self._work, name="newslint-lint", daemon=True)
        self._thread.start()

    def submit(self, key: str, job: Callable[[], Any], priority: int = EDIT) -> None:
        """Queue ``job`` (replacing a waiting job with the same key)."""
        self.cancel_timer(key)
        with self._wake:
            known = self._jobs.get(key)
            priority = min(priority, known[0]) if known else priority
            self._jobs[key] = (priority, job)
            heapq.heappush(self._heap, (priority, next(self._order), key))
            self._wake.notify()

    def later(self, key: str, delay: float, job: Callable[[], Any], priority: int = EDIT) -> None:
        """Queue ``job`` after ``delay`` seconds of quiet for ``key`` (debounce); loop thread only."""
        self.cancel_timer(key)
        self._timers[key] = self.loop.call_later(delay, self.submit, key, job, priority)

    def cancel_timer(self, key: str) -> None:
        timer = self._timers.pop(key, None)
        if timer is not None:
            timer.cancel()

    def forget(self, key: str) -> None:
        self.cancel_timer(key)
        with self._wake:
            self._jobs.pop(key, None)

    async def run(self, key: str, job: Callable[[], Any], priority: int = URGENT) -> Any:
        """Run ``job`` on the worker and await its result (for a request that needs it). The
        key gets a serial number: a later edit's job must not replace one a request awaits."""
        future: asyncio.Future[Any] = self.loop.create_future()

        def deliver(outcome: Any, error: BaseException | None) -> None:
            if future.done():
                return
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(outcome)

        def wrapped() -> None:
            try:
                outcome = job()
            except BaseException as exc:
                self.loop.call_soon_threadsafe(deliver, None, exc)
                return
            self.loop.call_soon_threadsafe(deliver, outcome, None)

        self.submit(f"{key}#{next(self._requests)}", wrapped, priority)
        return await future

    def stop(self) -> None:
        for key in list(self._timers):
            self.cancel_timer(key)
        with self._wake:
            self._stopped = True
            self._jobs.clear()
            self._wake.notify()

    def _next(self) -> Callable[[], Any] | None:
        with self._wake:
            while True:
                if self._stopped:
                    return None
                while self._heap:
                    priority, _, key = heapq.heappop(self._heap)
                    queued = self._jobs.get(key)
                    if queued is not None and queued[0] == priority:
                        del self._jobs[key]
                        return queued[1]
                self._wake.wait()

    def _work(self) -> None:
        while True:
            job = self._next()
            if job is None:
                return
            try:
                job()
            except Exception:  # a job's bug is logged; the worker lives on
                log.exception("newslint: lint job failed")
