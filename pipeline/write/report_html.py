"""reports/report.html: the reviewer's report, one self-contained file.

Scraped text is untrusted. The templates autoescape, and the only HTML built in Python
(the article bodies, article_body.py) escapes every piece with markupsafe. On top of that, a
Content-Security-Policy lets only this page's own script run (by hash) and forbids
every fetch, so the file stays self-contained and an escaping slip could not run.

Article bodies are rendered here, server-side, but shipped as JSON strings inside
<script type="application/json"> blocks and put into the page only when an
article is opened; a small index (verdict, reasons, text per sentence) drives the
filters. The browser's parser then skips the bodies at load, which keeps a
1,000-article batch loading in about a second.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..model import Article, Sentence, Verdict
from ..result import RunResult
from .article_body import BodyRenderer
from .degrade import missing_signals
from .markdown import counts, scores

TEMPLATES = Path(__file__).parent / "templates"
VERDICTS = [v.value for v in Verdict]
RANK_ROWS = 25  # rows of the overview's ranking shown before "Show all"


@dataclass(slots=True)
class ArticleView:
    art: Article
    rank: int
    counts: dict[str, int]
    scores: dict[str, float]
    verdicts: dict[str, int]  # verdicts present in the article -> sentences
    body: Markup = Markup("")  # the body's HTML as a JSON string literal, see script_json


def article_views(articles: list[Article]) -> list[ArticleView]:
    """Articles ranked worst first: mean garble, then garbled share, then id."""
    views = []
    for art in articles:
        verdicts = Counter(s.verdict.value for s in art.sentences)
        views.append(ArticleView(art, 0, counts(art), scores(art), {v: verdicts[v] for v in VERDICTS if verdicts[v]}))
    views.sort(key=lambda v: (-v.scores["mean_garble"], -v.scores["garbled_rate"], v.art.id))
    for i, v in enumerate(views, 1):
        v.rank = i
    return views


def twin_finder(articles: list[Article]) -> Callable[[Sentence], dict[str, str] | None]:
    """For a dropped copy: the in-page id of the kept copy and how to name it."""
    where: dict[str, tuple[Article, Sentence | None]] = {}
    for art in articles:
        where[f"{art.id}:title"] = (art, None)
        where.update((s.id, (art, s)) for s in art.sentences)

    def find(sent: Sentence) -> dict[str, str] | None:
        if not sent.twin_of or sent.twin_of not in where:
            return None
        art, kept = where[sent.twin_of]
        label = "the title" if kept is None else f"line {kept.line}"
        if art.id != sent.article:
            label += f" of “{art.title}”"
        return {"id": sent.twin_of, "art": art.id, "label": label}

    return find


def judged_scores(articles: list[Article]) -> list[float]:
    """The garble scores the histogram shows: of the sentences judged ok or garbled."""
    return [s.garble_score for a in articles for s in a.sentences if s.verdict.value in ("ok", "garbled")]


def score_chart(scores_: list[float], threshold: float) -> Markup:
    """Histogram of sentence scores as inline SVG, byte-identical across runs."""
    import matplotlib  # here, not at import: only this function needs it, and it is slow to load
    from matplotlib.figure import Figure  # not pyplot: no global figure state, no GUI backend
    from matplotlib.ticker import FuncFormatter

    rc = {"svg.hashsalt": "report", "svg.fonttype": "none", "font.size": 10, "font.family": "sans-serif",
          "axes.edgecolor": "#94a3b8", "xtick.color": "#64748b", "ytick.color": "#64748b", "axes.labelcolor": "#475569"}
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(5.0, 2.9))
        ax = fig.add_subplot()
        edges = sorted({i / 20 for i in range(21)} | {threshold})  # the threshold is a bin edge
        counts_, _, patches = ax.hist(scores_, bins=edges, color="#94a3b8", edgecolor="white", linewidth=0.8)
        for left, patch in zip(edges, patches):
            if left >= threshold:
                patch.set_facecolor("#c2410c")
        above = sum(s >= threshold for s in scores_)
        ax.axvline(threshold, color="#9a3412", linestyle="--", linewidth=1)
        ax.text(threshold + 0.02, 0.97, f"{above} at or above\nthreshold {threshold:g}", transform=ax.get_xaxis_transform(),
                va="top", ha="left", color="#9a3412", fontsize=9)
        nonzero = [c for c in counts_ if c > 0]
        if nonzero and max(nonzero) > 20 * min(nonzero):
            # Most sentences are clean: on a linear axis the garbled tail would be invisible.
            ax.set_yscale("symlog", linthresh=1)
            ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: f"{y:g}"))
            ax.set_ylabel("sentences (log)")
        else:
            ax.set_ylabel("sentences")
        ax.set_xlim(0, 1)
        ax.set_xlabel("garble score")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.tight_layout(pad=0.3)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None}, transparent=True)
    svg = buf.getvalue()
    # Drop the XML prolog and DOCTYPE: the <svg> element is embedded in HTML. Built
    # from numbers only, never from scraped text, so it is safe to mark up as is.
    return Markup(svg[svg.index("<svg") :])


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters["pct"] = lambda x: f"{x:.1%}"
    env.filters["num"] = lambda x: f"{x:,}"
    return env


def _script() -> tuple[Markup, str]:
    """The page's one script, and its CSP hash (so nothing else may run)."""
    js = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    if "</script" in js.lower() or "<!--" in js:
        raise RuntimeError(f"{TEMPLATES / 'report.js'} must not contain '</script' or '<!--': it is inlined in a <script>")
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    return Markup(js), f"'sha256-{digest}'"


