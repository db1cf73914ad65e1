"""Signals -> garble_score -> verdict -> action. The only place thresholds live.

garble_score is a logistic model over the signal values:
    garble_score = 1 / (1 + exp(-(bias + sum_i w_i * v_i)))
with the weights fitted on human labels (scripts/fit_garble.py) and kept in
config. Each signal's contribution w_i * v_i (in log-odds) is what the report
shows, so a reviewer sees how much each piece of evidence moved the score.

Three shapes of broken text are garbled whatever the score, since no signal weighs what they
lost: a sentence whose subject went with the line before it (`headless`), one that broke off at
its line's end (`broken_off`), and a document's last sentence, cut off where the scrape stopped
(`truncated`). Each can be turned off in config.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from .config import Config
from .model import Action, Sentence, Signal, Verdict

#: How a finished sentence ends: sentence punctuation, then perhaps closing quotes or brackets; or a closing
#: double quote or bracket alone (a quotation or an aside may end without a stop). Not a single quote
#: alone: that is as often an apostrophe ("A man visited a friend'").
_FINISHED = re.compile(r"[.!?…。！？][\"'”’)\]»]*\s*$|[\"”)\]»]\s*$")

#: A signal is named among a sentence's reasons when it adds at least this many log-odds more than
#: it does on a fluent sentence (config garble.reason_baseline).
MIN_CONTRIBUTION = 0.5


_GARBLED_ACTION = {"drop": Action.DROPPED, "flag": Action.FLAGGED, "keep": Action.KEPT}

#: A sentence that opens, in lowercase, with an auxiliary or a modal lost its subject with the line
#: before it ("is to provide.", "should start and drink at least 8 glasses of water."): the scrape
#: dropped or broke that line. Twelve such rows in the dev sets, every one labelled garbled.
_HEADLESS = re.compile(r"^(?:is|are|was|were|has|have|had|does|did|must|should|shall|can|could|will|would|may|might)\s+[a-z]")
#: A sentence that ends, with no punctuation, on a word no English sentence ends with (an article, a
#: conjunction, "of", "which"…) broke off where its line did ("… which covers a total area of").
#: Fifteen such rows in the dev sets ended on these or on words that may end a sentence ("that",
#: "to"), all garbled or furniture; only the first kind is taken.
_BROKEN_OFF = re.compile(r"\s(?:the|a|an|and|or|but|of|which|whose|than|because|although|its|their|our|your|my)$")  # "Vitamin A" ends well


def contribution(sig: Signal, weights: dict[str, float]) -> float:
    """What this signal adds to the score's log-odds (w * value)."""
    return weights.get(sig.name, 0.0) * sig.value


def named(sig: Signal, added: float, baseline: dict[str, float]) -> bool:
    """Whether a signal that adds `added` log-odds is a reason: it must add clearly more than it does
    on a fluent sentence. A signal that adds something to most fluent text too (mt_phrasing) says
    nothing about this sentence when it adds only its usual share."""
    return bool(sig.reason) and added >= MIN_CONTRIBUTION + baseline.get(sig.name, 0.0)


def garble_score(sent: Sentence, weights: dict[str, float], extra: Sequence[Signal] = ()) -> float:
    """`extra`: signals counted as if the sentence had them (the cascade's predicted ones)."""
    z = weights.get("bias", 0.0) + sum(contribution(sig, weights) for sig in (*sent.signals, *extra))
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 4)


def decide(sent: Sentence, cfg: Config) -> None:
    """Set garble_score, verdict, reasons and action on one scored sentence."""
    weights = cfg.garble.weights
    sent.garble_score = garble_score(sent, weights) if sent.signals else 0.0
    if sent.verdict is not Verdict.OK:
        return  # boilerplate, dup and headings were decided by their own stage
    fired = [(sig.reason, c) for sig in sent.signals if sig.value > 0 and named(sig, c := contribution(sig, weights), cfg.garble.reason_baseline)]
    sent.reasons = [r for r, _ in sorted(fired, key=lambda rc: (-rc[1], rc[0]))]
    broken = [code for code, on, pattern in (("headless", cfg.garble.headless, _HEADLESS), ("broken_off", cfg.garble.broken_off, _BROKEN_OFF))
              if on and pattern.search(sent.cleaned.strip())]
    sent.reasons[:0] = broken
    if broken or sent.garble_score >= cfg.garble.threshold:
        sent.verdict = Verdict.GARBLED
        sent.action = _GARBLED_ACTION[cfg.output.garbled]


def mark_truncated(sentences: Sequence[Sentence], cfg: Config) -> None:
    """A document's last sentence, when it ends without sentence punctuation, is where the scrape was
    cut off (an excerpt limit, a truncated download: "Tobacco kills more than 8 mill"). A sentence
    already dropped, or a heading, ends the document as it should and is left alone."""
    last = sentences[-1] if sentences else None
    text = last.cleaned.strip() if last else ""
    # No letter, no sentence: a stray counter ("0") is furniture, not a cut-off sentence.
    if last is None or last.verdict not in (Verdict.OK, Verdict.GARBLED) or _FINISHED.search(text) or not any(c.isalpha() for c in text):
        return
    last.reasons = ["truncated"] + [r for r in last.reasons if r != "truncated"]
    if last.verdict is Verdict.OK:
        last.verdict = Verdict.GARBLED
        last.action = _GARBLED_ACTION[cfg.output.garbled]
