"""A fake LanguageTool /v2/check server, for error paths only (the integration tests use the real one).

It answers like LanguageTool: a TYPOS match on every "bad", 413 for a text over `limit`
characters, 400 ("too many errors") for a text holding `abort_on`, and no answer until the test
ends for a text holding `hang_on`. It also stands in for the server object a Checker restarts.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class FakeLanguageTool:
    url: str = ""
    version: str = "6.7"
    limit: int = 10**9  # longer texts get 413, as LanguageTool's maxTextLength does
    abort_on: str = "abort"
    hang_on: str = "hang"  # "" never hangs
    texts: list[str] = field(default_factory=list)  # every text received
    restarts: int = 0
    release: threading.Event = field(default_factory=threading.Event)

    def restart(self) -> bool:
        self.restarts += 1
        return True


@contextmanager
def fake_languagetool(state: FakeLanguageTool) -> Iterator[FakeLanguageTool]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
            text = form["text"][0]
            state.texts.append(text)
            if state.hang_on and state.hang_on in text:
                state.release.wait(timeout=60)  # until the test ends; the client has given up long before
                return self._reply(503, b"")
            if len(text) > state.limit:
                return self._reply(413, b"Error: Your text exceeds the limit of characters")
            if state.abort_on in text:
                return self._reply(400, b"Error: Text checking was stopped due to too many errors")
            matches = [{"offset": i, "length": 3, "message": "Possible spelling mistake", "replacements": [{"value": "good"}],
                        "rule": {"id": "FAKE_TYPO", "category": {"id": "TYPOS"}}} for i in range(len(text)) if text.startswith("bad", i)]
            self._reply(200, json.dumps({"software": {"version": state.version}, "matches": matches}).encode())

        def _reply(self, code: int, body: bytes) -> None:
            try:
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:  # the client timed out and hung up
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=30)
