"""Fit garble_score (config garble.weights and threshold) and the cascade's student, on human labels.

Three sources of labels, every signal computed on every sentence (full evidence: LanguageTool and
the language model on all of them):
- MLQE-PE train (35,000 rated MT sentences): a soft label, P(garbled) = 1 / (1 + exp((da_mean - 40) / 12));
- the sample's dev set (tests/data/devset.tsv, ok vs garbled), grouped by article;
- the sites' dev set (tests/data/sites/devset.tsv, 60 pages from 57 sites), grouped by site.
The weights are a logistic regression with every signal weight >= 0, each scrape set weighing as
much in all as MLQE-PE train (`--scrape-share`). Every figure printed is out of sample:
- MLQE-PE dev (5,000, never fitted on): Pearson and Spearman with da_z, AUC for da_mean < 30, per pair;
- the scrape sets: grouped cross-validation (a fold holds out whole articles of the sample, whole
  sites of the sites set, and the model is fitted on everything else), F1 of garbled and the share
  of ok sentences flagged, per set and per site, at the threshold chosen on those predictions
  (the best pooled F1 with at most 5% of each set's ok sentences flagged).
Then each weighed signal's median contribution on fluent MLQE-PE train sentences (da_mean >= 70),
which a signal must clearly exceed to be named a reason (`reason_baseline`), and the cascade's student (README, "Speed"): a least-squares model of each expensive signal
(LanguageTool, language model) from the cheap ones, and the margin around the threshold inside
which the expensive signals are computed; the share of full-evidence verdicts kept is printed.

Reviewers' corrections (reviews.jsonl from report.html, README "Reviews") join as a fourth set:
`--reviews=FILE` (repeatable) with `--reviews-input=PATH`, the input they were made on (default
raw/); each sentence reviewed ok or garbled is a label, weighing as much as a dev-set row.

    .venv/bin/python scripts/fit_garble.py [--train=PATH] [--reuse] [--no-lm-length] [--scrape-share=1.0] [--reviews=FILE --reviews-input=PATH]

`--reuse` reads the signal tables of the last run from .cache/fit/ instead of scoring again.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.calibrate import correlations, fit_logistic, predict_logistic, roc_auc
from pipeline.config import load_config
from pipeline.evaluate import load_devset, load_mlqe, match_rows
from pipeline.run import run
from pipeline.score import score_sentences
from pipeline.signals import EXTERNAL
from pipeline.write.tables import sentences_frame

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT.parent / "shared" / "eval" / "mlqe_pe_xen_train.tsv"
DEV = ROOT / "tests" / "data" / "mlqe" / "mlqe_pe_xen_dev.tsv"
SITES = ROOT / "tests" / "data" / "sites"
CACHE = ROOT / ".cache" / "fit"
EXPENSIVE = ("languagetool_v1", "lm_fluency_v1")
MAX_OK_FLAGGED = 0.05
FLUENT_DA = 70  # an MLQE-PE sentence rated this or higher is fluent (the LM length model, the reasons' baseline)
L2 = 1.0


def arg(name: str, default: str) -> str:
    return next((a.split("=", 1)[1] for a in sys.argv if a.startswith(f"--{name}=")), default)


# Each scrape set's total row weight, as a share of MLQE-PE train's.
# 1.0 since 2026-12-07 (0.5 before): on the scrape sets' grouped cross-validation and on holdouts
# 1-4 pooled, which nothing is fitted on, every figure rose (holdouts' garbled F1 0.315 -> 0.419)
# while MLQE-PE dev's mean |Pearson| fell (0.386 -> 0.346); README, "Calibration".
SCRAPE_SHARE = float(arg("scrape-share", "1.0"))


# -- signal tables ------------------------------------------------------------------------------


def mlqe_table(path: Path, cfg, extra, names: list[str]) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    df = load_mlqe(path)
    sents = score_sentences([t.replace("\n", " ") or "-" for t in df["mt"]], cfg, extra)
    X = pd.DataFrame([{g.name: g.value for g in s.signals} for s in sents]).reindex(columns=names).fillna(0.0)
    return pd.concat([df[["pair", "mt", "da_mean", "da_z"]].reset_index(drop=True), X], axis=1)


def scrape_table(devset: Path, inputs: Path, cfg, extra, names: list[str], group_of) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    gold = load_devset(devset)
    gold = gold[gold.label.isin(["ok", "garbled"])]
    pred = sentences_frame(run([inputs], cfg, quiet=True, extra_scorers=extra).articles)
    rows = []
    for g, row in zip(gold.itertuples(), match_rows(gold, pred)):
        if row is not None and row["kind"] == "sentence":
            rows.append({"label": g.label, "group": group_of(g.source, row), "source": g.source, "line": g.line, "text": g.text,
                         **{n: float(row.get(f"sig_{n}") or 0.0) for n in names}})
    return pd.DataFrame(rows)


def review_table(cfg, extra, names: list[str]) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """Reviews as labels: each sentence reviewed ok or garbled, with its signal values (grouped as one)."""
    from pipeline.review import load_reviews

    files = [Path(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--reviews=")]
    reviews = {k: r for f in files for k, r in load_reviews(f).items()}  # a later file's review of a key wins
    labels = {k: r.new_verdict for k, r in reviews.items() if r.new_verdict in ("ok", "garbled")}
    if not labels:
        return pd.DataFrame(columns=["label", "group", *names])
    inputs = Path(arg("reviews-input", str(ROOT / "raw")))
    pred = sentences_frame(run([inputs], cfg, quiet=True, extra_scorers=extra).articles)
    rows = pred[pred["review_key"].isin(set(labels)) & (pred["kind"] == "sentence")]
    print(f"reviews: {len(reviews)} in {len(files)} file(s), {len(rows)} sentences reviewed ok or garbled found in {inputs}")
    return pd.DataFrame([{"label": labels[r["review_key"]], "group": "reviews", **{n: float(r.get(f"sig_{n}") or 0.0) for n in names}}
                         for r in rows.to_dict("records")])


def tables(names: list[str]) -> dict[str, pd.DataFrame]:
    cache = CACHE / "tables.pkl"
    if "--reuse" in sys.argv and cache.exists():
        return pickle.loads(cache.read_bytes())
    from pipeline.grammar import grammar_scorers

    # Full evidence: every signal on every sentence, so each weight is fitted on all of them.
    cfg = load_config()
    cfg.garble.cascade_margin = None
    if "--no-lm-length" not in sys.argv:
        fit_lm_length(cfg, load_mlqe(Path(arg("train", str(TRAIN)))))
    sites = pd.read_csv(SITES / "pages.tsv", sep="\t", keep_default_na=False).set_index("file")["site"].to_dict()
    with grammar_scorers(cfg, cfg.cache.folder) as extra:
        out = {
            "sample": scrape_table(ROOT / "tests/data/devset.tsv", ROOT / "raw", cfg, extra, names, lambda src, row: row["article"]),
            "sites": scrape_table(SITES / "devset.tsv", SITES / "raw", cfg, extra, names, lambda src, row: sites[src]),
            "reviews": review_table(cfg, extra, names),
            "dev": mlqe_table(DEV, cfg, extra, names),
            "train": mlqe_table(Path(arg("train", str(TRAIN))), cfg, extra, names),
        }
    CACHE.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(out))
    return out


def fit_lm_length(cfg, df: pd.DataFrame) -> None:  # type: ignore[no-untyped-def]
    """fluency.A and B (expected surprise by length) on fluent MLQE-PE train sentences (da_mean >= 70)."""
    from pipeline.signals import fluency

    lm = fluency.LmFluency(cfg.cache.folder, cfg.garble.lm_threads, cfg.model.lm, Path(cfg.model.lm_dir), cfg.garble.lm_timeout_s)
    with lm.process:
        got = lm.surprise_many(list(df.loc[df["da_mean"] >= FLUENT_DA, "mt"]))
    pts = [g for g in got if g is not None and g[1] > 0]
    b, a = np.polyfit(np.log([n for _, n in pts]), [m for m, _ in pts], 1)
    resid = np.array([m - (a + b * np.log(n)) for m, n in pts])
    fluency.A, fluency.B = round(float(a), 3), round(float(b), 3)
    print(f"LM length model on {len(pts)} fluent train sentences: A = {fluency.A}, B = {fluency.B} (residual sd {resid.std():.2f}); "
          "put them in pipeline/signals/fluency.py")


# -- fitting ------------------------------------------------------------------------------------


def fit_nonneg(X: np.ndarray, y: np.ndarray, sw: np.ndarray, free: int = 0) -> np.ndarray:
    """Logistic regression with every signal weight >= 0 (the bias, and the last `free` columns,
    are free): each signal is documented as "higher is more garbled", and a negative weight would
    make the report say that a grammar error made a sentence look better. Active set: drop the
    most negative and refit."""
    active = list(range(X.shape[1]))
    while True:
        w = fit_logistic(X[:, active], y, L2, weights=sw)
        signed = w[: len(active) - free]
        worst = int(np.argmin(signed)) if len(signed) else 0
        if not len(signed) or w[worst] >= 0:
            full = np.zeros(X.shape[1] + 1)
            full[active] = w[:-1]
            full[-1] = w[-1]
            return full
        active.pop(worst)


def soft_label(da_mean: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp((da_mean - 40) / 12))


def design(parts: list[tuple[pd.DataFrame, np.ndarray, float]], names: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stack (table, labels, total weight) parts; each part's rows share its total weight."""
    X = np.vstack([t[names].to_numpy(float) for t, _, _ in parts])
    y = np.concatenate([lab for _, lab, _ in parts])
    sw = np.concatenate([np.full(len(t), total / max(1, len(t))) for t, _, total in parts])
    return X, y, sw


