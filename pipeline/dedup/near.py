"""Near-duplicates across the whole input, with MinHash LSH (datasketch).

Sentences: word n-gram shingles of the normalised text; a later sentence whose
estimated Jaccard with an earlier kept one passes the threshold is a `dup`.
Articles: content-lemma sets; a near-duplicate article (the same source
translated twice) is marked in articles.csv with its twin, not dropped.
Input order decides which copy is first, and MinHash is seeded, so every run
keeps the same copies.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from datasketch import LeanMinHash, MinHash, MinHashLSH

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


def _h64(data: bytes) -> int:
    # Stable across processes (Dask moves records between them), unlike hash().
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


@dataclass(frozen=True, slots=True)
class NearRecord:
    """One sentence as the near-duplicate search sees it; `order` sorts records into input order.

    Packed small, because the search keeps one per kept sentence for the whole run: shingles
    as sorted 64-bit hashes, each band as a 64-bit hash of its rows. A collision of either
    is a 2**-64 event, so Jaccard values and buckets are those of the strings."""

    order: tuple[int, int]
    sid: str
    shingles: bytes
    bands: tuple[int, ...]  # one LSH bucket key per band

    def shingle_set(self) -> set[int]:
        return set(memoryview(self.shingles).cast("Q"))


def near_record(order: tuple[int, int], sid: str, shingles: set[str], cfg: DedupConfig) -> NearRecord:
    hv = _minhash(shingles, cfg).hashvalues
    packed = array("Q", sorted({_h64(t.encode("utf-8")) for t in shingles})).tobytes()
    return NearRecord(order, sid, packed, tuple(_h64(hv[a:b].tobytes()) for a, b in band_ranges(cfg.near_threshold, cfg.num_perm)))


@lru_cache(maxsize=8)
def band_ranges(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    # datasketch's own choice of bands and rows, so buckets match what MinHashLSH would use.
    return tuple(MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges)


def near_records(articles: list[Article], cfg: DedupConfig, part: int = 0) -> list[NearRecord]:
    """Records for the sentences the search compares: live, not headings, long enough."""
    out: list[NearRecord] = []
    for art in articles:
        for s in art.sentences:
            words = normalise(s.cleaned, cfg.normalise)
            if s.is_heading or s.verdict not in (Verdict.OK, Verdict.GARBLED) or len(words) < cfg.near_min_words:
                continue
            out.append(near_record((part, len(out)), s.id, _shingles(words, cfg.shingle), cfg))
    return out


class NearIndex:
    """Kept sentences by band bucket. Records must arrive in input order, in any number of slices.

    A record is compared with the earlier *kept* records sharing a band bucket, as a
    MinHash LSH index of kept sentences would; so records that share no bucket,
    directly or through others, never affect each other, and each connected group
    can be resolved on its own (the Dask executor does that).
    """

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        # One dict per band. A bucket holds a record, or a list once a second one arrives:
        # most buckets never get a second, and a list per bucket would double the index.
        self.buckets: list[dict[int, NearRecord | list[NearRecord]]] = []

    def _bucket(self, band: int, key: int) -> list[NearRecord]:
        held = self.buckets[band].get(key, [])
        return held if isinstance(held, list) else [held]

    def add(self, records: list[NearRecord]) -> list[tuple[tuple[int, int], str, str, float]]:
        """(order, kept id, dropped id, Jaccard) for every record that copies an earlier kept one."""
        found = []
        for rec in sorted(records, key=lambda r: r.order):
            while len(self.buckets) < len(rec.bands):
                self.buckets.append({})
            near = {h.sid: h for i, k in enumerate(rec.bands) for h in self._bucket(i, k)}
            if near:
                mine = rec.shingle_set()
                sims = {sid: jaccard(mine, h.shingle_set()) for sid, h in near.items()}
                hits = [h for h in near.values() if sims[h.sid] >= self.threshold]
                if hits:
                    first = min(hits, key=lambda h: h.order)
                    found.append((rec.order, first.sid, rec.sid, round(sims[first.sid], 4)))
                    continue
            for i, k in enumerate(rec.bands):
                held = self.buckets[i].setdefault(k, rec)
                if held is not rec:
                    if isinstance(held, list):
                        held.append(rec)
                    else:
                        self.buckets[i][k] = [held, rec]
        return found


def resolve_near(records: list[NearRecord], threshold: float) -> list[tuple[tuple[int, int], str, str, float]]:
    return NearIndex(threshold).add(records)


def apply_near(articles: list[Article], found: list[tuple[tuple[int, int], str, str, float]]) -> list[Pair]:
    by_id = {s.id: s for a in articles for s in a.sentences}
    pairs = []
    for _, first, sid, sim in sorted(found):
        by_id[sid].drop(Verdict.DUP, "near_dup", twin_of=first)
        pairs.append(Pair("near_dup", first, sid, sim, "the earlier copy is kept"))
    return pairs


def mark_near_dups(articles: list[Article], cfg: DedupConfig) -> list[Pair]:
    return apply_near(articles, resolve_near(near_records(articles, cfg), cfg.near_threshold))


# An article with fewer content lemmas says too little to call it a copy of another.
MIN_ARTICLE_LEMMAS = 20

Sketch = tuple[frozenset[str], "LeanMinHash | None"]  # an article's content lemmas, and their MinHash if there are enough


def article_sketches(articles: list[Article], spans: dict[str, Span], cfg: DedupConfig) -> dict[str, Sketch]:
    """All the article near-dup search needs from the parse. Made next to the parses (on a Dask
    worker, in parallel), so the global search is only LSH lookups."""
    out: dict[str, Sketch] = {}
    for art in articles:
        words = content_lemmas([spans.get(s.id) for s in art.sentences])
        out[art.id] = (words, LeanMinHash(_minhash(set(words), cfg)) if len(words) >= MIN_ARTICLE_LEMMAS else None)
    return out


def mark_near_dup_articles(articles: list[Article], sketches: dict[str, Sketch], cfg: DedupConfig) -> list[Pair]:
    """Articles saying the same thing (even in another translation): lemma-set MinHash."""
    lsh = MinHashLSH(threshold=cfg.article_threshold, num_perm=cfg.num_perm)
    sets: dict[str, frozenset[str]] = {}
    order: dict[str, int] = {}
    pairs: list[Pair] = []
    for art in articles:
        words, m = sketches[art.id]
        if m is None:
            continue
        # The earliest candidate that passes is kept; a copy-heavy input has hundreds of candidates
        # per article, so stop at the first rather than comparing with all.
        first = next((h for h in sorted(lsh.query(m), key=order.__getitem__) if jaccard(words, sets[h]) >= cfg.article_threshold), None)
        if first is not None:
            art.near_dup_of = first
            pairs.append(Pair("near_dup_article", first, art.id, round(jaccard(words, sets[first]), 4), "the earlier article is kept"))
        sets[art.id] = words
        order[art.id] = len(order)
        lsh.insert(art.id, m)
    return pairs
