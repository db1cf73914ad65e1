"""The body of one article in report.html: one line per sentence, with its score and why.

Python, not Jinja: a Jinja macro call per sentence cost about 90 µs, and on 1,000 articles
(72,000 sentences) the bodies were most of the time a run spent writing. Every piece of
scraped or computed text goes through `escape`; only the fixed markup here is not escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Mapping
from typing import TYPE_CHECKING, Callable

from markupsafe import Markup, escape

from ..decide import contribution
from ..model import Sentence, Signal
from ..review.key import sentence_keys

if TYPE_CHECKING:
    from ..review.load import Review
    from .report_html import ArticleView

_SAFE_URL = re.compile(r"^https?://", re.I)


@dataclass(frozen=True, slots=True)
class Hit:
    """Where one signal's evidence sits in `Sentence.cleaned`, and what to say about it."""

    start: int
    end: int
    tip: str


def firing(sent: Sentence, weights: dict[str, float]) -> list[tuple[Signal, float]]:
    """Signals that moved the score (any non-zero contribution), strongest first."""
    out = [(g, c) for g in sent.signals if g.value > 0 and (c := contribution(g, weights)) != 0]
    return sorted(out, key=lambda gc: (-gc[1], gc[0].name))


def _find_tokens(text: str, detail: str) -> list[tuple[int, int]]:
    """Best effort for scorers that name their evidence but give no offsets:
    each comma-separated token of `detail`, as a whole word (with its immediate
    repeats, so "back" marks "back back")."""
    spans: list[tuple[int, int]] = []
    for tok in {t.strip() for t in detail.split(",")}:
        if len(tok) < 2:
            continue
        word = re.escape(tok)
        pat = rf"(?<!\w){word}(?:\s+{word})*(?!\w)"
        spans += [m.span() for m in re.finditer(pat, text, re.I)]
    return spans


def hits(sent: Sentence, weights: dict[str, float], fire: list[tuple[Signal, float]] | None = None) -> list[Hit]:
    """`fire`: the sentence's `firing` signals, when the caller has them already."""
    n = len(sent.cleaned)
    out: list[Hit] = []
    for g, c in firing(sent, weights) if fire is None else fire:
        tip = f"{g.reason or g.name} {c:+.2f}" + (f": {g.detail}" if g.detail else "")
        for a, b in g.spans or _find_tokens(sent.cleaned, g.detail):
            a, b = max(0, a), min(n, b)
            if a < b:
                out.append(Hit(a, b, tip))
    return out


def highlight(text: str, marks: list[Hit]) -> Markup:
    """`text` escaped, with each stretch covered by signals wrapped in one <mark>.

    Overlapping spans are cut at every boundary, so marks never nest and every
    character is covered by the marks of exactly the signals that point at it."""
    cuts = sorted({0, len(text), *(h.start for h in marks), *(h.end for h in marks)})
    out: list[Markup] = []
    for a, b in zip(cuts, cuts[1:]):
        on = [h for h in marks if h.start <= a and b <= h.end]
        piece = escape(text[a:b])
        if not on:
            out.append(piece)
            continue
        tip = "\n".join(dict.fromkeys(h.tip for h in on))
        out.append(Markup('<mark data-tip="{}">{}</mark>').format(tip, piece))
    return Markup("").join(out)


def visible_ws(text: str) -> str:
    """Repairs are often about whitespace: make it visible (the result is escaped later)."""
    return text.replace(" ", "\u2423").replace("\n", "\u21b5").replace("\t", "\u21e5") or "\u2205"


def safe_url(url: str) -> str:
    """Only web links become clickable: never `javascript:` or `data:` from a scrape."""
    url = url.strip()
    return url if _SAFE_URL.match(url) else ""


