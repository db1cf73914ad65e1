"""glued_words: split words that lost the space between them where a link was stripped.

"thevertebraeIn" -> "the vertebrae In", "aSure" -> "a Sure", "basedosteopathGavin" ->
"based osteopath Gavin" (if every part is frequent enough). Case is kept: the split adds
spaces and nothing else, so the meaning cannot change; later signals judge the sentence.
Brands and names are left alone: "iPhone", "YouTube", "McDonald", "LinkedIn", "eBay", "iOS",
"mRNA", "PowerPoint", "InfraredHeatingTherapy", "COVID19", "obj.forEach(", "#backPain".
"""

from __future__ import annotations

import re
from functools import lru_cache

import wordninja
from wordfreq import zipf_frequency

from .core import Edit, Fixer
from .spacing import in_address, token_at

# Letter runs not glued to digits, handles, paths, code ("a.forEach", "onClick(").
_TOKEN = re.compile(r"(?<![\w@#/\\$.])[^\W\d_]+(?![\w(])(?!\.[^\W\d_])")
_CAMEL = re.compile(r"([a-z]+)([A-Z][a-z]+)")
_LOWER = re.compile(r"[a-z]+")
# Lowercase name particles before a capitalised name: "deVries", "vanHalen", "macBook".
_PARTICLES = {"mc", "mac", "de", "da", "di", "du", "le", "la", "van", "von", "der", "al", "el", "st"}
# Parts shorter than three letters that wordninja may propose and that are real words.
_SHORT = {"a", "an", "am", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my",
          "no", "of", "on", "or", "so", "to", "up", "us", "we"}
# A run-together lowercase token needs a long token and very common parts to be split,
# and must not be a rare solid compound ("microtrauma", "infields", "northmost").
_RUN_MIN_LEN = 8
_RUN_MIN_ZIPF = 3.0
_PREFIXES = {"anti", "auto", "bio", "co", "counter", "de", "down", "east", "extra", "fore", "hyper", "hypo",
             "in", "inter", "macro", "micro", "mid", "mini", "multi", "neuro", "non", "north", "out", "over",
             "post", "pre", "re", "self", "semi", "south", "sub", "super", "tele", "trans", "ultra", "un",
             "under", "up", "west"}
_SUFFIXES = ("s", "es", "ed", "ing", "ly", "er")
# Shorter runs are split only into two of the commonest words, one of them one of these.
_PAIR_MIN_LEN = 5
_PAIR_MIN_ZIPF = 5.0
_FUNCTION_WORDS = {"a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "in", "is", "it", "of", "on", "or",
                   "that", "the", "to", "was", "were", "which", "who", "with"}


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    return zipf_frequency(word.lower(), "en")


def _ninja(word: str, min_zipf: float) -> list[str] | None:
    """wordninja's split of a lowercase run, if every part is a frequent real word."""
    parts = wordninja.split(word)
    if "".join(parts) != word:
        return None
    if all((len(p) >= 3 or p in _SHORT) and zipf(p) >= min_zipf for p in parts):
        return parts
    return None


def split_token(tok: str, min_zipf: float) -> list[str] | None:
    """Words of a glued token, or None when it is (or may be) a word, a brand or a name."""
    if zipf(tok) >= min_zipf:
        return None  # "iphone", "youtube", "linkedin" are words in their own right
    camel = _CAMEL.fullmatch(tok)
    if camel:
        left, right = camel.groups()
        if left in _PARTICLES or (len(left) == 1 and left != "a") or zipf(right) < min_zipf:
            return None
        parts = [left] if zipf(left) >= min_zipf else _ninja(left, min_zipf)
        return None if parts is None else [*parts, right]
    # Lowercase only: a capitalised run is as often a brand or a name ("Filecoin", "Xiaomingzhang").
    if not _LOWER.fullmatch(tok) or zipf(tok) > 0 or _inflected(tok):
        return None
    if len(tok) >= _RUN_MIN_LEN:
        parts = _ninja(tok, max(min_zipf, _RUN_MIN_ZIPF))
        return parts if parts and len(parts) >= 2 and parts[0] not in _PREFIXES else None
    if len(tok) >= _PAIR_MIN_LEN:
        # Short: only a pair of the commonest words, one of them a function word ("whoare", "bodyand").
        parts = _ninja(tok, _PAIR_MIN_ZIPF)
        return parts if parts and len(parts) == 2 and any(p in _FUNCTION_WORDS for p in parts) else None
    return None


def _inflected(tok: str) -> bool:
    """An unlisted form of a listed word ("infields" of "infield") is a word, not glue."""
    return any(tok.endswith(suf) and zipf(tok[: -len(suf)]) > 0 for suf in _SUFFIXES)


def glued_words(min_zipf: float) -> Fixer:
    """The fixer, with its frequency floor for every part of a split."""

    def fix(text: str) -> list[Edit]:
        edits: list[Edit] = []
        for m in _TOKEN.finditer(text):
            if in_address(token_at(text, m.start())):
                continue
            parts = split_token(m.group(), min_zipf)
            if parts:
                edits.append((m.start(), m.end(), " ".join(parts)))
        return edits

    return fix
