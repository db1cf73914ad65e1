"""report.md: short enough to paste into a pull-request comment."""

from __future__ import annotations

import pandas as pd

from .degrade import missing_signals


def _cell(text: object, width: int = 90) -> str:
    s = " ".join(str(text).split()).replace("|", "\\|")
    return s if len(s) <= width else s[: width - 1] + "…"


def render_report_md(summary: dict, articles: pd.DataFrame, sentences: pd.DataFrame, top: int = 10) -> str:
    """`sentences`: the worst judged sentences, worst first (outputs.write_sentences picks them)."""
    v = summary["verdicts"]
    out = [
        "# Quality report",
        "",
        f"{summary['articles']} articles, {summary['sentences']} sentences: "
        f"garbled rate {summary['garbled_rate']:.1%}, mean garble score {summary['mean_garble']:.3f}.",
        "",
        *[f"**Signal missing**: {line}.\n" for line in missing_signals(summary)],
        "| verdict | sentences |",
        "|---|---:|",
        *[f"| {k} | {n} |" for k, n in v.items()],
        "",
    ]
    if summary["reasons"]:
        out += ["| reason | count |", "|---|---:|", *[f"| {k} | {n} |" for k, n in list(summary["reasons"].items())[:20]], ""]
    if (rv := summary.get("reviews")) is not None:
        out += ["## Reviews", "",
                f"{rv['reviews']} reviews in `{_cell(rv['file'], 120)}`: {rv['applied']} applied ({rv['changed']} changed the machine's verdict), "
                f"{rv['stale']} stale (no such sentence in this run), {len(rv['ignored'])} ignored.", ""]
        out += [f"- stale: `{k}`" for k in rv["stale_keys"][:20]]
        out += [f"- … and {len(rv['stale_keys']) - 20} more stale (summary.json)"] if len(rv["stale_keys"]) > 20 else []
        out += [f"- ignored: `{d['key']}`: {_cell(d['reason'], 120)}" for d in rv["ignored"][:20]]
        out += [""] if rv["stale_keys"] or rv["ignored"] else []
    if summary["skipped"]:
        out += ["## Skipped files", "", *[f"- `{s['source']}`: {_cell(s['reason'], 200)}" for s in summary["skipped"]], ""]
    if not articles.empty:
        worst = articles.sort_values(["mean_garble", "article"], ascending=[False, True]).head(top)
        out += [f"## {min(top, len(articles))} worst articles", "", "| article | sentences | garbled rate | mean garble | dropped |", "|---|---:|---:|---:|---:|"]
        out += [
            f"| {_cell(r.title, 70)} | {r.sentences} | {r.garbled_rate:.1%} | {r.mean_garble:.3f} | {r.dropped} |"
            for r in worst.itertuples()
        ]
        out.append("")
    if not sentences.empty:
        worst_s = sentences.head(top)
        out += [f"## {len(worst_s)} worst sentences", "", "| where | score | reasons | sentence |", "|---|---:|---|---|"]
        out += [
            f"| {r.source}:{r.line} | {r.garble_score:.2f} | {_cell(r.reasons, 40)} | {_cell(r.cleaned)} |"
            for r in worst_s.itertuples()
        ]
        out.append("")
    return "\n".join(out)
