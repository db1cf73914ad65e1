"""The cascade: cheap signals for every sentence, the expensive ones only where they could change the verdict.

LanguageTool and the language model cost 7–20 and about 7 ms a sentence on 2 cores, the cheap signals
together well under one. A student (config `garble.student`: least squares of each expensive
signal on the cheap ones, fitted by scripts/fit_garble.py on MLQE-PE train and the dev sets)
predicts what the expensive signals would say. With those predictions in, a sentence whose
garble_score lies more than `garble.cascade_margin` log-odds from the threshold keeps the verdict
the prediction gives it; only the others are sent on. The predicted values count in the score but
are never named as a reason, and the sentence's signal says it was not computed.

An expensive signal whose fitted weight is 0 (LanguageTool's, today: once the language model and
the cheap signals are known it adds nothing) cannot change any verdict, so the undecided are not
sent to it. It still runs on every sentence that ends up garbled, because its matches are what
the report marks as the words behind the verdict. `cascade_margin = None` computes every signal
for every sentence.
"""

from __future__ import annotations

import math

from .cache import RunCache
from .config import GarbleConfig
from .decide import garble_score
from .model import Signal, make_signal
from .progress import progress
from .signals.base import Item, Scorer


#: The detail of a signal the cascade predicted instead of computing (summary.json counts them).
PREDICTED = "not computed: predicted from the cheap signals"


def predicted(signals: dict[str, float], coef: dict[str, float]) -> float:
    """The student's value of one expensive signal from the cheap signal values."""
    return min(1.0, max(0.0, coef.get("bias", 0.0) + sum(v * signals.get(name, 0.0) for name, v in coef.items() if name != "bias")))


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def _guesses(item: Item, garble: GarbleConfig, names: list[str]) -> list[Signal]:
    cheap = {g.name: g.value for g in item.sentence.signals}
    return [make_signal(n, round(predicted(cheap, garble.student[n]), 4), None, PREDICTED) for n in names]


def stand_ins(item: Item, garble: GarbleConfig, names: list[str]) -> list[Signal] | None:
    """The expensive signals as the student predicts them, when the verdict is safe with them;
    None when the sentence must get the real ones (near the threshold, or a heading)."""
    s = item.sentence
    if s.is_heading or garble.cascade_margin is None:
        return None
    guess = _guesses(item, garble, names)
    score = garble_score(s, garble.weights, extra=guess)
    if abs(_logit(score) - _logit(garble.threshold)) < garble.cascade_margin:
        return None
    return guess


def score_with_cascade(items: list[Item], scorers: list[Scorer], garble: GarbleConfig, cache: RunCache | None = None,
                       quiet: bool = True) -> int:
    """Every cheap scorer on every item, the expensive ones (those the student predicts) where
    needed; returns how many items got the expensive signals that the score weighs."""
    dear = [s for s in scorers if s.name in garble.student]
    score_items(items, [s for s in scorers if s.name not in garble.student], cache, quiet)
    if not dear:
        return 0
    if garble.cascade_margin is None:
        score_items(items, dear, cache, quiet)
        return len(items)
    weighed = [s for s in dear if garble.weights.get(s.name, 0.0)]
    shown = [s for s in dear if s not in weighed]
    names = [s.name for s in dear]
    near = []
    for item in items:
        guess = stand_ins(item, garble, names)
        if guess is None:
            near.append(item)
        else:
            item.sentence.signals.extend(guess)
    score_items(near, weighed, cache, quiet)
    if shown:
        _evidence(items, near, shown, garble, cache, quiet)
    return len(near) if weighed else 0


def _evidence(items: list[Item], near: list[Item], shown: list[Scorer], garble: GarbleConfig, cache: RunCache | None,
              quiet: bool) -> None:
    """The zero-weight expensive signals: computed for the garbled, whose words the report marks
    with their matches; predicted for the rest. A heading is never garbled: it is not checked (a
    third of LanguageTool's checks on the bench's corpus went to headings)."""
    names = [s.name for s in shown]
    need = [it for it in items if not it.sentence.is_heading and garble_score(it.sentence, garble.weights) >= garble.threshold]
    for it in need:
        it.sentence.signals = [g for g in it.sentence.signals if g.name not in names]
    score_items(need, shown, cache, quiet)
    needed = {id(it) for it in need}
    for it in near:
        if id(it) not in needed:
            it.sentence.signals.extend(_guesses(it, garble, names))


def score_items(items: list[Item], scorers: list[Scorer], cache: RunCache | None = None, quiet: bool = True) -> None:
    """Append each scorer's signal to each item's sentence, reading and filling the cache."""
    base = cache.item_keys(items) if cache is not None else []
    for scorer in scorers:
        keys = cache.signal_keys(scorer.name, base, scorer.cache_tag) if cache is not None else [str(i) for i in range(len(items))]
        found = cache.get_signals(keys) if cache is not None else {}
        todo = [(k, it) for k, it in zip(keys, items) if k not in found]
        work = [it for _, it in todo]
        sigs = _score_slowly(scorer, work, quiet) if scorer.slow else scorer.score_many(work)
        fresh = dict(zip((k for k, _ in todo), sigs))
        if cache is not None:
            # A degraded result (LanguageTool down) is not worth keeping: the next run should retry.
            cache.put_signals({k: g for k, g in fresh.items() if g.detail != "unchecked"})
        for k, item in zip(keys, items):
            item.sentence.signals.append(found.get(k) or fresh[k])


def _score_slowly(scorer: Scorer, items: list[Item], quiet: bool, chunk: int = 256) -> list[Signal]:
    """A slow scorer (the language model) takes minutes on a cold run: show it working, a chunk at a
    time (it batches within a chunk). Chunks go in order of length: the model batches only
    sentences of one token length, so chunks of like lengths make fuller batches (47 against 41
    sentences/s on 1,024 MLQE-PE sentences, with the same scores)."""
    order = sorted(range(len(items)), key=lambda i: (len(items[i].sentence.cleaned), i))
    out: list[Signal | None] = [None] * len(items)
    parts = [order[i : i + chunk] for i in range(0, len(order), chunk)]
    for part in progress(parts, f"{scorer.name} ({chunk} sentences a step)", quiet):
        for i, sig in zip(part, scorer.score_many([items[i] for i in part])):
            out[i] = sig
    return out  # type: ignore[return-value]
