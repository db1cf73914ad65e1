"""A scrape cut off mid-sentence: the document's last sentence is garbled, reason `truncated`
(tests/data/sites and holdout: excerpts that stop at a byte limit, "Tobacco kills more than 8 mill")."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Config
from pipeline.decide import mark_truncated
from pipeline.model import Action, Sentence, Verdict

from .conftest import load_output, run_cli


def _sent(text: str, verdict: Verdict = Verdict.OK) -> Sentence:
    return Sentence(id="a:1", source="a.txt", line=1, article="a", section="", text=text, cleaned=text, verdict=verdict)


@pytest.mark.parametrize("text", ["Tobacco kills more than 8 mill", "Due to th", "For", "A man visited a friend'",
                                  "the list goes on:", "and ends with a comma,"])
def test_a_last_sentence_without_a_stop_was_cut_off(text: str) -> None:
    s = _sent(text)
    mark_truncated([_sent("It starts well."), s], Config())
    assert (s.verdict, s.reasons[0], s.action) == (Verdict.GARBLED, "truncated", Action.FLAGGED)


@pytest.mark.parametrize("text", ["It ends as it should.", "Is that so?", 'He said "stop."', "as the doctor put it (see above)",
                                  "she called it “the cure”", "0", "2019-08-31"])
def test_a_finished_sentence_or_no_sentence_is_left_alone(text: str) -> None:
    s = _sent(text)
    mark_truncated([s], Config())
    assert (s.verdict, s.reasons) == (Verdict.OK, [])


def test_a_dropped_last_line_or_a_heading_is_left_alone() -> None:
    for verdict in (Verdict.BOILERPLATE, Verdict.HEADING, Verdict.DUP):
        s = _sent("More Pain Relief Information", verdict)
        mark_truncated([s], Config())
        assert s.verdict is verdict and s.reasons == []


def test_already_garbled_gets_the_reason_first_and_the_configured_action_stays() -> None:
    s = _sent("and so the liver raising", Verdict.GARBLED)
    s.reasons, s.action = ["mt_phrasing", "truncated"], Action.DROPPED
    mark_truncated([s], Config())
    assert (s.reasons, s.action) == (["truncated", "mt_phrasing"], Action.DROPPED)


CHEAP = 'garble.signals=["oov_rate_v1","length_v1"]'


@pytest.mark.integration
def test_only_the_end_of_each_file_counts_and_the_rule_can_be_turned_off(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    # Two articles in one file (the title pattern starts the second): only the file's end was cut.
    (inp / "cut.txt").write_text("First post – Site | health\n\nDrink water every morning\n\nIt helps the body wake up.\n\n"
                                 "Second post – Site | health\n\nWalk after dinner.\n\nTobacco kills more than 8 mill\n", encoding="utf-8")
    (inp / "whole.txt").write_text("Sleep well\n\nAdults need seven hours of sleep a night.\n", encoding="utf-8")
    for flag, want, why in (("true", "garbled", "truncated"), ("false", "ok", "")):
        out = tmp_path / f"out-{flag}"
        code, _, err = run_cli([inp], out, "--no-grammar", "--no-cache", "--set", CHEAP, "--set", f"garble.truncated={flag}")
        assert code == 0, err
        s = load_output(out).sentences.set_index("text")
        assert tuple(s.loc["Tobacco kills more than 8 mill", ["verdict", "reasons"]]) == (want, why)
        assert s.loc["Adults need seven hours of sleep a night.", "verdict"] == "ok"
        assert s.loc["It helps the body wake up.", "verdict"] == "ok"
