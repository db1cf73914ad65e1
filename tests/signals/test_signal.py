"""Signals are shared where nothing fired, and carry their evidence where something did."""

from __future__ import annotations

import pickle

import pytest

from pipeline.config import load_config
from pipeline.model import make_signal
from pipeline.score import score_sentences

pytestmark = pytest.mark.integration

CHEAP = '["glued_tokens_v1","leading_punct_v1","repeated_words_v1","no_verb_v1","unbalanced_v1","length_v1","unfinished_v1","odd_parse_v1","translationese_v1"]'


def test_a_signal_that_found_nothing_is_one_instance_per_scorer() -> None:
    cfg = load_config(overrides=["cache.enabled=false", f"garble.signals={CHEAP}"])
    texts = ["Stand with your feet shoulder-width apart.", "Keep your back straight and breathe out slowly.",
             "Hold the stretch for ten seconds and then slowly return to the start and"]
    sents = score_sentences(texts, cfg, [])
    quiet = [{g.name: g for g in s.signals if g.value == 0 and g.reason is None and not g.detail} for s in sents]
    both = set(quiet[0]) & set(quiet[1])
    assert len(both) >= 6, both
    assert all(quiet[0][n] is quiet[1][n] for n in both)
    # What fired keeps its own instance, with the words that fired it.
    unfinished = next(g for g in sents[2].signals if g.name == "unfinished_v1")
    assert unfinished.reason and unfinished.detail == "ends with 'and'" and unfinished.spans
    assert make_signal("unfinished_v1", 0.0) is make_signal("unfinished_v1", 0.0) is not unfinished
    # A pickle carries the shared instance once, and the copies stay shared on the other side.
    a, b = pickle.loads(pickle.dumps(sents[:2]))
    pairs = [(g, h) for g, h in zip(a.signals, b.signals) if g.name in both]
    assert len(pairs) == len(both) and all(g is h for g, h in pairs)
