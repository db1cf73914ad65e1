"""Exact duplicates: a line, or a long sentence, repeated word for word later in the input.

The first copy is kept; later copies are `dup` with a pointer to it. An article
whose opening sentence repeats its own title is also a `dup` (of the title).
Keys ignore case, punctuation and spacing, so re-runs and re-wrapping agree.

Short sentences inside a longer line are not compared: exercise steps share
instructions ("Relax, switch sides and repeat.") and each step needs them.
"""

from __future__ import annotations

from itertools import groupby

from ..model import Article, Sentence, Verdict
from ..signals.boilerplate import norm_key

#: A whole line shorter than this is too common to call a duplicate ("Relax.").
MIN_LINE_WORDS = 4
#: A sentence inside a longer line must be this long to count on its own.
MIN_SENTENCE_WORDS = 12


def _live(s: Sentence) -> bool:
    return s.verdict in (Verdict.OK, Verdict.HEADING) and not s.is_heading


def mark_exact_dups(articles: list[Article]) -> int:
    first: dict[str, str] = {}
    n = 0
    for art in articles:
        title_key = norm_key(art.title)
        for _, group in groupby(art.sentences, key=lambda s: s.block_index):
            group = [s for s in group if s.verdict in (Verdict.OK, Verdict.HEADING)]
            if art.title_line is not None and len(title_key.split()) >= MIN_LINE_WORDS and norm_key(" ".join(s.cleaned for s in group)) == title_key:
                for s in group:  # the title repeated right under itself, as a heading or as text
                    s.drop(Verdict.DUP, "repeats_title", twin_of=f"{art.id}:title")
                n += len(group)
                continue
            block = [s for s in group if _live(s)]
            if not block:
                continue
            line_key = norm_key(" ".join(s.cleaned for s in block))
            if len(line_key.split()) >= MIN_LINE_WORDS and line_key in first:
                for s in block:
                    s.drop(Verdict.DUP, "exact_dup", twin_of=first[line_key])
                n += len(block)
                continue
            first.setdefault(line_key, block[0].id)
            for s in block:
                key = norm_key(s.cleaned)
                if len(key.split()) < MIN_SENTENCE_WORDS:
                    continue
                if key in first and first[key] != block[0].id:
                    s.drop(Verdict.DUP, "exact_dup", twin_of=first[key])
                    n += 1
                else:
                    first.setdefault(key, s.id)
    return n
