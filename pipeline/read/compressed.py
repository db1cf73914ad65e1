"""Compressed JSON Lines (.jsonl.gz, .jsonl.zst), read as a stream.

A file is decompressed 64 KiB at a time and cut into lines as it comes, so a file of millions of
records is never in memory whole, compressed or not; each line is one record, parsed as a plain
.jsonl line is (jsonl.parse_record), and its blocks sit on the record's line number (lines end
at "\\n"; a "\\r\\n" ending is whitespace to the JSON parser).

A stream that breaks part-way (a truncated download, a corrupt block) skips the whole file
with one error naming it, where it broke and how many records came before: the records read
so far are not kept. A half-read file would look like a complete, smaller one in every report;
skipped, it has one `skipped` row in lines.csv and is re-read whole once it is fixed.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..config import ReadConfig
from ..errors import InputError
from ..model import Document
from .jsonl import attach, parse_record

CHUNK = 1 << 16
_BOM = b"\xef\xbb\xbf"


class _Broken(Exception):
    """The compressed stream ended early or holds bad data; `what` says which, in words."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def read(path: Path, source: str, cfg: ReadConfig, fmt: str) -> list[Document]:
    docs: list[Document] = []
    consumed: dict[int, str] = {}
    n = 0
    try:
        for n, raw in lines(_gzip_chunks(path) if fmt == "jsonl.gz" else _zstd_chunks(path)):
            if n == 1 and raw.startswith(_BOM):
                raw = raw[len(_BOM):]
            if not raw.strip():
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                consumed[n] = f"bad_record: not UTF-8 (byte {exc.start + 1})"
                continue
            got = parse_record(text.replace("\x00", ""), n, source, cfg)
            if isinstance(got, str):
                consumed[n] = got
            else:
                docs.append(got)
    except _Broken as exc:
        raise InputError(f"{source}: {exc.what} after line {n:,} ({len(docs):,} records read before it); the whole file is "
                         f"skipped: re-create or re-download it") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot read file ({exc.strerror or exc})") from None
    for doc in docs:
        doc.fmt = fmt
    return attach(docs, consumed)


def lines(chunks: Iterator[bytes]) -> Iterator[tuple[int, bytes]]:
    """(1-based line number, line without its "\\n") for every line of the stream, blank ones too."""
    n = 0
    rest = b""
    for chunk in chunks:
        parts = (rest + chunk).split(b"\n")
        rest = parts.pop()
        for part in parts:
            n += 1
            yield n, part
    if rest:
        yield n + 1, rest


def _gzip_chunks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as raw, gzip.GzipFile(fileobj=raw) as fh:
        while True:
            try:
                chunk = fh.read(CHUNK)
            except EOFError:  # gzip's word for "the file ends mid-stream"
                raise _Broken("the gzip stream is truncated") from None
            except gzip.BadGzipFile as exc:
                raise _Broken(f"not gzip data or a corrupt gzip stream ({exc})") from None
            except zlib.error as exc:
                raise _Broken(f"corrupt gzip data ({exc})") from None
            if not chunk:
                return
            yield chunk


def _zstd_chunks(path: Path) -> Iterator[bytes]:
    """zstandard's stream reader returns a truncated frame's data without a word, so this feeds
    a decompressor by hand and checks that the stream ends where a frame ends. Several frames one
    after another (what `cat a.zst b.zst` makes) are one stream, as the `zstd` tool reads them."""
    import zstandard

    dctx = zstandard.ZstdDecompressor()
    with open(path, "rb") as fh:
        dobj, fed = dctx.decompressobj(), False
        while buf := fh.read(CHUNK):
            while buf:
                try:
                    out = dobj.decompress(buf)
                except zstandard.ZstdError as exc:
                    raise _Broken(f"not zstd data or a corrupt zstd stream ({exc})") from None
                fed = True
                if out:
                    yield out
                if not dobj.eof:
                    break
                buf = dobj.unused_data  # the next frame's start, if the chunk held one
                dobj, fed = dctx.decompressobj(), False
        if fed:
            raise _Broken("the zstd stream is truncated")
