"""The language model in a child process, so that a crash in its native code costs a batch, not the run.

A natively built llama.cpp once died with SIGSEGV on a CPU unlike the build host's, and took the
whole run with it. Here the model lives in `python -m pipeline.lm.serve` (a plain subprocess, so
that Dask's daemonic workers may start one too). When it dies (SIGSEGV, SIGILL, SIGKILL from
the OOM killer, an answer that never comes), it is restarted once and the batch is sent again;
if it dies again, `score` answers None for every text from then on, and the run goes on without
the fluency signal for those sentences, as it does without LanguageTool.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

log = logging.getLogger("pipeline.lm")

LOADER = "pipeline.lm.runtime:load"
Score = tuple[float, int]  # mean nll per token, tokens scored


class Died(Exception):
    """The language-model process ended, hung, or could not score."""


class LmProcess:
    """`score(texts)` in a child process; start it lazily, `close()` it at the end (or use `with`)."""

    def __init__(self, model_dir: Path, threads: int, loader: str = LOADER, timeout_s: float = 300.0, restarts: int = 1) -> None:
        self.model_dir, self.threads, self.loader, self.timeout_s = model_dir, threads, loader, timeout_s
        self.restarts = restarts
        self.failure: str | None = None  # set once it has given up: why
        self.crashes: list[str] = []
        self._proc: subprocess.Popen | None = None
        self._send: Connection | None = None
        self._recv: Connection | None = None
        self._stderr = None

    def __enter__(self) -> LmProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def score(self, texts: list[str]) -> list[Score | None]:
        """One score per text, in order; None for every text once the process has died twice."""
        while texts and self.failure is None:
            try:
                if self._proc is None:
                    self._start()
                self._send.send(texts)
                return self._answer()
            except Died as exc:
                self.crashes.append(str(exc))
                self._stop()
                if len(self.crashes) <= self.restarts:
                    log.warning("the language-model process %s; restarting it", exc)
                else:
                    self.failure = str(exc)
                    log.warning("the language-model process %s, after %d restart(s); the sentences left are scored without "
                                "the language model (lm_unchecked in summary.json)", exc, self.restarts)
        return [None] * len(texts)

    def close(self) -> None:
        self._stop()

    # -- the child -------------------------------------------------------------------------

    def _start(self) -> None:
        self._stderr = tempfile.TemporaryFile()  # read back for the warning when it dies
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline.lm.serve", self.loader, str(self.model_dir), str(self.threads)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
        )
        self._send = Connection(_dup(self._proc.stdin), readable=False)
        self._recv = Connection(_dup(self._proc.stdout), writable=False)
        self._answer(expect="ready")

    def _answer(self, expect: str = "ok"):
        deadline = time.monotonic() + self.timeout_s
        try:
            while not self._recv.poll(0.2):
                if self._proc.poll() is not None:
                    break
                if time.monotonic() > deadline:
                    self._proc.kill()
                    raise Died(f"gave no answer in {self.timeout_s:g} s (killed)")
            kind, value = self._recv.recv()
        except (EOFError, OSError):
            raise Died(self._death()) from None
        if kind == "error":
            raise Died(f"failed: {value}")
        if kind != expect:
            raise Died(f"answered {kind!r} where {expect!r} was due")
        return value

    def _death(self) -> str:
        code = self._proc.wait(timeout=10)
        why = f"died of {signal.Signals(-code).name}" if code < 0 else f"exited with code {code}"
        self._stderr.seek(0)
        last = [line for line in self._stderr.read().decode(errors="replace").splitlines() if line.strip()][-1:]
        return why + (f" ({last[0].strip()[:200]})" if last else "")

    def _stop(self) -> None:
        for conn in (self._send, self._recv):
            if conn is not None:
                conn.close()
        self._send = self._recv = None
        if self._proc is not None:
            try:
                self._proc.wait(timeout=5)  # it leaves on EOF
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None


def _dup(pipe) -> int:
    """The pipe's descriptor, owned by a Connection from now on (the file object lets go of it)."""
    fd = os.dup(pipe.fileno())
    pipe.close()
    return fd
