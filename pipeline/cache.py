"""The run cache: parses and signal values, keyed by content and configuration.

A re-run on unchanged input reads both from SQLite instead of parsing and
scoring again; a changed article misses the cache only for its own blocks, and
a config change that affects scoring (the `garble` section, the spaCy model)
changes the fingerprint, so old rows are never used. LanguageTool and the
language model keep caches of their own in the same folder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .model import Signal, make_signal

if TYPE_CHECKING:
    from .signals.base import Item

log = logging.getLogger("pipeline.cache")
FILE_NAME = "run.sqlite"
SCHEMA = 1
TIMEOUT_S = 30  # how long a connection waits for another one's lock


def use_wal(db: sqlite3.Connection) -> None:
    """Write-ahead logging, so that readers and a writer do not block each other. SQLite does not
    wait (busy timeout) for this switch: when two Dask workers opened a new cache folder at once,
    one got "database is locked" at once and ran without the cache. So the switch is retried.
    Every cache in the folder that uses WAL switches here."""
    deadline = time.monotonic() + TIMEOUT_S
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _h(*parts: str) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


class RunCache:
    def __init__(self, cache_dir: Path, parse_fingerprint: dict, signal_fingerprint: dict) -> None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        # Parses depend on the model only; signals on everything that feeds a scorer.
        self.parse_fp = _h(str(SCHEMA), json.dumps(parse_fingerprint, sort_keys=True, default=str))
        self.fp = _h(self.parse_fp, json.dumps(signal_fingerprint, sort_keys=True, default=str))
        # Used from one thread at a time, but a Dask worker closes it from another one.
        self._db = sqlite3.connect(cache_dir / FILE_NAME, timeout=TIMEOUT_S, check_same_thread=False)
        use_wal(self._db)
        self._db.execute("CREATE TABLE IF NOT EXISTS doc (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
        self._db.execute("CREATE TABLE IF NOT EXISTS signal (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
        self.hits = self.misses = 0

    def _select(self, columns: str, table: str, keys: list[str]) -> list[tuple]:
        rows: list[tuple] = []
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                rows += self._db.execute(f"SELECT {columns} FROM {table} WHERE key IN ({','.join('?' * len(chunk))})", chunk)
        except sqlite3.Error as exc:  # a broken cache costs time, never the run
            log.warning("run cache unreadable, recomputing: %s", exc)
        return rows

    def _get(self, table: str, keys: list[str]) -> dict[str, object]:
        found = dict(self._select("key, data", table, keys))
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def _put(self, table: str, rows: Iterable[tuple[str, object]]) -> None:
        try:
            self._db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", list(rows))
            self._db.commit()
        except sqlite3.Error as exc:
            log.warning("run cache not written: %s", exc)

    # Parses: one spaCy Doc's bytes per block text (segment.parse reads and writes them).
    def _doc_key(self, text: str) -> str:
        return _h(self.parse_fp, "doc", text)

    def get_docs(self, texts: list[str]) -> dict[str, bytes]:
        keys = {self._doc_key(t): t for t in texts}
        return {keys[k]: data for k, data in self._get("doc", list(keys)).items()}  # type: ignore[misc]

    def has_docs(self, texts: list[str]) -> set[str]:
        """The texts with a stored parse, without reading the parses."""
        keys = {self._doc_key(t): t for t in texts}
        return {keys[k] for (k,) in self._select("key", "doc", list(keys))}

    def put_docs(self, rows: list[tuple[str, bytes]]) -> None:
        self._put("doc", ((self._doc_key(t), data) for t, data in rows))

    # Signals: one row per (scorer, sentence in its block context).
    def item_keys(self, items: list[Item]) -> list[str]:
        """What a scorer's value can depend on: the sentence, raw and repaired, in its block."""
        return [_h(it.sentence.text, it.sentence.cleaned, str(it.sentence.is_heading),
                   it.span.doc.text if it.span is not None else "") for it in items]

    def signal_keys(self, name: str, item_keys: list[str], tag: str = "") -> list[str]:
        return [_h(self.fp, name, tag, k) for k in item_keys]

    def get_signals(self, keys: list[str]) -> dict[str, Signal]:
        out = {}
        for k, data in self._get("signal", keys).items():
            d = json.loads(str(data))
            out[k] = make_signal(d["name"], d["value"], d["reason"], d["detail"], tuple(tuple(s) for s in d["spans"]))  # type: ignore[misc]
        return out

    def put_signals(self, rows: dict[str, Signal]) -> None:
        self._put("signal", ((k, json.dumps({"name": s.name, "value": s.value, "reason": s.reason, "detail": s.detail,
                                             "spans": s.spans}, ensure_ascii=False)) for k, s in rows.items()))

    def close(self) -> None:
        self._db.close()
