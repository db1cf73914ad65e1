"""Big runs go in slices (executor.slice_blocks, tables.SLICE_ROWS) to bound memory; the outputs
must not depend on where the slices fall."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bench.compare import differences
from pipeline.write.outputs import write_sentences
from pipeline.write.report_html import render_report_html
from pipeline.write.tables import sentences_frame

from .conftest import near_dup_corpus, run_cli
from .report import synthetic_result

CHEAP = ["--no-grammar", "--no-cache", "--set", 'garble.signals=["oov_rate_v1","glued_tokens_v1","repairs_v1","length_v1","odd_parse_v1"]']


@pytest.mark.integration
def test_a_run_in_one_article_slices_writes_what_a_whole_run_writes(tmp_path: Path) -> None:
    corpus = near_dup_corpus(tmp_path / "in")
    code, _, err = run_cli([corpus], tmp_path / "whole", *CHEAP)
    assert code == 0, err
    code, _, err = run_cli([corpus], tmp_path / "sliced", *CHEAP, "--set", "executor.slice_blocks=1")
    assert code == 0, err
    sents = pd.read_csv(tmp_path / "sliced" / "reports" / "sentences.csv", keep_default_na=False)
    # Duplicates cross the slices: exact copies and near copies of an earlier article's lines.
    assert sents["reasons"].str.startswith("exact_dup").sum() >= 5
    assert sents["reasons"].str.startswith("near_dup").sum() >= 5
    assert differences(tmp_path / "whole", tmp_path / "sliced") == []


def test_sentence_table_in_slices_is_the_whole_table(tmp_path: Path) -> None:
    result, _ = synthetic_result(9, per_article=11)
    worst_small = write_sentences(result, tmp_path / "small", parquet=True, rows=7)
    worst_big = write_sentences(result, tmp_path / "big", parquet=True)
    assert (tmp_path / "small" / "sentences.csv").read_bytes() == (tmp_path / "big" / "sentences.csv").read_bytes()
    whole = sentences_frame(result.articles)
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "small" / "sentences.parquet"), whole)
    pd.testing.assert_frame_equal(worst_small, worst_big)
    judged = whole[whole["verdict"].isin(["ok", "garbled"])]
    expected = judged.sort_values(["garble_score", "source", "line"], ascending=[False, True, True], kind="stable").head(10)
    assert list(worst_small["id"]) == list(expected["id"]) and len(expected) == 10


def test_report_html_shows_the_worst_articles_up_to_the_cap() -> None:
    result, summ = synthetic_result(12, per_article=6)
    summ["config"]["output"]["html_articles"] = 5
    html = render_report_html(result, summ)
    assert html.count('<article class="art') == 5
    assert "7 more articles, better than these, are not on this page" in html
    summ["config"]["output"]["html_articles"] = 0  # no cap
    assert render_report_html(result, summ).count('<article class="art') == 12


@pytest.mark.integration
def test_a_repeated_line_is_parsed_once_and_its_copies_share_the_parse(tmp_path: Path) -> None:
    from pipeline.config import load_config
    from pipeline.model import Block
    from pipeline.repair import repair
    from pipeline.run import open_cache, parse_blocks
    from pipeline.segment.parse import Parser
    from pipeline.segment.sections import BlockWork

    cfg = load_config(None, [f"cache.dir={tmp_path}"])
    line = "Sit up straight and squeeze your shoulder blades together for ten seconds."
    texts = [line, "Then relax and repeat the stretch five times.", line]
    works = {"a": [BlockWork(Block(t, i + 1), repair(t, cfg.repair.fixers, cfg.repair.glue_min_zipf)) for i, t in enumerate(texts)]}
    cache = open_cache(cfg)
    assert cache is not None
    parse_blocks(works, Parser(cfg.model.spacy, cfg.model.batch_size, 1, cache), True)
    cache.close()
    a, b, c = works["a"]
    assert cache.misses == 2 and a.doc is c.doc and a.doc is not b.doc
    assert a.doc is not None and a.doc.text == line


@pytest.mark.integration
def test_a_fresh_parse_holds_no_tensor_like_a_parse_read_back_from_bytes() -> None:
    # The tok2vec output was most of a held Doc's memory (384 bytes a token); nothing reads it.
    from spacy.tokens import Doc

    from pipeline.config import load_config
    from pipeline.segment.parse import EXCLUDE, Parser

    cfg = load_config()
    text = "Sit up straight. Then relax and repeat the stretch five times."
    with Parser(cfg.model.spacy, cfg.model.batch_size, 1) as parser:
        (doc,) = parser.pipe([text])
        again = Doc(parser.nlp.vocab).from_bytes(doc.to_bytes(exclude=EXCLUDE))
    assert doc.tensor.size == 0 and again.tensor.size == 0
    assert [(t.tag_, t.dep_, t.head.i, t.is_sent_start) for t in doc] == [(t.tag_, t.dep_, t.head.i, t.is_sent_start) for t in again]
    assert len(list(doc.sents)) == 2
