"""JSON Lines: one article per record, with `title`, `text` and `url` when present.

Every block of a record sits on the record's raw line. A record that is not
valid JSON, or has no text, is recorded as consumed with a reason and the rest
of the file is read.
"""

from __future__ import annotations

import json

from ..model import Block, Document

TEXT_KEYS = ("text", "content", "body", "article")
TITLE_KEYS = ("title", "headline", "name")
URL_KEYS = ("url", "link", "source_url")


def read(content: str, source: str) -> list[Document]:
    docs: list[Document] = []
    consumed: dict[int, str] = {}
    for n, raw in enumerate(content.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            rec = json.loads(raw)
        except json.JSONDecodeError as exc:
            consumed[n] = f"bad_record: {exc.msg} at column {exc.colno}"
            continue
        if not isinstance(rec, dict):
            consumed[n] = "bad_record: not a JSON object"
            continue
        body = _first(rec, TEXT_KEYS)
        if not body.strip():
            consumed[n] = "empty_record"
            continue
        blocks = [Block(text=t, line=n, end_line=n) for t in body.split("\n") if t.strip()]
        docs.append(Document(source=source, blocks=blocks, title=_first(rec, TITLE_KEYS).strip(), url=_first(rec, URL_KEYS).strip(), fmt="jsonl"))
    if docs:
        docs[0].consumed.update(consumed)
    return docs


def _first(rec: dict, keys: tuple[str, ...]) -> str:
    for k in keys:
        v = rec.get(k)
        if isinstance(v, str):
            return v
    return ""
