"""Translationese learned from data, not from a phrase list.

A sentence is reduced to its skeleton: function words and punctuation stay,
every other word becomes its part of speech ("the to happens the amount" ->
"the to VERB the NOUN"). Skeleton bigrams and trigrams that human raters saw
much more often in bad machine translation than in good (MLQE-PE, fitted by
scripts/fit_translationese.py into data/translationese.json) raise the score.
The skeleton generalises across topics and sites, because it keeps no content words.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Signal
from .base import Item, Scorer

if TYPE_CHECKING:
    from spacy.tokens import Span

DATA = Path(__file__).resolve().parent / "data" / "translationese.json"


def skeleton(span: Span) -> list[str]:
    return [t.lower_ if (t.is_stop or t.is_punct) else t.pos_ for t in span if not t.is_space]


def ngrams(tokens: list[str]) -> list[tuple[str, int, int]]:
    """(n-gram, start token, end token) for bigrams and trigrams, with sentence edges."""
    toks = ["<s>", *tokens, "</s>"]
    return [(" ".join(toks[i : i + n]), i - 1, i - 1 + n) for n in (2, 3) for i in range(len(toks) - n + 1)]


@lru_cache(maxsize=1)
def load_model(path: Path = DATA) -> dict[str, float]:
    return json.loads(path.read_text(encoding="utf-8"))["log_odds"]


class Translationese(Scorer):
    name = "translationese_v1"
    reason = "translationese"
    doc = "Mean log-odds (bad vs good MT) of the sentence's function-word/POS skeleton n-grams, over 1.5; fitted on MLQE-PE."
    data_files = (DATA,)

    def __init__(self) -> None:
        self.log_odds = load_model()

    def score(self, item: Item) -> Signal:
        span = item.span
        if span is None or item.sentence.is_heading or len(span) < 4:
            return self.signal(0.0)
        toks = [t for t in span if not t.is_space]
        grams = ngrams(skeleton(span))
        scored = [(self.log_odds.get(g, 0.0), a, b) for g, a, b in grams]
        value = sum(v for v, _, _ in scored) / len(scored) / 1.5
        if round(value, 4) <= 0:  # the value reads 0: no evidence to show
            return self.signal(value)
        worst = [(a, b) for v, a, b in sorted(scored, reverse=True)[:3] if v > 0.5]
        base = span.start_char
        spans = [(toks[max(0, a)].idx - base, toks[min(len(toks), b) - 1].idx - base + len(toks[min(len(toks), b) - 1].text))
                 for a, b in worst if a < len(toks) and b > 0]
        return self.signal(value, ", ".join(g for g, _, _ in sorted(grams, key=lambda x: -self.log_odds.get(x[0], 0.0))[:3]), spans)
