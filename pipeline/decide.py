"""Signals -> garble_score -> verdict -> action. The only place thresholds live.

garble_score is a noisy-or of the weighted signals: 1 - prod(1 - w_i * v_i).
It stays in 0..1, a single strong signal can carry it, and weak signals add up
without ever passing 1. Weights come from config (fitted by `pipeline eval`).
"""

from __future__ import annotations

from .config import Config
from .model import Action, Sentence, Verdict

#: A signal is named among a sentence's reasons when it adds at least this much.
MIN_CONTRIBUTION = 0.1


def contributions(sent: Sentence, weights: dict[str, float]) -> list[tuple[str, float]]:
    """(reason code, weighted value) for every firing signal, strongest first."""
    out = [
        (sig.reason, weights.get(sig.name, 0.0) * sig.value)
        for sig in sent.signals
        if sig.reason and sig.value > 0
    ]
    return sorted(out, key=lambda rc: (-rc[1], rc[0]))


def garble_score(sent: Sentence, weights: dict[str, float]) -> float:
    keep = 1.0
    for _, contrib in contributions(sent, weights):
        keep *= 1.0 - min(1.0, contrib)
    return round(1.0 - keep, 4)


def decide(sent: Sentence, cfg: Config) -> None:
    """Set garble_score, verdict, reasons and action on one scored sentence."""
    weights = cfg.garble.weights
    sent.garble_score = garble_score(sent, weights)
    if sent.verdict is not Verdict.OK:
        return  # boilerplate, dup and headings were decided by their own stage
    sent.reasons = [r for r, c in contributions(sent, weights) if c >= MIN_CONTRIBUTION]
    if sent.garble_score >= cfg.garble.threshold:
        sent.verdict = Verdict.GARBLED
        sent.action = {"drop": Action.DROPPED, "flag": Action.FLAGGED, "keep": Action.KEPT}[cfg.output.garbled]
