"""Signals from sentence structure: length, endings and the shape of the parse.

Machine translation breaks structure before it breaks spelling: long run-on
sentences, lines cut off mid-word by the scraper, and parses the model cannot
attach (spaCy's catch-all `dep` label).
"""

from __future__ import annotations

import re

from ..model import Signal
from .base import Item, Scorer

_END = re.compile(r"[.!?…:;。！？][\"'”’)\]]*\s*$|[\"'”’)]\s*$")
_WORD = re.compile(r"[^\W_]+")


class Length(Scorer):
    name = "length_v1"
    reason = "long_sentence"
    doc = "Words beyond 20, over 40 (0 at 20 words, 1 at 60): long MT sentences are rated worse."

    def score(self, item: Item) -> Signal:
        n = len(_WORD.findall(item.sentence.cleaned))
        return self.signal((n - 20) / 40, f"{n} words") if n > 20 and not item.sentence.is_heading else self.signal(0.0)


class Unfinished(Scorer):
    name = "unfinished_v1"
    reason = "unfinished"
    doc = "A body sentence of 6+ words that does not end in sentence punctuation (cut off or run on); 1 or 0."

    def score(self, item: Item) -> Signal:
        s = item.sentence
        text = s.cleaned.strip()
        if s.is_heading or len(_WORD.findall(text)) < 6 or _END.search(text):
            return self.signal(0.0)
        tail = text.rsplit(" ", 1)[-1]
        return self.signal(1.0, f"ends with {tail!r}", [(len(text) - len(tail), len(text))])


class OddParse(Scorer):
    name = "odd_parse_v1"
    reason = "odd_parse"
    doc = "Share of words the parser could not attach (dep label 'dep') or left as fragments, x4."

    def score(self, item: Item) -> Signal:
        span = item.span
        if span is None or item.sentence.is_heading:
            return self.signal(0.0)
        words = [t for t in span if not t.is_punct and not t.is_space]
        odd = [t for t in words if t.dep_ in ("dep", "meta")]
        if len(words) < 4 or not odd:
            return self.signal(0.0)
        base = span.start_char
        return self.signal(4 * len(odd) / len(words), ", ".join(t.text for t in odd[:5]),
                           [(t.idx - base, t.idx - base + len(t.text)) for t in odd])