def fit_all(t: dict[str, pd.DataFrame], names: list[str], sample: pd.DataFrame, sites: pd.DataFrame) -> np.ndarray:
    """The weights, and the bias for scraped text. MLQE-PE's soft labels and the dev sets' garbled
    are not the same line: a free offset for the MLQE-PE rows (the last column) lets both share
    the signal weights without either's base rate moving the other's bias."""
    train = t["train"]
    n = len(train)
    parts = [(train, soft_label(train["da_mean"].to_numpy()), float(n))]
    parts += [(s, (s["label"] == "garbled").to_numpy(float), SCRAPE_SHARE * n) for s in (sample, sites) if len(s)]
    if len(rev := t.get("reviews", pd.DataFrame())):  # a reviewed row weighs as a sample dev-set row does
        parts.append((rev, (rev["label"] == "garbled").to_numpy(float), SCRAPE_SHARE * n * len(rev) / max(1, len(sample))))
    X, y, sw = design(parts, names)
    mlqe = np.zeros(len(X))
    mlqe[: len(train)] = 1.0
    w = fit_nonneg(np.column_stack([X, mlqe]), y, sw, free=1)
    return np.concatenate([w[:-2], w[-1:]])  # the offset dropped: the bias left is scraped text's


def grouped_cv(t: dict[str, pd.DataFrame], names: list[str], which: str, folds: int) -> np.ndarray:
    """Out-of-fold garble scores of one scrape set: each fold's groups held out of the fit."""
    s = t[which]
    groups = sorted(s["group"].unique())
    fold_of = {g: i % folds for i, g in enumerate(groups)}
    out = np.zeros(len(s))
    other = "sites" if which == "sample" else "sample"
    for k in range(folds):
        held = s["group"].map(fold_of).to_numpy() == k
        w = fit_all(t, names, s[~held], t[other])
        out[held] = predict_logistic(w, s.loc[held, names].to_numpy(float))
    return out


