"""MT phrasing: word n-grams that human raters scored down in machine translation.

A ridge regression of MLQE-PE's DA z-scores on the sentence's word unigrams and bigrams, fitted on
its train split (35,000 rated MT sentences; scripts/fit_phrasing.py into data/phrasing.json).
Words rarer than zipf 4.5 are masked as `<mid>` or `<rare>` before the n-grams are taken, so the
model learns how MT phrases things with common words ("the to of", "is very adverse") rather than
which topics the rated sentences were about; masking cost 0.04 of its correlation with DA on dev
and keeps what transfers to other sites. A bag of n-grams is one row of 0/1 features scaled to
unit length, so
    predicted da_z = bias + sum(weights of its distinct n-grams) / sqrt(their number)
    value = clip((OFFSET - predicted) / SPAN, 0, 1)     higher = phrased more like bad MT
The n-grams that pull the prediction down most are the evidence the report marks.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

from ..model import Signal
from .base import Item, Scorer
from .lexical import zipf

DATA = Path(__file__).resolve().parent / "data" / "phrasing.json"
_TOKEN = re.compile(r"\w+|[^\w\s]")
COMMON, RARE = 4.5, 2.0  # zipf bounds of the masks
OFFSET, SPAN = 0.6, 1.4  # predicted da_z +0.6 or above -> 0; -0.8 or below -> 1 (dev: 5-95% from -0.67 to +0.62)


def mask(word: str) -> str:
    if not word.isalpha():
        return word
    z = zipf(word)
    return word if z >= COMMON else ("<mid>" if z >= RARE else "<rare>")


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(masked lowercase token, start, end) for every word and punctuation mark."""
    return [(mask(m.group().lower()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def grams(toks: list[str]) -> list[tuple[str, int, int]]:
    """Unigrams and bigrams with sentence edges: (n-gram, first token, last token + 1)."""
    seq = ["<s>", *toks, "</s>"]
    out = [(t, i - 1, i) for i, t in enumerate(seq)]
    out += [(f"{a} {b}", i - 1, i + 1) for i, (a, b) in enumerate(zip(seq, seq[1:]))]
    return out


@lru_cache(maxsize=1)
def load_model(path: Path = DATA) -> tuple[float, dict[str, float]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return float(data["bias"]), data["weights"]


def predict(text: str, model: tuple[float, dict[str, float]]) -> tuple[float, list[tuple[float, int, int]]]:
    """Predicted da_z and each distinct n-gram's (contribution, first token, end token)."""
    bias, weights = model
    toks = tokens(text)
    seen: dict[str, tuple[int, int]] = {}
    for g, a, b in grams([t for t, _, _ in toks]):
        seen.setdefault(g, (a, b))
    norm = 1 / math.sqrt(len(seen))
    parts = [(weights.get(g, 0.0) * norm, a, b) for g, (a, b) in seen.items()]
    return bias + sum(p for p, _, _ in parts), parts


class Phrasing(Scorer):
    name = "phrasing_v1"
    reason = "mt_phrasing"
    doc = "Word n-grams (rare words masked) that raters scored down in MT: ridge regression on MLQE-PE train DA, 0 at +0.6 z, 1 at -0.8 z."
    data_files = (DATA,)

    def __init__(self) -> None:
        self.model = load_model()

    def score(self, item: Item) -> Signal:
        s = item.sentence
        if s.is_heading or len(s.cleaned.split()) < 3:
            return self.signal(0.0)
        pred, parts = predict(s.cleaned, self.model)
        value = (OFFSET - pred) / SPAN
        if round(value, 4) <= 0:
            return self.signal(value)
        toks = tokens(s.cleaned)
        worst = [(a, b) for c, a, b in sorted(parts)[:3] if c < -0.02]
        spans = sorted({(toks[max(a, 0)][1], toks[min(b, len(toks)) - 1][2]) for a, b in worst if a < len(toks) and b > 0})
        words = ", ".join(s.cleaned[x:y] for x, y in spans)
        return self.signal(value, f"predicted DA z {pred:+.2f}; {words}" if words else f"predicted DA z {pred:+.2f}", spans)
