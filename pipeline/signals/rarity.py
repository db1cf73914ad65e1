"""How rare a sentence's words are in English (wordfreq's unigram frequencies).

Cheap stand-ins for what the language model measures: rare words are much of what surprises it.
With them the cascade's student (pipeline/cascade.py) predicts the model's value better and sends
fewer sentences to it: on the fit's tables with the weights as they were, at 98% of the verdicts
kept, 25% of MLQE-PE dev went on instead of 29%, 31% of the sample instead of 41% and 27% of the
sites' sentences instead of 35% (scripts/fit_garble.py fits the student). Their own weights in
garble_score were fitted to 0: rare words are also what fluent medical text is made of.
Both are 0..1, higher = rarer; a word wordfreq does not know has zipf 0.
"""

from __future__ import annotations

import re

from ..model import Signal
from .base import Item, Scorer
from .lexical import zipf

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_TOP = 7.0  # zipf of the commonest English words ("the" is 7.7)


def _rarities(text: str) -> list[float]:
    return [max(0.0, _TOP - zipf(w)) / _TOP for w in _WORD.findall(text)]


class WordRarity(Scorer):
    name = "word_rarity_v1"
    reason = "rare_words"
    doc = "Mean rarity of the words, (7 - zipf) / 7: 0.3 for everyday prose, higher for jargon and garble."

    def score(self, item: Item) -> Signal:
        r = _rarities(item.sentence.cleaned)
        return self.signal(sum(r) / len(r) if r else 0.0)


class RarestWord(Scorer):
    name = "rarest_word_v1"
    reason = "rare_words"
    doc = "Rarity of the rarest word, (7 - zipf) / 7; 1 for a word wordfreq does not know."

    def score(self, item: Item) -> Signal:
        words = _WORD.findall(item.sentence.cleaned)
        if not words:
            return self.signal(0.0)
        rarest = min(words, key=zipf)
        return self.signal(max(0.0, _TOP - zipf(rarest)) / _TOP, rarest)
