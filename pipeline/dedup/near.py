"""Near-duplicates across the whole input, with MinHash LSH (datasketch).

Sentences: word n-gram shingles of the normalised text; a later sentence whose
estimated Jaccard with an earlier kept one passes the threshold is a `dup`.
Articles: content-lemma sets; a near-duplicate article (the same source
translated twice) is marked in articles.csv with its twin, not dropped.
Input order decides which copy is first, and MinHash is seeded, so every run
keeps the same copies.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from datasketch import MinHash, MinHashLSH

from ..config import DedupConfig
from ..errors import ConfigError
from ..model import Article, Pair, Verdict
from .features import jaccard
from .twins import content_lemmas

if TYPE_CHECKING:
    from spacy.tokens import Span

_NON_ALNUM = re.compile(r"[^\w]+|_")


def normalise(text: str, how: str) -> list[str]:
    if how != "nfkc-lower-alnum":
        raise ConfigError(f"dedup.normalise must be 'nfkc-lower-alnum', got {how!r}")
    return _NON_ALNUM.sub(" ", unicodedata.normalize("NFKC", text).lower()).split()


def _minhash(tokens: set[str], cfg: DedupConfig) -> MinHash:
    m = MinHash(num_perm=cfg.num_perm, seed=cfg.seed)
    m.update_batch(sorted(t.encode("utf-8") for t in tokens))
    return m


def _shingles(words: list[str], n: int) -> set[str]:
    return {" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}


def mark_near_dups(articles: list[Article], cfg: DedupConfig) -> list[Pair]:
    lsh = MinHashLSH(threshold=cfg.near_threshold, num_perm=cfg.num_perm)
    kept: dict[str, set[str]] = {}
    order: dict[str, int] = {}
    pairs: list[Pair] = []
    for art in articles:
        for s in art.sentences:
            words = normalise(s.cleaned, cfg.normalise)
            if s.is_heading or s.verdict not in (Verdict.OK, Verdict.GARBLED) or len(words) < cfg.near_min_words:
                continue
            sh = _shingles(words, cfg.shingle)
            m = _minhash(sh, cfg)
            hits = [h for h in lsh.query(m) if jaccard(sh, kept[h]) >= cfg.near_threshold]
            if hits:
                first = min(hits, key=order.__getitem__)
                sim = jaccard(sh, kept[first])
                s.drop(Verdict.DUP, "near_dup", twin_of=first)
                pairs.append(Pair("near_dup", first, s.id, round(sim, 4), "the earlier copy is kept"))
                continue
            order[s.id] = len(order)
            kept[s.id] = sh
            lsh.insert(s.id, m)
    return pairs


def mark_near_dup_articles(articles: list[Article], spans: dict[str, Span], cfg: DedupConfig) -> list[Pair]:
    """Articles saying the same thing (even in another translation): lemma-set MinHash."""
    lsh = MinHashLSH(threshold=cfg.article_threshold, num_perm=cfg.num_perm)
    sets: dict[str, frozenset[str]] = {}
    order: dict[str, int] = {}
    pairs: list[Pair] = []
    for art in articles:
        lemmas = content_lemmas([spans.get(s.id) for s in art.sentences])
        if len(lemmas) < 20:
            continue
        m = _minhash(set(lemmas), cfg)
        hits = [h for h in lsh.query(m) if jaccard(set(lemmas), set(sets[h])) >= cfg.article_threshold]
        if hits:
            first = min(hits, key=lambda h: order[h])
            art.near_dup_of = first
            pairs.append(Pair("near_dup_article", first, art.id, round(jaccard(set(lemmas), set(sets[first])), 4), "the earlier article is kept"))
        sets[art.id] = lemmas
        order[art.id] = len(order)
        lsh.insert(art.id, m)
    return pairs
