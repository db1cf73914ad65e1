"""Invariants on generated scrapes (hypothesis): nothing is lost, and dedup settles in one pass.

A generated scrape mixes what real ones hold: sentences, several sentences on a line, missing
spaces after full stops, glued words, leading commas, SEO captions, headings and numbered steps,
boilerplate, lines repeated word for word or with one word changed, blank lines, and stray
non-Latin text. The whole pipeline runs on it in-process (spaCy is loaded once per session).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.config import Config, load_config
from pipeline.dedup.exact import mark_exact_dups
from pipeline.dedup.near import article_sketches, mark_near_dup_articles, mark_near_dups
from pipeline.dedup.twins import mark_twins
from pipeline.result import RunResult
from pipeline.run import run
from pipeline.write.tables import lines_frame

from .conftest import FATES, TALLY, raw_lines

pytestmark = pytest.mark.integration

# Each example parses with spaCy, so few by default; FAULT_EXAMPLES=500 for a deeper search.
SETTINGS = settings(max_examples=int(os.environ.get("FAULT_EXAMPLES", "25")), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

VERBS = ["keep", "hold", "relax", "stand", "sit", "turn", "lift", "bend", "stretch", "breathe"]
WORDS = ["back", "pain", "neck", "muscle", "spine", "posture", "doctor", "exercise", "shoulder", "the", "your", "and",
         "with", "for", "slowly", "every", "day", "knee", "hip", "chair", "floor", "ten", "seconds", "straight", "lower"]
GLUED = ["thevertebraeIn", "aSure", "persistentlow", "basedosteopathGavin", "fireRoute", "painOften"]
CAPTIONS = ["back surgery", "neck pain relief", "lumbar spine", "posture tips"]
BOILER = ["Disclaimer: this article is for reference only; contact us to delete any infringement.",
          "Share this article with your friends!", "Source: Health Daily", "2021-03-04", "Click here to read more"]
HEADINGS = ["How to stretch", "Causes of back pain", "Prevention", "What is sciatica?", "Treatment options"]

words = st.lists(st.sampled_from(WORDS), min_size=2, max_size=16)
sentence = st.builds(lambda v, ws, end: f"{v.capitalize()} {' '.join(ws)}{end}", st.sampled_from(VERBS), words,
                     st.sampled_from([".", ".", ".", "!", "?", "", "...", ";"]))
glued = st.builds(lambda s, g, k: " ".join(s.split()[:k] + [g] + s.split()[k:]), sentence, st.sampled_from(GLUED), st.integers(0, 6))
stray = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=30)
LINE = st.one_of(
    sentence,
    st.lists(sentence, min_size=2, max_size=4).map(" ".join),  # a paragraph on one line
    st.lists(sentence, min_size=2, max_size=3).map("".join),  # full stops with no space after
    glued,
    sentence.map(lambda s: "," + s),  # leading comma from list markup
    st.sampled_from(CAPTIONS),
    st.builds(lambda n, s: f"Step {n}.{s}", st.integers(1, 9), sentence),
    st.builds(lambda n, ws: f"{n}. {' '.join(ws).capitalize()}", st.integers(1, 9), words),
    st.sampled_from(HEADINGS),
    st.sampled_from(BOILER),
    stray,
    st.builds(lambda s, t: f"{s} {t}", sentence, stray),
)


@st.composite
def scrapes(draw: st.DrawFn) -> tuple[str, str]:
    """(file name, text): one to three articles, as .txt or .md."""
    lines: list[str] = []
    seen: list[str] = []
    for a in range(draw(st.integers(1, 3))):
        if a or draw(st.booleans()):
            title = " ".join(draw(words)).capitalize()
            lines += [f"{title} – Health Site | health/{draw(st.sampled_from(WORDS))}", ""]
        for _ in range(draw(st.integers(1, 10))):
            roll = draw(st.integers(0, 9))
            if seen and roll == 0:
                line = draw(st.sampled_from(seen))  # repeated word for word
            elif seen and roll == 1:
                ws = draw(st.sampled_from(seen)).split()
                k = draw(st.integers(0, len(ws) - 1)) if ws else 0
                line = " ".join(ws[:k] + [draw(st.sampled_from(WORDS))] + ws[k + 1 :])  # one word changed
            else:
                line = draw(LINE)
            lines.append(line)
            seen.append(line)
            if draw(st.integers(0, 3)) == 0:
                lines.append("")
    fmt = draw(st.sampled_from(["txt", "md"]))
    return f"scrape.{fmt}", "\n".join(lines) + "\n"


@pytest.fixture(scope="session")
def cfg() -> Config:
    from pipeline.segment.nlp import load_nlp

    c = load_config(None, ["languagetool.enabled=false", "cache.enabled=false"])  # compute everything, write nothing
    load_nlp(c.model.spacy)  # once per session (lru_cache); hypothesis examples reuse it
    return c


def _run(name: str, text: str, cfg: Config) -> RunResult:
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / name).write_text(text, encoding="utf-8")
        return run([Path(d)], cfg, quiet=True, keep_parses=True)


_WS = re.compile(r"\s+")


@SETTINGS
@given(scrapes())
def test_every_raw_line_has_a_fate_and_sentences_rejoin_to_their_block(cfg: Config, scrape: tuple[str, str]) -> None:
    name, text = scrape
    result = _run(name, text, cfg)
    lines = lines_frame(result.articles, result.skipped)
    assert not result.skipped, result.skipped
    want = raw_lines(text.encode(), "utf-8")
    got = set(lines.line)
    TALLY.lines_checked += len(want)
    TALLY.lines_lost += len(want - got)
    assert want == got, (sorted(want - got), sorted(got - want))
    assert set(lines.fate) <= FATES and not lines.duplicated(["source", "line"]).any()
    for art in result.articles:
        rows: dict[int, list[str]] = defaultdict(list)
        for s in art.sentences:
            rows[s.block_index].append(s.text)
        assert set(rows) == set(range(len(art.blocks))), "every block gives at least one row"
        for bi, block in enumerate(art.blocks):
            # Segment + repair + re-join: the raw pieces tile the block, only blanks between them.
            assert _WS.sub("", "".join(rows[bi])) == _WS.sub("", block.text), (block.text, rows[bi])
            assert all(p.strip() == p for p in rows[bi])


def _state(result: RunResult) -> list[tuple]:
    return ([(s.id, s.verdict, s.action, tuple(s.reasons), s.twin_of, s.garble_score) for a in result.articles for s in a.sentences]
            + [(a.id, a.near_dup_of) for a in result.articles])


@SETTINGS
@given(scrapes())
def test_dedup_is_idempotent(cfg: Config, scrape: tuple[str, str]) -> None:
    """Running the dedup stages again on their own output changes nothing: a kept copy stays kept,
    a dropped copy keeps pointing at the same twin."""
    result = _run(*scrape, cfg)
    before = _state(result)
    assert mark_exact_dups(result.articles) == 0
    assert mark_twins(result.articles, result.spans, cfg.dedup) == []
    assert mark_near_dups(result.articles, cfg.dedup) == []
    mark_near_dup_articles(result.articles, article_sketches(result.articles, result.spans, cfg.dedup), cfg.dedup)
    assert _state(result) == before
