"""The language-model process crashing during a whole run on the sample: a real SIGSEGV in the
child process, mid-batch (tests/lm/crashing.py). The run restarts it once; if it crashes again the
run goes on without the fluency signal for the sentences left, and says so: `lm_fluency_v1:
unchecked` in their evidence, `lm_unchecked` in summary.json, a warning, the top of report.md and
report.html. Exit 0 unless gated; every raw line is still accounted for."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from ..conftest import SAMPLE, load_output, run_cli
from .conftest import TALLY, check_ledger, raw_lines

pytestmark = pytest.mark.integration

UNCHECKED = "lm_fluency_v1: unchecked"


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loader: str, *extra: str):  # type: ignore[no-untyped-def]
    import pipeline.lm.process

    monkeypatch.setattr(pipeline.lm.process, "LOADER", loader)
    monkeypatch.setenv("LM_CRASH_MARKER", str(tmp_path / "crashed"))
    # Every sentence of four words or more goes to the model: a cascade margin wider than any score's distance.
    code, _, err = run_cli([SAMPLE], tmp_path / "out", "--no-grammar", "--set", f"cache.dir={tmp_path / 'cache'}",
                           "--set", "garble.cascade_margin=100.0", *extra)
    assert "Traceback" not in err, err
    out = load_output(tmp_path / "out")
    src = next(SAMPLE.glob("*.txt"))
    check_ledger(out, {src.name: raw_lines(src.read_bytes(), "utf-8")})
    return code, err, out


def _asked(out):  # type: ignore[no-untyped-def]
    s = out.sentences
    return s[(s.kind == "sentence") & s.verdict.isin(["ok", "garbled"]) & (s.cleaned.str.split().str.len() >= 4)]


def test_a_segfault_every_time_degrades_the_run_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    with caplog.at_level(logging.WARNING, "pipeline.lm"):  # --quiet keeps these off stderr
        code, err, out = _run(tmp_path, monkeypatch, "tests.lm.crashing:crash_always")
    TALLY.fault("language-model process SIGSEGV mid-batch", 2)
    assert code == 0, err
    asked = _asked(out)
    lacked = asked[asked.evidence.str.contains(UNCHECKED, regex=False)]
    assert len(lacked) == len(asked) > 300, "every sentence the model was asked about says it went without"
    assert (lacked.sig_lm_fluency_v1.astype(float) == 0).all() and (lacked.sig_oov_rate_v1 != "").all(), "scored without it"
    every = out.sentences[(out.sentences.kind == "sentence") & out.sentences.evidence.str.contains(UNCHECKED, regex=False)]
    assert out.summary["lm_unchecked"] == len(every) >= len(lacked), "twins dropped after scoring count too"
    assert "died of SIGSEGV; restarting it" in caplog.text and "died of SIGSEGV, after 1 restart(s)" in caplog.text
    assert f"Warning: lm_fluency_v1: {len(every)} sentences scored without the language model" in err
    md = (out.reports / "report.md").read_text(encoding="utf-8")
    assert md.index("**Signal missing**: lm_fluency_v1") < md.index("| verdict |"), "at the top of report.md"
    html = (out.reports / "report.html").read_text(encoding="utf-8")
    assert 'id="missing-signals"' in html and html.index("Signals missing") < html.index('class="overview"')
    assert len(list(out.cleaned.glob("*.md"))) == out.summary["articles_written"] > 0


def test_a_gate_on_lm_unchecked_fails_the_degraded_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, err, out = _run(tmp_path, monkeypatch, "tests.lm.crashing:crash_always", "--fail-on", "lm_unchecked>0")
    assert code == 3, err
    assert "Gate failed: lm_unchecked>0" in err


def test_a_segfault_once_is_survived_by_a_restart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    with caplog.at_level(logging.WARNING, "pipeline.lm"):
        code, err, out = _run(tmp_path, monkeypatch, "tests.lm.crashing:crash_once")
    TALLY.fault("language-model process SIGSEGV mid-batch")
    assert code == 0, err
    assert (tmp_path / "crashed").exists(), "the first process did crash"
    assert "died of SIGSEGV; restarting it" in caplog.text
    assert out.summary["lm_unchecked"] == 0
    asked = _asked(out)
    assert not asked.evidence.str.contains(UNCHECKED, regex=False).any()
    assert (asked.sig_lm_fluency_v1.astype(float) > 0).sum() > 50, "the restarted process scored them"
    assert "Signal missing" not in (out.reports / "report.md").read_text(encoding="utf-8")
