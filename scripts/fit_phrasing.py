"""Fit the MT phrasing model (pipeline/signals/data/phrasing.json) on MLQE-PE train.

Ridge regression (scipy's lsqr, damp 1.0) of da_z on the masked word unigrams and bigrams of each
MT sentence (pipeline.signals.phrasing), over the n-grams seen in at least MIN_DOCS train
sentences. Prints the correlation of the prediction with da_z on MLQE-PE dev, per pair: dev is
never fitted on.

    .venv/bin/python scripts/fit_phrasing.py [--train=PATH]   (default: ../shared/eval/mlqe_pe_xen_train.tsv)
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import lsqr

from pipeline.evaluate import load_mlqe
from pipeline.signals import phrasing

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT.parent / "shared" / "eval" / "mlqe_pe_xen_train.tsv"
DEV = ROOT / "tests" / "data" / "mlqe" / "mlqe_pe_xen_dev.tsv"
MIN_DOCS, DAMP, KEEP = 3, 1.0, 1e-3


def bags(texts: list[str]) -> list[set[str]]:
    return [{g for g, _, _ in phrasing.grams([t for t, _, _ in phrasing.tokens(text)])} for text in texts]


def matrix(docs: list[set[str]], vocab: dict[str, int]) -> sp.csr_matrix:
    rows, cols, vals = [], [], []
    for i, bag in enumerate(docs):
        norm = 1 / math.sqrt(len(bag))  # over every distinct n-gram, as phrasing.predict scales it
        for g in bag:
            if g in vocab:
                rows.append(i)
                cols.append(vocab[g])
                vals.append(norm)
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(docs), len(vocab)))


def main() -> None:
    train = load_mlqe(Path(next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--train=")), TRAIN)))
    docs = bags(train["mt"].tolist())
    counts = Counter(g for bag in docs for g in bag)
    vocab = {g: i for i, g in enumerate(sorted(g for g, n in counts.items() if n >= MIN_DOCS))}
    y = train["da_z"].to_numpy(float)
    bias = float(y.mean())
    w = lsqr(matrix(docs, vocab), y - bias, damp=DAMP)[0]
    weights = {g: round(float(w[i]), 4) for g, i in vocab.items() if abs(w[i]) >= KEEP}
    model = (bias, weights)
    dev = load_mlqe(DEV)
    pred = np.array([phrasing.predict(t, model)[0] for t in dev["mt"]])
    rs = {p: float(np.corrcoef(pred[g.index], g["da_z"])[0, 1]) for p, g in dev.groupby("pair")}
    print("MLQE-PE dev (not fitted on), Pearson with da_z: " + ", ".join(f"{p} {r:.3f}" for p, r in rs.items())
          + f"; mean {np.mean(list(rs.values())):.3f}")
    print(f"predicted da_z on dev: 5th percentile {np.percentile(pred, 5):+.2f}, median {np.median(pred):+.2f}, 95th {np.percentile(pred, 95):+.2f}")
    phrasing.DATA.write_text(json.dumps({
        "source": f"MLQE-PE train (CC0), {len(train)} rows: ridge (damp {DAMP}) of da_z on masked word 1-2-grams seen in >= {MIN_DOCS} sentences",
        "bias": round(bias, 4), "weights": weights}, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(weights)} n-grams of {len(vocab)} -> {phrasing.DATA} ({phrasing.DATA.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
