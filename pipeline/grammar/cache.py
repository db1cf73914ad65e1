"""A SQLite cache of LanguageTool results, so a re-run does not check the same text again.

The key is a sha256 of the text, the LanguageTool version, the language and the rule settings:
change any of them and the old rows are simply never asked for. Unchecked texts are not stored.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

from ..cache import TIMEOUT_S, use_wal

log = logging.getLogger("pipeline.grammar")

DEFAULT_CACHE_DIR = Path(".cache/pipeline")  # relative to the working directory
FILE_NAME = "languagetool.sqlite"


def cache_key(text: str, version: str, language: str, rules: str) -> str:
    # JSON keeps the fields apart, so ("ab", "c") and ("a", "bc") never share a key.
    return hashlib.sha256(json.dumps([text, version, language, rules], ensure_ascii=False).encode()).hexdigest()


class GrammarCache:
    """key -> JSON list of match dicts. Safe to share between threads and between runs."""

    def __init__(self, cache_dir: Path) -> None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        self.path = cache_dir / FILE_NAME
        # timeout: two pipeline runs may share the cache; WAL lets readers go on while one writes.
        self._db = sqlite3.connect(self.path, timeout=TIMEOUT_S, check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock:
            use_wal(self._db)
            self._db.execute("CREATE TABLE IF NOT EXISTS lt (key TEXT PRIMARY KEY, matches TEXT NOT NULL)")
            self._db.commit()

    def get_many(self, keys: list[str]) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {}
        try:
            with self._lock:
                for i in range(0, len(keys), 500):  # SQLite caps the number of bound parameters
                    chunk = keys[i : i + 500]
                    rows = self._db.execute(f"SELECT key, matches FROM lt WHERE key IN ({','.join('?' * len(chunk))})", chunk)
                    found.update((k, json.loads(m)) for k, m in rows)
        except (sqlite3.Error, ValueError) as exc:  # a broken cache costs time, never the run
            log.warning("grammar cache %s unreadable, checking again: %s", self.path, exc)
        return found

    def put_many(self, items: dict[str, list[dict[str, Any]]]) -> None:
        if not items:
            return
        try:
            with self._lock:
                self._db.executemany("INSERT OR REPLACE INTO lt VALUES (?, ?)",
                                     [(k, json.dumps(v, ensure_ascii=False)) for k, v in items.items()])
                self._db.commit()
        except sqlite3.Error as exc:  # a full disk or a locked file: the results are still returned
            log.warning("grammar cache %s not written: %s", self.path, exc)

    def close(self) -> None:
        with self._lock:
            self._db.close()
