"""The language-model fluency signal with the real SmolLM2 model (no fake)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.errors import DependencyError
from pipeline.model import Sentence, Signal
from pipeline.signals import fluency
from pipeline.signals.base import Item

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def lm(tmp_path_factory: pytest.TempPathFactory) -> fluency.LmFluency:
    cfg = load_config()
    return fluency.LmFluency({"bias": -2.0}, (0.0, 1.0), tmp_path_factory.mktemp("lm"), 1, cfg.model.lm)


def _item(text: str) -> Item:
    return Item(Sentence(id="x", source="-", line=1, article="", section="", text=text, cleaned=text))


def test_translationese_is_more_surprising_than_fluent_text(lm: fluency.LmFluency) -> None:
    garbled = "This kind of negative mood is very adverse to the health of the body, so small make up here to tell you."
    fluent = "This kind of negative mood is bad for your health, so here is what you should know."
    assert lm.surprise(garbled)[0] > lm.surprise(fluent)[0]
    assert lm.score(_item(garbled)).value > lm.score(_item(fluent)).value


def test_cache_and_cascade(lm: fluency.LmFluency) -> None:
    text = "Sit up straight and keep your shoulders relaxed while you work at the desk."
    lm.surprise(text)
    before = lm.evaluated
    assert lm.surprise(text) == lm.surprise(text) and lm.evaluated == before, "cached: the model is not run again"
    narrow = fluency.LmFluency({"bias": -5.0}, (0.2, 0.8), None, 1)
    sent = _item("A sentence the cheap signals already call fluent enough.")
    sent.sentence.signals.append(Signal("oov_rate_v1", 0.0))
    sig = narrow.score(sent)
    assert sig.value == 0.0 and "not needed" in sig.detail and narrow.evaluated == 0


def test_missing_model_file_is_a_dependency_error(tmp_path: Path) -> None:
    with pytest.raises(DependencyError, match="does not exist"):
        fluency.model_path(str(tmp_path / "none.gguf"))
    with pytest.raises(DependencyError, match="not installed"):
        fluency.model_path("no_such_lm_package")
