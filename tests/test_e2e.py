"""End-to-end acceptance on the real sample scrape (issue: raw/ -> cleaned + report)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import SAMPLE, RunOutput

pytestmark = pytest.mark.integration

CONTRACT = ["source", "line", "article", "section", "text", "cleaned", "verdict", "garble_score", "reasons", "action"]


def _body(md: str) -> str:
    """Cleaned Markdown without front matter, headings and HTML comments."""
    md = md.split("\n---\n", 1)[1]
    md = re.sub(r"<!--.*?-->", "", md)
    lines = [ln for ln in md.splitlines() if ln.strip() and not ln.startswith("#")]
    text = " ".join(lines).replace("&lt;", "<").replace("&amp;", "&")
    return " ".join(text.split())


def test_ten_articles(sample_run: RunOutput) -> None:
    files = sorted(sample_run.cleaned.glob("*.md"))
    assert len(files) == 10
    assert sample_run.summary["articles"] == 10


def test_contract_columns(sample_run: RunOutput) -> None:
    assert list(sample_run.sentences.columns[: len(CONTRACT)]) == CONTRACT
    assert set(sample_run.sentences["verdict"]) <= {"ok", "garbled", "boilerplate", "bilingual_dup", "dup", "heading"}
    assert set(sample_run.sentences["action"]) <= {"kept", "flagged", "dropped"}
    assert sample_run.sentences["garble_score"].between(0, 1).all()
    assert list(sample_run.lines.columns) == ["source", "line", "fate", "reason"]
    assert (sample_run.reports / "sentences.parquet").exists()


def test_every_raw_line_is_accounted_for(sample_run: RunOutput) -> None:
    raw = (SAMPLE / "000_eec31f602d13a0fd.txt").read_text(encoding="utf-8").splitlines()
    want = {i for i, ln in enumerate(raw, 1) if ln.strip()}
    got = set(sample_run.lines["line"])
    assert want == got
    dropped = sample_run.lines[sample_run.lines["fate"] == "dropped"]
    assert (dropped["reason"] != "").all(), "every dropped line says why"


def test_kept_sentences_rejoin_to_cleaned_text(sample_run: RunOutput) -> None:
    df = sample_run.sentences
    for md in sample_run.cleaned.glob("*.md"):
        art = md.stem
        rows = df[(df["article"] == art) & (df["kind"] == "sentence") & (df["action"] != "dropped")]
        assert _body(md.read_text()) == " ".join(" ".join(rows["cleaned"]).split())


@pytest.mark.parametrize(
    "needle",
    ["back surgery", "how to relieve back pain fast", "back pain remedies", "infringement", "thumbs up",
     "September 1, 2019", "Source: douban", "stills source"],
)
def test_no_boilerplate_survives(sample_run: RunOutput, needle: str) -> None:
    for md in sample_run.cleaned.glob("*.md"):
        body = md.read_text().split("\n---\n", 1)[1]
        lines = [ln for ln in body.splitlines() if ln.strip()]
        assert not any(ln.strip().lower() == needle.lower() or (needle.lower() in ln.lower() and len(ln) < 80) for ln in lines), (md.name, needle)


def test_no_kept_sentence_starts_with_a_comma(sample_run: RunOutput) -> None:
    kept = sample_run.sentences[sample_run.sentences["action"] != "dropped"]
    assert not kept["cleaned"].str.match(r"^\s*[,，、;]").any()


def test_method_and_step_headings(sample_run: RunOutput) -> None:
    heads = sample_run.sentences[sample_run.sentences["kind"] == "heading"]["cleaned"].tolist()
    assert "Method 1: massage the back" in heads
    assert "Method 6: try other natural methods" in heads
    assert sum(h.startswith("Step ") for h in heads) >= 20
    first = (sample_run.cleaned / "six-ways-to-naturally-relieve-back-pain.md").read_text()
    assert "## Method 1: massage the back" in first
    assert "### 1. Massage yourself" in first


def test_repairs_are_recorded(sample_run: RunOutput) -> None:
    rep = __import__("pandas").read_csv(sample_run.reports / "repairs.csv", keep_default_na=False)
    assert {"leading_punct", "missing_space", "glued_words"} <= set(rep["fixer"])
    assert ((rep["fixer"] == "glued_words") & (rep["before"].str.contains("vertebraeIn"))).any()


def test_title_repeated_as_first_line_is_dup(sample_run: RunOutput) -> None:
    # The title line repeated under it, whether it is split into sentences or kept whole.
    df = sample_run.sentences
    dup = df[(df["source"] == "000_eec31f602d13a0fd.txt") & (df["line"] == 346)]
    assert " ".join(dup["cleaned"]) == "Is lumbago equal to nephropathy? All 4 diseases cause back pain!"
    assert set(dup["verdict"]) == {"dup"} and set(dup["reasons"]) == {"repeats_title"}


def test_report_md_is_short(sample_run: RunOutput) -> None:
    text = (sample_run.reports / "report.md").read_text()
    assert "worst articles" in text and "worst sentences" in text
    assert len(text.splitlines()) < 120


def test_output_is_deterministic(sample_run: RunOutput, tmp_path: Path) -> None:
    from .conftest import load_output, run_cli

    code, _, err = run_cli([SAMPLE], tmp_path)
    assert code == 0, err
    again = load_output(tmp_path)
    for md in sample_run.cleaned.glob("*.md"):
        assert (again.cleaned / md.name).read_bytes() == md.read_bytes()
    for name in ("sentences.csv", "lines.csv", "repairs.csv", "articles.csv"):
        assert (again.reports / name).read_bytes() == (sample_run.reports / name).read_bytes()



def test_summary_counts_what_the_cascade_decided_without_the_expensive_signals(sample_run: RunOutput) -> None:
    n = sample_run.summary["expensive_predicted"]
    assert 0 < n < sample_run.summary["sentences"], "the cheap signals decided some sentences, and sent others on"
