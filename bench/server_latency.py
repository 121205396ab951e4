"""How fast `newslint server` answers an editor, measured over stdio as an editor talks to it.

1. **10 kB article**: an edit every ``--interval`` seconds (longer than the debounce); for each,
   the time from the didChange to the publishDiagnostics of that version, minus the debounce
   (150 ms): what the writer waits once they pause. Target: under 50 ms.
2. **2 MB article**: open it, then type into it at 20 keystrokes a second while asking for hover
   on a small open article every 50 ms. Reports the hover round trips (the message loop must stay
   free: a blocked loop shows as a round trip as long as the lint), how long the 2 MB article's
   diagnostics take after the last keystroke, and which versions were published (stale versions
   should be dropped, not linted one after another).

Articles come from bench/generate.py (synthetic news copy with some Kiev/Kyiv and spelling
variants added so fixes exist). The client is a plain asyncio JSON-RPC reader, so the script
needs only newslint installed.

Usage:
    python bench/server_latency.py [--edits 30] [--big-bytes 2000000] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from generate import single_article  # noqa: E402

DEBOUNCE = 0.150


class Client:
    """A minimal LSP client: requests with ids, notifications recorded with arrival times."""

    def __init__(self, process: asyncio.subprocess.Process):
        self.process = process
        self.next_id = 0
        self.pending: dict[int, asyncio.Future[Any]] = {}
        self.published: list[tuple[float, dict[str, Any]]] = []
        self.published_event = asyncio.Event()
        self.reader = asyncio.create_task(self._read())

    @classmethod
    async def start(cls, root: Path) -> Client:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "newslint", "server", "--no-cache",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, limit=2**26,
        )
        client = cls(process)
        await client.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": {}})
        client.notify("initialized", {})
        return client

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    async def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        self._send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return await asyncio.wait_for(future, 120)

    async def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = await stream.readline()
                if not line:
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                elif line in (b"\r\n", b"\n"):
                    break
            message = json.loads(await stream.readexactly(length))
            now = time.perf_counter()
            if "id" in message and "method" not in message:
                future = self.pending.pop(message["id"], None)
                if future is not None and not future.done():
                    future.set_result(message.get("result"))
            elif message.get("method") == "textDocument/publishDiagnostics":
                self.published.append((now, message["params"]))
                self.published_event.set()
            elif "id" in message:  # a request from the server (registerCapability): accept it
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})

    async def diagnostics_for(self, uri: str, version: int, timeout: float = 120) -> tuple[float, dict[str, Any]]:
        deadline = time.perf_counter() + timeout
        while True:
            for when, params in self.published:
                if params["uri"] == uri and params.get("version") == version:
                    return when, params
            self.published_event.clear()
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"no diagnostics for {uri} version {version}")
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.published_event.wait(), remaining)

    async def stop(self) -> None:
        await self.request("shutdown", None)
        self.notify("exit", None)
        await asyncio.wait_for(self.process.wait(), 30)
        self.reader.cancel()


def open_params(path: Path, text: str) -> dict[str, Any]:
    return {"textDocument": {"uri": path.as_uri(), "languageId": "markdown", "version": 1, "text": text}}


def insert(path: Path, version: int, line: int, character: int, text: str) -> dict[str, Any]:
    where = {"line": line, "character": character}
    return {
        "textDocument": {"uri": path.as_uri(), "version": version},
        "contentChanges": [{"range": {"start": where, "end": where}, "text": text}],
    }


def article_of(size: int, seed: int) -> str:
    words = max(50, size // 6)
    text = single_article(words, seed).text
    while len(text.encode("utf-8")) < size:
        text += "\n" + single_article(words, seed + len(text)).text
    text = text.encode("utf-8")[:size].decode("utf-8", "ignore")
    # a few findings with fixes, as real copy has
    return text.replace(" the ", " the Kiev ", 3).replace(" and ", " and colour and color ", 2)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def small_article(client: Client, root: Path, edits: int, interval: float) -> dict[str, Any]:
    text = article_of(10_000, 7)
    path = root / "ten-kb.md"
    path.write_text(text, encoding="utf-8")
    client.notify("textDocument/didOpen", open_params(path, text))
    opened = time.perf_counter()
    when, first = await client.diagnostics_for(path.as_uri(), 1)
    waits: list[float] = []
    findings = len(first["diagnostics"])
    line = text.count("\n") // 2
    for version in range(2, edits + 2):
        await asyncio.sleep(interval)
        sent = time.perf_counter()
        client.notify("textDocument/didChange", insert(path, version, line, 0, "Word "))
        arrived, _ = await client.diagnostics_for(path.as_uri(), version)
        waits.append(arrived - sent - DEBOUNCE)
    return {
        "bytes": len(text.encode("utf-8")),
        "findings": findings,
        "open_to_diagnostics_ms": round((when - opened) * 1000, 1),
        "after_debounce_ms": {
            "median": round(statistics.median(waits) * 1000, 1),
            "p95": round(percentile(waits, 0.95) * 1000, 1),
            "max": round(max(waits) * 1000, 1),
        },
        "edits": edits,
    }


async def big_article(client: Client, root: Path, size: int, seconds: float) -> dict[str, Any]:
    calm_text = "# A calm note\n\nNothing to see.\n"
    calm = root / "calm.md"
    calm.write_text(calm_text)
    client.notify("textDocument/didOpen", open_params(calm, calm_text))
    await client.diagnostics_for(calm.as_uri(), 1)

    text = article_of(size, 11)
    path = root / "two-mb.md"
    path.write_text(text, encoding="utf-8")
    hover = {"textDocument": {"uri": calm.as_uri()}, "position": {"line": 0, "character": 2}}
    round_trips: list[float] = []
    stop = asyncio.Event()

    async def probe() -> None:
        while not stop.is_set():
            sent = time.perf_counter()
            await client.request("textDocument/hover", hover)
            round_trips.append(time.perf_counter() - sent)
            await asyncio.sleep(0.05)

    prober = asyncio.create_task(probe())
    opened = time.perf_counter()
    client.notify("textDocument/didOpen", open_params(path, text))
    when, first = await client.diagnostics_for(path.as_uri(), 1)
    open_seconds = when - opened

    version = 1
    typing_started = time.perf_counter()
    while time.perf_counter() - typing_started < seconds:  # 20 keystrokes a second at the end of line 3
        version += 1
        client.notify("textDocument/didChange", insert(path, version, 2, 0, "x"))
        await asyncio.sleep(0.05)
    last_keystroke = time.perf_counter()
    settled, _ = await client.diagnostics_for(path.as_uri(), version)
    stop.set()
    await prober
    published = [p.get("version") for _, p in client.published if p["uri"] == path.as_uri()]
    return {
        "bytes": len(text.encode("utf-8")),
        "findings": len(first["diagnostics"]),
        "open_to_diagnostics_s": round(open_seconds, 2),
        "keystrokes": version - 1,
        "last_keystroke_to_diagnostics_s": round(settled - last_keystroke, 2),
        "versions_published": published,
        "hover_round_trip_ms": {
            "count": len(round_trips),
            "median": round(statistics.median(round_trips) * 1000, 1),
            "p95": round(percentile(round_trips, 0.95) * 1000, 1),
            "max": round(max(round_trips) * 1000, 1),
        },
    }


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="newslint-lsp-bench-") as folder:
        root = Path(folder)
        client = await Client.start(root)
        try:
            small = await small_article(client, root, args.edits, args.interval)
            big = await big_article(client, root, args.big_bytes, args.typing_seconds)
        finally:
            await client.stop()
    return {"ten_kb": small, "two_mb": big}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=30, help="edits to the 10 kB article")
    parser.add_argument("--interval", type=float, default=0.4, help="seconds between those edits")
    parser.add_argument("--big-bytes", type=int, default=2_000_000, help="size of the big article")
    parser.add_argument("--typing-seconds", type=float, default=3.0, help="how long to type into it")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(argv)
    result = asyncio.run(main_async(args))
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    small, big = result["ten_kb"], result["two_mb"]
    wait = small["after_debounce_ms"]
    print(f"10 kB article ({small['bytes']:,} bytes, {small['findings']} findings), {small['edits']} edits:")
    print(f"  diagnostics after the 150 ms debounce: median {wait['median']} ms, p95 {wait['p95']} ms, "
          f"max {wait['max']} ms (target: under 50 ms); first open {small['open_to_diagnostics_ms']} ms")
    hover = big["hover_round_trip_ms"]
    print(f"2 MB article ({big['bytes']:,} bytes, {big['findings']} findings):")
    print(f"  open to diagnostics {big['open_to_diagnostics_s']} s; {big['keystrokes']} keystrokes typed, "
          f"diagnostics {big['last_keystroke_to_diagnostics_s']} s after the last")
    print(f"  versions published: {big['versions_published']}")
    print(f"  hover on another article meanwhile ({hover['count']} requests): median {hover['median']} ms, "
          f"p95 {hover['p95']} ms, max {hover['max']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
