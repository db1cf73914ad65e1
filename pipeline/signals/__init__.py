"""Garble signals: one small scorer class per signal, chosen by name in config.

`garble.signals` lists the scorers to run; the LanguageTool scorer needs a
server and is built by `pipeline.grammar` instead of here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from ..config import Config
from ..errors import ConfigError
from .base import Scorer

#: Signals built outside this registry (they need a running service).
EXTERNAL = {"languagetool_v1"}


def _registry(cfg: Config) -> dict[str, Callable[[], Scorer]]:
    from . import fluency, harper, lexical, phrasing, rarity, structure, translationese, words

    return {
        "oov_rate_v1": lambda: lexical.OovRate(cfg.garble.min_zipf),
        "glued_tokens_v1": lexical.GluedTokens,
        "leading_punct_v1": lexical.LeadingPunct,
        "repairs_v1": lexical.RepairCount,
        "cjk_residue_v1": lexical.CjkResidue,
        "repeated_words_v1": lexical.RepeatedWords,
        "no_verb_v1": lexical.NoVerb,
        "lowercase_start_v1": lexical.LowercaseStart,
        "unbalanced_v1": lexical.Unbalanced,
        "word_rarity_v1": rarity.WordRarity,
        "rarest_word_v1": rarity.RarestWord,
        "length_v1": structure.Length,
        "unfinished_v1": structure.Unfinished,
        "odd_parse_v1": structure.OddParse,
        "harper_v1": harper.HarperLints,
        "translationese_v1": translationese.Translationese,
        "phrasing_v1": phrasing.Phrasing,
        "bad_words_v1": words.BadWords,
        "lm_fluency_v1": lambda: fluency.LmFluency(cfg.cache.folder, cfg.garble.lm_threads, cfg.model.lm, Path(cfg.model.lm_dir),
                                                   cfg.garble.lm_timeout_s),
    }


def known_signals(cfg: Config) -> list[str]:
    return sorted(set(_registry(cfg)) | EXTERNAL)


def build_scorers(cfg: Config) -> list[Scorer]:
    """The configured local scorers, in config order."""
    reg = _registry(cfg)
    unknown = [n for n in cfg.garble.signals if n not in reg and n not in EXTERNAL]
    if unknown:
        raise ConfigError(f"unknown garble.signals {unknown} (known: {', '.join(known_signals(cfg))})")
    return [reg[n]() for n in cfg.garble.signals if n in reg]


@contextmanager
def open_scorers(cfg: Config) -> Iterator[list[Scorer]]:
    """build_scorers(cfg), closed however the block exits: the language model's process stops with it."""
    scorers = build_scorers(cfg)
    try:
        yield scorers
    finally:
        for scorer in scorers:
            scorer.close()