class BodyRenderer:
    """`body(view)` for each article view (report_html.ArticleView) of one report."""

    def __init__(self, weights: dict[str, float], twin: Callable[[Sentence], dict[str, str] | None],
                 reviews: Mapping[str, Review] | None = None) -> None:
        """`reviews`: sentence id -> the review applied to it (review.apply), shown beside the row."""
        self.weights, self.twin = weights, twin
        self.reviews = reviews or {}
        self._bias = f"{weights.get('bias', 0.0):+.2f}"

    def body(self, view: ArticleView) -> str:
        art, n, sc = view.art, view.counts, view.scores
        url = safe_url(art.url)
        link = (f'<a href="{escape(url)}" rel="noopener noreferrer nofollow" target="_blank">{escape(art.url)}</a>' if url
                else f'<span title="not a web link, not clickable">{escape(art.url)}</span>' if art.url else "")
        out = [f'  <p class="info">\n{link}    <span>{n["kept"]} kept · {n["flagged"]} flagged · {n["dropped"]} dropped</span>\n'
               f'    <span>max {sc["max_garble"]:.2f}</span>\n  </p>\n']
        keys = iter(sentence_keys(art))
        for sec in art.sections:
            out.append('  <section class="sec">\n')
            block = -1
            for s in sec.sentences:
                out.append(self.row(s, s.block_index != block, next(keys)))
                block = s.block_index
            out.append("  </section>\n")
        return "".join(out)

    def row(self, s: Sentence, new_block: bool, key: str = "") -> str:
        """`key`: the sentence's review key, which the page's review marks are stored under."""
        v = s.verdict.value
        dropped = s.action.value == "dropped"
        x = " x" if dropped else ""
        k = f' data-k="{key}"' if key else ""  # hex digits only
        if s.is_heading:
            h = min(s.level + 1, 6)
            text = f'<del class="x">{escape(s.cleaned)}</del> {self.gone(s, v)}' if dropped else f'<span class="x">{escape(s.cleaned)}</span>'
            return f'<h{h} class="s h vd-{v}{x}" id="{escape(s.id)}"{k}><span class="ln">{s.line}</span><span class="t">{text}{self.reviewed(s)}</span></h{h}>\n'
        fire = firing(s, self.weights)
        why_ = bool(fire or s.repairs)
        loud = not dropped and (v == "garbled" or bool(s.reasons) or bool(s.repairs))
        text = (f'<del class="x">{escape(s.cleaned or s.text)}</del> {self.gone(s, v)}' if dropped
                else f'<span class="x">{highlight(s.cleaned, hits(s, self.weights, fire))}</span>')
        if why_:
            vb = " vb vd-garbled" if v == "garbled" and not dropped else ""
            score = f'{self.why(s, fire, loud)}</div><button type="button" class="sc{vb}" title="garble score: show why">{s.garble_score:.2f}</button>'
        else:
            score = f'</div><span class="sc">{s.garble_score:.2f}</span>' if s.garble_score > 0 and not dropped else "</div>"
        nb = " nb" if new_block else ""
        return f'<div class="s vd-{v}{nb}{x}" id="{escape(s.id)}"{k}><span class="ln">{s.line}</span><div class="t">{text}{self.reviewed(s)}{score}</div>\n'

    def reviewed(self, s: Sentence) -> str:
        """For a sentence a reviewer's verdict was applied to: what the machine said, who changed it, and their note."""
        r = self.reviews.get(s.id)
        if r is None:
            return ""
        by = f" by {escape(r.reviewer)}" if r.reviewer else ""
        note = f': <q class="rv-note">{escape(r.note)}</q>' if r.note else ""
        return (f' <span class="rv-applied" data-machine="{escape(s.machine_verdict)}">reviewed{by}: machine said '
                f'<span class="vb vd-{escape(s.machine_verdict)}">{escape(s.machine_verdict.replace("_", " "))}</span>{note}</span>')

    def gone(self, s: Sentence, v: str) -> str:
        """Why a line was dropped: verdict, reason codes, and the kept copy of a duplicate."""
        tw = self.twin(s)
        kept = (f' · <a class="twin" href="#{escape(tw["id"])}" data-a="{escape(tw["art"])}">kept copy: {escape(tw["label"])} ↗</a>'
                if tw else "")
        reasons = ", ".join(escape(r) for r in s.reasons)
        return f'<span class="why-l"><span class="vb vd-{v}">{escape(v.replace("_", " "))}</span> {reasons}{kept}</span>'

    def why(self, s: Sentence, fire: list[tuple[Signal, float]], loud: bool) -> str:
        """What moved the score and what was repaired: reason codes with their contributions
        (log-odds, as pipeline.decide adds them) up front; the arithmetic and the evidence
        (or LanguageTool's suggestion) inside."""
        out = [f'<details class="why{"" if loud else " q"}"><summary>']
        if loud:
            for g, c in fire:
                on = " on" if g.reason and g.reason in s.reasons else ""  # named as a reason (pipeline.decide)
                out.append(f'<span class="rc{on}">{escape(g.reason or g.name)} <b>{c:+.2f}</b></span>')
            if s.repairs:
                out.append(f'<span class="rp">{len(s.repairs)} repair{"s" if len(s.repairs) > 1 else ""}</span>')
        out.append("</summary>")
        if fire:
            out.append('<table class="sig"><tr><th>reason<th>signal<th>value × weight<th>log-odds<th>evidence / suggestion')
            for g, c in fire:
                detail = "<br>".join(escape(part) for part in g.detail.split("; "))
                out.append(f"<tr><td>{escape(g.reason or '')}<td>{escape(g.name)}<td>{g.value:.2f} × {self.weights.get(g.name, 0.0):.2f}"
                           f"<td>{c:+.2f}<td>{detail}")
            out.append(f'<tr class="tot"><td colspan="3">score = σ(bias {self._bias} + Σ log-odds)<td>{s.garble_score:.2f}<td></table>')
        if s.repairs:
            out.append('<ul class="reps">')
            out += [f'<li><span>{escape(r.fixer)}</span> <code class="bf">{escape(visible_ws(r.before))}</code> → '
                    f'<code class="af">{escape(visible_ws(r.after))}</code>' for r in s.repairs]
            out.append(f'</ul><p class="raw">{escape(s.text)}</p>')
        out.append("</details>")
        return "".join(out)
