"""Cheap garble signals from the surface of a sentence (wordfreq, regexes, spaCy tags).

Each is 0..1, higher = more garbled. They read `sentence.cleaned` (and the repairs
recorded for it); none changes text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

from ..model import Signal
from .base import Item, Scorer

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: Letters of Chinese, Japanese and Korean script: a line with them is no English heading, and with a
#: part of speech it is a vocabulary entry (segment.headings, boilerplate).
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_CAMEL = re.compile(r"\b[a-z]{2,}[A-Z][a-z]+\b")
_REPEAT = re.compile(r"\b(\w+)\s+\1\b", re.I)
# Doubled words that English allows ("had had", "that that").
_OK_DOUBLES = {"had", "that", "is", "do", "very", "no", "bye", "ha", "so", "really", "many", "far", "more", "again", "long", "knock"}


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    return zipf_frequency(word.lower(), "en")


class OovRate(Scorer):
    name = "oov_rate_v1"
    reason = "unknown_words"
    doc = "Share of words (not names) unknown to wordfreq, x2.5, fires from 2 unknown words."

    def __init__(self, min_zipf: float = 1.0) -> None:
        self.min_zipf = min_zipf

    def score(self, item: Item) -> Signal:
        if item.span is not None:
            words = [t.text for t in item.span if t.is_alpha and t.pos_ != "PROPN" and len(t.text) > 2]
        else:
            words = [w for w in _WORD.findall(item.sentence.cleaned) if len(w) > 2 and not w[0].isupper()]
        unknown = [w for w in words if zipf(w) < self.min_zipf]
        if len(unknown) < 2 or not words:
            return self.signal(0.0)
        return self.signal(2.5 * len(unknown) / len(words), ", ".join(unknown[:5]))


class GluedTokens(Scorer):
    name = "glued_tokens_v1"
    reason = "glued_words"
    doc = "Glued words: repaired at a link boundary or still camel-joined; 0.5 per token."

    def score(self, item: Item) -> Signal:
        s = item.sentence
        repaired = [r.before for r in s.repairs if r.fixer == "glued_words"]
        left = [m.group() for m in _CAMEL.finditer(s.cleaned)]
        n = len(repaired) + len(left)
        return self.signal(0.5 * n, ", ".join((repaired + left)[:5]))


class LeadingPunct(Scorer):
    name = "leading_punct_v1"
    reason = "leading_punct"
    doc = "The raw sentence began with stray punctuation left from list markup (1 or 0)."

    def score(self, item: Item) -> Signal:
        hit = [r.before for r in item.sentence.repairs if r.fixer == "leading_punct"]
        return self.signal(1.0 if hit else 0.0, "".join(hit)[:10])


class RepairCount(Scorer):
    name = "repairs_v1"
    reason = "needed_repairs"
    doc = "Scraping damage repaired inside the sentence (missing spaces, spacing, mojibake); 1/3 per repair."

    _COUNTED = {"missing_space", "space_before_punct", "mojibake", "spaced_hyphen"}

    def score(self, item: Item) -> Signal:
        fixed = [r for r in item.sentence.repairs if r.fixer in self._COUNTED]
        return self.signal(len(fixed) / 3, ", ".join(sorted({r.fixer for r in fixed})))


class CjkResidue(Scorer):
    name = "cjk_residue_v1"
    reason = "cjk_residue"
    doc = "Share of CJK characters among letters in English text, x5."

    def score(self, item: Item) -> Signal:
        text = item.sentence.cleaned
        cjk = _CJK.findall(text)
        if not cjk:
            return self.signal(0.0)
        letters = sum(ch.isalpha() for ch in text) or 1
        return self.signal(5 * len(cjk) / letters, "".join(cjk[:10]))


class RepeatedWords(Scorer):
    name = "repeated_words_v1"
    reason = "repeated_words"
    doc = "Immediately repeated words ('back back') and repeated word trigrams; 0.5 each."

    def score(self, item: Item) -> Signal:
        text = item.sentence.cleaned
        doubles = [m.group(1) for m in _REPEAT.finditer(text) if m.group(1).lower() not in _OK_DOUBLES and not m.group(1).isdigit()]
        words = [w.lower() for w in _WORD.findall(text)]
        grams = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
        repeated = len(grams) - len(set(grams))
        return self.signal(0.5 * (len(doubles) + repeated), ", ".join(doubles[:3]))


class NoVerb(Scorer):
    name = "no_verb_v1"
    reason = "no_verb"
    doc = "A body sentence of 6+ words with no verb or auxiliary (a fragment); 1 or 0."

    def score(self, item: Item) -> Signal:
        span = item.span
        if span is None or item.sentence.is_heading:
            return self.signal(0.0)
        words = [t for t in span if t.is_alpha]
        if len(words) < 6:
            return self.signal(0.0)
        return self.signal(0.0 if any(t.pos_ in ("VERB", "AUX") for t in span) else 1.0)


class LowercaseStart(Scorer):
    name = "lowercase_start_v1"
    reason = "lowercase_start"
    doc = "A body sentence that starts with a lowercase letter; 1 or 0."

    def score(self, item: Item) -> Signal:
        text = item.sentence.cleaned.lstrip("\"'“‘(")
        bad = bool(text) and text[0].islower() and not item.sentence.is_heading
        return self.signal(1.0 if bad else 0.0)


class Unbalanced(Scorer):
    name = "unbalanced_v1"
    reason = "unbalanced_marks"
    doc = "Unbalanced brackets or double quotes; 1 or 0."

    def score(self, item: Item) -> Signal:
        t = item.sentence.cleaned
        bad = t.count("(") != t.count(")") or (t.count('"') % 2 == 1) or t.count("“") != t.count("”")
        return self.signal(1.0 if bad else 0.0)
