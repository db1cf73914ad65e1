"""Applying reviews (pipeline.review.apply): the reviewer's verdict, the action it always has,
`reviewed` first among the reasons, the machine's verdict kept, and stale reviews listed."""

from __future__ import annotations

import pytest

from pipeline.config import Config
from pipeline.model import Action, Article, Section, Sentence, Verdict
from pipeline.review.apply import apply_reviews
from pipeline.review.key import assign_keys, sentence_keys
from pipeline.review.load import Review
from pipeline.run import Ahead, RunResult
from pipeline.write.pieces import Pieces


def _result() -> RunResult:
    arts = []
    for a in range(2):
        art = Article(id=f"art-{a}", source="a.txt", title=f"Article {a}", line=1)
        sec = Section(id="s0", title="", level=0)
        rows = [("Heading here", Verdict.HEADING, Action.KEPT, True), ("A fine sentence.", Verdict.OK, Action.KEPT, False),
                ("a sentence garbled the", Verdict.GARBLED, Action.FLAGGED, False), ("A fine sentence.", Verdict.DUP, Action.DROPPED, False),
                ("back surgery", Verdict.BOILERPLATE, Action.DROPPED, False)]
        for i, (text, v, act, head) in enumerate(rows):
            s = Sentence(f"art-{a}:{i}", "a.txt", i + 2, art.id, "", text, text, is_heading=head, verdict=v, action=act,
                         reasons={Verdict.GARBLED: ["glued_words"], Verdict.DUP: ["exact_dup"]}.get(v, []), twin_of=f"art-{a}:1" if v is Verdict.DUP else "")
            sec.sentences.append(s)
        art.sections = [sec]
        arts.append(art)
    assign_keys(arts)
    return RunResult(articles=arts, ahead=Ahead(pieces={a.id: Pieces("md") for a in arts}))


def _review(result: RunResult, art: int, row: int, verdict: str) -> Review:
    return Review(sentence_keys(result.articles[art])[row], verdict)


@pytest.mark.parametrize(("row", "verdict", "action", "want", "twin"), [
    (2, "ok", "keep", (Verdict.OK, Action.KEPT), ""),
    (1, "garbled", "flag", (Verdict.GARBLED, Action.FLAGGED), ""),
    (1, "garbled", "drop", (Verdict.GARBLED, Action.DROPPED), ""),
    (3, "ok", "flag", (Verdict.OK, Action.KEPT), ""),  # "not a twin": kept, no kept copy
    (1, "dup", "flag", (Verdict.DUP, Action.DROPPED), ""),
    (3, "bilingual_dup", "flag", (Verdict.BILINGUAL_DUP, Action.DROPPED), "art-0:1"),
    (4, "ok", "flag", (Verdict.OK, Action.KEPT), ""),
    (0, "boilerplate", "flag", (Verdict.BOILERPLATE, Action.DROPPED), ""),
    (0, "ok", "flag", (Verdict.HEADING, Action.KEPT), ""),  # on a heading, ok means keep it as one
])
def test_a_review_sets_the_verdict_and_its_usual_action(row: int, verdict: str, action: str, want: tuple, twin: str) -> None:
    result = _result()
    cfg = Config()
    cfg.output.garbled = action
    before = result.articles[0].sentences[row]
    machine, reasons = before.verdict.value, list(before.reasons)
    out = apply_reviews(result, {(r := _review(result, 0, row, verdict)).key: r}, cfg, "reviews.jsonl")
    s = result.articles[0].sentences[row]
    assert (s.verdict, s.action) == want and s.twin_of == twin
    assert s.machine_verdict == machine and s.reasons == ["reviewed", *reasons]
    assert out.applied == {s.id: r} and out.changed == int(want[0].value != machine) and out.stale == []


def test_only_the_reviewed_sentences_change_and_stale_ones_are_listed() -> None:
    result, untouched = _result(), _result()
    reviews = {r.key: r for r in (_review(result, 1, 2, "ok"), Review("0123456789abcdef", "ok"), _review(result, 1, 1, "heading"))}
    out = apply_reviews(result, reviews, Config(), "r.jsonl")
    assert out.stale == ["0123456789abcdef"]
    assert out.ignored == [{"key": _review(result, 1, 1, "heading").key, "reason": "line 3 is a sentence, not a heading: review it as ok to keep it"}]
    assert out.as_dict() == {"file": "r.jsonl", "reviews": 3, "applied": 1, "changed": 1, "stale": 1, "stale_keys": ["0123456789abcdef"],
                             "ignored": out.ignored}
    changed = [(a.id, i) for a, b in zip(result.articles, untouched.articles) for i, (s, t) in enumerate(zip(a.sentences, b.sentences)) if s != t]
    assert changed == [("art-1", 2)]
    assert set(result.ahead.pieces) == {"art-0"}, "the pieces made from the machine's verdicts are remade for the reviewed article"
    assert result.ahead.views is None and result.ahead.lines is None


def test_no_review_applied_leaves_what_was_made_ahead() -> None:
    result = _result()
    apply_reviews(result, {"0123456789abcdef": Review("0123456789abcdef", "ok")}, Config(), "r.jsonl")
    assert set(result.ahead.pieces) == {"art-0", "art-1"}
