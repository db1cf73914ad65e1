"""Exact duplicates: a line, or a long sentence, repeated word for word later in the input.

The first copy is kept; later copies are `dup` with a pointer to it. An article
whose opening sentence repeats its own title is also a `dup` (of the title), and so is a heading of
four words or more that repeats an earlier heading of its article.
Keys ignore case, punctuation and spacing, so re-runs and re-wrapping agree.

Short sentences inside a longer line are not compared: exercise steps share
instructions ("Relax, switch sides and repeat.") and each step needs them.
"""

from __future__ import annotations

from itertools import groupby
from typing import NamedTuple

from ..model import Article, Verdict
from ..signals.boilerplate import norm_key

#: A whole line shorter than this is too common to call a duplicate ("Relax.").
MIN_LINE_WORDS = 4
#: A sentence inside a longer line must be this long to count on its own.
MIN_SENTENCE_WORDS = 12


#: Not dropped by any stage yet. Keys are built from every sentence a scraped line holds, dropped by a
#: later stage or not, so a second pass sees what the first saw and changes nothing (idempotent).
_OPEN = (Verdict.OK, Verdict.GARBLED, Verdict.HEADING)


class LineKeys(NamedTuple):
    """One scraped line as the exact-duplicate walk sees it."""

    ids: tuple[str, ...]  # its sentences (headings left out unless it repeats the title or a heading)
    key: str  # the whole line's key
    sentences: tuple[tuple[str, str], ...]  # (id, key) of its sentences long enough to count alone
    repeats: str = ""  # "<article id>:title" when the line is the title again, or the heading it repeats
    reason: str = ""  # repeats_title | repeats_heading


#: (sentence ids, reason, id of the copy that is kept)
Drop = tuple[tuple[str, ...], str, str]


class ExactDups:
    """First copies seen so far: feed it the input in order, in as many slices as you like.

    Two halves, so a cluster can split them: `line_keys` needs only one article at a time (a
    worker runs it next to the parses); `resolve` walks every line's keys in input order (one
    place, small data). `mark` does both here."""

    def __init__(self) -> None:
        self.first: dict[str, str] = {}

    def mark(self, articles: list[Article]) -> int:
        return apply_drops(articles, self.resolve(line_keys(articles)))

    def resolve(self, lines: list[LineKeys]) -> list[Drop]:
        first = self.first
        drops: list[Drop] = []
        for ln in lines:
            if ln.repeats:
                drops.append((ln.ids, ln.reason, ln.repeats))
                continue
            if len(ln.key.split()) >= MIN_LINE_WORDS and ln.key in first:
                drops.append((ln.ids, "exact_dup", first[ln.key]))
                continue
            first.setdefault(ln.key, ln.ids[0])
            for sid, key in ln.sentences:
                if key in first and first[key] != ln.ids[0]:
                    drops.append(((sid,), "exact_dup", first[key]))
                else:
                    first.setdefault(key, sid)
        return drops


def line_keys(articles: list[Article]) -> list[LineKeys]:
    out: list[LineKeys] = []
    for art in articles:
        title_key = norm_key(art.title)
        headings: dict[str, str] = {}
        for _, group in groupby(art.sentences, key=lambda s: s.block_index):
            group = [s for s in group if s.verdict is not Verdict.BOILERPLATE]
            key = norm_key(" ".join(s.cleaned for s in group))
            if art.title_line is not None and len(title_key.split()) >= MIN_LINE_WORDS and key == title_key:
                # the title repeated under itself, as a heading or as text
                out.append(LineKeys(tuple(s.id for s in group), "", (), f"{art.id}:title", "repeats_title"))
                continue
            if group and all(s.is_heading for s in group) and len(key.split()) >= MIN_LINE_WORDS:
                # A page template prints the headline again above the text ("Never mind its shocking
                # taste …" over the byline and under it); a short heading may recur ("Method").
                if key in headings:
                    out.append(LineKeys(tuple(s.id for s in group), "", (), headings[key], "repeats_heading"))
                    continue
                headings[key] = group[0].id
            block = [s for s in group if not s.is_heading]
            if not block:
                continue
            keys = ((s.id, norm_key(s.cleaned)) for s in block)
            line = key if len(block) == len(group) else norm_key(" ".join(s.cleaned for s in block))  # a heading's label left out
            out.append(LineKeys(tuple(s.id for s in block), line,
                                tuple((sid, k) for sid, k in keys if len(k.split()) >= MIN_SENTENCE_WORDS)))
    return out


def apply_drops(articles: list[Article], drops: list[Drop]) -> int:
    """Mark the dropped sentences `dup`; those another stage already dropped keep their verdict."""
    by_id = {s.id: s for a in articles for s in a.sentences}
    n = 0
    for ids, reason, twin_of in drops:
        for sid in ids:
            s = by_id[sid]
            if s.verdict in _OPEN:
                s.drop(Verdict.DUP, reason, twin_of=twin_of)
                n += 1
    return n


def mark_exact_dups(articles: list[Article]) -> int:
    return ExactDups().mark(articles)
