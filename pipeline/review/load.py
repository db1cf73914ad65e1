"""reviews.jsonl: one reviewer's correction per line, as report.html exports it.

    {"key": "3f9a0c4be1d27a55", "old_verdict": "garbled", "new_verdict": "ok", "note": "fluent",
     "reviewer": "ana", "time": "2026-11-30T10:12:00Z", "source": "raw/a.txt", "line": 12, "text": "..."}

`key` and `new_verdict` are required; `old_verdict` (what the page showed), `note`, `reviewer`
and `time` are kept for the report; `source`, `line`, `text` and `article` are for people
reading the file and are not used. A key given twice takes its later line (a later export
appended to an earlier one). Any bad line stops the run before it starts, naming the file,
the line and the fix, as a bad config does.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import Verdict
from .key import KEY_CHARS

VERDICTS = [v.value for v in Verdict]
_KEY = re.compile(rf"^[0-9a-f]{{{KEY_CHARS}}}$")
_TEXT_FIELDS = ("note", "reviewer", "time")


@dataclass(frozen=True, slots=True)
class Review:
    key: str
    new_verdict: str
    old_verdict: str = ""
    note: str = ""
    reviewer: str = ""
    time: str = ""
    line: int = 0  # the line of reviews.jsonl it came from


def load_reviews(path: Path) -> dict[str, Review]:
    """key -> Review, in file order (a key's later line replaces its earlier one)."""
    out: dict[str, Review] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="\n") as fh:
            for n, raw in enumerate(fh, start=1):
                if raw.strip():
                    review = _parse(raw, n, path)
                    out.pop(review.key, None)
                    out[review.key] = review
    except FileNotFoundError:
        raise InputError(f"reviews file {path} does not exist") from None
    except IsADirectoryError:
        raise InputError(f"reviews file {path} is a folder: give the reviews.jsonl file the report exported") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"reviews file {path} is not UTF-8 text ({exc.reason} at byte {exc.start}): export it again from report.html") from None
    except OSError as exc:
        raise InputError(f"reviews file {path} cannot be read ({exc.strerror or exc})") from None
    return out


def _parse(raw: str, n: int, path: Path) -> Review:
    where = f"reviews file {path} line {n}"
    try:
        rec = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno}): each line must be one JSON object, "
                         "as report.html exports them") from None
    if not isinstance(rec, dict):
        raise InputError(f"{where}: not a JSON object: each line must be one object with key and new_verdict")
    key = rec.get("key")
    if not isinstance(key, str) or not _KEY.match(key):
        raise InputError(f"{where}: key must be {KEY_CHARS} hex digits (sentences.csv review_key), got {_show(key)}")
    verdict = rec.get("new_verdict")
    if verdict not in VERDICTS:
        raise InputError(f"{where}: unknown new_verdict {_show(verdict)} (allowed: {', '.join(VERDICTS)}): fix or delete the line")
    old = rec.get("old_verdict", "")
    if old not in ("", None, *VERDICTS):
        raise InputError(f"{where}: unknown old_verdict {_show(old)} (allowed: {', '.join(VERDICTS)}, or leave it out)")
    for name in _TEXT_FIELDS:
        if rec.get(name) is not None and not isinstance(rec[name], str):
            raise InputError(f"{where}: {name} must be a string, got {_show(rec[name])}")
    return Review(key, verdict, old or "", *(rec.get(f) or "" for f in _TEXT_FIELDS), line=n)


def _show(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if value is not None else "nothing"
    return text if len(text) <= 40 else text[:39] + "…"
