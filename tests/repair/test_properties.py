"""Invariants on any text: repairs name raw text, raw spans tile the raw text, newlines
survive, repairs settle in one pass, and only blanks move unless a fixer's job is characters."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.repair import FIXER_NAMES, repair

ALL = list(FIXER_NAMES)
# Fixers that only add or remove blanks and invisible characters.
SPACING = ["whitespace", "missing_space", "glued_words", "space_before_punct"]

PIECES = [
    "the", "back", "pain", "Step", "1", "2017", "3.5", "10:30", "www.example.com", "e.g.", "U.S.",
    "thevertebraeIn", "aSure", "iPhone", "YouTube", "McDonald", "persistentlow", "basedosteopathGavin",
    ".", ",", ":", ";", "!", "?", "...", "(", ")", '"', "'", "-", "–", "，", "、",
    " ", " ", "  ", "\t", "\u00a0", "\u200b", "\u00ad", "\n", "\n\n",
    "cafÃ©", "â€œ", "â€\x9d", "Ã", "é", "Stand", "The", "In", "and",
]
texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.text(max_size=60),
)
_BLANK = re.compile(r"[\s\u200b\u2060\ufeff\u00ad]")


@settings(max_examples=300, deadline=None)
@given(texts)
def test_repairs_name_raw_text(raw: str) -> None:
    for r in repair(raw, ALL, 2.5).repairs:
        assert 0 <= r.start <= r.end <= len(raw)
        assert raw[r.start : r.end] == r.before


@settings(max_examples=300, deadline=None)
@given(texts, st.lists(st.integers(min_value=0, max_value=200), max_size=8))
def test_raw_spans_are_monotone_and_tile_the_raw_text(raw: str, cuts: list[int]) -> None:
    rep = repair(raw, ALL, 2.5)
    n = len(rep.text)
    bounds = sorted({0, n, *(c % (n + 1) for c in cuts)})
    spans = [rep.raw_span(a, b) for a, b in zip(bounds, bounds[1:])]
    assert rep.raw_span(0, n) == (0, len(raw))
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert 0 <= s1 <= e1 == s2 <= e2 <= len(raw)
    assert "".join(raw[s:e] for s, e in spans) == (raw if spans else "")


@settings(max_examples=300, deadline=None)
@given(texts)
def test_word_boundaries_rejoin_to_raw_text(raw: str) -> None:
    rep = repair(raw, ALL, 2.5)
    starts = [m.start() for m in re.finditer(r"[^\s]+", rep.text)]
    bounds = [0, *[s for s in starts if s], len(rep.text)]
    assert "".join(raw[slice(*rep.raw_span(a, b))] for a, b in zip(bounds, bounds[1:])) == raw


@settings(max_examples=300, deadline=None)
@given(texts)
def test_newlines_survive_and_map_to_raw_newlines(raw: str) -> None:
    rep = repair(raw, ALL, 2.5)
    assert rep.text.count("\n") == raw.count("\n")
    for k, ch in enumerate(rep.text):
        if ch == "\n" and k:
            assert raw[rep.raw_span(k, k + 1)[0]] == "\n"


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from([ALL[1:], ["mojibake"]]))
def test_repair_settles_in_one_pass(raw: str, fixers: list[str]) -> None:
    """Not for the whole chain: ftfy reads context, and blanks that later fixers tidy can turn
    a fragment it left alone ("\xa0â€œ", "Â\t0") into one it fixes on a second pass."""
    once = repair(raw, fixers, 2.5).text
    assert repair(once, fixers, 2.5).text == once


@settings(max_examples=300, deadline=None)
@given(texts, st.floats(min_value=1.0, max_value=5.0))
def test_spacing_fixers_move_only_blanks(raw: str, zipf: float) -> None:
    """Meaning is safe: without mojibake and leading_punct, every visible character stays,
    in order, and maps back to itself in the raw text."""
    rep = repair(raw, SPACING, zipf)
    assert _BLANK.sub("", rep.text) == _BLANK.sub("", raw)
    for k, ch in enumerate(rep.text):
        if k and not _BLANK.match(ch):
            assert raw[rep.raw_span(k, k + 1)[0]] == ch
