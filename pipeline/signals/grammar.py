"""LanguageTool matches as a garble signal, weighted by category and normalised per word.

value = min(1, SCALE * weighted_matches / words), 0..1, higher = more garbled. With SCALE 3, one
grammar error in a 15-word sentence gives 0.2, and one error every 3 words saturates at 1.
Whitespace rules are off (the repair stage owns spacing); typography and style weigh little,
since fluent human English trips them too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from ..model import Signal
from .base import Item, Scorer

if TYPE_CHECKING:
    from ..grammar.check import Checker, Match

SCALE = 3.0
_WORD = re.compile(r"\w+(?:['’]\w+)?")

# Category id -> weight. Unlisted categories weigh DEFAULT_WEIGHT.
WEIGHTS: dict[str, float] = {
    "TYPOS": 1.0, "GRAMMAR": 1.0, "CONFUSED_WORDS": 1.0,
    "COLLOCATIONS": 0.7, "SEMANTICS": 0.7, "NONSTANDARD_PHRASES": 0.7, "COMPOUNDING": 0.5, "REPETITIONS": 0.5,
    "PUNCTUATION": 0.3, "CASING": 0.3,
    "TYPOGRAPHY": 0.1, "STYLE": 0.1, "REDUNDANCY": 0.1, "PLAIN_ENGLISH": 0.1, "AMERICAN_ENGLISH_STYLE": 0.0,
    "BRITISH_ENGLISH": 0.0,
}
DEFAULT_WEIGHT = 0.3

# Reason code by category: the group with the largest weighted share names the signal.
REASONS: dict[str, str] = {"TYPOS": "spelling_errors", "PUNCTUATION": "style_errors", "CASING": "style_errors",
                           "TYPOGRAPHY": "style_errors", "STYLE": "style_errors", "REDUNDANCY": "style_errors",
                           "PLAIN_ENGLISH": "style_errors"}
DEFAULT_REASON = "grammar_errors"  # GRAMMAR, CONFUSED_WORDS, COLLOCATIONS, SEMANTICS, …

Span = tuple[int, int, str]  # (start, end) in sentence.cleaned, and "CATEGORY:RULE_ID"


class LanguageToolScorer(Scorer):
    name = "languagetool_v1"
    reason = DEFAULT_REASON
    doc = "LanguageTool matches per word, weighted by category (grammar/typos 1, punctuation 0.3, style 0.1), x3."

    def __init__(self, checker: Checker) -> None:
        self.checker = checker
        # sentence id -> match spans, for a report that highlights them.
        self.spans: dict[str, list[Span]] = {}

    @property
    def cache_tag(self) -> str:
        # The rules switched off are code, not config: a change to them must not reuse old values.
        return self.checker.rules

    def score(self, item: Item) -> Signal:
        return self.score_many([item])[0]

    def score_many(self, items: list[Item]) -> list[Signal]:
        # Headings are judged by their own stage; checking them would only cost time.
        todo = [it for it in items if not it.sentence.is_heading]
        found = dict(zip((id(it) for it in todo), self.checker.check_texts([it.sentence.cleaned for it in todo])))
        return [self._signal(it, found[id(it)]) if id(it) in found else self.signal(0.0) for it in items]

    def _signal(self, item: Item, matches: list[Match] | None) -> Signal:
        if matches is None:  # the server could not check it: no evidence either way
            return Signal(self.name, 0.0, None, "unchecked")
        text = item.sentence.cleaned
        self.spans[item.sentence.id] = [(m.offset, m.offset + m.length, f"{m.category}:{m.rule_id}") for m in matches]
        by_reason: dict[str, float] = defaultdict(float)
        for m in matches:
            by_reason[REASONS.get(m.category, DEFAULT_REASON)] += WEIGHTS.get(m.category, DEFAULT_WEIGHT)
        weighted = sum(by_reason.values())
        spans = [(a, b) for a, b, _ in self.spans[item.sentence.id]]
        if weighted <= 0:
            return Signal(self.name, 0.0, None, _detail(text, matches), spans)
        words = max(1, len(_WORD.findall(text)))
        value = min(1.0, round(SCALE * weighted / words, 4))
        reason = max(by_reason.items(), key=lambda kv: (kv[1], kv[0]))[0]
        return Signal(self.name, value, reason, _detail(text, matches), spans)


def _detail(text: str, matches: list[Match], limit: int = 5) -> str:
    """`GRAMMAR:HE_VERB_AGR 'he go' → 'he goes'; …`, heaviest categories first."""
    ranked = sorted(matches, key=lambda m: (-WEIGHTS.get(m.category, DEFAULT_WEIGHT), m.offset))
    parts = []
    for m in ranked[:limit]:
        seen = text[m.offset : m.offset + m.length]
        fix = f" → '{m.replacements[0]}'" if m.replacements else ""
        parts.append(f"{m.category}:{m.rule_id} '{seen}'{fix}")
    more = f"; +{len(matches) - limit} more" if len(matches) > limit else ""
    return "; ".join(parts) + more
