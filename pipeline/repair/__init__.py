"""Repair stage: named fixers applied in order, every edit recorded with raw offsets.

>>> rep = repair(",You can relax.Then stretch", ["leading_punct", "missing_space"], 2.5)
>>> rep.text
'You can relax. Then stretch'
>>> [(r.fixer, r.start, r.end, r.before, r.after) for r in rep.repairs]
[('leading_punct', 0, 1, ',', ''), ('missing_space', 14, 15, '.', '. ')]
>>> rep.raw_span(4, 13)
(5, 14)
"""

from __future__ import annotations

from ..errors import ConfigError
from .core import Fixer, RepairResult, apply, identity
from .fixers import leading_punct, mojibake, space_before_punct, whitespace
from .glue import glued_words
from .spacing import missing_space

__all__ = ["FIXER_NAMES", "RepairResult", "repair"]

FIXER_NAMES = ("mojibake", "whitespace", "leading_punct", "missing_space", "glued_words", "space_before_punct")


def _fixer(name: str, glue_min_zipf: float) -> Fixer:
    plain: dict[str, Fixer] = {
        "mojibake": mojibake,
        "whitespace": whitespace,
        "leading_punct": leading_punct,
        "missing_space": missing_space,
        "space_before_punct": space_before_punct,
    }
    if name == "glued_words":
        return glued_words(glue_min_zipf)
    if name not in plain:
        raise ConfigError(f"repair.fixers: unknown fixer {name!r}; known fixers: {', '.join(FIXER_NAMES)}")
    return plain[name]


def repair(text: str, fixers: list[str], glue_min_zipf: float) -> RepairResult:
    """Apply `fixers` in order to `text`; blank text comes back as it is."""
    steps = [(name, _fixer(name, glue_min_zipf)) for name in fixers]
    result = identity(text)
    if text.strip():
        for name, fix in steps:
            apply(result, name, fix(result.text))
    result.compact()
    return result
