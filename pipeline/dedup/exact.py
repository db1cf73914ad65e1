"""Exact duplicates: a sentence repeated word for word later in the input.

The first copy is kept; later copies are `dup` with a pointer to it. An article
whose opening sentence repeats its own title is also a `dup` (of the title).
Keys ignore case, punctuation and spacing, so re-runs and re-wrapping agree.
"""

from __future__ import annotations

from ..model import Article, Verdict
from ..signals.boilerplate import norm_key

#: Sentences shorter than this are too common to call duplicates ("Relax.").
MIN_WORDS = 4


def mark_exact_dups(articles: list[Article]) -> int:
    first: dict[str, str] = {}
    n = 0
    for art in articles:
        title_key = norm_key(art.title)
        for sent in art.sentences:
            if sent.verdict not in (Verdict.OK, Verdict.HEADING):
                continue
            key = norm_key(sent.cleaned)
            if len(key.split()) < MIN_WORDS:
                continue
            if key == title_key and art.title_line is not None:
                sent.drop(Verdict.DUP, "repeats_title", twin_of=f"{art.id}:title")
                n += 1
            elif key in first and not sent.is_heading:
                sent.drop(Verdict.DUP, "exact_dup", twin_of=first[key])
                n += 1
            else:
                first.setdefault(key, sent.id)
    return n
