"""LanguageTool for the pipeline: a local server's lifecycle, batched checks, a result cache.

    with grammar_scorers(cfg, cache_dir=Path(".cache/pipeline")) as scorers:   # [] when disabled
        signals = scorers[0].score_many(items) if scorers else []

or, without the scorer:

    with LanguageToolServer(cfg.languagetool, lazy=True) as server:
        results = Checker(server, cfg.languagetool, GrammarCache(dir)).check_texts(texts)
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..config import Config
from ..signals.base import Scorer
from ..signals.grammar import LanguageToolScorer
from .cache import DEFAULT_CACHE_DIR, GrammarCache
from .check import Checker, Match
from .server import LanguageToolServer

__all__ = ["DEFAULT_CACHE_DIR", "Checker", "GrammarCache", "LanguageToolScorer", "LanguageToolServer", "Match",
           "grammar_scorers", "open_cache"]

log = logging.getLogger("pipeline.grammar")


def open_cache(cache_dir: Path | None) -> GrammarCache | None:
    """The result cache, or None when it is off or cannot be opened (the run goes on uncached)."""
    if cache_dir is None:
        return None
    try:
        return GrammarCache(Path(cache_dir))
    except (OSError, sqlite3.Error) as exc:
        log.warning("grammar cache in %s unusable, running without it: %s", cache_dir, exc)
        return None


@contextmanager
def grammar_scorers(cfg: Config, cache_dir: Path | None = DEFAULT_CACHE_DIR) -> Iterator[list[Scorer]]:
    """Start LanguageTool for the run and yield [LanguageToolScorer]; [] when languagetool.enabled is false.

    cache_dir=None turns the result cache off. The server stops when the block exits, however it exits.
    Raises DependencyError (one line, says to run `make setup`) when the jars or Java are missing.
    """
    if not cfg.languagetool.enabled or LanguageToolScorer.name not in cfg.garble.signals:
        yield []
        return
    cache = open_cache(cache_dir)
    try:
        with LanguageToolServer(cfg.languagetool, lazy=True) as server:
            yield [LanguageToolScorer(Checker(server, cfg.languagetool, cache))]
    finally:
        if cache is not None:
            cache.close()
