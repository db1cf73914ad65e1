"""Batched checking: many sentences per LanguageTool request, matches mapped back by offset.

A request per sentence would spend most of its time on HTTP and per-request setup, so texts are
joined with blank lines (LanguageTool's paragraph break, which also resets its sentence context)
into requests of up to `max_text_length` characters, two in flight at once (the server's threads).

Failures never raise: a batch the server refuses (too long, too many errors, 5xx) is split in
halves until the one bad text is alone; a timeout is retried with backoff, then the server is
restarted once, then the batch is given up. A text that could not be checked gets `None`.
"""

from __future__ import annotations

import json
import logging
import threading
import urllib.error
import urllib.parse
import urllib.request
from bisect import bisect_right
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from ..config import LanguageToolConfig
from .cache import GrammarCache, cache_key

log = logging.getLogger("pipeline.grammar")

SEP = "\n\n"
# Off server-side. Whitespace is the repair stage's business. The others look at neighbouring sentences,
# so their matches would depend on which texts share a batch, and the cache would go stale. For example,
# UPPERCASE_SENTENCE_START stays quiet after a text with no final stop; lowercase_start_v1 covers it. The
# unpaired quote and bracket rules pair a mark with one in another text of the batch; unbalanced_v1 covers them.
DISABLED_RULES = ("WHITESPACE_RULE", "CONSECUTIVE_SPACES", "SENTENCE_WHITESPACE", "COMMA_PARENTHESIS_WHITESPACE",
                  "PARAGRAPH_REPEAT_BEGINNING_RULE", "ENGLISH_WORD_REPEAT_BEGINNING_RULE", "EN_REPEATEDWORDS",
                  "UPPERCASE_SENTENCE_START", "EN_UNPAIRED_QUOTES", "EN_UNPAIRED_BRACKETS")


@dataclass(frozen=True, slots=True)
class Match:
    """One LanguageTool match; offset and length are in Python characters of the checked text."""

    offset: int
    length: int
    rule_id: str
    category: str  # rule.category.id: GRAMMAR, TYPOS, CONFUSED_WORDS, PUNCTUATION, …
    message: str
    replacements: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Match:
        return cls(d["offset"], d["length"], d["rule_id"], d["category"], d["message"], tuple(d["replacements"]))


class Server(Protocol):
    url: str
    version: str

    def restart(self) -> bool: ...


class RequestFailed(Exception):
    """The server answered with an error (it read the text and refused it)."""


class Unreachable(Exception):
    """No answer: a timeout, a refused or reset connection."""


