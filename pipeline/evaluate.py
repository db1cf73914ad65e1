"""`pipeline eval`: per-label precision, recall and F1 against a hand-labelled dev set.

The dev set is a TSV (source, line, label, text): one row per sentence or heading
of the raw input, labelled ok / garbled / boilerplate / bilingual_dup / dup / heading.
A labelled row is matched to the predicted row on the same raw line whose text is
closest, so a different sentence split costs accuracy but never breaks the join.

With `--reviews`, a reviewer's verdict is a label too, joined on the sentence's review key
(review.key): the machine's verdicts are measured against the reviews in the same way.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz

from .config import Config
from .errors import InputError
from .review.load import Review
from .run import run
from .write.tables import sentences_frame

LABELS = ["ok", "garbled", "boilerplate", "bilingual_dup", "dup", "heading"]


@dataclass
class EvalReport:
    n: int
    per_label: dict[str, dict[str, float]]
    confusion: dict[tuple[str, str], int]
    accuracy: float
    unmatched: int
    errors: list[dict[str, object]] = field(default_factory=list)
    per_source: dict[str, EvalReport] = field(default_factory=dict)  # a dev set of several sources (sites): one report each


def load_devset(path: Path) -> pd.DataFrame:
    try:
        df = pd.read_csv(path, sep="\t", keep_default_na=False, dtype={"line": int})
    except FileNotFoundError:
        raise InputError(f"dev set {path} does not exist") from None
    missing = {"source", "line", "label", "text"} - set(df.columns)
    if missing:
        raise InputError(f"dev set {path} lacks columns: {', '.join(sorted(missing))}")
    bad = sorted(set(df["label"]) - set(LABELS))
    if bad:
        raise InputError(f"dev set {path} has unknown labels {bad}; allowed: {', '.join(LABELS)}")
    return df


def predicted_label(row: pd.Series) -> str:
    return "heading" if row["kind"] == "heading" and row["verdict"] == "heading" else str(row["verdict"])


def match_rows(gold: pd.DataFrame, pred: pd.DataFrame) -> list[dict | None]:
    """For each labelled row, the predicted row on its raw line with the closest text (None if none)."""
    by_line = {k: g for k, g in pred.groupby(["source", "line"])}
    out: list[dict | None] = []
    for g in gold.itertuples():
        cands = by_line.get((g.source, g.line))
        out.append(None if cands is None else max(cands.itertuples(), key=lambda r: fuzz.ratio(str(r.text), g.text))._asdict())
    return out


def match(gold: pd.DataFrame, pred: pd.DataFrame) -> list[str]:
    return ["missing" if row is None else predicted_label(pd.Series(row)) for row in match_rows(gold, pred)]


def score_labels(gold: list[str], pred: list[str]) -> EvalReport:
    conf = Counter(zip(gold, pred))
    per: dict[str, dict[str, float]] = {}
    for lab in LABELS:
        tp = conf[(lab, lab)]
        fp = sum(n for (g, p), n in conf.items() if p == lab and g != lab)
        fn = sum(n for (g, p), n in conf.items() if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = {"precision": prec, "recall": rec, "f1": f1, "support": float(tp + fn)}
    acc = sum(n for (g, p), n in conf.items() if g == p) / max(1, len(gold))
    return EvalReport(len(gold), per, dict(conf), acc, sum(p == "missing" for p in pred))


def predict(inputs: list[Path], cfg: Config, extra_scorers: list | None = None) -> pd.DataFrame:
    """The machine's sentence table for `inputs` (no reviews applied): what every evaluation compares.
    An article's title line is a row too, as the heading it becomes (`# Title` in cleaned/)."""
    articles = run(inputs, cfg, quiet=True, extra_scorers=extra_scorers).articles
    titles = [{"source": a.source, "line": a.title_line, "text": a.title, "kind": "heading", "verdict": "heading"}
              for a in articles if a.title_line is not None]
    return pd.concat([sentences_frame(articles), pd.DataFrame(titles)], ignore_index=True)


def evaluate_devset(devset: Path, inputs: list[Path], cfg: Config, extra_scorers: list | None = None) -> EvalReport:
    gold = load_devset(devset)
    return score_devset(gold, predict(inputs, cfg, extra_scorers))


def evaluate_labels(devset: Path | None, reviews: Path | None, inputs: list[Path], cfg: Config,
                    extra_scorers: list | None = None) -> tuple[EvalReport | None, EvalReport | None]:
    """The dev set's report and the reviews' report (each None when not asked for), from one run.
    Both files are read first: a bad one fails before the run, not after it."""
    from .review.load import load_reviews

    gold = load_devset(devset) if devset is not None else None
    marks = load_reviews(reviews) if reviews is not None else None
    pred = predict(inputs, cfg, extra_scorers)
    return (score_devset(gold, pred) if gold is not None else None,
            evaluate_reviews(marks, pred) if marks is not None else None)


def score_devset(gold: pd.DataFrame, pred: pd.DataFrame) -> EvalReport:
    labels = match(gold, pred)
    report = score_labels(list(gold["label"]), labels)
    if gold["source"].nunique() > 1:
        for src, idx in gold.groupby("source", sort=True).groups.items():
            report.per_source[str(src)] = score_labels([gold["label"][i] for i in idx], [labels[gold.index.get_loc(i)] for i in idx])
    report.errors = [
        {"line": int(g.line), "gold": g.label, "pred": p, "text": g.text}
        for g, p in zip(gold.itertuples(), labels)
        if g.label != p
    ]
    return report


