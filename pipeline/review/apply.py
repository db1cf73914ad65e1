"""The reviewer's verdicts over the machine's: after every verdict is decided (twins and
near-duplicates too) and before anything is written, so cleaned/*.md, every table and the
page follow the reviewer.

A reviewed sentence gets the reviewer's verdict and the action that verdict always has
(`ok` kept; `garbled` as output.garbled says; `boilerplate`, `dup`, `bilingual_dup` dropped),
the reason code `reviewed` in front of its other reasons, and `machine_verdict` set to what the
machine said. Its garble_score stays the machine's. A review whose key matches no sentence of
this run is stale: listed in summary.json and report.md, not an error. A review that cannot fit
its row (a body sentence reviewed as `heading`) is ignored and listed the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..config import Config
from ..model import Action, Sentence, Verdict
from .key import sentence_keys
from .load import Review

if TYPE_CHECKING:
    from ..result import RunResult

REASON = "reviewed"
_DROPPED = {Verdict.BOILERPLATE, Verdict.DUP, Verdict.BILINGUAL_DUP}


@dataclass
class ReviewOutcome:
    file: str
    total: int = 0  # reviews in the file (one per key)
    applied: dict[str, Review] = field(default_factory=dict)  # sentence id -> its review
    changed: int = 0  # applied reviews whose verdict differs from the machine's
    stale: list[str] = field(default_factory=list)  # keys no sentence of this run has
    ignored: list[dict[str, str]] = field(default_factory=list)  # {key, reason}: reviews that do not fit their row

    def as_dict(self) -> dict[str, object]:
        """summary.json `reviews`."""
        return {"file": self.file, "reviews": self.total, "applied": len(self.applied), "changed": self.changed,
                "stale": len(self.stale), "stale_keys": self.stale, "ignored": self.ignored}


def apply_reviews(result: RunResult, reviews: dict[str, Review], cfg: Config, file: str) -> ReviewOutcome:
    """Apply `reviews` (load.load_reviews) to the judged articles of `result`, in place."""
    from ..result import Ahead

    out = ReviewOutcome(file, total=len(reviews))
    touched: set[str] = set()
    found: set[str] = set()
    for art in result.articles:
        for s, key in zip(art.sentences, sentence_keys(art)):
            review = reviews.get(key)
            if review is None:
                continue
            found.add(key)
            why = _apply(s, review, cfg)
            if why:
                out.ignored.append({"key": key, "reason": why})
                continue
            out.applied[s.id] = review
            out.changed += s.verdict.value != s.machine_verdict
            touched.add(art.id)
    out.stale = [k for k in reviews if k not in found]
    if touched:
        # What a Dask run's workers made ahead from the machine's verdicts: remade when written.
        result.ahead = Ahead(pieces={k: v for k, v in result.ahead.pieces.items() if k not in touched})
    result.reviews = out
    return out


def _apply(s: Sentence, review: Review, cfg: Config) -> str:
    """Set the reviewer's verdict on `s`; or say why it does not fit (and leave `s` as it was)."""
    want = Verdict(review.new_verdict)
    if s.is_heading and want is Verdict.OK:
        want = Verdict.HEADING  # "this heading is fine"
    elif not s.is_heading and want is Verdict.HEADING:
        return f"line {s.line} is a sentence, not a heading: review it as ok to keep it"
    s.machine_verdict = s.machine_verdict or s.verdict.value  # a second review of the same run keeps the machine's
    s.verdict = want
    if want in _DROPPED:
        s.action = Action.DROPPED
        if want is Verdict.BOILERPLATE:
            s.twin_of = ""
    else:
        s.twin_of = ""
        s.action = {"drop": Action.DROPPED, "flag": Action.FLAGGED, "keep": Action.KEPT}[cfg.output.garbled] if want is Verdict.GARBLED else Action.KEPT
    s.reasons = [REASON] + [r for r in s.reasons if r != REASON]
    return ""