def script_json(value: object) -> Markup:
    """JSON that is safe inside <script type="application/json">: a "</" or "<!"
    in the data can neither close the element nor open a comment state."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("</", "<\\/").replace("<!", "\\u003c!"))


def sentence_index(art: Article) -> list[list[object]]:
    """What the filters need per sentence, in page order: section, heading?, verdict, reasons, text."""
    return [[i, int(s.is_heading), s.verdict.value, " ".join(s.reasons), (s.cleaned or s.text).lower()]
            for i, sec in enumerate(art.sections) for s in sec.sentences]


def body_json(art: Article, renderer: BodyRenderer) -> Markup:
    return script_json(renderer.body(ArticleView(art, 0, counts(art), scores(art), {})))


def index_json(art: Article) -> Markup:
    return script_json(sentence_index(art))


def run_id(articles: list[Article]) -> str:
    """What the page keeps its review marks under (localStorage): the same for every report of the
    same articles, whatever the config or the reviews applied, so marks survive a re-run."""
    h = hashlib.sha256()
    for art in articles:
        h.update(art.key.encode("utf-8", "surrogateescape") + b"\n")
    return h.hexdigest()[:16]


def applied_marks(result: RunResult) -> list[dict[str, object]]:
    """The reviews this run applied, as the page exports them: its export starts from them, so one
    file carries every review from one run to the next."""
    applied = result.reviews.applied if result.reviews is not None else {}
    if not applied:
        return []
    out = []
    for art in result.articles:
        for s in art.sentences:
            if (r := applied.get(s.id)) is not None:  # applied by its key: r.key is the sentence's
                out.append({"key": r.key, "old_verdict": r.old_verdict or s.machine_verdict, "new_verdict": r.new_verdict, "note": r.note,
                            "reviewer": r.reviewer, "time": r.time, "article": art.id, "line": s.line, "text": s.cleaned or s.text})
    return out


def render_report_html(result: RunResult, summ: dict) -> str:
    """The whole report as one HTML string. `summ` is summary.json's dict: its counts
    are the ones shown, and its config gives the weights and threshold explained."""
    weights: dict[str, float] = summ["config"]["garble"]["weights"]
    threshold: float = summ["config"]["garble"]["threshold"]
    ahead = result.ahead
    chart = ahead.chart if ahead.chart is not None else score_chart(judged_scores(result.articles), threshold)
    js, js_hash = _script()
    env = _env()
    views = ahead.views if ahead.views is not None else article_views(result.articles)
    shown = summ["config"]["output"]["html_articles"] or len(views)
    hidden, views = len(views) - min(shown, len(views)), views[:shown]
    made = {v.art.id: p for v in views if (p := ahead.pieces.get(v.art.id)) is not None and p.body is not None}
    applied = result.reviews.applied if result.reviews is not None else {}
    bodies = BodyRenderer(weights, twin_finder(result.articles), applied) if len(made) < len(views) else None
    parts = []
    for v in views:
        p = made.get(v.art.id)
        v.body = p.body if p else script_json(bodies.body(v))  # type: ignore[union-attr]
        parts.append(p.index if p else index_json(v.art))
    return env.get_template("report.html.j2").render(
        summ=summ, missing=missing_signals(summ), views=views, hidden=hidden, verdicts=VERDICTS, top=RANK_ROWS, chart=chart, threshold=threshold,
        # One JSON list of the articles' lists: joining their JSON is the same text, since "</" cannot span a comma.
        index=Markup("[" + ",".join(parts) + "]"), js=js, js_hash=js_hash,
        run_id=run_id(result.articles), reviews=script_json(applied_marks(result)),
        css=Markup((TEMPLATES / "report.css").read_text(encoding="utf-8")),
    )
