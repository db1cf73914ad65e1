"""The cascade: cheap signals everywhere, expensive ones only near the threshold; the predicted
stand-ins count in the score but are never named as reasons."""

from __future__ import annotations

import dataclasses

from pipeline.cascade import score_with_cascade
from pipeline.config import load_config
from pipeline.decide import decide
from pipeline.model import Sentence, Signal
from pipeline.signals.base import Item, Scorer


class Cheap(Scorer):
    name, reason = "oov_rate_v1", "unknown_words"

    def score(self, item: Item) -> Signal:
        return self.signal(float(item.sentence.text.split()[0]))  # the value is written in the sentence


class Dear(Scorer):
    name, reason = "languagetool_v1", "grammar_errors"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def score(self, item: Item) -> Signal:
        self.seen.append(item.sentence.text)
        return self.signal(0.5)


def _items(values: list[float]) -> list[Item]:
    return [Item(Sentence(id=str(i), source="-", line=i, article="a", section="", text=f"{v} words here", cleaned=f"{v} words here"))
            for i, v in enumerate(values)]


def _cfg(margin: float | None):  # type: ignore[no-untyped-def]
    cfg = load_config(overrides=["garble.threshold=0.5"])
    garble = dataclasses.replace(cfg.garble, weights={"bias": -3.0, "oov_rate_v1": 6.0, "languagetool_v1": 2.0},
                                 student={"languagetool_v1": {"bias": 0.1, "oov_rate_v1": 0.5}}, cascade_margin=margin)
    return dataclasses.replace(cfg, garble=garble)


def test_only_sentences_near_the_threshold_get_the_expensive_signal() -> None:
    cfg = _cfg(1.0)
    items, dear = _items([0.0, 0.3, 0.4, 1.0]), Dear()
    sent = score_with_cascade(items, [Cheap(), dear], cfg.garble)
    # student: 0.1 + 0.5 v; logit = -3 + 6 v + 2 (0.1 + 0.5 v) = -2.8 + 7 v -> 0.3: -0.7, 0.4: 0.0 (within 1); 0.0: -2.8; 1.0: 4.2
    assert dear.seen == ["0.3 words here", "0.4 words here"] and sent == 2
    far = items[0].sentence
    stand_in = next(g for g in far.signals if g.name == "languagetool_v1")
    assert stand_in.value == 0.1 and stand_in.reason is None and "not computed" in stand_in.detail
    for it in items:
        decide(it.sentence, cfg)
    assert [it.sentence.verdict.value for it in items] == ["ok", "ok", "garbled", "garbled"]
    assert "grammar_errors" not in items[3].sentence.reasons, "a predicted value is never a reason"
    assert items[3].sentence.garble_score > 0.98, "but it counts in the score"


def test_no_margin_is_full_evidence() -> None:
    items, dear = _items([0.0, 0.3, 1.0]), Dear()
    assert score_with_cascade(items, [Cheap(), dear], _cfg(None).garble) == 3
    assert len(dear.seen) == 3


class Model(Dear):
    name, reason = "lm_fluency_v1", "disfluent"


def test_a_zero_weight_expensive_signal_runs_only_where_the_report_shows_it() -> None:
    # LanguageTool weighs 0: it cannot change a verdict, so the undecided (0.3, 0.4) get only the
    # language model; the garbled (0.4 with the model's 0.5, and 1.0) get LanguageTool's matches.
    cfg = _cfg(1.0)
    garble = dataclasses.replace(cfg.garble, weights={"bias": -3.0, "oov_rate_v1": 6.0, "languagetool_v1": 0.0, "lm_fluency_v1": 2.0},
                                 student={"languagetool_v1": {"bias": 0.1}, "lm_fluency_v1": {"bias": 0.1, "oov_rate_v1": 0.5}})
    items, lt, lm = _items([0.0, 0.3, 0.4, 1.0]), Dear(), Model()
    assert score_with_cascade(items, [Cheap(), lt, lm], garble) == 2
    assert lm.seen == ["0.3 words here", "0.4 words here"]
    assert lt.seen == ["0.4 words here", "1.0 words here"]
    for it in items:
        names = [g.name for g in it.sentence.signals]
        assert names.count("languagetool_v1") == 1 and names.count("lm_fluency_v1") == 1, names
    real = next(g for g in items[3].sentence.signals if g.name == "languagetool_v1")
    assert real.value == 0.5 and "not computed" not in (real.detail or ""), "a real value replaces the predicted one"


def test_the_command_line_turns_the_cascade_off() -> None:
    # TOML has no null: `--set garble.cascade_margin=none` is the way to full evidence.
    assert load_config(overrides=["garble.cascade_margin=none"]).garble.cascade_margin is None
    assert load_config(overrides=["garble.cascade_margin=2"]).garble.cascade_margin == 2.0
