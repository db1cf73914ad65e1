"""The language-model fluency signal with the real SmolLM2 model (no fake)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.model import Sentence
from pipeline.signals import fluency
from pipeline.signals.base import Item

pytestmark = pytest.mark.integration


def _lm(cache: Path | None, **kw) -> fluency.LmFluency:  # type: ignore[no-untyped-def]
    cfg = load_config()
    return fluency.LmFluency(cache, 1, cfg.model.lm, Path(cfg.model.lm_dir), **kw)


@pytest.fixture(scope="module")
def lm(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    scorer = _lm(tmp_path_factory.mktemp("lm"))
    yield scorer
    scorer.close()


def _item(text: str) -> Item:
    return Item(Sentence(id="x", source="-", line=1, article="", section="", text=text, cleaned=text))


def test_translationese_is_more_surprising_than_fluent_text(lm: fluency.LmFluency) -> None:
    garbled = "This kind of negative mood is very adverse to the health of the body, so small make up here to tell you."
    fluent = "This kind of negative mood is bad for your health, so here is what you should know."
    (g, _), (f, _) = lm.surprise_many([garbled, fluent])
    assert g > f
    sg, sf = lm.score_many([_item(garbled), _item(fluent)])
    assert sg.value > sf.value and sg.reason == "disfluent"
    assert "nats/token" in sg.detail


def test_cache(lm: fluency.LmFluency) -> None:
    text = "Sit up straight and keep your shoulders relaxed while you work at the desk."
    first = lm.surprise_many([text])
    before = lm.evaluated
    assert lm.surprise_many([text, text]) == first * 2 and lm.evaluated == before, "cached: the model is not run again"
    short = _lm(None)
    assert short.score(_item("Too short here.")).value == 0.0
    assert short.process._proc is None, "nothing to score: no process was started"


def test_a_dead_model_process_leaves_the_signal_unchecked(lm: fluency.LmFluency, tmp_path: Path) -> None:
    dead = _lm(tmp_path, loader="tests.lm.crashing:crash_always")
    text = "Stand with your feet apart and raise both arms slowly above your head."
    with dead.process:
        sig = dead.score(_item(text))
    assert (sig.value, sig.reason, sig.detail) == (0.0, None, "unchecked")
    assert dead.cache is not None and dead.cache.get(dead.text_key(text)) is None, "a failure is not cached: the next run asks again"

