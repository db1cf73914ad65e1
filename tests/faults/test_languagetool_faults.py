"""LanguageTool faults during a whole run: the real server killed mid-run (once, and every time it
comes back), and a fake server for what a real one does rarely: timeouts, "text too long" and
"too many errors" refusals. The run never crashes: it restarts the server once, then degrades,
scoring without the grammar signal; every sentence that lacked it says so in its evidence
(`languagetool_v1: unchecked`, README "Exit codes"), and the exit status stays 0.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from ..conftest import RunOutput, load_output, run_cli
from ..fake_languagetool import FakeLanguageTool, fake_languagetool
from .conftest import TALLY, check_ledger, raw_lines

pytestmark = pytest.mark.integration

UNCHECKED = "languagetool_v1: unchecked"
LONG = ("Keep your back straight when you lift the heavy box from the floor, bend your knees slowly, hold the box close "
        "to your body, do not twist your spine while you carry it, and put it down again the same careful way you "
        "picked it up, so that your lower back never takes the whole weight of the box on its own.")
BODY = [
    "Sit up straight at your desk and relax your shoulders.",
    "Hold the stretch for ten seconds, then breathe out slowly.",
    "This bad sentence has a bad word in it for the checker.",
    LONG,
    "Zzqx garbled words fill this line from start to end.",
    "Walk for twenty minutes every day to keep your back strong.",
    "Hold your knees to your chest and rock gently from side to side.",
    "Drink water often and take a short break every hour.",
    "Turn your head slowly to the left and look over your shoulder.",
    "Stand on one leg for as long as you can without falling over.",
    "Stretch your arms above your head and reach for the ceiling.",
    "Lie on your back with your knees bent and your feet flat.",
]
TEXT = "Back care at work – Health Site | health/back\n\n" + "\n".join(BODY) + "\n"


def _input(tmp_path: Path) -> Path:
    inp = tmp_path / "in"
    inp.mkdir(exist_ok=True)
    (inp / "a.txt").write_text(TEXT, encoding="utf-8")
    return inp


def _run(tmp_path: Path, *extra: str) -> tuple[RunOutput, str, float]:
    t0 = time.monotonic()
    # Every sentence asks LanguageTool (no cascade), so that which ones lack the signal is the fault's doing.
    code, _, err = run_cli([_input(tmp_path)], tmp_path / "out", "--grammar", "--set", f"cache.dir={tmp_path / 'cache'}",
                           "--set", "garble.cascade_margin=none", *extra)
    elapsed = time.monotonic() - t0
    assert code == 0, err
    assert "Traceback" not in err, err
    out = load_output(tmp_path / "out")
    check_ledger(out, {"a.txt": raw_lines(TEXT.encode(), "utf-8")})
    return out, err, elapsed


def _body(out: RunOutput) -> pd.DataFrame:
    """The sentences the grammar signal was asked about (body text, scored)."""
    s = out.sentences
    return s[(s.kind == "sentence") & s.verdict.isin(["ok", "garbled"])]


def _unchecked(out: RunOutput) -> set[str]:
    b = _body(out)
    lacked = b[b.evidence.str.contains(UNCHECKED, regex=False)]
    assert (lacked.sig_languagetool_v1 == 0).all(), "no grammar evidence is no grammar signal"
    assert lacked.garble_score.between(0, 1).all() and lacked.sig_oov_rate_v1.notna().all(), "scored without it"
    return set(lacked.text)


# -- a fake LanguageTool ---------------------------------------------------------------------------


@pytest.fixture
def fake() -> Iterator[FakeLanguageTool]:
    # No hanging unless a test asks; "Zzqx" (a garbled line of BODY) is refused as too many errors.
    with fake_languagetool(FakeLanguageTool(hang_on="", abort_on="Zzqx")) as state:
        yield state


def test_refused_texts_too_long_or_too_garbled_are_unchecked_alone(tmp_path: Path, fake: FakeLanguageTool) -> None:
    fake.limit = 200
    TALLY.fault("LanguageTool refuses a text as too long (413)")
    TALLY.fault("LanguageTool refuses a text as too garbled (400)")
    out, _, _ = _run(tmp_path, "--set", f"languagetool.url={fake.url}")
    assert _unchecked(out) == {LONG, BODY[4]}, "only the refused texts lack the signal; the batch was split around them"
    assert out.summary["grammar_unchecked"] == 2, "summary.json counts them, for a gate"
    b = _body(out)
    bad = b[b.text == BODY[2]]
    assert (bad.sig_languagetool_v1 > 0).all() and bad.evidence.str.contains("spelling_errors").all()
    assert len(fake.texts) > 3, "the refused batch was halved, not given up"


def test_a_rerun_asks_again_about_what_could_not_be_checked(tmp_path: Path, fake: FakeLanguageTool) -> None:
    # Neither the run cache nor the stamp that lets an unchanged re-run keep its outputs may keep a failed check.
    _run(tmp_path, "--set", f"languagetool.url={fake.url}")
    asked = len(fake.texts)
    out, _, _ = _run(tmp_path, "--set", f"languagetool.url={fake.url}")
    assert _unchecked(out) == {BODY[4]}
    assert any("Zzqx" in t for t in fake.texts[asked:]), "the refused text was sent again"


def test_a_server_that_never_answers_times_out_and_the_run_degrades(tmp_path: Path, fake: FakeLanguageTool) -> None:
    fake.hang_on = "Hold"
    TALLY.fault("LanguageTool times out")
    out, _, elapsed = _run(tmp_path, "--set", f"languagetool.url={fake.url}", "--set", "languagetool.timeout_s=0.5",
                           "--set", "languagetool.max_text_length=300")
    lacked = _unchecked(out)
    assert {BODY[1], BODY[6]} <= lacked, "the texts in a batch that timed out lack the signal"
    assert lacked < set(_body(out).text), "batches that were answered keep their signal"
    assert elapsed < 240, f"{elapsed:.0f} s: timeouts must not add up without bound"


# -- the real server, killed -----------------------------------------------------------------------


@pytest.fixture
def killer(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Record every LanguageTool JVM the run starts; `kill_from(n)` SIGKILLs the live one before the
    n-th check request (`once=True`), or before every request from the n-th on once one has been answered."""
    from pipeline.grammar.check import Checker
    from pipeline.grammar.server import LanguageToolServer

    procs: list = []
    state = {"from": 10**9, "once": True, "kills": 0, "n": 0, "answered": 0}
    lock = threading.Lock()
    real_start, real_request = LanguageToolServer.start, Checker._request

    def start(self: LanguageToolServer) -> None:
        real_start(self)
        procs.append(self.proc)

    def request(self: Checker, url: str, text: str):  # type: ignore[no-untyped-def]
        with lock:
            n = state["n"]
            state["n"] += 1
            # Every kill after the first waits for one answer, so that some batch was checked
            # whatever the load (a cold JVM under a busy CPU can time out its first requests).
            hit = n == state["from"] if state["once"] else n >= state["from"] and state["answered"] > 0
            live = procs[-1] if procs else None
            if hit and live is not None and live.poll() is None:
                live.kill()  # SIGKILL to the JVM this test saw start, by its own handle
                live.wait(timeout=30)
                state["kills"] += 1
        answer = real_request(self, url, text)
        with lock:
            state["answered"] += 1
        return answer

    monkeypatch.setattr(LanguageToolServer, "start", start)
    monkeypatch.setattr(Checker, "_request", request)

    def kill_from(n: int, once: bool) -> None:
        state["from"], state["once"] = n, once

    kill_from.procs = procs  # type: ignore[attr-defined]
    kill_from.state = state  # type: ignore[attr-defined]
    return kill_from


