"""JSON Lines: one article per record, with `title`, `text` and `url` when present.

Every block of a record sits on the record's raw line. A record that is not
valid JSON, or has no text, is recorded as consumed with a reason and the rest
of the file is read. The compressed readers (compressed.py) parse each line here too.
"""

from __future__ import annotations

import json

from ..config import ReadConfig
from ..model import Block, Document

TEXT_KEYS = ("text", "content", "body", "article")
TITLE_KEYS = ("title", "headline", "name")
URL_KEYS = ("url", "link", "source_url")
_DEFAULT = ReadConfig()


def read(content: str, source: str, cfg: ReadConfig | None = None) -> list[Document]:
    docs: list[Document] = []
    consumed: dict[int, str] = {}
    for n, raw in enumerate(content.split("\n"), start=1):
        if not raw.strip():
            continue
        got = parse_record(raw, n, source, cfg or _DEFAULT)
        if isinstance(got, str):
            consumed[n] = got
        else:
            docs.append(got)
    return attach(docs, consumed)


def attach(docs: list[Document], consumed: dict[int, str]) -> list[Document]:
    """The file's consumed lines go with its first document (the ledger reads them from there).
    With no document at all the file has no text, and the caller skips it whole."""
    if docs:
        docs[0].consumed.update(consumed)
    return docs


def parse_record(raw: str, n: int, source: str, cfg: ReadConfig) -> Document | str:
    """One JSON line (raw line `n`) as a Document, or the reason it is consumed instead."""
    try:
        rec = json.loads(raw)
    except json.JSONDecodeError as exc:
        return f"bad_record: {exc.msg} at column {exc.colno}"
    if not isinstance(rec, dict):
        return "bad_record: not a JSON object"
    body = _first(rec, _keys(cfg.text_column, TEXT_KEYS))
    if not body.strip():
        return "empty_record"
    return record_document(body, n, source, _first(rec, _keys(cfg.title_column, TITLE_KEYS)), _first(rec, URL_KEYS),
                           record_id(rec, cfg.id_column), "jsonl")


def record_document(body: str, n: int, source: str, title: str, url: str, record: str, fmt: str) -> Document:
    """A record's text as blocks, one per non-blank line, all on the record's raw line `n`."""
    blocks = [Block(text=t, line=n, end_line=n) for t in body.split("\n") if t.strip()]
    return Document(source=source, blocks=blocks, title=title.strip(), url=url.strip(), fmt=fmt, record=record)


def record_id(rec: dict, column: str) -> str:
    """`column` (read.id_column, `url` by default), else `id`: a string or an integer."""
    for k in dict.fromkeys((column, "id")):
        v = rec.get(k)
        if isinstance(v, str) and v.strip():
            return v.strip()
        if isinstance(v, int) and not isinstance(v, bool):
            return str(v)
    return ""


def _keys(first: str, rest: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((first, *rest)))


def _first(rec: dict, keys: tuple[str, ...]) -> str:
    for k in keys:
        v = rec.get(k)
        if isinstance(v, str):
            return v
    return ""
