"""Cleaned Markdown: one file per article, YAML front matter, headings, kept sentences.

Flagged (garbled) sentences stay in the text followed by an HTML comment with the
score and reasons: invisible when rendered, easy to grep for an editor.
"""

from __future__ import annotations

import json
from statistics import mean

from ..model import Action, Article, Sentence, Verdict

GENERATOR = "mt-scrape-pipeline"


def _yaml_str(value: str) -> str:
    # JSON strings are valid YAML scalars and escape everything that matters.
    return json.dumps(value, ensure_ascii=False)


def counts(art: Article) -> dict[str, int]:
    sents = [s for s in art.sentences if not s.is_heading]
    return {
        "sentences": len(sents),
        "kept": sum(s.action is Action.KEPT for s in sents),
        "flagged": sum(s.action is Action.FLAGGED for s in sents),
        "dropped": sum(s.action is Action.DROPPED for s in sents),
    }


def scores(art: Article) -> dict[str, float]:
    body = [s for s in art.sentences if not s.is_heading and s.verdict in (Verdict.OK, Verdict.GARBLED)]
    if not body:
        return {"mean_garble": 0.0, "max_garble": 0.0, "garbled_rate": 0.0}
    return {
        "mean_garble": round(mean(s.garble_score for s in body), 4),
        "max_garble": round(max(s.garble_score for s in body), 4),
        "garbled_rate": round(sum(s.verdict is Verdict.GARBLED for s in body) / len(body), 4),
    }


def visible(sent: Sentence) -> bool:
    return sent.action in (Action.KEPT, Action.FLAGGED)


def render(art: Article) -> str:
    fm = ["---", f"title: {_yaml_str(art.title)}", f"source: {_yaml_str(art.source)}", f"line: {art.line}"]
    if art.url:
        fm.append(f"url: {_yaml_str(art.url)}")
    if art.site:
        fm.append(f"site: {_yaml_str(art.site)}")
    fm.append("tags: [" + ", ".join(_yaml_str(t) for t in art.tags) + "]")
    fm.append("counts: {" + ", ".join(f"{k}: {v}" for k, v in counts(art).items()) + "}")
    fm.append("scores: {" + ", ".join(f"{k}: {v}" for k, v in scores(art).items()) + "}")
    fm.append(f"generator: {GENERATOR}")
    fm.append("---")
    out = ["\n".join(fm), "", f"# {md_escape(art.title)}", ""]
    for sec in art.sections:
        para: list[str] = []
        block = None
        for s in sec.sentences:
            if s.is_heading:
                if visible(s):
                    _flush(out, para)
                    out += ["#" * s.level + " " + md_escape(s.cleaned), ""]
                continue
            if not visible(s):
                continue
            if block is not None and s.block_index != block:
                _flush(out, para)
            block = s.block_index
            text = md_escape(s.cleaned)
            if s.action is Action.FLAGGED:
                text += f" <!-- garbled {s.garble_score:.2f}: {';'.join(s.reasons)} -->"
            para.append(text)
        _flush(out, para)
    return "\n".join(out).rstrip() + "\n"


def md_escape(text: str) -> str:
    """Scraped text must not become markup: no raw HTML, no accidental headings."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return "\\" + text if text.startswith(("#", ">", "---")) else text


def _flush(out: list[str], para: list[str]) -> None:
    if para:
        out += [" ".join(para), ""]
        para.clear()
