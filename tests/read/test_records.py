"""Record formats read as a stream: .jsonl.gz, .jsonl.zst and Parquet (issue 21).

Each reader: records and their raw line numbers (a JSONL line; a Parquet row number), the
record id, what is consumed and why, that the file is never read whole, and one clear error for
a truncated or corrupt file or a missing text column.
"""

from __future__ import annotations

import gzip
import json
import tracemalloc
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from pipeline.config import ReadConfig
from pipeline.errors import InputError
from pipeline.read import discover, format_of, read_file

CFG = ReadConfig()
RECORDS = [
    {"title": "Neck care", "url": "https://example.com/neck", "text": "Sit up straight.\nRelax your shoulders."},
    "",  # a blank line: no record, no fate
    "{broken",
    {"title": "Empty", "text": "  "},
    {"id": 42, "title": "Back care", "text": "Keep your back straight when you lift."},
]


def jsonl_bytes(records: list = RECORDS) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records).encode("utf-8")


def _gz(tmp_path: Path, data: bytes, name: str = "a.jsonl.gz") -> Path:
    path = tmp_path / name
    path.write_bytes(gzip.compress(data))
    return path


def _zst(tmp_path: Path, data: bytes, name: str = "a.jsonl.zst") -> Path:
    path = tmp_path / name
    path.write_bytes(zstandard.ZstdCompressor().compress(data))
    return path


def parquet_file(path: Path, rows: dict[str, list], row_group_size: int | None = None) -> Path:
    pq.write_table(pa.table(rows), path, row_group_size=row_group_size)
    return path


def _seen(docs: list) -> list[tuple[str, str, list[tuple[int, str]]]]:
    return [(d.title, d.record, [(b.line, b.text) for b in d.blocks]) for d in docs]


