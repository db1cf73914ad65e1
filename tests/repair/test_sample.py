"""The whole sample scrape, line by line and as one block: what gets repaired, exactly."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pipeline.repair import FIXER_NAMES, repair

SAMPLE = Path(__file__).resolve().parents[2] / "raw" / "000_eec31f602d13a0fd.txt"

# Every glued_words repair in the sample, reviewed by eye: each adds spaces only.
GLUED = [
    ("effectSuitable", "effect Suitable"),
    ("posturePotential", "posture Potential"),
    ("toGet", "to Get"),
    ("aSure", "a Sure"),
    ("fireRoute", "fire Route"),
    ("thatSlumping", "that Slumping"),
    ("thevertebraeIn", "the vertebrae In"),
    ("thecascadeOf", "the cascade Of"),
    ("thatThe", "that The"),
    ("aCure", "a Cure"),
    ("thebuttocksTo", "the buttocks To"),
    ("dailyactivity", "daily activity"),
    ("persistentlow", "persistent low"),
    ("controlledtrial", "controlled trial"),
    ("clinicaltrial", "clinical trial"),
]


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return SAMPLE.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def repairs(lines: list[str]) -> list:
    out = []
    for line in lines:
        rep = repair(line, list(FIXER_NAMES), 2.5)
        for r in rep.repairs:
            assert line[r.start : r.end] == r.before
        out.extend(rep.repairs)
    return out


def test_counts_per_fixer(repairs: list) -> None:
    assert Counter(r.fixer for r in repairs) == {"missing_space": 41, "leading_punct": 25, "glued_words": 15, "whitespace": 1}


def test_glued_words_repairs_are_the_reviewed_ones(repairs: list) -> None:
    assert [(r.before, r.after) for r in repairs if r.fixer == "glued_words"] == GLUED


def test_leading_punct_removes_only_list_commas(repairs: list) -> None:
    assert {r.before for r in repairs if r.fixer == "leading_punct"} == {","}


def test_missing_space_only_after_step_numbers_and_labels(repairs: list) -> None:
    assert Counter(r.before for r in repairs if r.fixer == "missing_space") == {".": 24, ":": 17}


def test_rare_or_branded_camel_tokens_stay(lines: list[str]) -> None:
    text = repair("\n".join(lines), list(FIXER_NAMES), 2.5).text
    for token in ("InfraredHeatingTherapy", "basedosteopathGavin", "thatSlouching", "theglutealmuscles", "dojo.provide"):
        assert token in text


def test_whole_file_as_one_block_keeps_every_line_in_place(lines: list[str]) -> None:
    raw = "\n".join(lines)
    rep = repair(raw, list(FIXER_NAMES), 2.5)
    fixed = rep.text.split("\n")
    assert len(fixed) == len(lines)
    pos = 0
    for n, line in enumerate(fixed):
        start, end = rep.raw_span(pos, pos + len(line))
        assert raw.count("\n", 0, start) == n
        assert raw[start:end] in lines[n]
        pos += len(line) + 1
