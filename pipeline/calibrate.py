"""Small statistics shared by `pipeline eval` and the fitting scripts.

Logistic regression by Newton's method (a handful of features, a few thousand
rows: no need for a heavier library), rank correlation and ROC-AUC.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def fit_logistic(X: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50, weights: np.ndarray | None = None) -> np.ndarray:
    """L2-regularised logistic regression (the bias, unpenalised, is the last weight). `y` may be
    soft (0..1); `weights` weigh the rows (default 1 each)."""
    Xb = np.hstack([X, np.ones((len(X), 1))])
    sw = np.ones(len(X)) if weights is None else np.asarray(weights, dtype=float)
    w = np.zeros(Xb.shape[1])
    penalty = np.full(len(w), l2)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(Xb @ w, -30, 30)))
        grad = Xb.T @ (sw * (p - y)) + penalty * w
        hess = Xb.T @ (Xb * (sw * p * (1 - p))[:, None]) + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def predict_logistic(w: np.ndarray, X: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(np.hstack([X, np.ones((len(X), 1))]) @ w, -30, 30)))


def roc_auc(scores: np.ndarray, positive: np.ndarray) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    pos = np.asarray(positive, dtype=bool)
    if pos.all() or not pos.any():
        return float("nan")
    ranks = pd.Series(scores).rank(method="average").to_numpy()
    n_pos, n_neg = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def correlations(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(Pearson, Spearman)."""
    a, b = pd.Series(x, dtype=float), pd.Series(y, dtype=float)
    return float(a.corr(b)), float(a.rank().corr(b.rank()))