@pytest.mark.parametrize("write", [_gz, _zst], ids=["gzip", "zstd"])
def test_compressed_jsonl_records_keep_their_line_numbers_and_ids(tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    docs = read_file(write(tmp_path, jsonl_bytes()), tmp_path, CFG)
    assert _seen(docs) == [
        ("Neck care", "https://example.com/neck", [(1, "Sit up straight."), (1, "Relax your shoulders.")]),
        ("Back care", "42", [(5, "Keep your back straight when you lift.")]),
    ]
    assert docs[0].url == "https://example.com/neck" and docs[0].fmt in ("jsonl.gz", "jsonl.zst")
    assert docs[0].consumed == {3: "bad_record: Expecting property name enclosed in double quotes at column 2", 4: "empty_record"}


def test_a_plain_jsonl_file_gets_record_ids_too(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(jsonl_bytes())
    assert [d.record for d in read_file(path, tmp_path, CFG)] == ["https://example.com/neck", "42"]


def test_a_bom_crlf_endings_and_a_line_that_is_not_utf8(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + jsonl_bytes(RECORDS[:1]).replace(b"\n", b"\r\n") + b'{"text": "caf\xe9"}\n'
    docs = read_file(_gz(tmp_path, data), tmp_path, CFG)
    assert _seen(docs) == [("Neck care", "https://example.com/neck", [(1, "Sit up straight."), (1, "Relax your shoulders.")])]
    assert docs[0].consumed == {2: "bad_record: not UTF-8 (byte 14)"}


def test_several_zstd_frames_are_one_stream(tmp_path: Path) -> None:
    z = zstandard.ZstdCompressor()
    path = tmp_path / "cat.jsonl.zst"
    path.write_bytes(z.compress(jsonl_bytes(RECORDS[:1])) + z.compress(jsonl_bytes(RECORDS[4:])))
    assert [d.record for d in read_file(path, tmp_path, CFG)] == ["https://example.com/neck", "42"]


def test_the_text_title_and_id_keys_can_be_named(tmp_path: Path) -> None:
    cfg = ReadConfig(text_column="body_en", title_column="headline_en", id_column="doc")
    data = jsonl_bytes([{"doc": "d-1", "headline_en": "Named", "body_en": "The named text.", "text": "Not this one.", "url": "u"}])
    assert _seen(read_file(_gz(tmp_path, data), tmp_path, cfg)) == [("Named", "d-1", [(1, "The named text.")])]


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".jsonl.zst"])
def test_a_compressed_file_is_read_as_a_stream_not_whole(tmp_path: Path, suffix: str) -> None:
    """16 MB of decompressed lines (long blank ones, which hold no record) around two records:
    reading the file must never hold much of it at once."""
    data = jsonl_bytes(RECORDS[:1]) + (b" " * 1023 + b"\n") * (16 << 10) + jsonl_bytes(RECORDS[4:])
    path = (_gz if suffix == ".jsonl.gz" else _zst)(tmp_path, data, "big" + suffix)
    assert path.stat().st_size < 1 << 20
    tracemalloc.start()
    try:
        docs = read_file(path, tmp_path, CFG)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [d.blocks[0].line for d in docs] == [1, (16 << 10) + 2]
    assert peak < 2 << 20, f"peak {peak / 2**20:.1f} MiB while reading a 16 MiB stream"


def test_parquet_rows_are_records_numbered_from_one(tmp_path: Path) -> None:
    path = parquet_file(tmp_path / "a.parquet", {
        "url": ["https://example.com/1", None, "https://example.com/3", "https://example.com/4", "https://example.com/5"],
        "title": ["One", "Two", None, "Four", "Five"],
        "text": ["First row.\nIts second line.", "Second row.", "", None, "Fifth row."],
        "other": [1, 2, 3, 4, 5],
    }, row_group_size=2)
    docs = read_file(path, tmp_path, ReadConfig(batch_rows=2))
    assert _seen(docs) == [("One", "https://example.com/1", [(1, "First row."), (1, "Its second line.")]),
                           ("Two", "", [(2, "Second row.")]), ("Five", "https://example.com/5", [(5, "Fifth row.")])]
    assert docs[0].consumed == {3: "empty_record", 4: "empty_record"}
    assert docs[0].url == "https://example.com/1" and docs[0].fmt == "parquet"


def test_parquet_columns_can_be_named_and_ids_need_not_be_text(tmp_path: Path) -> None:
    path = parquet_file(tmp_path / "a.parquet", {"doc_id": [7, 8], "headline": ["A", "B"], "body": ["Text a.", "Text b."]})
    docs = read_file(path, tmp_path, ReadConfig(text_column="body", title_column="headline", id_column="doc_id"))
    assert _seen(docs) == [("A", "7", [(1, "Text a.")]), ("B", "8", [(2, "Text b.")])]
    assert docs[0].url == "", "an id column that is not a URL is not the article's link"


def test_parquet_without_title_or_id_columns_under_their_default_names(tmp_path: Path) -> None:
    path = parquet_file(tmp_path / "a.parquet", {"text": ["Only text here."]})
    assert _seen(read_file(path, tmp_path, CFG)) == [("", "", [(1, "Only text here.")])]


# -- bad input: one clear error naming the file ------------------------------------------------


def _error(path: Path, cfg: ReadConfig = CFG) -> str:
    with pytest.raises(InputError) as err:
        read_file(path, path.parent, cfg)
    msg = str(err.value)
    assert msg.startswith(path.name + ": ") and "\n" not in msg, msg
    return msg


def test_a_truncated_gzip_file_is_skipped_whole(tmp_path: Path) -> None:
    data = gzip.compress(jsonl_bytes(RECORDS[:1] * 3000))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    msg = _error(path)
    assert "the gzip stream is truncated after line" in msg and "records read before it); the whole file is skipped" in msg, msg


def test_a_corrupt_gzip_file(tmp_path: Path) -> None:
    data = bytearray(gzip.compress(jsonl_bytes(RECORDS[:1] * 300)))
    data[40:60] = b"\xff" * 20
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(bytes(data))
    assert "corrupt gzip" in _error(path)


def test_a_file_named_jsonl_gz_that_is_not_gzip(tmp_path: Path) -> None:
    path = tmp_path / "plain.jsonl.gz"
    path.write_bytes(jsonl_bytes())
    assert "not gzip data" in _error(path)


def test_a_truncated_zstd_file_is_skipped_whole(tmp_path: Path) -> None:
    data = zstandard.ZstdCompressor().compress(jsonl_bytes(RECORDS[:1] * 3000))
    path = tmp_path / "cut.jsonl.zst"
    path.write_bytes(data[:-5])
    assert "the zstd stream is truncated after line" in _error(path)


def test_a_file_named_jsonl_zst_that_is_not_zstd(tmp_path: Path) -> None:
    path = tmp_path / "plain.jsonl.zst"
    path.write_bytes(jsonl_bytes())
    assert "not zstd data" in _error(path)


def test_a_corrupt_parquet_file(tmp_path: Path) -> None:
    good = parquet_file(tmp_path / "good.parquet", {"text": ["Some text."] * 10})
    path = tmp_path / "bad.parquet"
    path.write_bytes(good.read_bytes()[:-30])  # the footer is gone
    assert "not a readable Parquet file" in _error(path)
    path.write_bytes(b"PAR1 this is not parquet at all")
    assert "not a readable Parquet file" in _error(path)


def test_a_corrupt_parquet_page(tmp_path: Path) -> None:
    good = parquet_file(tmp_path / "good.parquet", {"text": [f"Row {i} has some text to compress." for i in range(2000)]})
    data = bytearray(good.read_bytes())
    data[200:400] = b"\x00" * 200  # the first page's data, not the footer
    path = tmp_path / "page.parquet"
    path.write_bytes(bytes(data))
    msg = _error(path)
    assert "corrupt Parquet data after row 0" in msg or "not a readable Parquet file" in msg, msg


def test_a_parquet_file_without_the_text_column(tmp_path: Path) -> None:
    path = parquet_file(tmp_path / "notext.parquet", {"body": ["Text."], "url": ["u"]})
    assert _error(path) == ("notext.parquet: no column 'text' for the text (columns: body, url): "
                            "name it with --text-column (read.text_column)")


def test_a_named_id_column_the_file_lacks(tmp_path: Path) -> None:
    path = parquet_file(tmp_path / "a.parquet", {"text": ["Text."]})
    assert "no column 'doc_id' for the id" in _error(path, ReadConfig(id_column="doc_id"))


def test_a_text_column_that_holds_numbers(tmp_path: Path) -> None:
    path = parquet_file(tmp_path / "n.parquet", {"text": [1, 2]})
    assert "column 'text' holds int64, not text" in _error(path)


def test_a_compressed_file_of_bad_records_only_has_no_text(tmp_path: Path) -> None:
    assert "no text found in the jsonl.gz file" in _error(_gz(tmp_path, b"{broken\n[1, 2]\n"))


# -- finding them ------------------------------------------------------------------------------


def test_format_of_reads_double_suffixes() -> None:
    assert [format_of(Path(n)) for n in ("a.jsonl.gz", "A.NDJSON.GZ", "a.jsonl.zst", "a.parquet", "a.txt", "a.gz", "a.csv")] == [
        "jsonl.gz", "jsonl.gz", "jsonl.zst", "parquet", "txt", None, None]


def test_discover_finds_the_new_formats(tmp_path: Path) -> None:
    for name in ("a.jsonl.gz", "b.jsonl.zst", "c.parquet", "d.txt.gz", "e.tar.gz"):
        (tmp_path / name).write_bytes(b"x")
    assert [p.name for p, _ in discover([tmp_path], CFG)] == ["a.jsonl.gz", "b.jsonl.zst", "c.parquet"]
    assert [p.name for p, _ in discover([tmp_path], ReadConfig(formats=["parquet"]))] == ["c.parquet"]
