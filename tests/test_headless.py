"""A sentence that lost its subject with the line before it is garbled, reason `headless`, and one that broke off
where its line did, reason `broken_off`
(tests/data/holdout2 and holdout4: "is to provide.", "should start and drink at least 8 glasses of water.")."""

from __future__ import annotations

import pytest

from pipeline.config import Config
from pipeline.decide import decide
from pipeline.model import Action, Sentence, Verdict


def _decided(text: str, cfg: Config | None = None) -> Sentence:
    s = Sentence(id="a:1", source="a.txt", line=1, article="a", section="", text=text, cleaned=text)
    decide(s, cfg or Config())
    return s


@pytest.mark.parametrize("text", ["is to provide.", "should start and drink at least 8 glasses of water.", "must maintain the current weight.",
                                  "are not washlets.", "is the concept of Yin and Yang, which represents two opposing forces."])
def test_a_sentence_opening_with_an_auxiliary_in_lowercase_lost_its_subject(text: str) -> None:
    s = _decided(text)
    assert (s.verdict, s.reasons[0], s.action) == (Verdict.GARBLED, "headless", Action.FLAGGED)


@pytest.mark.parametrize("text", ["Is it safe to drink cold water?", "Should you eat before a run?", "island life is slow and sweet.",
                                  "canned food keeps for years.", "it is best to drink warm water.", "isn't that strange?"])
def test_questions_and_other_lowercase_openings_are_not_headless(text: str) -> None:
    assert "headless" not in _decided(text).reasons


def test_the_rule_can_be_turned_off_and_never_touches_a_dropped_line() -> None:
    cfg = Config()
    cfg.garble.headless = False
    assert _decided("is to provide.", cfg).verdict is Verdict.OK
    s = Sentence(id="a:1", source="a.txt", line=1, article="a", section="", text="is to provide.", cleaned="is to provide.",
                 verdict=Verdict.BOILERPLATE)
    decide(s, Config())
    assert s.verdict is Verdict.BOILERPLATE and s.reasons == []


@pytest.mark.parametrize("text", ["In the west part of the city lies the charming West Lake which covers a total area of",
                                  "In this period, the priority is not weight loss or gain, but", "The webinar was organized by the",
                                  "bread, vegetable dish, meat and"])
def test_a_sentence_ending_on_a_word_no_sentence_ends_with_broke_off(text: str) -> None:
    s = _decided(text)
    assert (s.verdict, s.reasons[0]) == (Verdict.GARBLED, "broken_off")


@pytest.mark.parametrize("text", ["I did not know that", "This is what it is made of.", "Where does it come from", "Eat Well and Rest Well",
                                  "Vitamin A", "Plan B"])
def test_sentences_that_may_end_so_are_not_broken_off(text: str) -> None:
    assert "broken_off" not in _decided(text).reasons
