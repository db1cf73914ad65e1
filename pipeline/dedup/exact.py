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


#: Not dropped by any stage yet. Keys are built from every sentence a scraped line holds, dropped by a
#: later stage or not, so a second pass sees what the first saw and changes nothing (idempotent).
_OPEN = (Verdict.OK, Verdict.GARBLED, Verdict.HEADING)


def _drop(sents: list[Sentence], reason: str, twin_of: str) -> int:
    todo = [s for s in sents if s.verdict in _OPEN]
    for s in todo:
        s.drop(Verdict.DUP, reason, twin_of=twin_of)
    return len(todo)


class ExactDups:
    """First copies seen so far: feed it the input in order, in as many slices as you like."""

    def __init__(self) -> None:
        self.first: dict[str, str] = {}

    def mark(self, articles: list[Article]) -> int:
        first = self.first
        n = 0
        for art in articles:
            title_key = norm_key(art.title)
            for _, group in groupby(art.sentences, key=lambda s: s.block_index):
                group = [s for s in group if s.verdict is not Verdict.BOILERPLATE]
                if art.title_line is not None and len(title_key.split()) >= MIN_LINE_WORDS and norm_key(" ".join(s.cleaned for s in group)) == title_key:
                    # the title repeated right under itself, as a heading or as text
                    n += _drop(group, "repeats_title", f"{art.id}:title")
                    continue
                block = [s for s in group if not s.is_heading]
                if not block:
                    continue
                line_key = norm_key(" ".join(s.cleaned for s in block))
                if len(line_key.split()) >= MIN_LINE_WORDS and line_key in first:
                    n += _drop(block, "exact_dup", first[line_key])
                    continue
                first.setdefault(line_key, block[0].id)
                for s in block:
                    key = norm_key(s.cleaned)
                    if len(key.split()) < MIN_SENTENCE_WORDS:
                        continue
                    if key in first and first[key] != block[0].id:
                        n += _drop([s], "exact_dup", first[key])
                    else:
                        first.setdefault(key, s.id)
        return n


def mark_exact_dups(articles: list[Article]) -> int:
    return ExactDups().mark(articles)
