"""`pipeline score`: score loose segments (one per line) without article context."""

from __future__ import annotations

from .config import Config
from .decide import decide
from .model import Action, Sentence, Verdict
from .repair import repair
from .cascade import score_with_cascade
from .segment.nlp import load_nlp
from .signals import open_scorers
from .signals.base import Item, Scorer
from .signals.boilerplate import shape_reason


def score_sentences(lines: list[str], cfg: Config, extra_scorers: list[Scorer] | None = None) -> list[Sentence]:
    """Repair, parse, score and decide every non-blank line as one segment."""
    todo: list[Sentence] = []
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        rep = repair(raw, cfg.repair.fixers, cfg.repair.glue_min_zipf)
        s = Sentence(id=f"line:{n}", source="-", line=n, article="", section="", text=raw, cleaned=rep.text.strip(), repairs=list(rep.repairs))
        why = shape_reason(rep.text, raw)
        if why:
            s.verdict, s.action, s.reasons = Verdict.BOILERPLATE, Action.DROPPED, [why]
        todo.append(s)
    nlp = load_nlp(cfg.model.spacy)
    items = [Item(s, doc[:]) for s, doc in zip(todo, nlp.pipe((s.cleaned for s in todo), batch_size=cfg.model.batch_size))]
    with open_scorers(cfg) as scorers:
        score_with_cascade(items, scorers + list(extra_scorers or []), cfg.garble)
    for s in todo:
        decide(s, cfg)
    return todo


def score_segments(lines: list[str], cfg: Config, extra_scorers: list[Scorer] | None = None) -> list[dict[str, object]]:
    """One row per non-blank input line: line, garble_score, verdict, reasons."""
    return [
        {"line": s.line, "garble_score": s.garble_score, "verdict": s.verdict.value, "reasons": ";".join(s.reasons)}
        for s in score_sentences(lines, cfg, extra_scorers)
    ]
