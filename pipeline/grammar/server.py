"""The LanguageTool HTTP server's lifecycle: find the jars, start on a free loopback port, stop.

`LanguageToolServer(cfg)` is a context manager. With `cfg.url` set it only uses that server.
Otherwise it starts `org.languagetool.server.HTTPServer` from the layout that
`scripts/setup-languagetool.sh` makes (`<LTP_PATH>/LanguageTool-<version>/languagetool-server.jar`),
waits until it answers, and stops it on exit, also on errors and Ctrl-C.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Self

from ..config import LanguageToolConfig
from ..errors import DependencyError

log = logging.getLogger("pipeline.grammar")

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DIST = REPO_ROOT / "languagetool" / "dist"
JAR_NAME = "languagetool-server.jar"
MAIN_CLASS = "org.languagetool.server.HTTPServer"


def find_jar(cfg: LanguageToolConfig) -> Path:
    """The server jar: cfg.path, else $LTP_PATH, else languagetool/dist in the repo."""
    base = Path(cfg.path or os.environ.get("LTP_PATH") or DEFAULT_DIST)
    jar = base / f"LanguageTool-{cfg.version}" / JAR_NAME
    if not jar.is_file():
        raise DependencyError(
            f"LanguageTool {cfg.version} not found at {jar}: run `make setup`, "
            "or set languagetool.url to a running server, or languagetool.enabled=false"
        )
    return jar


def find_java() -> str:
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home and (Path(home) / "bin" / "java").is_file() else shutil.which("java")
    if not java:
        raise DependencyError("java not found: install Java 17+ (or set JAVA_HOME), or set languagetool.enabled=false")
    return java


def free_port() -> int:
    # The OS picks a free port; another process could take it before Java binds, so start() retries.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LanguageToolServer:
    """A running LanguageTool server: `url`, `version`, and `restart()` for a hung local one.

    heap: the JVM's -Xmx. English with 2 check threads peaks well under 1 GB on the sample.
    threads: the server's maxCheckThreads (this machine has 2 cores).
    """

    def __init__(self, cfg: LanguageToolConfig, *, heap: str = "1500m", threads: int = 2,
                 startup_timeout_s: float = 120.0, lazy: bool = False) -> None:
        self.cfg = cfg
        self.heap = heap
        self.threads = threads
        self.startup_timeout_s = startup_timeout_s
        self._url: str = cfg.url.rstrip("/") if cfg.url else ""
        # lazy: start the JVM on the first use of `url`, so a run answered wholly from the cache never starts it.
        self.lazy = lazy
        self.version: str = cfg.version
        self.proc: subprocess.Popen[bytes] | None = None
        self.start_seconds: float = 0.0  # launch until the first check answered (for reports)
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._lock = threading.RLock()  # restart() and stop() may come from different threads

    @property
    def url(self) -> str:
        if not self._url and self.lazy and self.managed:
            with self._lock:
                if not self._url:
                    self.start()
        return self._url

    @property
    def managed(self) -> bool:
        """True when this object started the server (and so may restart it)."""
        return not self.cfg.url

    def __enter__(self) -> Self:
        try:
            if self.managed and self.lazy:
                find_jar(self.cfg), find_java()  # a missing dependency fails now, not mid-run
            elif self.managed:
                self.start()
            else:  # someone else's server: it is up or it is not, no long wait
                self.version = self._probe(self._url, min(self.startup_timeout_s, 15.0))
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    # -- start and stop -----------------------------------------------------------------

    def start(self) -> None:
        jar, java = find_jar(self.cfg), find_java()
        self._tmp = self._tmp or tempfile.TemporaryDirectory(prefix="pipeline-lt-")
        props = Path(self._tmp.name) / "server.properties"
        props.write_text(
            # Batches are at most cfg.max_text_length (in UTF-16 units, as Java counts); leave headroom.
            f"maxTextLength={self.cfg.max_text_length * 2}\n"
            f"maxCheckThreads={self.threads}\n"
            # Very garbled text must still be checked: its matches are the signal we want.
            "maxErrorsPerWordRate=0\n",
            encoding="utf-8",
        )
        t0 = time.perf_counter()
        for attempt in range(3):  # a port taken between free_port() and Java's bind: try another
            port = free_port()
            logfile = Path(self._tmp.name) / "server.log"
            # No --public: HTTPServer then listens on loopback only. No --allow-origin: no browser talks to it.
            cmd = [java, f"-Xmx{self.heap}", "-cp", str(jar), MAIN_CLASS, "--port", str(port), "--config", str(props)]
            with open(logfile, "wb") as out:  # a file, not a pipe: a full pipe would block the JVM
                self.proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            _live.add(self)
            url = f"http://127.0.0.1:{port}"
            try:
                self.version = self._probe(url, self.startup_timeout_s)
            except DependencyError:
                text = logfile.read_text(errors="replace")
                self.stop(keep_tmp=True)
                if "Address already in use" in text and attempt < 2:
                    continue
                raise DependencyError(f"LanguageTool server did not start: {_last_line(text)} (log: {logfile})") from None
            # Only now: a thread that read the URL of a JVM still binding its port would be refused,
            # and after its retries would restart a server that was merely starting.
            self._url = url
            self.start_seconds = round(time.perf_counter() - t0, 2)
            log.info("LanguageTool %s ready at %s in %.1fs", self.version, self.url, self.start_seconds)
            return

    def _probe(self, url: str, timeout_s: float) -> str:
        """Poll until the server answers a check; returns its version. The first check loads the rules."""
        deadline = time.monotonic() + timeout_s
        delay = 0.05
        while True:
            if self.proc is not None and self.proc.poll() is not None:
                raise DependencyError(f"LanguageTool exited with code {self.proc.returncode}")
            try:
                body = urllib.parse.urlencode({"text": "Ready.", "language": self.cfg.language}).encode()
                with urllib.request.urlopen(f"{url}/v2/check", body, timeout=max(1.0, deadline - time.monotonic())) as r:
                    return str(json.load(r)["software"]["version"])
            except (urllib.error.URLError, OSError, ValueError, KeyError) as exc:
                if isinstance(exc, urllib.error.HTTPError) or time.monotonic() > deadline:
                    raise DependencyError(f"LanguageTool at {url} does not answer: {exc}") from None
            # Wait on the process, not a bare sleep: returns at once if the JVM dies meanwhile.
            if self.proc is not None:
                try:
                    self.proc.wait(timeout=delay)
                except subprocess.TimeoutExpired:
                    pass
            else:
                time.sleep(delay)
            delay = min(delay * 1.5, 0.5)

    def restart(self) -> bool:
        """Kill and start again (a hung server). False when the server is not ours to restart."""
        if not self.managed:
            return False
        with self._lock:
            log.warning("restarting LanguageTool at %s", self._url)
            self.stop(keep_tmp=True)
            try:
                self.start()
            except DependencyError as exc:
                log.warning("LanguageTool restart failed: %s", exc)
                return False
        return True

    def stop(self, keep_tmp: bool = False) -> None:
        with self._lock:  # waits for a restart in progress, so the JVM it starts is stopped too
            proc, self.proc = self.proc, None
            if proc is not None:
                _terminate(proc)
            _live.discard(self)
            if self._tmp is not None and not keep_tmp:
                self._tmp.cleanup()
                self._tmp = None


def _terminate(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()  # SIGTERM: the JVM runs its shutdown hooks and exits
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _last_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    errors = [ln for ln in lines if "Exception" in ln or "Error" in ln]
    return (errors or lines or ["no output"])[-1][:300]


# A safety net for interpreter exit without __exit__ (e.g. a server left open in a REPL).
_live: set[LanguageToolServer] = set()


@atexit.register
def _stop_all() -> None:
    for server in list(_live):
        server.stop()
