"""Report tables (the contract other tools read) built as pandas DataFrames.

Contract columns are listed first and never renamed; extra columns may be added
after them. Signal values get one `sig_<name>` column each so a reviewer can
re-threshold without re-running.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import islice

import pandas as pd

from ..model import Action, Article, Pair, Sentence, Verdict
from ..review.key import sentence_keys
from .markdown import counts, scores

SENTENCE_COLUMNS = ["source", "line", "article", "section", "text", "cleaned", "verdict", "garble_score", "reasons", "action"]
LINE_COLUMNS = ["source", "line", "fate", "reason"]
SCORE_COLUMNS = ["line", "garble_score", "verdict", "reasons"]


def sentence_row(s: Sentence, record: str = "", key: str = "") -> dict[str, object]:
    """`record`: the article's record id; `key`: the sentence's review key (review.key)."""
    row: dict[str, object] = {
        "source": s.source,
        "line": s.line,
        "article": s.article,
        "section": s.section,
        "text": s.text,
        "cleaned": s.cleaned,
        "verdict": s.verdict.value,
        "garble_score": s.garble_score,
        "reasons": ";".join(s.reasons),
        "action": s.action.value,
        "id": s.id,
        "kind": "heading" if s.is_heading else "sentence",
        "level": s.level,
        "twin_of": s.twin_of,
        "repairs": ";".join(r.fixer for r in s.repairs),
        # A signal that could not be computed (LanguageTool down) says so: "languagetool_v1: unchecked".
        "evidence": "; ".join(f"{g.reason or g.name}: {g.detail}" for g in s.signals if g.detail and (g.reason or g.detail == "unchecked")),
        "record": record,
        "review_key": key,
        # What the machine said, whether or not a reviewer changed it (then `verdict` is the reviewer's).
        "machine_verdict": s.machine_verdict or s.verdict.value,
    }
    for g in s.signals:
        row[f"sig_{g.name}"] = g.value
    return row


#: Rows per slice of sentences.csv/.parquet (and per Parquet row group): a fixed number, so
#: the files do not depend on how the run was split, and a big run never holds one huge frame.
SLICE_ROWS = 50_000


def sentence_columns(articles: list[Article]) -> list[str]:
    """Contract columns, then the extras in `sentence_row` order, then one sig_ column per signal seen."""
    rest = [c for c in sentence_row(Sentence("", "", 0, "", "", "", "")) if c not in SENTENCE_COLUMNS]
    sigs = sorted({f"sig_{g.name}" for a in articles for s in a.sentences for g in s.signals})
    return SENTENCE_COLUMNS + rest + sigs


def sentence_frames(articles: list[Article], rows: int = SLICE_ROWS) -> Iterator[pd.DataFrame]:
    """The sentence table in slices of `rows` rows, all with the same columns; one empty frame for no sentences."""
    columns = sentence_columns(articles)
    sents = ((s, a.record, k) for a in articles for s, k in zip(a.sentences, sentence_keys(a)))
    chunk = list(islice(sents, rows))
    if not chunk:
        yield pd.DataFrame(columns=SENTENCE_COLUMNS)
    while chunk:
        yield pd.DataFrame([sentence_row(*row) for row in chunk]).reindex(columns=columns)
        chunk = list(islice(sents, rows))


def csv_bytes(df: pd.DataFrame, header: bool = True) -> bytes:
    return df.to_csv(index=False, header=header, lineterminator="\n").encode("utf-8")


def sentences_frame(articles: list[Article]) -> pd.DataFrame:
    """The whole sentence table in one frame, for tools that score a small input."""
    return pd.concat(list(sentence_frames(articles)), ignore_index=True)


def _fate(rows: list[Sentence]) -> tuple[str, str]:
    body = [s for s in rows if not s.is_heading] or rows
    if all(s.is_heading and s.action is not Action.DROPPED for s in body):
        return "heading", ""
    dropped = [s for s in body if s.action is Action.DROPPED]
    reasons = sorted({r for s in dropped for r in s.reasons})
    if len(dropped) == len(body):
        return "dropped", ";".join(reasons)
    if dropped:
        return "partial", ";".join(reasons)
    flagged = [s for s in body if s.action is Action.FLAGGED]
    if flagged:
        return "flagged", ";".join(sorted({r for s in flagged for r in s.reasons}))
    return "kept", ""


def lines_frame(articles: list[Article], skipped: list[tuple[str, str]]) -> pd.DataFrame:
    """One row per non-blank raw line: where it went and why."""
    by_block: dict[tuple[str, int], list[Sentence]] = defaultdict(list)
    for art in articles:
        for s in art.sentences:
            by_block[(art.id, s.block_index)].append(s)
    rows: dict[tuple[str, int], tuple[str, str]] = {}
    for art in articles:
        if art.title_line is not None:
            rows[(art.source, art.title_line)] = ("title", "")
        for ln, why in art.consumed.items():
            rows.setdefault((art.source, ln), ("consumed", why))
        for bi, block in enumerate(art.blocks):
            fate = _fate(by_block[(art.id, bi)]) if by_block[(art.id, bi)] else ("dropped", "empty")
            for ln in range(block.line, block.last_line + 1):
                # JSONL records hold several blocks on one raw line: merge their fates.
                prev = rows.get((art.source, ln))
                rows[(art.source, ln)] = fate if prev is None or prev == fate else _merge(prev, fate)
    out = [{"source": s, "line": ln, "fate": f, "reason": r} for (s, ln), (f, r) in rows.items()]
    out += [{"source": s, "line": 0, "fate": "skipped", "reason": why} for s, why in skipped]
    df = pd.DataFrame(out, columns=LINE_COLUMNS)
    return df.sort_values(["source", "line"], kind="stable").reset_index(drop=True)


def _merge(a: tuple[str, str], b: tuple[str, str]) -> tuple[str, str]:
    reasons = ";".join(sorted({r for x in (a[1], b[1]) for r in x.split(";") if r}))
    kinds = {a[0], b[0]}
    if kinds <= {"dropped"}:
        return "dropped", reasons
    if "dropped" in kinds or "partial" in kinds:
        return "partial", reasons
    if "flagged" in kinds:
        return "flagged", reasons
    return ("kept" if "kept" in kinds else a[0]), reasons


def repairs_frame(articles: list[Article]) -> pd.DataFrame:
    rows = [
        {"id": s.id, "source": s.source, "line": s.line, "fixer": r.fixer, "start": r.start, "end": r.end, "before": r.before, "after": r.after}
        for a in articles
        for s in a.sentences
        for r in s.repairs
    ]
    return pd.DataFrame(rows, columns=["id", "source", "line", "fixer", "start", "end", "before", "after"])


def articles_frame(articles: list[Article], paths: dict[str, str]) -> pd.DataFrame:
    rows = []
    for a in articles:
        rows.append(
            {"article": a.id, "source": a.source, "line": a.line, "title": a.title, "site": a.site, "url": a.url,
             "tags": "/".join(a.tags), **counts(a), **scores(a), "near_dup_of": a.near_dup_of, "encoding": a.encoding, "cleaned_path": paths.get(a.id, ""),
             "record": a.record}
        )
    return pd.DataFrame(rows)


PAIR_COLUMNS = ["kind", "kept", "dropped", "kept_line", "dropped_line", "similarity", "why", "kept_score", "dropped_score", "kept_repaired", "kept_text", "dropped_text"]


def pairs_frame(articles: list[Article], pairs: list[Pair]) -> pd.DataFrame:
    """One row per twin or near-duplicate: both copies, which was kept and why."""
    by_id = {s.id: s for a in articles for s in a.sentences}
    by_id_art = {a.id: a for a in articles}
    rows = []
    for p in pairs:
        k, d = by_id.get(p.kept), by_id.get(p.dropped)
        ka, da = by_id_art.get(p.kept), by_id_art.get(p.dropped)
        rows.append({
            "kind": p.kind, "kept": p.kept, "dropped": p.dropped,
            "kept_line": k.line if k else (ka.line if ka else 0), "dropped_line": d.line if d else (da.line if da else 0),
            "similarity": p.similarity, "why": p.why, "kept_score": p.kept_score, "dropped_score": p.dropped_score,
            "kept_repaired": p.kept_repaired,
            "kept_text": k.cleaned if k else (ka.title if ka else ""), "dropped_text": d.cleaned if d else (da.title if da else ""),
        })
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def verdict_counts(articles: list[Article]) -> dict[str, int]:
    c = Counter(s.verdict.value for a in articles for s in a.sentences)
    return {v.value: c.get(v.value, 0) for v in Verdict}


def reason_counts(articles: list[Article]) -> dict[str, int]:
    c = Counter(r for a in articles for s in a.sentences for r in s.reasons)
    return dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))
