"""Orchestrates the stages: read -> segment -> repair -> judge -> dedup -> decide -> write.

Stages are plain functions over typed documents; this module only sequences them,
times them, and keeps going when one file is bad.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from .cache import RunCache
from .cascade import score_with_cascade
from .config import Config, GarbleConfig
from .dedup.exact import ExactDups
from .dedup.near import NearIndex, Sketch, apply_near, article_sketches, mark_near_dup_articles, near_records
from .dedup.twins import mark_twins
from .decide import decide, mark_truncated
from .errors import InputError
from .model import Article, Pair, Sentence
from .progress import progress
from .read import discover, read_file, source_name
from .repair import RepairResult, repair
from .review.key import assign_keys
from .segment.articles import assign_ids, split_articles
from .segment.furniture import mark_furniture
from .segment.parse import Parser
from .segment.sections import BlockWork, build_sections
from .result import Ahead, RunResult
from .signals import open_scorers
from .signals.base import Item, Scorer
from .signals.boilerplate import RepetitionStats, norm_key, shape_reason

__all__ = ["Ahead", "RunResult", "run"]

log = logging.getLogger("pipeline")


class _Timer:
    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        yield
        self.timings[name] = round(self.timings.get(name, 0.0) + time.perf_counter() - t0, 3)


def read_inputs(inputs: list[Path], cfg: Config, result: RunResult) -> list[Article]:
    articles: list[Article] = []
    for path, root in discover(inputs, cfg.read):
        try:
            docs = read_file(path, root, cfg.read)
        except InputError as exc:
            result.skipped.append((source_name(path, root), str(exc)))
            continue
        for doc in docs:
            articles.extend(split_articles(doc, cfg.segment))
        if docs:
            result.sources[docs[0].source] = docs[0].raw_lines  # counted by the reader, which had the bytes
    assign_ids(articles)
    assign_keys(articles)
    return articles


def prepare_blocks(articles: list[Article], cfg: Config) -> dict[str, list[BlockWork]]:
    """Repair every block and find boilerplate, which needs counts over the whole input."""
    works = repair_blocks(articles, cfg)
    mark_boilerplate(articles, works, count_repeats(articles, works, cfg), cfg)
    return works


def repair_blocks(articles: list[Article], cfg: Config) -> dict[str, list[BlockWork]]:
    # Scrapes repeat lines (a caption under every heading, copied paragraphs): each text is
    # repaired once, and its copies share the result, which nothing changes once made.
    done: dict[str, RepairResult] = {}

    def fixed(text: str) -> RepairResult:
        if text not in done:
            done[text] = repair(text, cfg.repair.fixers, cfg.repair.glue_min_zipf)
        return done[text]

    return {a.id: [BlockWork(b, fixed(b.text)) for b in a.blocks] for a in articles}


def count_repeats(articles: list[Article], works: dict[str, list[BlockWork]], cfg: Config) -> RepetitionStats:
    stats = RepetitionStats(cfg.boilerplate)
    for art in articles:
        for w in works[art.id]:
            stats.add(art.id, w.rep.text)
    return stats


def mark_boilerplate(articles: list[Article], works: dict[str, list[BlockWork]], stats: RepetitionStats, cfg: Config) -> None:
    """`stats` counts the whole input, however few of its articles are here."""
    for art in articles:
        ws = works[art.id]
        # A line of any length that one page prints three times is its template's (image alt text,
        # a teaser of another post), not a paragraph copied twice.
        keys = [norm_key(w.rep.text) for w in ws]
        here = Counter(keys)
        for w, key in zip(ws, keys):
            w.boilerplate = (stats.repeated(w.rep.text) or shape_reason(w.rep.text, w.block.text)
                             or ("repeated_line" if key and here[key] >= cfg.boilerplate.min_repeats else None))
        mark_furniture(ws, keys, cfg.boilerplate.tail_lines)


def to_parse(works: Iterable[list[BlockWork]]) -> tuple[list[BlockWork], list[str]]:
    """The blocks to parse, and their distinct texts. Scrapes repeat whole lines (the duplicates
    this pipeline drops): each text is parsed once, and its copies share the Doc, which nothing
    writes to after parsing."""
    todo = [w for ws in works for w in ws if not w.boilerplate and w.rep.text.strip()]
    return todo, list(dict.fromkeys(w.rep.text for w in todo))


def parse_blocks(works: dict[str, list[BlockWork]], parser: Parser, quiet: bool, given: dict[str, bytes] | None = None) -> None:
    todo, texts = to_parse(works.values())
    parsed = dict(zip(texts, progress(parser.pipe(texts, given), "parse", quiet, total=len(texts))))
    for w in todo:
        w.doc = parsed[w.rep.text]


def score(articles: list[Article], spans: dict, scorers: list[Scorer], garble: GarbleConfig, cache: RunCache | None = None,
          quiet: bool = True) -> None:
    items = [Item(s, spans.get(s.id)) for a in articles for s in a.sentences if s.verdict.value in ("ok", "heading")]
    score_with_cascade(items, scorers, garble, cache, quiet)


def open_cache(cfg: Config) -> RunCache | None:
    """The run cache, keyed on everything that changes parses or signal values."""
    folder = cfg.cache.folder
    if folder is None:
        return None
    import spacy

    parse = {"spacy": spacy.__version__, "model": cfg.model.spacy}
    # What decides which sentences get a signal (weights, threshold, the cascade) is out: a signal's value
    # depends on the sentence alone, and the cascade's predicted stand-ins are never cached.
    decision = ("threshold", "weights", "student", "cascade_margin", "lm_threads", "lm_timeout_s", "truncated", "headless", "broken_off", "reason_baseline")
    signals = {"repair": cfg.repair.__dict__, "garble": {k: v for k, v in cfg.garble.__dict__.items() if k not in decision},
               "languagetool": {k: v for k, v in cfg.languagetool.__dict__.items() if k not in ("url", "path", "timeout_s")}}
    try:
        return RunCache(folder, parse, signals)
    except (OSError, sqlite3.Error) as exc:
        log.warning("run cache in %s unusable, running without it: %s", folder, exc)
        return None


def run(inputs: list[Path], cfg: Config, quiet: bool = False, extra_scorers: list[Scorer] | None = None,
        keep_parses: bool = False) -> RunResult:
    """Clean and judge every article. `keep_parses` keeps every spaCy span in `result.spans`
    (tools that refit models need them); otherwise parses are freed slice by slice."""
    cache = open_cache(cfg)
    try:
        with Parser(cfg.model.spacy, cfg.model.batch_size, cfg.model.jobs, cache) as parser:
            return _run(inputs, cfg, quiet, extra_scorers, parser, keep_parses)
    finally:
        if cache is not None:
            cache.close()


def front(inputs: list[Path], cfg: Config, result: RunResult, timer: _Timer) -> list[Article]:
    """Read every input, or say why nothing could be read."""
    with timer.stage("read"):
        articles = read_inputs(inputs, cfg, result)
    if not articles:
        if result.skipped:
            raise InputError("no input could be read: " + "; ".join(f"{p}: {r}" for p, r in result.skipped))
        raise InputError(f"no input files found in {', '.join(map(str, inputs))} (formats: {', '.join(cfg.read.formats)})")
    return articles


def segment(articles: list[Article], works: dict[str, list[BlockWork]], cfg: Config) -> dict:
    spans: dict = {}
    for art in articles:
        spans.update(build_sections(art, works[art.id], cfg.segment))
    return spans


def judge(articles: list[Article], spans: dict, scorers: list[Scorer], cfg: Config, cache: RunCache | None,
          quiet: bool, timer: _Timer) -> list[Pair]:
    """Score, decide and find twins: per article, so it can run on any slice of the input."""
    with timer.stage("score"):
        score(articles, spans, scorers, cfg.garble, cache, quiet)
    for art in articles:
        for sent in art.sentences:
            decide(sent, cfg)
        if art.ends_document and cfg.garble.truncated:
            mark_truncated(art.sentences, cfg)
    with timer.stage("twins"):
        # After scoring: which twin is kept depends on garble_score.
        return mark_twins(articles, spans, cfg.dedup)


def slices(articles: list[Article], works: dict[str, list[BlockWork]], max_blocks: int) -> Iterator[list[Article]]:
    """Contiguous runs of articles of at most `max_blocks` blocks (one longer article stays whole)."""
    part: list[Article] = []
    size = 0
    for art in articles:
        if part and size + len(works[art.id]) > max_blocks:
            yield part
            part, size = [], 0
        part.append(art)
        size += len(works[art.id])
    if part:
        yield part


def _run(inputs: list[Path], cfg: Config, quiet: bool, extra_scorers: list[Scorer] | None, parser: Parser,
         keep_parses: bool = False) -> RunResult:
    result = RunResult(articles=[])
    timer = _Timer(result.timings)
    articles = front(inputs, cfg, result, timer)
    with timer.stage("repair"):
        # Boilerplate needs counts over the whole input: this runs once, before the slices.
        works = prepare_blocks(articles, cfg)
    with open_scorers(cfg) as scorers:
        _judge_slices(articles, works, scorers + list(extra_scorers or []), cfg, quiet, parser, keep_parses, result, timer)
    result.articles = articles
    return result


def _judge_slices(articles: list[Article], works: dict[str, list[BlockWork]], scorers: list[Scorer], cfg: Config, quiet: bool,
                  parser: Parser, keep_parses: bool, result: RunResult, timer: _Timer) -> None:
    """Slice by slice, in input order: each slice's parses are freed before the next is parsed, which
    bounds memory. Every step that looks across articles (exact and near duplicates) keeps its
    state from one slice to the next, so the result does not depend on the slice size."""
    exact, near = ExactDups(), NearIndex(cfg.dedup.near_threshold)
    twins: list[Pair] = []
    nears: list[Pair] = []
    sketches: dict[str, Sketch] = {}
    parts = list(slices(articles, works, cfg.executor.slice_blocks))
    for i, part in enumerate(parts):
        part_works = {a.id: works.pop(a.id) for a in part}
        with timer.stage("parse"):
            parse_blocks(part_works, parser, quiet)
            if i + 1 < len(parts):
                # Parser processes parse the next slice while this one is judged here.
                parser.prefetch(to_parse(works[a.id] for a in parts[i + 1])[1])
        with timer.stage("segment"):
            spans = segment(part, part_works, cfg)
        del part_works  # the repair maps and whole-block docs are done with
        with timer.stage("dedup"):
            exact.mark(part)
        twins += judge(part, spans, scorers, cfg, parser.cache, quiet, timer)
        with timer.stage("twins"):
            nears += apply_near(part, near.add(near_records(part, cfg.dedup, i)))
            sketches.update(article_sketches(part, spans, cfg.dedup))
        if keep_parses:
            result.spans.update(spans)
        del spans  # before the next slice is parsed, not after
    with timer.stage("twins"):
        result.pairs = twins + nears + mark_near_dup_articles(articles, sketches, cfg.dedup)


def all_sentences(result: RunResult) -> list[Sentence]:
    return [s for a in result.articles for s in a.sentences]
