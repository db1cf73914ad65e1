"""The run cache (pipeline/cache.py): a warm run writes what a cold one wrote, and the msgpack
hook look-up it speeds up still sees hooks registered later."""

from __future__ import annotations

from pathlib import Path

import catalogue
import pytest
import srsly

from bench.compare import differences
from pipeline.config import Config
from pipeline.segment.nlp import load_nlp, msgpack_without_rescans

from .conftest import SAMPLE, run_cli

SIGNALS = 'garble.signals=["oov_rate_v1","glued_tokens_v1","repairs_v1","length_v1","odd_parse_v1","no_verb_v1"]'


@pytest.mark.integration
def test_a_warm_run_writes_what_a_cold_run_wrote(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for out in ("cold", "warm"):  # other output folders: the stamp does not apply, the cache does
        code, _, err = run_cli([SAMPLE], tmp_path / out, "--no-grammar", "--set", SIGNALS, "--set", f"cache.dir={cache}")
        assert code == 0, err
    assert (cache / "run.sqlite").stat().st_size > 100_000, "the first run filled the cache"
    assert differences(tmp_path / "cold", tmp_path / "warm", ()) == []


def test_msgpack_hooks_are_looked_up_once_but_a_new_one_is_seen() -> None:
    load_nlp(Config().model.spacy)  # every process that parses or unpacks Docs loads the model first
    assert "get_all" in vars(srsly.msgpack_decoders) and "get_all" in vars(srsly.msgpack_encoders)
    msgpack_without_rescans()  # and again: a no-op
    found = srsly.msgpack_decoders.get_all()
    assert srsly.msgpack_decoders.get_all() is found, "no scan when nothing was registered"
    srsly.msgpack_decoders.register("pipeline_test_hook", func=lambda obj, chain=None: obj)
    try:
        assert "pipeline_test_hook" in srsly.msgpack_decoders.get_all()
    finally:
        catalogue._remove(("srsly", "msgpack_decoders", "pipeline_test_hook"))
    assert "pipeline_test_hook" not in srsly.msgpack_decoders.get_all()
