"""Fit the translationese skeleton model (pipeline/signals/data/translationese.json) on MLQE-PE train.

Bad = da_mean < 30, good = da_mean >= 70, on the train split only (35,000 rows): MLQE-PE dev is
where the garble score is reported, so nothing fitted may have seen it. Log-odds per skeleton
n-gram with add-one smoothing, kept when seen at least MIN_COUNT times. Prints the
leave-one-language-pair-out ROC-AUC of the signal alone on train, and its AUC on dev.

    .venv/bin/python scripts/fit_translationese.py [--train PATH]   (default: ../shared/eval/mlqe_pe_xen_train.tsv)
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from pipeline.calibrate import roc_auc
from pipeline.config import Config
from pipeline.evaluate import load_mlqe
from pipeline.segment.nlp import load_nlp
from pipeline.signals.translationese import DATA, ngrams, skeleton

ROOT = Path(__file__).resolve().parent.parent
MIN_COUNT = 5


def fit(grams: list[list[str]], bad: np.ndarray, good: np.ndarray) -> dict[str, float]:
    cb, cg = Counter(), Counter()
    for g, b, ok in zip(grams, bad, good):
        if b:
            cb.update(set(g))
        elif ok:
            cg.update(set(g))
    nb, ng = bad.sum(), good.sum()
    out = {}
    for gram in set(cb) | set(cg):
        if cb[gram] + cg[gram] >= MIN_COUNT:
            lo = math.log((cb[gram] + 1) / (nb + 2)) - math.log((cg[gram] + 1) / (ng + 2))
            if abs(lo) >= 0.3:
                out[gram] = round(lo, 3)
    return dict(sorted(out.items()))


def score(grams: list[str], model: dict[str, float]) -> float:
    return sum(model.get(g, 0.0) for g in grams) / max(1, len(grams))


TRAIN = ROOT.parent / "shared" / "eval" / "mlqe_pe_xen_train.tsv"
DEV = ROOT / "tests" / "data" / "mlqe" / "mlqe_pe_xen_dev.tsv"


def skeletons(texts: list[str]) -> list[list[str]]:
    nlp = load_nlp(Config().model.spacy)
    return [[g for g, _, _ in ngrams(skeleton(doc[:]))] for doc in nlp.pipe(texts, batch_size=256, n_process=2)]


def main() -> None:
    train = Path(next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--train=")), TRAIN))
    df = load_mlqe(train)
    grams = skeletons(df["mt"].tolist())
    bad, good = (df["da_mean"] < 30).to_numpy(), (df["da_mean"] >= 70).to_numpy()
    for pair in sorted(df["pair"].unique()):
        held = (df["pair"] == pair).to_numpy()
        model = fit([g for g, h in zip(grams, held) if not h], bad[~held], good[~held])
        s = np.array([score(g, model) for g, h in zip(grams, held) if h])
        print(f"held-out {pair}: AUC {roc_auc(s, bad[held]):.3f} for da_mean < 30")
    model = fit(grams, bad, good)
    dev = load_mlqe(DEV)
    s = np.array([score(g, model) for g in skeletons(dev["mt"].tolist())])
    print(f"MLQE-PE dev (not fitted on): AUC {roc_auc(s, (dev['da_mean'] < 30).to_numpy()):.3f} for da_mean < 30")
    DATA.parent.mkdir(parents=True, exist_ok=True)
    DATA.write_text(json.dumps({"source": "MLQE-PE train (CC0), 35,000 rows, da_mean < 30 vs >= 70",
                                "min_count": MIN_COUNT, "log_odds": model},
                               ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(model)} n-grams -> {DATA}")


if __name__ == "__main__":
    main()
