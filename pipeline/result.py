"""What a run hands to the writers: the judged articles and what came with them.

A type of its own, below both the stages (run, dask_run) and the writers (write/*), so neither
imports the other for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .model import Article, Pair

if TYPE_CHECKING:
    from markupsafe import Markup

    from .review.apply import ReviewOutcome
    from .write.pieces import Pieces
    from .write.report_html import ArticleView


@dataclass
class Ahead:
    """Parts of the outputs made before the writing starts: by a Dask run's workers (the pieces) and
    by the calling process while it waits for them (the rest). A local run makes
    each while writing, by the same functions, so with the same bytes; here they stay empty."""

    pieces: dict[str, Pieces] = field(default_factory=dict)  # article id -> its Markdown and report.html pieces
    views: list[ArticleView] | None = None  # the articles, ranked for report.html
    chart: Markup | None = None  # report.html's score histogram
    lines: bytes | None = None  # lines.csv


@dataclass
class RunResult:
    articles: list[Article]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    timings: dict[str, float] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)  # source -> number of raw lines
    notes: list[str] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)  # twins and near-duplicates, kept vs dropped
    spans: dict = field(default_factory=dict)  # sentence id -> spaCy span, only with run(keep_parses=True)
    ahead: Ahead = field(default_factory=Ahead)
    reviews: ReviewOutcome | None = None  # what `--reviews` changed (pipeline.review.apply_reviews)
