"""The review loop on the sample (issue 21): a run with reviews changes exactly the reviewed
sentences and nothing else; stale reviews are listed, not an error; the stamp sees the file."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from .conftest import SAMPLE, RunOutput, cheap_args, load_output, run_cli

pytestmark = pytest.mark.integration

STALE = "0123456789abcdef"


def pick(df: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """review_key -> (machine verdict, the reviewer's): one of each kind of correction."""
    def first(mask: pd.Series) -> str:
        return str(df[mask].iloc[0].review_key)

    sent = df.kind == "sentence"
    return {first(sent & (df.verdict == "garbled")): ("garbled", "ok"),  # a fluent sentence flagged garbled
            first(sent & (df.verdict == "ok")): ("ok", "garbled"),
            first(sent & (df.verdict == "bilingual_dup")): ("bilingual_dup", "ok"),  # a twin that was not a twin
            first(sent & (df.verdict == "boilerplate")): ("boilerplate", "ok"),  # a caption that should stay
            first(sent & (df.verdict == "ok") & (df.index > 400)): ("ok", "boilerplate")}


def write_reviews(path: Path, chosen: dict[str, tuple[str, str]]) -> Path:
    lines = [{"key": k, "old_verdict": old, "new_verdict": new, "note": f"was {old}", "reviewer": "test", "time": "2026-12-01T00:00:00Z"}
             for k, (old, new) in chosen.items()]
    lines.append({"key": STALE, "new_verdict": "ok"})
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reviewed(cheap_run: RunOutput, tmp_path_factory: pytest.TempPathFactory) -> tuple[RunOutput, dict, str]:
    tmp = tmp_path_factory.mktemp("reviewed")
    chosen = pick(cheap_run.sentences)
    reviews = write_reviews(tmp / "reviews.jsonl", chosen)
    code, _, err = run_cli([SAMPLE], tmp / "out", *cheap_args(cheap_run.cleaned.parent / "cache"), "--reviews", str(reviews))
    assert code == 0, err
    return load_output(tmp / "out"), chosen, err


def test_exactly_the_reviewed_sentences_change(cheap_run: RunOutput, reviewed: tuple[RunOutput, dict, str]) -> None:
    out, chosen, _ = reviewed
    a, b = cheap_run.sentences, out.sentences
    assert list(a.columns) == list(b.columns) and list(a.review_key) == list(b.review_key)
    changed = (a != b).any(axis=1)
    assert set(b[changed].review_key) == set(chosen)
    for key, (old, new) in chosen.items():
        row = b[b.review_key == key].iloc[0]
        assert (row.verdict, row.machine_verdict) == (new, old)
        assert row.reasons.split(";")[0] == "reviewed"
        assert row.action == {"ok": "kept", "garbled": "flagged", "boilerplate": "dropped"}[new]
    cols = set(a.columns[(a[changed] != b[changed]).any(axis=0)])
    assert cols <= {"verdict", "action", "reasons", "machine_verdict", "twin_of"}, cols
    unchanged = ~b.review_key.isin(set(chosen))
    assert (b[unchanged].machine_verdict == b[unchanged].verdict).all()


def test_only_the_reviewed_lines_and_articles_change(cheap_run: RunOutput, reviewed: tuple[RunOutput, dict, str]) -> None:
    out, chosen, _ = reviewed
    rows = out.sentences[out.sentences.review_key.isin(set(chosen))]
    la, lb = cheap_run.lines, out.lines
    assert list(la[["source", "line"]].itertuples(index=False)) == list(lb[["source", "line"]].itertuples(index=False))
    diff = set(lb[(la != lb).any(axis=1)].line)
    assert diff and diff <= set(rows.line), (diff, set(rows.line))
    touched = set(rows.article)
    for md in sorted(cheap_run.cleaned.glob("*.md")):
        same = md.read_bytes() == (out.cleaned / md.name).read_bytes()
        assert same == (md.stem not in touched), md.name
    for name in ("pairs.csv", "repairs.csv"):
        assert (cheap_run.reports / name).read_bytes() == (out.reports / name).read_bytes(), name


def test_stale_reviews_are_listed_not_an_error(reviewed: tuple[RunOutput, dict, str]) -> None:
    out, chosen, err = reviewed
    rv = out.summary["reviews"]
    assert (rv["reviews"], rv["applied"], rv["changed"], rv["stale"], rv["stale_keys"]) == (len(chosen) + 1, len(chosen), len(chosen), 1, [STALE])
    report = (out.reports / "report.md").read_text(encoding="utf-8")
    assert f"- stale: `{STALE}`" in report and f"{len(chosen)} applied" in report
    assert "Warning: of 6 reviews, 1 match no sentence of this run (stale)" in err
    assert out.summary["reasons"]["reviewed"] == len(chosen)
    html = (out.reports / "report.html").read_text(encoding="utf-8")
    assert html.count('class=\\"rv-applied\\"') == len(chosen), "each reviewed row says so (in the bodies' JSON strings)"


def test_a_new_or_changed_reviews_file_runs_again(cheap_run: RunOutput, reviewed: tuple[RunOutput, dict, str], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The stamp fingerprints the reviews file: the same file keeps the outputs, a changed one runs."""
    import pipeline.run

    calls: list[int] = []
    real = pipeline.run.run
    monkeypatch.setattr(pipeline.run, "run", lambda *a, **k: calls.append(1) or real(*a, **k))
    _, chosen, _ = reviewed
    out, cache = tmp_path / "out", cheap_run.cleaned.parent / "cache"
    path = write_reviews(tmp_path / "r.jsonl", dict(list(chosen.items())[:1]))
    for step, runs, applied in (("first", 1, 1), ("same file", 1, 1), ("edited", 2, 2), ("no reviews", 3, None)):
        if step == "edited":
            write_reviews(path, dict(list(chosen.items())[:2]))
        code, _, err = run_cli([SAMPLE], out, *cheap_args(cache), *(["--reviews", str(path)] if applied else []))
        assert code == 0, err
        assert len(calls) == runs, step
        summ = load_output(out).summary
        assert (summ["reviews"]["applied"] if applied else summ.get("reviews")) == applied, step
