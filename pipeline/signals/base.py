"""Scorer base classes: one small class per signal.

A scorer has a stable versioned name (`oov_rate_v1`), a documented range and a
direction (always: higher is more garbled), and returns a `Signal` with a reason
code when it fires. Scorers never change text and never decide: thresholds and
the combined garble_score live in `pipeline.decide`. Bump the version in the name
when behaviour changes, so old reports stay comparable.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from ..model import Sentence, Signal, make_signal

if TYPE_CHECKING:
    from spacy.tokens import Span


@dataclass(slots=True)
class Item:
    """What a scorer sees: the sentence and its spaCy span over `sentence.cleaned`."""

    sentence: Sentence
    span: Span | None = None


class Scorer(ABC):
    name: ClassVar[str]
    reason: ClassVar[str]  # reason code emitted when the signal fires
    doc: ClassVar[str] = ""
    slow: ClassVar[bool] = False  # seconds per item: scored in chunks under a progress bar
    # Range is 0..1 for every scorer: 0 = no evidence of garbling, 1 = certain.

    @abstractmethod
    def score(self, item: Item) -> Signal: ...

    def score_many(self, items: list[Item]) -> list[Signal]:
        """Batch scorers (LanguageTool, language models) override this."""
        return [self.score(it) for it in items]

    def close(self) -> None:
        """Scorers that hold a process or a server let go of it here."""

    # Fitted data the values depend on: a refit must not be answered from the signal cache.
    data_files: ClassVar[tuple[Path, ...]] = ()

    @property
    def cache_tag(self) -> str:
        """What else, besides the text and config, the values depend on (fitted data, a model file)."""
        if not self.data_files:
            return ""
        return hashlib.sha256(b"".join(p.read_bytes() for p in self.data_files)).hexdigest()[:16]

    def signal(self, value: float, detail: str = "", spans: Sequence[tuple[int, int]] = ()) -> Signal:
        value = min(1.0, max(0.0, float(value)))
        return make_signal(self.name, round(value, 4), self.reason if value > 0 else None, detail, spans)
