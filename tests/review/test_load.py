"""reviews.jsonl (pipeline.review.load): what it holds, and one clear error for each bad line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.review.load import Review, load_reviews

KEY = "0123456789abcdef"


def _file(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "reviews.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def test_a_reviews_file_and_a_later_line_winning(tmp_path: Path) -> None:
    note = '<img src=x onerror="alert(1)"> \u2028 "quoted" \\ back'
    path = _file(tmp_path, json.dumps({"key": KEY, "old_verdict": "garbled", "new_verdict": "ok", "note": "first", "reviewer": "ana",
                                       "time": "2026-11-30T10:00:00Z", "line": 12, "text": "ignored"}),
                 "", json.dumps({"key": "fedcba9876543210", "new_verdict": "dup"}),
                 json.dumps({"key": KEY, "new_verdict": "boilerplate", "note": note}))
    got = load_reviews(path)
    assert list(got) == ["fedcba9876543210", KEY], "file order, a key's later line last"
    assert got[KEY] == Review(KEY, "boilerplate", note=note, line=4)
    assert got["fedcba9876543210"] == Review("fedcba9876543210", "dup", line=3)


def test_an_empty_file_is_no_reviews(tmp_path: Path) -> None:
    assert load_reviews(_file(tmp_path)) == {}


@pytest.mark.parametrize(("line", "message"), [
    ("{not json", "line 2: not valid JSON (Expecting property name enclosed in double quotes at column 2): each line must be one JSON object, as report.html exports them"),
    ("[1, 2]", "line 2: not a JSON object: each line must be one object with key and new_verdict"),
    (json.dumps({"new_verdict": "ok"}), "line 2: key must be 16 hex digits (sentences.csv review_key), got nothing"),
    (json.dumps({"key": "row 12", "new_verdict": "ok"}), 'line 2: key must be 16 hex digits (sentences.csv review_key), got "row 12"'),
    (json.dumps({"key": KEY, "new_verdict": "garbeld"}),
     'line 2: unknown new_verdict "garbeld" (allowed: ok, garbled, boilerplate, bilingual_dup, dup, heading): fix or delete the line'),
    (json.dumps({"key": KEY}), "line 2: unknown new_verdict nothing (allowed: ok, garbled, boilerplate, bilingual_dup, dup, heading): fix or delete the line"),
    (json.dumps({"key": KEY, "new_verdict": "ok", "old_verdict": "bad"}), 'line 2: unknown old_verdict "bad"'),
    (json.dumps({"key": KEY, "new_verdict": "ok", "note": 5}), "line 2: note must be a string, got 5"),
])
def test_a_bad_line_names_the_file_the_line_and_the_fix(tmp_path: Path, line: str, message: str) -> None:
    path = _file(tmp_path, json.dumps({"key": KEY, "new_verdict": "ok"}), line)
    with pytest.raises(InputError) as err:
        load_reviews(path)
    assert str(err.value).startswith(f"reviews file {path} {message}"), str(err.value)


def test_missing_folder_and_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        load_reviews(tmp_path / "nope.jsonl")
    with pytest.raises(InputError, match="is a folder"):
        load_reviews(tmp_path)
    bad = tmp_path / "latin1.jsonl"
    bad.write_bytes(b'{"key": "0123456789abcdef", "new_verdict": "ok", "note": "caf\xe9"}\n')
    with pytest.raises(InputError, match="is not UTF-8 text"):
        load_reviews(bad)
