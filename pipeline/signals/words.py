"""Word-level evidence: which words of a sentence a post-editor would change.

A logistic model of MLQE-PE's word tags (BAD: the post-editor changed or deleted the word), fitted
on its train split (scripts/fit_words.py into data/bad_words.json), over features of each token
and its neighbours: word frequency, shape, position, repetition, and the phrasing model's pull on
the n-grams around it (phrasing.py). The signal is the mean P(BAD) of the sentence's tokens; its
spans are the tokens at or above the fitted threshold, so a garbled verdict can point at words.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from ..model import Signal
from . import phrasing
from .base import Item, Scorer
from .lexical import zipf

DATA = Path(__file__).resolve().parent / "data" / "bad_words.json"

FEATURES = ["zipf", "rare", "mid", "punct", "digit", "inner_cap", "all_caps", "first", "last", "position", "length",
            "repeated", "prev_zipf", "next_zipf", "local_pull", "prev_pull", "next_pull", "sentence_pred", "log_tokens"]


def _z(tok: str) -> float:
    return zipf(tok) if tok[:1].isalnum() else 8.0


def token_features(toks: list[str], model: tuple[float, dict[str, float]]) -> list[list[float]]:
    """One feature row per token (FEATURES order); `toks` as written (case kept)."""
    n = len(toks)
    low = [t.lower() for t in toks]
    masked = [phrasing.mask(t) for t in low]
    bias, weights = model
    pull = [0.0] * n  # sum of the weights of the n-grams that cover the token
    seen: set[str] = set()
    for g, a, b in phrasing.grams(masked):
        if g in seen:
            continue
        seen.add(g)
        for i in range(max(a, 0), min(b, n)):
            pull[i] += weights.get(g, 0.0)
    sentence = bias + sum(weights.get(g, 0.0) for g in seen) / math.sqrt(len(seen))
    counts: dict[str, int] = {}
    for t in low:
        counts[t] = counts.get(t, 0) + 1
    rows = []
    for i, t in enumerate(toks):
        z = _z(low[i])
        word = t[:1].isalnum()
        rows.append([
            z, float(word and z < phrasing.RARE), float(word and phrasing.RARE <= z < phrasing.COMMON), float(not word), float(t.isdigit()),
            float(i > 0 and t[:1].isupper()), float(len(t) > 1 and t.isupper()), float(i == 0), float(i == n - 1), i / n,
            min(len(t), 15) / 15, float(word and counts[low[i]] > 1), _z(low[i - 1]) if i else 8.0, _z(low[i + 1]) if i + 1 < n else 8.0,
            pull[i], pull[i - 1] if i else 0.0, pull[i + 1] if i + 1 < n else 0.0, sentence, math.log(n),
        ])
    return rows


@lru_cache(maxsize=1)
def load_model(path: Path = DATA) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def bad_probabilities(toks: list[str], model: dict, phrasing_model: tuple[float, dict[str, float]]) -> list[float]:
    mean, scale, w = model["mean"], model["scale"], model["weights"]
    out = []
    for row in token_features(toks, phrasing_model):
        z = model["bias"] + sum(wi * (x - m) / s for wi, x, m, s in zip(w, row, mean, scale))
        out.append(1 / (1 + math.exp(-max(-30.0, min(30.0, z)))))
    return out


class BadWords(Scorer):
    name = "bad_words_v1"
    reason = "bad_words"
    doc = "Mean probability that a post-editor changes each word (logistic model of MLQE-PE train word tags); spans: the likely-bad words."
    data_files = (DATA, phrasing.DATA)

    def __init__(self) -> None:
        self.model = load_model()
        self.phrasing = phrasing.load_model()

    def score(self, item: Item) -> Signal:
        s = item.sentence
        found = phrasing.tokens(s.cleaned)
        if s.is_heading or len(found) < 3:
            return self.signal(0.0)
        probs = bad_probabilities([s.cleaned[a:b] for _, a, b in found], self.model, self.phrasing)
        value = sum(probs) / len(probs)
        cut = self.model["threshold"]
        spans = [(a, b) for p, (_, a, b) in zip(probs, found) if p >= cut and s.cleaned[a:b][:1].isalnum()]
        return self.signal(value, ", ".join(s.cleaned[a:b] for a, b in spans[:6]), spans)