def evaluate_reviews(reviews: dict[str, Review], pred: pd.DataFrame) -> EvalReport:
    """The machine's verdicts against the reviewers': each review is a label for the sentence whose
    review_key it names; a stale review (no such sentence) counts as unmatched. Reviewers mostly
    mark wrong verdicts, so the figures describe the sentences they chose, not a random sample."""
    wanted = pred[pred["review_key"].isin(set(reviews))]
    by_key = dict(zip(wanted["review_key"], wanted["verdict"]))
    headings = set(wanted.loc[wanted["kind"] == "heading", "review_key"])
    # On a heading, "ok" is what the page offers as "keep it": the label a heading that is kept has.
    gold = ["heading" if r.new_verdict == "ok" and r.key in headings else r.new_verdict for r in reviews.values()]
    labels = [by_key.get(r.key, "missing") for r in reviews.values()]
    report = score_labels(gold, labels)
    report.errors = [{"key": r.key, "gold": g, "pred": p, "note": r.note} for r, g, p in zip(reviews.values(), gold, labels) if g != p]
    return report


def format_sources(r: EvalReport) -> str:
    """One line per source: its rows, accuracy, and F1 of the labels it has."""
    head = ["ok", "garbled", "boilerplate", "heading"]
    lines = [f"{'source':<40}{'rows':>6}{'acc':>7}" + "".join(f"{h[:9]:>10}" for h in head) + "   (F1; - : no such rows)"]
    for src, x in r.per_source.items():
        cells = [f"{x.per_label[h]['f1']:>10.2f}" if x.per_label[h]["support"] else f"{'-':>10}" for h in head]
        lines.append(f"{src[:39]:<40}{x.n:>6}{x.accuracy:>7.2f}" + "".join(cells))
    return "\n".join(lines)


def ok_removed(r: EvalReport) -> int:
    """Rows labelled ok that the run took out of the text (a flag keeps a row in, so garbled is not counted)."""
    return sum(n for (g, p), n in r.confusion.items() if g == "ok" and p not in ("ok", "garbled"))


def format_report(r: EvalReport, what: str = "labelled rows") -> str:
    lines = [f"{r.n} {what}, accuracy {r.accuracy:.3f}, unmatched {r.unmatched}", "",
             f"{'label':<14}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}"]
    for lab, m in r.per_label.items():
        lines.append(f"{lab:<14}{m['precision']:>10.3f}{m['recall']:>10.3f}{m['f1']:>10.3f}{int(m['support']):>10}")
    ok = int(r.per_label["ok"]["support"])
    if ok:
        removed, flagged = ok_removed(r), r.confusion.get(("ok", "garbled"), 0)
        lines += ["", f"labelled ok: {removed}/{ok} removed ({removed / ok:.1%}; as boilerplate, dup, twin or heading), "
                      f"{flagged}/{ok} flagged garbled ({flagged / ok:.1%})"]
    preds = sorted({p for _, p in r.confusion})
    lines += ["", "confusion (rows gold, columns predicted):", " " * 14 + "".join(f"{p[:9]:>10}" for p in preds)]
    for g in LABELS:
        lines.append(f"{g:<14}" + "".join(f"{r.confusion.get((g, p), 0):>10}" for p in preds))
    return "\n".join(lines)


@dataclass
class MlqeReport:
    rows: list[dict[str, float | str]]  # per language pair: n, pearson, spearman, auc

    @property
    def mean_abs_pearson(self) -> float:
        vals = [abs(float(r["pearson"])) for r in self.rows if r["pair"] != "all"]
        return sum(vals) / len(vals) if vals else float("nan")


def load_mlqe(path: Path) -> pd.DataFrame:
    try:
        df = pd.read_csv(path, sep="\t", keep_default_na=False)
    except FileNotFoundError:
        raise InputError(f"MLQE-PE file {path} does not exist") from None
    missing = {"pair", "mt", "da_mean", "da_z"} - set(df.columns)
    if missing:
        raise InputError(f"MLQE-PE file {path} lacks columns: {', '.join(sorted(missing))}")
    return df


def evaluate_mlqe(path: Path, cfg: Config, extra_scorers: list | None = None, per_pair: int = 0) -> MlqeReport:
    """Correlation of garble_score (English side only) with human DA scores, per pair."""
    import numpy as np

    from .calibrate import correlations, roc_auc
    from .score import score_sentences

    df = load_mlqe(path)
    if per_pair > 0:
        df = df.groupby("pair", sort=True).head(per_pair).reset_index(drop=True)
    sents = score_sentences([t.replace("\n", " ") or "-" for t in df["mt"]], cfg, extra_scorers)
    df = df.assign(garble=[s.garble_score for s in sents])
    rows: list[dict[str, float | str]] = []
    for pair, g in [*df.groupby("pair", sort=True), ("all", df)]:
        pearson, spearman = correlations(g["garble"].to_numpy(), g["da_z"].to_numpy())
        auc = roc_auc(g["garble"].to_numpy(), np.asarray(g["da_mean"] < 30))
        rows.append({"pair": str(pair), "n": len(g), "pearson": pearson, "spearman": spearman, "auc": auc, "garbled": int((g["da_mean"] < 30).sum())})
    return MlqeReport(rows)


def format_mlqe(r: MlqeReport) -> str:
    lines = ["MLQE-PE dev, English side only: correlation of garble_score with da_z (negative is good),",
             "ROC-AUC of garble_score for da_mean < 30", "",
             f"{'pair':<8}{'n':>6}{'da<30':>7}{'pearson':>10}{'spearman':>10}{'auc':>8}"]
    for row in r.rows:
        lines.append(f"{row['pair']:<8}{row['n']:>6}{row['garbled']:>7}{row['pearson']:>10.3f}{row['spearman']:>10.3f}{row['auc']:>8.3f}")
    lines.append(f"\nmean |pearson| over pairs: {r.mean_abs_pearson:.3f}")
    return "\n".join(lines)
