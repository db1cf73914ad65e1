"""Parser processes (pipeline/segment/parse.py): the same Docs as a parse in this process, their
parses (made on demand or ahead) go into the run cache, and a process that dies fails the run in
one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.compare import differences
from pipeline.cache import RunCache
from pipeline.config import Config
from pipeline.errors import PipelineError
from pipeline.segment import parse
from pipeline.segment.parse import EXCLUDE, Parser

from ..conftest import SAMPLE, run_cli

MODEL = Config().model.spacy
SIGNALS = 'garble.signals=["oov_rate_v1","glued_tokens_v1","repairs_v1","length_v1","odd_parse_v1","no_verb_v1"]'  # no language model: parses are what differ


def _texts(n: int) -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt")))
    lines = [ln.strip() for ln in text.splitlines() if len(ln.split()) >= 4]
    return list(dict.fromkeys(lines))[:n]


def _cache(folder: Path) -> RunCache:
    return RunCache(folder, {"model": MODEL}, {})


@pytest.mark.integration
def test_parser_processes_give_the_docs_this_process_gives() -> None:
    texts = _texts(150)
    with Parser(MODEL, 16, 1) as here, Parser(MODEL, 16, 2, min_texts=0) as pool:
        mine = [d.to_bytes(exclude=EXCLUDE) for d in here.pipe(texts)]
        theirs = [d.to_bytes(exclude=EXCLUDE) for d in pool.pipe(texts)]
        assert pool._pool is not None, "the processes parsed"
    assert len(mine) == len(texts) and mine == theirs


@pytest.mark.integration
def test_parses_from_the_processes_are_cached_even_when_the_reader_stops_at_the_last_doc(tmp_path: Path) -> None:
    texts = _texts(40)
    cache = _cache(tmp_path)
    with Parser(MODEL, 8, 2, cache, min_texts=0) as parser:
        docs = dict(zip(texts, parser.pipe(texts)))  # zip never asks the generator past its last Doc
    assert [d.text for d in docs.values()] == texts
    again = _cache(tmp_path)
    assert len(again.get_docs(texts)) == len(texts)
    with Parser(MODEL, 8, 2, again, min_texts=0) as parser:
        assert [d.text for d in parser.pipe(texts)] == texts
        assert parser._pool is None, "everything came from the cache"


@pytest.mark.integration
def test_texts_set_parsing_ahead_are_picked_up_by_the_next_call_and_cached(tmp_path: Path) -> None:
    texts = _texts(60)
    with Parser(MODEL, 8, 2, _cache(tmp_path), min_texts=0) as parser, Parser(MODEL, 8, 1) as here:
        parser.prefetch(texts[:40])
        assert len(parser._ahead) == 40
        got = [d.to_bytes(exclude=EXCLUDE) for d in parser.pipe(texts)]  # 40 parsed ahead, 20 now
        assert not parser._ahead
        assert got == [d.to_bytes(exclude=EXCLUDE) for d in here.pipe(texts)]
    with Parser(MODEL, 8, 2, _cache(tmp_path), min_texts=0) as parser:
        parser.prefetch(texts)
        assert not parser._ahead, "nothing to parse: every text is in the cache"


@pytest.mark.integration
def test_given_docs_are_used_as_given_and_left_to_the_cache_of_whoever_parsed_them(tmp_path: Path) -> None:
    texts = _texts(30)
    with Parser(MODEL, 8, 1) as here:
        made = {t: d.to_bytes(exclude=EXCLUDE) for t, d in zip(texts, here.pipe(texts))}
    cache = _cache(tmp_path)
    given = {t: made[t] for t in texts[:20]}
    with Parser(MODEL, 8, 1, cache) as parser:
        got = [d.to_bytes(exclude=EXCLUDE) for d in parser.pipe(texts, given)]
    assert got == [made[t] for t in texts]
    assert set(_cache(tmp_path).get_docs(texts)) == set(texts[20:]), "only what this parser parsed went into its cache"


@pytest.mark.integration
def test_parses_as_bytes_are_the_bytes_of_the_docs_fresh_or_from_the_cache(tmp_path: Path) -> None:
    texts = _texts(30)
    with Parser(MODEL, 8, 1) as here:
        want = [d.to_bytes(exclude=EXCLUDE) for d in here.pipe(texts)]
        assert list(here.pipe_bytes(texts)) == want, "no cache: parsed for the bytes alone"
    with Parser(MODEL, 8, 1, _cache(tmp_path)) as parser:
        assert list(parser.pipe_bytes(texts[:20])) == want[:20]  # parsed, and stored
        assert list(parser.pipe_bytes(texts)) == want  # 20 read back, 10 parsed
    assert set(_cache(tmp_path).get_docs(texts)) == set(texts)


def _alive(pid: int) -> bool:
    try:
        return "zombie" not in Path(f"/proc/{pid}/status").read_text()  # a zombie has exited, unreaped
    except FileNotFoundError:
        return False


@pytest.mark.integration
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")
def test_parser_processes_leave_when_the_run_is_killed_outright() -> None:
    script = ("import time\n"
              "from pipeline.segment.parse import Parser\n"
              f"p = Parser({MODEL!r}, 1, 2, min_texts=0)\n"
              "list(p.pipe(['One text here.', 'Another text there.']))\n"
              "print(*p._pool._processes, flush=True)\n"
              "time.sleep(120)\n")
    run = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, cwd=Path(__file__).parents[2])
    assert run.stdout is not None
    pids = [int(x) for x in run.stdout.readline().split()]
    assert pids and all(map(_alive, pids))
    run.kill()  # SIGKILL: no shutdown, no atexit
    run.wait()
    deadline = time.monotonic() + 10
    while any(map(_alive, pids)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(map(_alive, pids)), "orphaned parser processes"


def _die(texts: list[str]) -> list[bytes]:
    os._exit(1)  # what the kernel's OOM killer does to a parser process


@pytest.mark.integration
def test_a_parser_process_that_dies_fails_the_run_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse, "_parse_chunk", _die)
    with Parser(MODEL, 8, 2, min_texts=0) as parser, pytest.raises(PipelineError, match="parser process died.*--jobs 1"):
        list(parser.pipe(_texts(20)))


@pytest.mark.integration
def test_a_run_parsed_by_two_processes_writes_what_one_process_writes(tmp_path: Path) -> None:
    # The sample has 390 distinct lines to parse: enough for the processes to start.
    for jobs in ("1", "2"):
        code, _, err = run_cli([SAMPLE], tmp_path / jobs, "--no-grammar", "--no-cache", "--set", SIGNALS, "--jobs", jobs)
        assert code == 0, err
    assert differences(tmp_path / "1", tmp_path / "2", ("model",)) == []