def test_server_killed_mid_run_is_restarted_and_nothing_is_lost(tmp_path: Path, killer) -> None:  # type: ignore[no-untyped-def]
    killer(1, once=True)
    out, _, _ = _run(tmp_path, "--set", "languagetool.max_text_length=300")
    TALLY.fault("LanguageTool JVM killed mid-run", killer.state["kills"])
    assert killer.state["kills"] == 1 and len(killer.procs) == 2, "killed once, restarted once"
    assert _unchecked(out) == set(), "after the restart every sentence was checked"
    assert all(p.poll() is not None for p in killer.procs), "no JVM left running"


def test_server_killed_again_after_its_restart_degrades_the_run(tmp_path: Path, killer) -> None:  # type: ignore[no-untyped-def]
    killer(2, once=False)  # a worker has finished a batch by then: it keeps its signal
    out, _, elapsed = _run(tmp_path, "--set", "languagetool.max_text_length=300")
    TALLY.fault("LanguageTool JVM killed mid-run", killer.state["kills"])
    assert killer.state["kills"] >= 2 and len(killer.procs) == 2, "restarted once, then given up"
    lacked = _unchecked(out)
    assert lacked and lacked < set(_body(out).text), "what was checked before the kill keeps its signal"
    assert all(p.poll() is not None for p in killer.procs), "no JVM left running"
    assert elapsed < 400, f"{elapsed:.0f} s"