def rates(p: np.ndarray, garbled: np.ndarray, t: float) -> tuple[float, float, float, float]:
    """(precision, recall, F1 of garbled, share of ok flagged)."""
    pred = p >= t
    tp, fp, fn = (pred & garbled).sum(), (pred & ~garbled).sum(), (~pred & garbled).sum()
    prec, rec = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return prec, rec, 2 * prec * rec / max(1e-9, prec + rec), fp / max(1, (~garbled).sum())


def choose_threshold(sets: list[tuple[np.ndarray, np.ndarray]]) -> float:
    """The best pooled F1 at which every set flags at most 5% of its ok sentences: pooled, the
    larger set could hide the other's going over."""
    p, garbled = (np.concatenate(x) for x in zip(*sets))
    ok = [t for t in np.arange(0.10, 0.90, 0.01) if all(rates(q, g, t)[3] <= MAX_OK_FLAGGED for q, g in sets)]
    return round(float(max(ok, key=lambda t: rates(p, garbled, t)[2])), 2)


# -- the cascade's student ----------------------------------------------------------------------


def fit_student(t: dict[str, pd.DataFrame], names: list[str]) -> dict[str, dict[str, float]]:
    """Least squares of each expensive signal on the cheap ones, over all four tables."""
    cheap = [n for n in names if n not in EXPENSIVE]
    both = pd.concat([t[k] for k in ("train", "sample", "sites")], ignore_index=True)
    A = np.hstack([both[cheap].to_numpy(float), np.ones((len(both), 1))])
    out = {}
    for name in EXPENSIVE:
        coef = np.linalg.lstsq(A, both[name].to_numpy(float), rcond=None)[0]
        out[name] = {"bias": round(float(coef[-1]), 4), **{c: round(float(v), 4) for c, v in zip(cheap, coef[:-1]) if abs(v) >= 1e-4}}
    return out


