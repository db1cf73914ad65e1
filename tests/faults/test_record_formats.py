"""The ledger for the record formats (issue 21): every record of a .jsonl.gz, .jsonl.zst or
Parquet file has a fate in lines.csv, its record id is in sentences.csv `record`, and a bad file
(truncated gzip or zstd, corrupt Parquet, a missing text column) is one warning naming it, one
`skipped` row, and the rest of the batch runs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from .conftest import GOOD_BODY, GOOD_NAME, GOOD_TEXT, TALLY, check_ledger, raw_lines, run_ok

pytestmark = pytest.mark.integration

BODY = "\n".join(GOOD_BODY)
RECORDS = [
    json.dumps({"title": "Neck stretches", "url": "https://example.com/neck", "text": BODY}),
    "",
    "{not json",
    json.dumps({"title": "Empty", "text": ""}),
    json.dumps({"id": "rec-7", "title": "Back care", "text": "Keep your back straight when you lift heavy things from the floor."}),
    json.dumps({"title": "Untitled", "text": "A record with no id at all still has every line accounted for."}),
]


def jsonl() -> bytes:
    return ("\n".join(RECORDS) + "\n").encode("utf-8")


def parquet(path: Path, **columns: list) -> Path:
    pq.write_table(pa.table(columns or {
        "url": ["https://example.com/neck", None, "https://example.com/back", "https://example.com/empty"],
        "title": ["Neck stretches", "No id", "Back care", "Empty"],
        "text": [BODY, "A row without an id still has its fate in the ledger of this file.",
                 "Keep your back straight when you lift heavy things from the floor.", ""],
    }), path, row_group_size=2)
    return path


def test_every_record_of_every_record_format_has_a_fate(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / GOOD_NAME).write_text(GOOD_TEXT, encoding="utf-8")
    (inp / "a.jsonl.gz").write_bytes(gzip.compress(jsonl()))
    (inp / "b.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(jsonl()))
    parquet(inp / "c.parquet")
    out, err = run_ok([inp], tmp_path / "out", "--set", "read.batch_rows=3")
    assert "Warning" not in err, err
    TALLY.kinds.update({"jsonl.gz", "jsonl.zst", "parquet"})
    records = raw_lines(jsonl(), "utf-8")  # JSONL: the record's line; blank lines have no fate
    check_ledger(out, {GOOD_NAME: raw_lines(GOOD_TEXT.encode(), "utf-8"), "a.jsonl.gz": records, "b.jsonl.zst": records,
                       "c.parquet": {1, 2, 3, 4}})  # Parquet: the row number, every row
    lines = out.lines
    for name in ("a.jsonl.gz", "b.jsonl.zst"):
        fates = dict(zip(lines[lines.source == name].line, lines[lines.source == name].reason))
        assert fates[3].startswith("bad_record") and fates[4] == "empty_record"
    assert tuple(lines[(lines.source == "c.parquet") & (lines.line == 4)][["fate", "reason"]].iloc[0]) == ("consumed", "empty_record")
    s = out.sentences
    rec = {(src, int(ln)): r for src, ln, r in zip(s.source, s.line, s.record)}
    assert rec[("a.jsonl.gz", 1)] == rec[("b.jsonl.zst", 1)] == "https://example.com/neck"
    assert rec[("a.jsonl.gz", 5)] == "rec-7" and rec[("a.jsonl.gz", 6)] == ""
    assert rec[("c.parquet", 1)] == "https://example.com/neck" and rec[("c.parquet", 2)] == "" and rec[("c.parquet", 3)] == "https://example.com/back"
    assert set(s[s.source == GOOD_NAME].record) == {""}, "a .txt article has no record id"
    assert s.review_key.is_unique


def test_column_flags_name_the_parquet_columns(tmp_path: Path) -> None:
    path = parquet(tmp_path / "named.parquet", doc_id=[11, 12], headline=["Neck stretches", "Back care"],
                   body=[BODY, "Keep your back straight when you lift heavy things from the floor."])
    out, _ = run_ok([path], tmp_path / "out", "--text-column", "body", "--title-column", "headline", "--id-column", "doc_id")
    check_ledger(out, {"named.parquet": {1, 2}})
    assert set(out.sentences.record) == {11, 12}  # read back from the CSV as numbers
    assert {a for a in out.sentences.article} == {"neck-stretches", "back-care"}


def _cut(data: bytes) -> bytes:
    return data[: len(data) * 2 // 3]


BAD = {
    "cut.jsonl.gz": (lambda: _cut(gzip.compress(jsonl() * 200)), "the gzip stream is truncated after line"),
    "cut.jsonl.zst": (lambda: _cut(zstandard.ZstdCompressor().compress(jsonl() * 200)), "the zstd stream is truncated after line"),
    "broken.parquet": (lambda: b"PAR1" + b"\x00" * 64 + b"PAR1", "not a readable parquet file"),
}


def test_bad_record_files_are_skipped_and_the_batch_goes_on(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / GOOD_NAME).write_text(GOOD_TEXT, encoding="utf-8")
    for name, (make, _) in BAD.items():
        (inp / name).write_bytes(make())
    parquet(inp / "notext.parquet", body=["Text in the wrong column."], url=["u"])
    (inp / "fine.parquet").write_bytes(parquet(tmp_path / "fine.parquet").read_bytes())
    out, err = run_ok([inp], tmp_path / "out")
    TALLY.kinds.update({"truncated jsonl.gz", "truncated jsonl.zst", "corrupt parquet", "parquet without its text column"})
    skipped = {name: needle for name, (_, needle) in BAD.items()}
    skipped["notext.parquet"] = "no column 'text' for the text (columns: body, url): name it with --text-column"
    check_ledger(out, {GOOD_NAME: raw_lines(GOOD_TEXT.encode(), "utf-8"), "fine.parquet": {1, 2, 3, 4}}, skipped)
    warnings = [ln for ln in err.splitlines() if ln.startswith("Warning: ")]
    assert sorted(w.removeprefix("Warning: skipped ").split(":")[0] for w in warnings) == sorted(skipped), warnings
    assert all(len([w for w in warnings if name in w]) == 1 for name in skipped), "one line per bad file"
    assert out.summary["articles"] == 1 + 3  # the good scrape and fine.parquet's three rows with text
