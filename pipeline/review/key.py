"""The review key of a sentence: a hash of its article and its normalised text.

Not a row number or a sentence id: those move when anything before them in the input
changes. The key is the first 16 hex digits of

    sha256(article key + "\\0" + normalised text + "\\0" + n)

- article key: the record id (a JSONL record's or Parquet row's id column, `url` by default)
  when the article has one; else its source file and normalised title. Followed by "\\0k",
  where k counts earlier articles of the run with the same key (0 for the first), so two
  copies of an article in one file are told apart.
- normalised text: the sentence's raw text, NFKC, lowercased, whitespace runs made one space.
- n: how many earlier sentences of the article have the same normalised text (0 for the first),
  so a duplicate and its kept copy have different keys.

So a key survives a re-run, a change of config or model, and edits elsewhere in the article;
it changes when the sentence's own words change, or its article's title (or record id).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter

from ..model import Article

KEY_CHARS = 16


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def assign_keys(articles: list[Article]) -> None:
    """Set `Article.key` on every article of the run, in input order (at read, with the ids)."""
    seen: Counter[str] = Counter()
    for art in articles:
        base = art.record or f"{art.source}\0{normalise(art.title)}"
        art.key = f"{base}\0{seen[base]}"
        seen[base] += 1


def sentence_keys(art: Article) -> list[str]:
    """The review key of each of the article's sentences and headings, in `art.sentences` order."""
    seen: Counter[str] = Counter()
    out = []
    for s in art.sentences:
        norm = normalise(s.text)
        out.append(hashlib.sha256(f"{art.key}\0{norm}\0{seen[norm]}".encode("utf-8", "surrogateescape")).hexdigest()[:KEY_CHARS])
        seen[norm] += 1
    return out
