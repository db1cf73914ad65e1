"""Harper (harper-py, offline, Rust): a cheap second grammar opinion.

Its Spelling, Typo and WordChoice lints catch glued words ("thevertebraeIn",
"fireRoute") and wrong words; style lints are ignored. One Linter is built per
scorer (about a second) and reused; it is not thread-safe.
"""

from __future__ import annotations

from ..model import Signal
from .base import Item, Scorer

#: Lint kinds that are evidence of a broken sentence, and their weight per lint.
KIND_WEIGHTS = {"Spelling": 1.0, "Typo": 1.0, "WordChoice": 1.0, "Agreement": 1.0, "Grammar": 1.0,
                "Repetition": 0.5, "Miscellaneous": 0.5, "Capitalization": 0.25, "Punctuation": 0.25}


class HarperLints(Scorer):
    name = "harper_v1"
    reason = "harper_lints"
    doc = "Harper lints per word (Spelling, Typo, WordChoice, Agreement, Grammar weigh 1; others less), x5."

    def __init__(self) -> None:
        import harper

        self._linter = harper.Linter()

    def score(self, item: Item) -> Signal:
        text = item.sentence.cleaned
        words = len(text.split())
        if words == 0:
            return self.signal(0.0)
        lints = [l for l in self._linter.lint(text) if l.lint_kind in KIND_WEIGHTS]
        if not lints:
            return self.signal(0.0)
        weight = sum(KIND_WEIGHTS[l.lint_kind] for l in lints)
        return self.signal(5 * weight / words, "; ".join(f"{l.lint_kind}: {l.problem_text!r}" for l in lints[:4]),
                           [(l.span.start, l.span.end) for l in lints])
