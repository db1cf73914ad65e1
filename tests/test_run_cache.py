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


def _open_cache(kind: str, folder: str, barrier: object, errors: object) -> None:
    from pipeline.cache import RunCache
    from pipeline.grammar.cache import GrammarCache

    barrier.wait()  # type: ignore[attr-defined]
    try:
        (RunCache(Path(folder), {}, {}) if kind == "run" else GrammarCache(Path(folder))).close()
    except Exception as exc:  # what the test counts
        errors.put(repr(exc))  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", ["run", "grammar"])
def test_workers_opening_a_new_cache_folder_at_once_all_get_the_cache(kind: str, tmp_path: Path) -> None:
    # SQLite does not wait for the switch to WAL: 4 processes at once failed in 1 of 3 new folders.
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    errors = ctx.Queue()
    for trial in range(20):
        barrier = ctx.Barrier(4)
        procs = [ctx.Process(target=_open_cache, args=(kind, str(tmp_path / str(trial)), barrier, errors)) for _ in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        assert all(p.exitcode == 0 for p in procs)
    assert errors.empty(), errors.get()
