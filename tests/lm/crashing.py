"""Language-model loaders that fail for real inside the language-model process: the faults the
tests inject (by naming one of these as the process's loader). Nothing here is a fake model: the
ones that score use the real converted SmolLM2."""

from __future__ import annotations

import ctypes
import os
import time
from pathlib import Path

from pipeline.lm.runtime import Runtime


def segfault() -> None:
    ctypes.string_at(0)  # reads address 0: SIGSEGV in native code, no Python exception


class _CrashMidBatch:
    """Scores the first half of a batch for real, then dies of SIGSEGV."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    def score(self, texts: list[str]) -> list[tuple[float, int]]:
        self.runtime.score(texts[: max(1, len(texts) // 2)])
        segfault()
        raise AssertionError("unreachable")


def crash_always(model_dir: str, threads: int) -> _CrashMidBatch:
    return _CrashMidBatch(Runtime(model_dir, threads))


def crash_once(model_dir: str, threads: int) -> object:
    """The first process crashes mid-batch; the one started after it works (LM_CRASH_MARKER is a file path)."""
    marker = Path(os.environ["LM_CRASH_MARKER"])
    if marker.exists():
        return Runtime(model_dir, threads)
    marker.touch()
    return _CrashMidBatch(Runtime(model_dir, threads))


def crash_on_load(model_dir: str, threads: int) -> object:
    segfault()
    raise AssertionError("unreachable")


def hang(model_dir: str, threads: int) -> object:
    class Hung:
        def score(self, texts: list[str]) -> list[tuple[float, int]]:
            time.sleep(3600)
            return []

    return Hung()