def impute(table: pd.DataFrame, student: dict[str, dict[str, float]]) -> pd.DataFrame:
    out = table.copy()
    for name, coef in student.items():
        out[name] = np.clip(coef["bias"] + sum(v * table[c] for c, v in coef.items() if c != "bias"), 0, 1)
    return out


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def cascade(t: dict[str, pd.DataFrame], names: list[str], w: np.ndarray, threshold: float, student) -> float:  # type: ignore[no-untyped-def]
    """The smallest margin (log-odds around the threshold, on the student's score) that keeps 98%
    of the full-evidence verdicts on MLQE-PE dev and both scrape sets; prints what it sends on."""
    sets = {k: t[k] for k in ("dev", "sample", "sites")}
    full = {k: predict_logistic(w, s[names].to_numpy(float)) >= threshold for k, s in sets.items()}
    guess = {k: logit(predict_logistic(w, impute(s, student)[names].to_numpy(float))) - logit(np.array([threshold]))[0] for k, s in sets.items()}
    for margin in np.arange(0.0, 6.01, 0.05):
        kept, sent = {}, {}
        for k, s in sets.items():
            near = np.abs(guess[k]) < margin
            verdict = np.where(near, full[k], guess[k] >= 0)
            kept[k], sent[k] = (verdict == full[k]).mean(), near.mean()
        if min(kept.values()) >= 0.98:
            print(f"cascade margin {margin:.2f} log-odds: " + "; ".join(
                f"{k}: {sent[k]:.1%} of sentences get the expensive signals, {kept[k]:.1%} of full-evidence verdicts kept" for k in sets))
            return round(float(margin), 2)
    return 6.0


# -- report -------------------------------------------------------------------------------------


def main() -> None:
    cfg = load_config()
    names = list(cfg.garble.signals)
    t = {k: v.fillna({n: 0.0 for n in names}) for k, v in tables(names).items()}  # a signal a sentence lacks is 0
    print(f"tables: MLQE-PE train {len(t['train'])}, dev {len(t['dev'])}; sample {len(t['sample'])} ok/garbled rows "
          f"({(t['sample'].label == 'garbled').sum()} garbled, {t['sample'].group.nunique()} articles); sites {len(t['sites'])} "
          f"({(t['sites'].label == 'garbled').sum()} garbled, {t['sites'].group.nunique()} sites)")
    w = fit_all(t, names, t["sample"], t["sites"])
    dev = t["dev"]
    p = predict_logistic(w, dev[names].to_numpy(float))
    print("\nMLQE-PE dev (fitted on train and the scrape sets only):")
    rs = []
    for pair, g in dev.groupby("pair"):
        pr, sr = correlations(p[g.index], g["da_z"].to_numpy())
        rs.append(abs(pr))
        print(f"  {pair}: pearson {pr:.3f}, spearman {sr:.3f}, AUC(da_mean < 30) {roc_auc(p[g.index], (g['da_mean'] < 30).to_numpy()):.3f}")
    print(f"  mean |pearson| {np.mean(rs):.3f}")
    oof = {"sample": grouped_cv(t, names, "sample", 10), "sites": grouped_cv(t, names, "sites", 5)}
    truth = {k: (t[k]["label"] == "garbled").to_numpy() for k in oof}
    threshold = choose_threshold([(oof[k], truth[k]) for k in oof])
    print(f"\ngrouped cross-validation (articles of the sample, sites of the sites set), threshold {threshold}:")
    for k in oof:
        prec, rec, f1, okf = rates(oof[k], truth[k], threshold)
        print(f"  {k}: garbled P {prec:.3f} R {rec:.3f} F1 {f1:.3f}; ok flagged {okf:.1%}")
    s = t["sites"].assign(p=oof["sites"], g=truth["sites"])
    print("  per site (garbled rows / F1 / ok flagged): " + "; ".join(
        f"{site} {int(x.g.sum())}/{rates(x.p.to_numpy(), x.g.to_numpy(), threshold)[2]:.2f}/{rates(x.p.to_numpy(), x.g.to_numpy(), threshold)[3]:.0%}"
        for site, x in s.groupby("group") if x.g.any()))
    student = fit_student(t, names)
    margin = cascade(t, names, w, threshold, student)
    print("\n[garble]")
    print(f"threshold = {threshold}")
    print("weights = { " + ", ".join([f'bias = {w[-1]:.3f}'] + [f'{n} = {v:.3f}' for n, v in zip(names, w[:-1])]) + " }")
    print(f"cascade_margin = {margin}")
    fluent = t["train"][t["train"]["da_mean"] >= FLUENT_DA]
    base = {n: round(float((fluent[n] * v).median()), 2) for n, v in zip(names, w[:-1]) if v > 0}
    print("reason_baseline = { " + ", ".join(f"{n} = {b}" for n, b in base.items() if b > 0) + " }")
    print("student = { " + ", ".join(f"{n} = {{ " + ", ".join(f"{c} = {v}" for c, v in coef.items()) + " }" for n, coef in student.items()) + " }")


if __name__ == "__main__":
    main()
