"""Fit the paraphrase-twin weights (config dedup.twin_weights) on labelled pairs.

Positives are the pairs in tests/data/pairs.tsv; negatives are every other
candidate pair the detector would compare (same section, within the window).
Prints 5-fold cross-validated precision/recall and the weights as TOML.

    .venv/bin/python scripts/fit_twins.py [raw/] [tests/data/pairs.tsv]
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.config import load_config
from pipeline.dedup.features import FEATURES, pair_features
from pipeline.dedup.twins import units
from pipeline.run import run


def candidates(raw: Path, labelled: set[tuple[str, int, int]]) -> tuple[np.ndarray, np.ndarray]:
    cfg = load_config(overrides=["languagetool.enabled=false", "dedup.twin_threshold=1.1"])
    result = run([raw], cfg, quiet=True)  # threshold 1.1: no pair is marked, all stay candidates
    X, y = [], []
    for art in result.articles:
        for run_ in units(art, result.spans, cfg.dedup):
            live = [u for u in run_ if u.lang == "en" and len(u.body.words) >= cfg.dedup.twin_min_words]
            for i, a in enumerate(live):
                for b in live[i + 1 : i + 1 + cfg.dedup.twin_window]:
                    f = pair_features(a.body, b.body)
                    X.append([f[k] for k in FEATURES])
                    y.append((art.source, a.sents[0].line, b.sents[0].line) in labelled)
    return np.array(X), np.array(y, dtype=float)


def fit(X: np.ndarray, y: np.ndarray, l2: float = 0.1, steps: int = 50) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method (bias is the last weight)."""
    Xb = np.hstack([X, np.ones((len(X), 1))])
    w = np.zeros(Xb.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-Xb @ w))
        grad = Xb.T @ (p - y) + l2 * w
        hess = Xb.T @ (Xb * (p * (1 - p))[:, None]) + l2 * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    return w


def predict(w: np.ndarray, X: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(np.hstack([X, np.ones((len(X), 1))]) @ w)))


def main(raw: Path = Path("raw"), pairs_path: Path = Path("tests/data/pairs.tsv")) -> None:
    pairs = pd.read_csv(pairs_path, sep="\t")
    labelled = {(r.source, int(r.line_a), int(r.line_b)) for r in pairs.itertuples()}
    X, y = candidates(raw, labelled)
    print(f"{len(y)} candidate pairs, {int(y.sum())} labelled twins (of {len(labelled)} in {pairs_path})")
    rng = np.random.default_rng(0)
    folds = rng.permutation(len(y)) % 5
    tp = fp = fn = 0
    for k in range(5):
        w = fit(X[folds != k], y[folds != k])
        pred = predict(w, X[folds == k]) >= 0.5
        truth = y[folds == k] == 1
        tp += int((pred & truth).sum()); fp += int((pred & ~truth).sum()); fn += int((~pred & truth).sum())
    print(f"5-fold CV: precision {tp / max(1, tp + fp):.3f}, recall {tp / max(1, tp + fn):.3f} (tp {tp}, fp {fp}, fn {fn})")
    w = fit(X, y)
    print("twin_weights = { " + ", ".join([f"bias = {w[-1]:.2f}"] + [f"{k} = {v:.2f}" for k, v in zip(FEATURES, w)]) + " }")


if __name__ == "__main__":
    main(*map(Path, sys.argv[1:3]))
