"""The GGUF file converted to CTranslate2 scores as llama.cpp scored it (tests/data/lm_reference.json:
60 real sentences scored by llama-cpp-python 0.3.36 before the switch)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from pipeline.config import load_config
from pipeline.errors import DependencyError
from pipeline.lm.convert import QUANTIZATION, converted, gguf_path
from pipeline.lm.runtime import Runtime

pytestmark = pytest.mark.integration

REFERENCE = json.loads((Path(__file__).parents[1] / "data" / "lm_reference.json").read_text(encoding="utf-8"))["rows"]


@pytest.fixture(scope="module")
def runtime() -> Runtime:
    cfg = load_config()
    return Runtime(converted(gguf_path(cfg.model.lm), Path(cfg.model.lm_dir), QUANTIZATION), 2)


def test_the_rebuilt_tokenizer_splits_as_llama_cpp_did(runtime: Runtime) -> None:
    encs = runtime.tokenizer.encode_batch([r["text"] for r in REFERENCE], add_special_tokens=False)
    assert [e.ids[:256] for e in encs] == [r["tokens"] for r in REFERENCE]


def test_scores_track_llama_cpp(runtime: Runtime) -> None:
    got = runtime.score([r["text"] for r in REFERENCE])
    assert [n for _, n in got] == [r["scored"] for r in REFERENCE]
    ours, theirs = np.array([m for m, _ in got]), np.array([r["mean_nll"] for r in REFERENCE])
    # int8 weights and activations against llama.cpp's Q4_1 x Q8 dot products: close, not equal
    # (0.994 and 0.11 nats on 914 sentences when the switch was made).
    assert np.corrcoef(ours, theirs)[0, 1] > 0.98
    assert np.abs(ours - theirs).mean() < 0.2


def test_a_batch_scores_each_text_as_it_scores_alone(runtime: Runtime) -> None:
    texts = [r["text"] for r in REFERENCE[:12]]
    alone = [runtime.score([t])[0] for t in texts]
    together = runtime.score(texts)
    assert [n for _, n in together] == [n for _, n in alone]
    assert together == alone, "a score does not depend on the other texts of its call"


def test_a_missing_model_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DependencyError, match="does not exist"):
        gguf_path(str(tmp_path / "none.gguf"))
    with pytest.raises(DependencyError, match="not installed"):
        gguf_path("no_such_lm_package")


def test_conversion_is_keyed_and_atomic(tmp_path: Path) -> None:
    cfg = load_config()
    gguf = gguf_path(cfg.model.lm)
    out = converted(gguf, tmp_path, QUANTIZATION)
    assert (out / "model.bin").exists() and (out / "tokenizer.json").exists()
    assert converted(gguf, tmp_path, QUANTIZATION) == out, "the second call finds it done"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".converting-")] == [], "no half-written folder left"