class Checker:
    """`check_texts(texts)` against one server, with an optional cache. Thread-safe."""

    def __init__(self, server: Server, cfg: LanguageToolConfig, cache: GrammarCache | None = None, *,
                 workers: int = 2, retries: int = 2, backoff_s: float = 0.5, max_failed_batches: int = 3,
                 disabled_rules: tuple[str, ...] = DISABLED_RULES) -> None:
        self.server = server
        self.cfg = cfg
        self.cache = cache
        self.workers = workers
        self.retries = retries
        self.backoff_s = backoff_s
        self.max_failed_batches = max_failed_batches
        # Adding "MORFOLOGIK_RULE_EN_US" (the speller, ~80% of the check time on garbled text: its
        # suggestions are costly) makes checks 2-5x faster; the wordfreq and Harper signals also catch typos.
        self.disabled_rules = ",".join(disabled_rules)
        self.rules = "disabled=" + self.disabled_rules  # part of the cache key
        self.requests = 0  # HTTP requests sent (tests and timings read it)
        self._restarted = False
        self._failed_batches = 0  # consecutive batches given up after the restart: stop trying then
        self._lock = threading.Lock()
        self._stopping = threading.Event()

    # -- the API ---------------------------------------------------------------------------

    def check_texts(self, texts: list[str]) -> list[list[Match] | None]:
        """Matches for each text, in order; None for a text that could not be checked."""
        unique = list(dict.fromkeys(t for t in texts if t.strip()))
        keys = {t: cache_key(t, self.server.version, self.cfg.language, self.rules) for t in unique}
        cached = self.cache.get_many(list(keys.values())) if self.cache else {}
        results: dict[str, list[Match] | None] = {
            t: [Match.from_dict(d) for d in cached[k]] for t, k in keys.items() if k in cached
        }
        todo = [t for t in unique if t not in results]
        if todo:
            pool = ThreadPoolExecutor(self.workers)
            try:
                for batch, found in zip(batches := self._pack(todo), pool.map(self._check_batch, batches)):
                    results.update(zip(batch, found))
                    if self.cache:
                        self.cache.put_many({keys[t]: [asdict(m) for m in ms] for t, ms in zip(batch, found) if ms is not None})
            except BaseException:  # Ctrl-C: drop queued batches, and no retries or restart on the way out
                self._stopping.set()
                pool.shutdown(wait=False, cancel_futures=True)
                raise
            pool.shutdown()
        return [results.get(t, []) if t.strip() else [] for t in texts]

    # -- batching ----------------------------------------------------------------------------

    def _pack(self, texts: list[str]) -> list[list[str]]:
        """Greedy batches of at most max_text_length UTF-16 units (Java's length), separators included."""
        out: list[list[str]] = []
        size = 0
        for t in texts:
            n = _utf16_len(t) + len(SEP)
            if not out or size + n > self.cfg.max_text_length:
                out.append([])
                size = 0
            out[-1].append(t)
            size += n
        return out

    def _check_batch(self, batch: list[str]) -> list[list[Match] | None]:
        try:
            return list(self._check_joined(batch))
        except RequestFailed as exc:
            if len(batch) == 1:
                log.warning("LanguageTool could not check a text (%s): %.80r", exc, batch[0])
                return [None]
            mid = len(batch) // 2  # find the offending text by halving; the rest still gets checked
            return self._check_batch(batch[:mid]) + self._check_batch(batch[mid:])
        except Unreachable as exc:
            log.warning("LanguageTool unreachable, %d texts left unchecked: %s", len(batch), exc)
            return [None] * len(batch)
        except Exception:  # a bug or a response we do not understand must not sink the run
            log.exception("LanguageTool check failed, %d texts left unchecked", len(batch))
            return [None] * len(batch)

    def _check_joined(self, batch: list[str]) -> list[list[Match]]:
        # Newlines inside a text would read as paragraph breaks: a space keeps every offset.
        parts = [t.replace("\r", " ").replace("\n", " ") for t in batch]
        joined = SEP.join(parts)
        starts, pos = [], 0
        for p in parts:
            starts.append(pos)
            pos += len(p) + len(SEP)
        out: list[list[Match]] = [[] for _ in batch]
        to_py = _utf16_to_py(joined)
        for m in self._post(joined):
            off, end = to_py(m["offset"]), to_py(m["offset"] + m["length"])
            i = bisect_right(starts, off) - 1
            local, limit = off - starts[i], len(parts[i])
            if local >= limit:  # a match on the separator itself
                continue
            rule = m.get("rule", {})
            out[i].append(Match(
                offset=local,
                length=min(end - off, limit - local),
                rule_id=str(rule.get("id", "")),
                category=str(rule.get("category", {}).get("id", "")),
                message=str(m.get("message", "")),
                replacements=tuple(str(r.get("value", "")) for r in m.get("replacements", [])[:3]),
            ))
        return out

    # -- HTTP ----------------------------------------------------------------------------------

    def _post(self, text: str) -> list[dict[str, Any]]:
        """POST /v2/check; retries timeouts with backoff, then restarts the server once."""
        last = Unreachable("no attempt")
        for attempt in range(self.retries + 2):
            if self._failed_batches >= self.max_failed_batches or self._stopping.is_set():
                raise Unreachable("gave up after repeated failures" if not self._stopping.is_set() else "stopping")
            url = self.server.url  # read each time: a restart moves it to another port
            try:
                matches = self._request(url, text)
                self._failed_batches = 0
                return matches
            except Unreachable as exc:
                last = exc
                if attempt < self.retries:
                    self._stopping.wait(self.backoff_s * 2**attempt)  # backoff; cut short by Ctrl-C
                elif attempt == self.retries and not self._restart_once(url):
                    break
        with self._lock:
            if self._restarted:
                self._failed_batches += 1
        raise last

    def _request(self, url: str, text: str) -> list[dict[str, Any]]:
        body = urllib.parse.urlencode({
            "text": text, "language": self.cfg.language, "disabledRules": self.disabled_rules,
        }).encode()
        with self._lock:
            self.requests += 1
        try:
            with urllib.request.urlopen(f"{url}/v2/check", body, timeout=self.cfg.timeout_s) as resp:
                data = json.load(resp)
        except urllib.error.HTTPError as exc:  # 413 too long, 400/500 e.g. too many errors per word
            raise RequestFailed(f"HTTP {exc.code}: {exc.read(200).decode(errors='replace').strip()}") from None
        except (urllib.error.URLError, OSError) as exc:  # timeouts, refused and reset connections
            raise Unreachable(str(getattr(exc, "reason", exc))) from None
        except ValueError as exc:  # a truncated or non-JSON body
            raise RequestFailed(f"bad response: {exc}") from None
        if data.get("warnings", {}).get("incompleteResults"):
            raise RequestFailed("incomplete results")  # the server stopped early (time or error limit)
        return list(data.get("matches", []))

    def _restart_once(self, failed_url: str) -> bool:
        """Restart a hung server, once per Checker; concurrent callers share that one restart."""
        with self._lock:
            if self.server.url != failed_url:
                return True  # another thread already restarted it: just retry
            if self._restarted or self._stopping.is_set():
                return False
            self._restarted = True
            return self.server.restart()


def _utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _utf16_to_py(text: str) -> Callable[[int], int]:
    """LanguageTool's offsets count UTF-16 units (Java chars); Python counts code points."""
    if all(ord(ch) <= 0xFFFF for ch in text):
        return lambda i: i
    table: list[int] = []
    for idx, ch in enumerate(text):
        table.extend([idx, idx] if ord(ch) > 0xFFFF else [idx])
    table.append(len(text))
    return lambda i: table[min(i, len(table) - 1)]
