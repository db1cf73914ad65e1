"""Write every output of a run. Each file is written atomically; the report set is
written only after the cleaned files, so a report never describes files that are not there."""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path

import pandas as pd

from .. import __version__
from ..cascade import PREDICTED
from ..config import Config
from ..gate import GateResult, evaluate
from ..model import Article
from ..result import Ahead, RunResult
from .atomic import atomic_open, sweep_temps, write_bytes, write_text
from .degrade import UNCHECKED
from .junit import render_junit
from .markdown import GENERATOR, render
from .report_html import ArticleView, judged_scores, render_report_html, score_chart
from .report_md import render_report_md
from .tables import SLICE_ROWS, articles_frame, csv_bytes, lines_frame, pairs_frame, reason_counts, repairs_frame, sentence_frames, verdict_counts


def _stale(path: Path) -> bool:
    """A Markdown file a previous run of ours wrote (safe to remove)."""
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    except OSError:
        return False
    return head.startswith("---") and f"generator: {GENERATOR}" in head


def write_cleaned(result: RunResult, cleaned_dir: Path) -> dict[str, str]:
    cleaned_dir.mkdir(parents=True, exist_ok=True)
    sweep_temps(cleaned_dir)  # what a killed run left
    paths: dict[str, str] = {}
    for art in result.articles:
        if not art.sentences:
            continue
        path = cleaned_dir / f"{art.id}.md"
        made = result.ahead.pieces.get(art.id)
        write_text(path, made.markdown if made else render(art))
        paths[art.id] = path.name
    for old in sorted(cleaned_dir.glob("*.md")):
        if old.name not in paths.values() and _stale(old):
            old.unlink()
    return paths


def summary(result: RunResult, cfg: Config, paths: dict[str, str]) -> dict[str, object]:
    sents = [s for a in result.articles for s in a.sentences if not s.is_heading]
    body = [s for s in sents if s.verdict.value in ("ok", "garbled")]
    verdicts = verdict_counts(result.articles)
    return {
        "version": __version__,
        "articles": len(result.articles),
        "articles_written": len(paths),
        "sentences": len(sents),
        "verdicts": verdicts,
        "actions": {a: sum(s.action.value == a for s in sents) for a in ("kept", "flagged", "dropped")},
        "reasons": reason_counts(result.articles),
        "garbled_rate": round(verdicts["garbled"] / len(body), 4) if body else 0.0,
        # Sentences LanguageTool or the language model could not check (server down, process crashed): scored without it.
        **{metric: sum(any(g.name == name and g.detail == "unchecked" for g in s.signals) for s in sents)
           for metric, (name, _) in UNCHECKED.items()},
        # Sentences the cascade decided without the expensive signals the score weighs (README, Speed).
        "expensive_predicted": sum(any(g.detail == PREDICTED and cfg.garble.weights.get(g.name) for g in s.signals) for s in sents),
        "mean_garble": round(sum(s.garble_score for s in body) / len(body), 4) if body else 0.0,
        "pairs": {k: sum(p.kind == k for p in result.pairs) for k in sorted({p.kind for p in result.pairs})},
        "skipped": [{"source": s, "reason": r} for s, r in result.skipped],
        # Only with --reviews: how many applied, changed a verdict, or matched no sentence (stale).
        **({"reviews": result.reviews.as_dict()} if result.reviews is not None else {}),
        "notes": result.notes,
        "timing_s": result.timings,
        "config": cfg.as_dict(),
    }


def write_sentences(result: RunResult, reports_dir: Path, parquet: bool, top: int = 10, rows: int = SLICE_ROWS) -> pd.DataFrame:
    """sentences.csv (and .parquet) `rows` rows at a time; returns the `top` worst judged sentences for report.md."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    worst = []
    with ExitStack() as stack:
        csv = stack.enter_context(atomic_open(reports_dir / "sentences.csv"))
        pq_fh = stack.enter_context(atomic_open(reports_dir / "sentences.parquet")) if parquet else None
        writer = None
        for i, df in enumerate(sentence_frames(result.articles, rows)):
            csv.write(csv_bytes(df, header=i == 0))
            if pq_fh is not None:
                table = pa.Table.from_pandas(df, preserve_index=False, schema=writer.schema if writer else None)
                writer = writer or stack.enter_context(pq.ParquetWriter(pq_fh, table.schema))
                writer.write_table(table)
            worst.append(_worst(df, top))
    return _worst(pd.concat(worst, ignore_index=True), top)


def _worst(df: pd.DataFrame, top: int) -> pd.DataFrame:
    # A stable sort: equal scores keep input order, so the worst of the slices' worsts is the worst overall.
    body = df[df["verdict"].isin(["ok", "garbled"])]
    return body.sort_values(["garble_score", "source", "line"], ascending=[False, True, True], kind="stable").head(top).reset_index(drop=True)


def prepare(articles: list[Article], skipped: list[tuple[str, str]], views: list[ArticleView], cfg: Config) -> Ahead:
    """What the report needs and the pieces do not: a Dask run makes it while the workers make those."""
    chart = score_chart(judged_scores(articles), cfg.garble.threshold)
    return Ahead(views=views, chart=chart, lines=csv_bytes(lines_frame(articles, skipped)))


def write_reports(
    result: RunResult, cfg: Config, reports_dir: Path, paths: dict[str, str], baseline: dict | None = None
) -> tuple[dict[str, object], GateResult]:
    reports_dir.mkdir(parents=True, exist_ok=True)
    sweep_temps(reports_dir)
    worst = write_sentences(result, reports_dir, cfg.output.parquet)
    lines = result.ahead.lines
    write_bytes(reports_dir / "lines.csv", lines if lines is not None else csv_bytes(lines_frame(result.articles, result.skipped)))
    write_bytes(reports_dir / "repairs.csv", csv_bytes(repairs_frame(result.articles)))
    write_bytes(reports_dir / "pairs.csv", csv_bytes(pairs_frame(result.articles, result.pairs)))
    adf = articles_frame(result.articles, paths)
    write_bytes(reports_dir / "articles.csv", csv_bytes(adf))
    summ = summary(result, cfg, paths)
    gate = evaluate(cfg.gate.fail_on, summ, baseline, cfg.gate.tolerance)
    summ["gate"] = gate.as_dict()
    if cfg.output.junit:
        write_bytes(reports_dir / "quality.junit.xml", render_junit(result.articles, gate.as_junit()))
    write_text(reports_dir / "summary.json", json.dumps(summ, indent=2, ensure_ascii=False) + "\n")
    write_text(reports_dir / "report.md", render_report_md(summ, adf, worst))
    write_text(reports_dir / "report.html", render_report_html(result, summ))
    return summ, gate
