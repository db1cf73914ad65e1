"""Harper (off by default, its fitted weight is 0) still works when switched on."""

from __future__ import annotations

from pipeline.config import load_config
from pipeline.model import Sentence
from pipeline.signals import build_scorers
from pipeline.signals.base import Item


def _item(text: str) -> Item:
    return Item(Sentence(id="x", source="-", line=1, article="", section="", text=text, cleaned=text))


def test_harper_flags_glued_words_with_spans() -> None:
    cfg = load_config(overrides=['garble.signals=["harper_v1"]'])
    (scorer,) = build_scorers(cfg)
    text = "Slumping is aSure – the fireRoute to back pain."
    sig = scorer.score(_item(text))
    assert sig.reason == "harper_lints" and sig.value > 0
    assert {text[a:b] for a, b in sig.spans} >= {"aSure", "fireRoute"}
    assert scorer.score(_item("Slumping is a sure route to back pain.")).value == 0.0
