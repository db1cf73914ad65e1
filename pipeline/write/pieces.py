"""The parts of the outputs that depend on one article alone: its cleaned Markdown, and its body
and sentence index in report.html. A Dask run makes them on its workers, next to the articles and
in parallel; a local run makes them while writing. Both by the same functions, so with the same bytes."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..model import Article
from .article_body import BodyRenderer
from .markdown import render
from .report_html import body_json, index_json


@dataclass(slots=True)
class Pieces:
    markdown: str
    body: Markup | None = None  # None: not among the articles report.html shows
    index: Markup | None = None


def make_pieces(art: Article, renderer: BodyRenderer | None) -> Pieces:
    """With no `renderer`, the Markdown only."""
    if renderer is None:
        return Pieces(render(art))
    return Pieces(render(art), body_json(art, renderer), index_json(art))
