"""Pair features for paraphrase twins: how much two blocks say the same thing.

No single measure separates re-translations from neighbouring lines on the same
topic: lemma overlap catches paraphrase but also steps that start alike; fuzzy
ratios score a heading 1.0 against its body. So each is a feature, and a
logistic model (weights in config, fitted on labelled pairs) combines them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

_NUM = re.compile(r"\d+(?:[.,]\d+)?")
_WORD = re.compile(r"[^\W_]+")
FEATURES = ["lemma_jaccard", "char3_jaccard", "fuzz_ratio", "length_ratio", "numbers_match", "numbers_conflict", "same_opening"]


@dataclass(slots=True)
class BlockText:
    """What pair features need from a block: its cleaned text and content lemmas."""

    text: str
    lemmas: frozenset[str]

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.text.lower())


def jaccard(a: set | frozenset, b: set | frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _char3(text: str) -> set[str]:
    t = " ".join(_WORD.findall(text.lower()))
    return {t[i : i + 3] for i in range(len(t) - 2)}


def pair_features(a: BlockText, b: BlockText) -> dict[str, float]:
    wa, wb = a.words, b.words
    na, nb = set(_NUM.findall(a.text)), set(_NUM.findall(b.text))
    return {
        "lemma_jaccard": jaccard(a.lemmas, b.lemmas),
        "char3_jaccard": jaccard(_char3(a.text), _char3(b.text)),
        "fuzz_ratio": fuzz.token_sort_ratio(a.text.lower(), b.text.lower()) / 100.0,
        "length_ratio": min(len(wa), len(wb)) / max(len(wa), len(wb), 1),
        "numbers_match": float(bool(na) and na == nb),
        "numbers_conflict": float(bool(na) and bool(nb) and not (na & nb)),
        # Consecutive steps ("Lie on your back… / Lie on your side…") share an
        # opening; re-translations rarely keep the first three words verbatim.
        "same_opening": float(len(wa) > 3 and wa[:3] == wb[:3]),
    }


def twin_probability(features: dict[str, float], weights: dict[str, float]) -> float:
    z = weights.get("bias", 0.0) + sum(weights.get(k, 0.0) * v for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-z))
