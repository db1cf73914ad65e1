"""Fit the word-level BAD model (pipeline/signals/data/bad_words.json) on MLQE-PE train word tags.

The train split's `mt_tok` tokens and `word_tags` (BAD: the post-editor changed or deleted the
word). One sentence in seven is held out: the phrasing model is refitted without those sentences
and the word model fitted on the rest, and the held-out words give the figures (F1 of BAD and of
OK, and their product, WMT's word-level metric) and the threshold with the best F1-mult. The model
written is then fitted on all of train with the shipped phrasing model.

    .venv/bin/python scripts/fit_words.py [--train=PATH]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

from pipeline.calibrate import fit_logistic, predict_logistic
from pipeline.evaluate import load_mlqe
from pipeline.signals import phrasing, words

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fit_phrasing import MIN_DOCS, TRAIN, bags, matrix  # noqa: E402


def refit_phrasing(texts: list[str], da_z: np.ndarray) -> tuple[float, dict[str, float]]:
    from collections import Counter

    from scipy.sparse.linalg import lsqr

    docs = bags(texts)
    counts = Counter(g for bag in docs for g in bag)
    vocab = {g: i for i, g in enumerate(sorted(g for g, n in counts.items() if n >= MIN_DOCS))}
    bias = float(da_z.mean())
    w = lsqr(matrix(docs, vocab), da_z - bias, damp=1.0)[0]
    return bias, {g: float(w[i]) for g, i in vocab.items()}


def table(df, model) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    X, y, sid = [], [], []
    for i, (toks, tags) in enumerate(zip(df["mt_tok"].str.split(), df["word_tags"].str.split())):
        if len(toks) != len(tags) or not toks:
            continue
        X += words.token_features(toks, model)
        y += [t == "BAD" for t in tags]
        sid += [i] * len(toks)
    return np.array(X, dtype=float), np.array(y, dtype=float), np.array(sid)


def fit(X: np.ndarray, y: np.ndarray) -> dict:
    mean, scale = X.mean(0), X.std(0) + 1e-9
    w = fit_logistic((X - mean) / scale, y, 1.0)
    return {"mean": mean.round(5).tolist(), "scale": scale.round(5).tolist(), "weights": w[:-1].round(5).tolist(), "bias": round(float(w[-1]), 5)}


def f1s(p: np.ndarray, y: np.ndarray, t: float) -> tuple[float, float]:
    pred, bad = p >= t, y == 1
    out = []
    for a, b in ((pred, bad), (~pred, ~bad)):
        tp = (a & b).sum()
        prec, rec = tp / max(1, a.sum()), tp / max(1, b.sum())
        out.append(2 * prec * rec / max(1e-9, prec + rec))
    return out[0], out[1]


def main() -> None:
    train = load_mlqe(Path(next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--train=")), TRAIN)))
    held = (np.arange(len(train)) % 7 == 0)
    fitted = train[~held].reset_index(drop=True)
    Xf, yf, _ = table(fitted, refit_phrasing(fitted["mt"].tolist(), fitted["da_z"].to_numpy(float)))
    m = fit(Xf, yf)
    Xh, yh, _ = table(train[held].reset_index(drop=True), refit_phrasing(fitted["mt"].tolist(), fitted["da_z"].to_numpy(float)))
    w = np.array(m["weights"] + [m["bias"]])
    ph = predict_logistic(w, (Xh - np.array(m["mean"])) / np.array(m["scale"]))
    best = max(np.arange(0.2, 0.7, 0.01), key=lambda t: np.prod(f1s(ph, yh, t)))  # F1-mult: marks fewer words than best F1-BAD
    top = max(np.arange(0.2, 0.7, 0.01), key=lambda t: f1s(ph, yh, t)[0])
    fb, fo = f1s(ph, yh, best)
    allbad = f1s(np.ones_like(yh), yh, 0.5)[0]
    print(f"held-out train words ({int(held.sum())} sentences, {len(yh)} words, {yh.mean():.1%} BAD): at threshold {best:.2f} "
          f"F1-BAD {fb:.3f}, F1-OK {fo:.3f}, F1-mult {fb * fo:.3f} (every word BAD: F1-BAD {allbad:.3f}, F1-mult 0); best F1-BAD {f1s(ph, yh, top)[0]:.3f} at {top:.2f}")
    X, y, _ = table(train, phrasing.load_model())
    final = fit(X, y) | {"threshold": round(float(best), 2), "features": words.FEATURES,
                         "source": f"MLQE-PE train (CC0) word tags, {len(y)} words; threshold: best F1-mult on 1/7 held out"}
    words.DATA.write_text(json.dumps(final, indent=1) + "\n", encoding="utf-8")
    print(f"-> {words.DATA}")


if __name__ == "__main__":
    main()
