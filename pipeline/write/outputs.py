"""Write every output of a run. Each file is written atomically; the report set is
written only after the cleaned files, so a report never describes files that are not there."""

from __future__ import annotations

import io
import json
from pathlib import Path

from .. import __version__
from ..config import Config
from ..gate import GateResult, evaluate
from ..run import RunResult
from .atomic import sweep_temps, write_bytes, write_text
from .junit import render_junit
from .markdown import GENERATOR, render
from .report_html import render_report_html
from .report_md import render_report_md
from .tables import articles_frame, lines_frame, pairs_frame, reason_counts, repairs_frame, sentences_frame, verdict_counts


def _csv(df) -> bytes:  # type: ignore[no-untyped-def]
    return df.to_csv(index=False, lineterminator="\n").encode("utf-8")


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
        write_text(path, render(art))
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
        # Sentences LanguageTool could not check (server down or refusing): scored without it.
        "grammar_unchecked": sum(any(g.name == "languagetool_v1" and g.detail == "unchecked" for g in s.signals) for s in sents),
        "mean_garble": round(sum(s.garble_score for s in body) / len(body), 4) if body else 0.0,
        "pairs": {k: sum(p.kind == k for p in result.pairs) for k in sorted({p.kind for p in result.pairs})},
        "skipped": [{"source": s, "reason": r} for s, r in result.skipped],
        "notes": result.notes,
        "timing_s": result.timings,
        "config": cfg.as_dict(),
    }


def write_reports(
    result: RunResult, cfg: Config, reports_dir: Path, paths: dict[str, str], baseline: dict | None = None
) -> tuple[dict[str, object], GateResult]:
    reports_dir.mkdir(parents=True, exist_ok=True)
    sweep_temps(reports_dir)
    sdf = sentences_frame(result.articles)
    write_bytes(reports_dir / "sentences.csv", _csv(sdf))
    if cfg.output.parquet:
        buf = io.BytesIO()
        sdf.to_parquet(buf, index=False)
        write_bytes(reports_dir / "sentences.parquet", buf.getvalue())
    write_bytes(reports_dir / "lines.csv", _csv(lines_frame(result.articles, result.skipped)))
    write_bytes(reports_dir / "repairs.csv", _csv(repairs_frame(result.articles)))
    write_bytes(reports_dir / "pairs.csv", _csv(pairs_frame(result.articles, result.pairs)))
    adf = articles_frame(result.articles, paths)
    write_bytes(reports_dir / "articles.csv", _csv(adf))
    summ = summary(result, cfg, paths)
    gate = evaluate(cfg.gate.fail_on, summ, baseline, cfg.gate.tolerance)
    summ["gate"] = gate.as_dict()
    if cfg.output.junit:
        write_bytes(reports_dir / "quality.junit.xml", render_junit(result.articles, gate.as_junit()))
    write_text(reports_dir / "summary.json", json.dumps(summ, indent=2, ensure_ascii=False) + "\n")
    write_text(reports_dir / "report.md", render_report_md(summ, adf, sdf))
    write_text(reports_dir / "report.html", render_report_html(result, summ))
    return summ, gate
