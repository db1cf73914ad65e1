"""Fit the garble_score weights (config garble.weights) on human labels.

Two labelled sources, used together so neither one's quirks decide alone:
- the hand-labelled dev set from the sample (ok vs garbled sentences);
- MLQE-PE dev (English side): da_mean < 30 counts as garbled.
Prints cross-validated figures (5-fold within each source, and each source
predicted by a model fitted on the other) and the weights as TOML.

Reviewers' corrections (reviews.jsonl from report.html, README "Reviews") can be added as
labels: `--reviews=FILE` (repeatable) with `--reviews-input=PATH`, the input they were made on
(default raw/). A sentence reviewed as ok or garbled joins the dev set with the signal values
this run gives it; reviews of other verdicts, and stale ones, are left out.

    .venv/bin/python scripts/fit_garble.py [--no-grammar] [--mlqe-per-pair=400] [--reviews=reviews.jsonl --reviews-input=raw/]
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.calibrate import correlations, fit_logistic, predict_logistic, roc_auc
from pipeline.config import load_config
from pipeline.evaluate import load_devset, load_mlqe, match_rows
from pipeline.run import run
from pipeline.score import score_sentences
from pipeline.signals import EXTERNAL, build_scorers
from pipeline.write.tables import sentences_frame

ROOT = Path(__file__).resolve().parent.parent


def devset_features(cfg, extra, names: list[str]) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    gold = load_devset(ROOT / "tests/data/devset.tsv")
    gold = gold[gold.label.isin(["ok", "garbled"])]
    pred = sentences_frame(run([ROOT / "raw"], cfg, quiet=True, extra_scorers=extra).articles)
    X, y = [], []
    for label, row in zip(gold["label"], match_rows(gold, pred)):
        if row is not None:
            X.append([float(row.get(f"sig_{n}", 0.0) or 0.0) for n in names])
            y.append(label == "garbled")
    return np.nan_to_num(np.array(X)), np.array(y, dtype=float)


def review_features(cfg, extra, names: list[str], files: list[Path], inputs: Path) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    """Reviews of `inputs` as extra labels: each sentence reviewed ok or garbled, with its signal values."""
    from pipeline.review import load_reviews

    reviews = {k: r for f in files for k, r in load_reviews(f).items()}  # a later file's review of a key wins
    labels = {k: r.new_verdict == "garbled" for k, r in reviews.items() if r.new_verdict in ("ok", "garbled")}
    pred = sentences_frame(run([inputs], cfg, quiet=True, extra_scorers=extra).articles)
    rows = pred[pred["review_key"].isin(set(labels)) & (pred["kind"] == "sentence")]
    X = [[float(row.get(f"sig_{n}", 0.0) or 0.0) for n in names] for row in rows.to_dict("records")]
    print(f"reviews: {len(reviews)} in {len(files)} file(s), {len(rows)} sentences reviewed ok or garbled found in {inputs}")
    return np.nan_to_num(np.array(X).reshape(len(X), len(names))), np.array([labels[k] for k in rows["review_key"]], dtype=float)


def mlqe_rows(per_pair: int) -> pd.DataFrame:
    """The first `per_pair` rows of each language pair (all of them if 0): the LM is slow."""
    df = load_mlqe(ROOT / "tests/data/mlqe/mlqe_pe_xen_dev.tsv")
    return df if per_pair <= 0 else df.groupby("pair", sort=True).head(per_pair).reset_index(drop=True)


def fit_lm_length(cfg, df: pd.DataFrame) -> None:  # type: ignore[no-untyped-def]
    """Fit fluency.A and B (expected surprise by length) on fluent MLQE-PE sentences (da_mean >= 70)."""
    from pipeline.signals import fluency

    lm = fluency.LmFluency(cfg.garble.weights, fluency.cascade_band(cfg.garble), Path(cfg.cache.dir), cfg.garble.lm_threads,
                           cfg.model.lm, Path(cfg.model.lm_dir), cfg.garble.lm_timeout_s)
    with lm.process:
        pts = lm.surprise_many(list(df.loc[df["da_mean"] >= 70, "mt"]))
    pts = [(m, n) for m, n in pts if n > 0]
    b, a = np.polyfit(np.log([n for _, n in pts]), [m for m, _ in pts], 1)
    resid = np.array([m - (a + b * np.log(n)) for m, n in pts])
    fluency.A, fluency.B = round(float(a), 3), round(float(b), 3)
    print(f"LM length model on {len(pts)} fluent sentences: A = {fluency.A}, B = {fluency.B} (residual sd {resid.std():.2f})")


def mlqe_features(cfg, extra, names: list[str], df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:  # type: ignore[no-untyped-def]
    sents = score_sentences([t.replace("\n", " ") or "-" for t in df["mt"]], cfg, extra)
    X = [[next((g.value for g in s.signals if g.name == n), 0.0) for n in names] for s in sents]
    return np.array(X), np.asarray(df["da_mean"] < 30, dtype=float), df


def fit_nonneg(X: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """Logistic regression with every signal weight >= 0 (the bias is free).

    Each signal is documented as "higher is more garbled"; a negative weight would
    make the report say that a grammar error made a sentence look better. Active
    set: drop the most negative signal and refit until none is negative.
    """
    active = list(range(X.shape[1]))
    while True:
        w = fit_logistic(X[:, active], y, l2)
        worst = int(np.argmin(w[:-1])) if active else 0
        if not active or w[worst] >= 0:
            full = np.zeros(X.shape[1] + 1)
            full[active] = w[:-1]
            full[-1] = w[-1]
            return full
        active.pop(worst)


def cv_predict(X: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    out = np.zeros(len(y))
    folds = np.arange(len(y)) * 7 % 5
    for k in range(5):
        w = fit_nonneg(X[folds != k], y[folds != k], l2)
        out[folds == k] = predict_logistic(w, X[folds == k])
    return out


def f1_at(p: np.ndarray, y: np.ndarray, t: float) -> tuple[float, float, float]:
    pred, truth = p >= t, y == 1
    tp, fp, fn = (pred & truth).sum(), (pred & ~truth).sum(), (~pred & truth).sum()
    prec, rec = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return prec, rec, 2 * prec * rec / max(1e-9, prec + rec)


def main() -> None:
    grammar = "--no-grammar" not in sys.argv
    per_pair = int(next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--mlqe-per-pair=")), "400"))
    review_files = [Path(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--reviews=")]
    review_input = Path(next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--reviews-input=")), str(ROOT / "raw")))
    # lm_band [0, 1]: the model sees every sentence here, so its weight is fitted on all of them.
    cfg = load_config(overrides=[f"languagetool.enabled={'true' if grammar else 'false'}", "garble.lm_band=[0.0, 1.0]"])
    mlqe_df = mlqe_rows(per_pair)
    if "lm_fluency_v1" in cfg.garble.signals:
        fit_lm_length(cfg, mlqe_df)
    names = [n for n in cfg.garble.signals if grammar or n not in EXTERNAL]
    build_scorers(cfg)  # fail early on an unknown signal name
    if grammar:
        from pipeline.grammar import grammar_scorers

        ctx = grammar_scorers(cfg)
    else:
        ctx = contextlib.nullcontext([])
    with ctx as extra:
        Xd, yd = devset_features(cfg, extra, names)
        if review_files:  # the reviewers' labels count as the dev set's: the same kind of scraped text
            Xr, yr = review_features(cfg, extra, names, review_files, review_input)
            Xd, yd = np.vstack([Xd, Xr]), np.concatenate([yd, yr])
        Xm, ym, mlqe = mlqe_features(cfg, extra, names, mlqe_df)
    print(f"dev set: {len(yd)} sentences, {int(yd.sum())} garbled; MLQE-PE: {len(ym)}, {int(ym.sum())} with da_mean < 30")
    l2 = 1.0
    for label, X, y in (("dev set", Xd, yd), ("MLQE-PE", Xm, ym)):
        p = cv_predict(X, y, l2)
        best_t = max(np.arange(0.1, 0.9, 0.02), key=lambda t: f1_at(p, y, t)[2])
        print(f"{label} 5-fold CV: AUC {roc_auc(p, y):.3f}, F1 {f1_at(p, y, 0.5)[2]:.3f} at 0.5, best F1 {f1_at(p, y, best_t)[2]:.3f} at {best_t:.2f}")
    pm = predict_logistic(fit_nonneg(Xd, yd, l2), Xm)
    pd_ = predict_logistic(fit_nonneg(Xm, ym, l2), Xd)
    print(f"fit on dev set -> MLQE-PE: AUC {roc_auc(pm, ym):.3f}, pearson with da_z {correlations(pm, mlqe['da_z'].to_numpy())[0]:.3f}")
    print(f"fit on MLQE-PE -> dev set: AUC {roc_auc(pd_, yd):.3f}, F1 {f1_at(pd_, yd, 0.5)[2]:.3f}")
    # Final model: both sources, each weighted to the same total so MLQE's size does not drown the scrape.
    X = np.vstack([Xd, Xm])
    y = np.concatenate([yd, ym])
    reps = max(1, round(len(ym) / max(1, len(yd))))
    X = np.vstack([np.repeat(Xd, reps, axis=0), Xm])
    y = np.concatenate([np.repeat(yd, reps), ym])
    w = fit_nonneg(X, y, l2)
    pj = predict_logistic(w, Xd)
    best_t = max(np.arange(0.1, 0.9, 0.02), key=lambda t: f1_at(pj, yd, t)[2])
    print(f"joint fit, in-sample: dev AUC {roc_auc(pj, yd):.3f}, dev F1 {f1_at(pj, yd, best_t)[2]:.3f} at threshold {best_t:.2f}; "
          f"MLQE pearson {correlations(predict_logistic(w, Xm), mlqe['da_z'].to_numpy())[0]:.3f}")
    print("weights = { " + ", ".join([f'bias = {w[-1]:.3f}'] + [f'{n} = {v:.3f}' for n, v in zip(names, w)]) + " }")
    print(f"threshold = {best_t:.2f}")


if __name__ == "__main__":
    main()
