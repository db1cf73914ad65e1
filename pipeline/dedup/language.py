"""Which language a block is in: script first, then lingua only when needed.

Lingua with every language mislabels short English lines, so it is asked only
about lines that do not already look English, and only among configured languages.
"""

from __future__ import annotations

import re
from functools import lru_cache

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
# English running text is about 40% function words; other Latin-script languages
# share almost none of these (word lists like wordfreq's include "le", "la", "est").
_FUNCTION = frozenset(
    "the and of to is in that it for with as was on are be this by not you your we our can have has from or at but "
    "will they their an which more when so if there been what do also its these those than into about".split()
)


def english_share(text: str) -> float:
    """Share of words that are English function words."""
    words = [w.lower() for w in _WORD.findall(text)]
    return sum(w in _FUNCTION for w in words) / len(words) if words else 0.0


def language_of(text: str, languages: tuple[str, ...]) -> str:
    """An ISO 639-1 code; "en" unless the text clearly is something else."""
    letters = len(_LETTER.findall(text)) or 1
    if len(_KANA.findall(text)) / letters > 0.1:
        return "ja"
    if len(_HANGUL.findall(text)) / letters > 0.3:
        return "ko"
    if len(_HAN.findall(text)) / letters > 0.3:
        return "zh"
    if len(_WORD.findall(text)) < 4 or english_share(text) >= 0.12:
        return "en"
    found = _detector(languages).detect_language_of(text)
    return found.iso_code_639_1.name.lower() if found is not None else "en"


@lru_cache(maxsize=4)
def _detector(languages: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in languages]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()
