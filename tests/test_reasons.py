"""Reason codes name what is unusual about a sentence: a signal that adds about as much to every
fluent sentence (mt_phrasing) is named only when it adds clearly more than that."""

from __future__ import annotations

import pytest

from pipeline.config import Config
from pipeline.decide import decide
from pipeline.model import Sentence, make_signal


def _scored(phrasing: float, lm: float) -> Sentence:
    s = Sentence(id="a:1", source="a.txt", line=1, article="a", section="", text="x", cleaned="x")
    s.signals = [make_signal("phrasing_v1", phrasing, "mt_phrasing"), make_signal("lm_fluency_v1", lm, "disfluent")]
    return s


@pytest.mark.parametrize(("phrasing", "named"), [(0.3, False), (0.5, False), (0.75, True), (0.9, True)])
def test_mt_phrasing_is_a_reason_only_above_what_fluent_text_scores(phrasing: float, named: bool) -> None:
    cfg = Config()  # phrasing_v1 weighs 1.17; fluent text's median adds 0.3 log-odds: named from 0.8 (0.68)
    s = _scored(phrasing, 0.0)
    decide(s, cfg)
    assert ("mt_phrasing" in s.reasons) is named


def test_without_a_baseline_every_signal_adding_half_a_log_odd_is_named() -> None:
    cfg = Config()
    cfg.garble.reason_baseline = {}
    s = _scored(0.5, 0.0)
    decide(s, cfg)
    assert s.reasons == ["mt_phrasing"]


def test_reasons_come_strongest_first_and_the_score_does_not_depend_on_them() -> None:
    cfg = Config()
    s, t = _scored(0.9, 0.3), _scored(0.9, 0.3)
    decide(s, cfg)
    cfg.garble.reason_baseline = {"phrasing_v1": 5.0}
    decide(t, cfg)
    assert s.reasons == ["mt_phrasing", "disfluent"] and t.reasons == ["disfluent"]
    assert s.garble_score == t.garble_score
