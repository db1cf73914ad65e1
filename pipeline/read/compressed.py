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
from typing import BinaryIO
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
    """(1-based line number, line without its "\\n") for every line of the stream, blank ones too.
    One line at a time: a chunk of a million short lines is never a list of them."""
    n = 0
    pending: list[bytes] = []  # the start of a line that runs past its chunk
    for chunk in chunks:
        start = 0
        while (end := chunk.find(b"\n", start)) != -1:
            n += 1
            if pending:
                pending.append(chunk[start:end])
                yield n, b"".join(pending)
                pending = []
            else:
                yield n, chunk[start:end]
            start = end + 1
        if start < len(chunk):
            pending.append(chunk[start:])
    if pending:
        yield n + 1, b"".join(pending)


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
    """zstandard's stream reader gives at most CHUNK bytes a read, but returns a truncated frame's
    data without a word; so once the data is read, the frames' structure is walked to see that the
    file ends where a frame ends. Several frames one after another (`cat a.zst b.zst`) are one
    stream, as the `zstd` tool reads them."""
    import zstandard

    with open(path, "rb") as fh, zstandard.ZstdDecompressor().stream_reader(fh, read_across_frames=True, closefd=False) as reader:
        while True:
            try:
                chunk = reader.read(CHUNK)
            except zstandard.ZstdError as exc:
                raise _Broken(f"not zstd data or a corrupt zstd stream ({exc})") from None
            if not chunk:
                break
            yield chunk
    with open(path, "rb") as fh:
        if not zstd_frames_complete(fh):
            raise _Broken("the zstd stream is truncated")


_ZSTD_MAGIC = 0xFD2FB528
_FCS_BYTES = (0, 2, 4, 8)
_DICT_BYTES = (0, 1, 2, 4)


def zstd_frames_complete(fh: BinaryIO) -> bool:
    """Whether the file is whole zstd frames, by their headers only (RFC 8878, section 3.1): each
    block header says how many bytes the block takes, so the walk seeks from one to the next."""
    size = fh.seek(0, 2)
    pos = 0
    while pos < size:
        fh.seek(pos)
        head = fh.read(4)
        if len(head) < 4:
            return False
        magic = int.from_bytes(head, "little")
        if magic & 0xFFFFFFF0 == 0x184D2A50:  # a skippable frame: its size follows
            length = fh.read(4)
            if len(length) < 4:
                return False
            pos += 8 + int.from_bytes(length, "little")
            continue
        if magic != _ZSTD_MAGIC:
            return True  # not zstd at all: the decompressor has said so already
        desc = fh.read(1)
        if not desc:
            return False
        d = desc[0]
        single = bool(d & 0x20)
        fcs = _FCS_BYTES[d >> 6] or (1 if single else 0)
        pos += 5 + (0 if single else 1) + _DICT_BYTES[d & 3] + fcs
        while True:
            fh.seek(pos)
            block = fh.read(3)
            if len(block) < 3:
                return False
            b = int.from_bytes(block, "little")
            last, kind, length = b & 1, (b >> 1) & 3, b >> 3
            pos += 3 + (1 if kind == 1 else length)
            if last:
                break
        pos += 4 if d & 0x04 else 0  # the content checksum
    return pos == size
