"""Fit the paraphrase-twin weights (config dedup.twin_weights, twin_context_weights) on labelled pairs.

Positives are the pairs in tests/data/pairs.tsv; negatives are every other
candidate pair the detector compares (same section, within the window). Stage 1
fits the pair features; stage 2 combines the stage-1 logit with the support of
neighbouring pairs. Prints 5-fold cross-validated precision/recall and the weights.

    .venv/bin/python scripts/fit_twins.py [raw/] [tests/data/pairs.tsv]
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.calibrate import fit_logistic, predict_logistic
from pipeline.config import load_config
from pipeline.dedup.features import FEATURES, pair_features
from pipeline.dedup.twins import cross_similarity, live_units, neighbour_support, units
from pipeline.run import run


def candidates(raw: Path, labelled: set[tuple[str, int, int]]):  # type: ignore[no-untyped-def]
    """Per run of units: the candidate pairs, their features and labels."""
    cfg = load_config(overrides=["languagetool.enabled=false", "dedup.twin_threshold=1.1"])
    result = run([raw], cfg, quiet=True, keep_parses=True)  # threshold 1.1: no pair is marked, all stay candidates
    groups = []
    for art in result.articles:
        for run_ in units(art, result.spans, cfg.dedup):
            live = live_units(run_, cfg.dedup)
            keys, X, y = [], [], []
            for i in range(len(live)):
                for j in range(i + 1, min(len(live), i + 1 + cfg.dedup.twin_window)):
                    f = pair_features(live[i].body, live[j].body)
                    keys.append((i, j))
                    X.append([f[k] for k in FEATURES])
                    y.append((art.source, live[i].sents[0].line, live[j].sents[0].line) in labelled)
            if keys:
                groups.append((keys, np.array(X), np.array(y, dtype=float)))
    return groups


def stage2(groups, w1: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    rows, ys = [], []
    for keys, X, y in groups:
        p = predict_logistic(w1, X)
        base = dict(zip(keys, p))
        for (i, j), pi, yi in zip(keys, p, y):
            pi = min(max(pi, 1e-6), 1 - 1e-6)
            rows.append([math.log(pi / (1 - pi)), neighbour_support(base, i, j), cross_similarity(base, i, j)])
            ys.append(yi)
    return np.array(rows), np.array(ys)


def fit_both(groups):  # type: ignore[no-untyped-def]
    X = np.vstack([g[1] for g in groups])
    y = np.concatenate([g[2] for g in groups])
    w1 = fit_logistic(X, y, l2=0.1)
    X2, y2 = stage2(groups, w1)
    return w1, fit_logistic(X2, y2, l2=0.1)


def main(raw: Path = Path("raw"), pairs_path: Path = Path("tests/data/pairs.tsv")) -> None:
    pairs = pd.read_csv(pairs_path, sep="\t")
    labelled = {(r.source, int(r.line_a), int(r.line_b)) for r in pairs.itertuples()}
    groups = candidates(raw, labelled)
    n, pos = sum(len(g[2]) for g in groups), sum(g[2].sum() for g in groups)
    print(f"{n} candidate pairs in {len(groups)} runs, {int(pos)} labelled twins (of {len(labelled)} in {pairs_path})")
    # Folds split each run's pairs, so a run's neighbours stay together as at run time.
    for name, use_ctx in (("pair features only", False), ("with neighbour support", True)):
        tp = fp = fn = 0
        for k in range(5):
            w1, w2 = fit_both([([kk for kk, mm in zip(keys, m) if mm], X[m], y[m]) for keys, X, y in groups for m in [fold_mask(len(y), k, True)]])
            for keys, X, y in groups:
                m = fold_mask(len(y), k, False)
                if use_ctx:
                    X2, _ = stage2([(keys, X, y)], w1)
                    p = predict_logistic(w2, X2)[m]
                else:
                    p = predict_logistic(w1, X)[m]
                pred, truth = p >= 0.5, y[m] == 1
                tp += int((pred & truth).sum()); fp += int((pred & ~truth).sum()); fn += int((~pred & truth).sum())
        print(f"5-fold CV, {name}: precision {tp / max(1, tp + fp):.3f}, recall {tp / max(1, tp + fn):.3f} (tp {tp}, fp {fp}, fn {fn})")
    w1, w2 = fit_both(groups)
    print("twin_weights = { " + ", ".join([f"bias = {w1[-1]:.2f}"] + [f"{k} = {v:.2f}" for k, v in zip(FEATURES, w1)]) + " }")
    print(f"twin_context_weights = {{ bias = {w2[-1]:.2f}, base_logit = {w2[0]:.2f}, neighbour_twins = {w2[1]:.2f}, cross_similarity = {w2[2]:.2f} }}")


def fold_mask(n: int, k: int, train: bool) -> np.ndarray:
    folds = np.arange(n) * 7 % 5  # deterministic interleaved folds
    return folds != k if train else folds == k


if __name__ == "__main__":
    main(*map(Path, sys.argv[1:3]))
