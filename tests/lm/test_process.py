"""The language-model process survives real crashes: SIGSEGV mid-batch (once, and every time),
at load, and a hang. The run's process only ever sees scores or None."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.lm.convert import QUANTIZATION, converted, gguf_path
from pipeline.lm.process import LmProcess

pytestmark = pytest.mark.integration

TEXTS = ["Sit up straight at your desk and relax your shoulders.", "Hold the stretch for ten seconds, then breathe out slowly.",
         "Walk for twenty minutes every day to keep your back strong.", "Drink water often and take a short break every hour."]


@pytest.fixture(scope="module")
def model_dir() -> Path:
    cfg = load_config()
    return converted(gguf_path(cfg.model.lm), Path(cfg.model.lm_dir), QUANTIZATION)


def test_scores_in_a_child_process(model_dir: Path) -> None:
    with LmProcess(model_dir, 1) as proc:
        got = proc.score(TEXTS + ["Hi"])
    assert all(n > 3 and 0 < m < 20 for m, n in got[:4]), got
    assert got[4] == (0.0, 0), "fewer than 3 tokens: nothing to score"
    assert proc.crashes == [] and proc.failure is None


def test_a_segfault_mid_batch_restarts_once_and_the_batch_is_scored(model_dir: Path, tmp_path: Path, monkeypatch, caplog) -> None:
    monkeypatch.setenv("LM_CRASH_MARKER", str(tmp_path / "crashed"))
    with LmProcess(model_dir, 1) as ok:
        want = ok.score(TEXTS)
    with caplog.at_level(logging.WARNING, "pipeline.lm"), LmProcess(model_dir, 1, "tests.lm.crashing:crash_once") as proc:
        assert proc.score(TEXTS) == want, "the batch is sent again to the new process, and scored the same"
        assert proc.score(TEXTS[:1]) == want[:1]
    assert proc.crashes == ["died of SIGSEGV"] and proc.failure is None
    assert "died of SIGSEGV; restarting it" in caplog.text


def test_a_process_that_keeps_crashing_is_given_up_after_one_restart(model_dir: Path, caplog) -> None:
    with caplog.at_level(logging.WARNING, "pipeline.lm"), LmProcess(model_dir, 1, "tests.lm.crashing:crash_always") as proc:
        assert proc.score(TEXTS) == [None] * 4
        assert proc.score(TEXTS[:2]) == [None, None], "no third process: the rest goes without the model"
    assert proc.crashes == ["died of SIGSEGV", "died of SIGSEGV"]
    assert proc.failure == "died of SIGSEGV"
    assert "lm_unchecked in summary.json" in caplog.text


def test_a_crash_while_loading_and_a_hang_are_crashes_too(model_dir: Path) -> None:
    with LmProcess(model_dir, 1, "tests.lm.crashing:crash_on_load") as proc:
        assert proc.score(TEXTS[:1]) == [None]
    assert proc.failure == "died of SIGSEGV"
    with LmProcess(model_dir, 1, "tests.lm.crashing:hang", timeout_s=2, restarts=0) as proc:
        assert proc.score(TEXTS[:1]) == [None]
    assert proc.failure == "gave no answer in 2 s (killed)"


def test_a_model_that_will_not_load_says_why(tmp_path: Path) -> None:
    with LmProcess(tmp_path / "nothing-here", 1, restarts=0) as proc:
        assert proc.score(TEXTS[:1]) == [None]
    assert proc.failure.startswith(f"failed: could not load the language model from {tmp_path / 'nothing-here'}")
