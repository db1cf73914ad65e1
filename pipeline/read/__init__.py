"""Readers: files on disk -> `Document`s whose blocks keep their raw line numbers.

One module per format; `read_file` picks by suffix. Readers never judge text,
they only say what the format itself says (a heading, a list item, a caption).
"""

from __future__ import annotations

import stat
from pathlib import Path

from ..config import ReadConfig
from ..errors import InputError
from ..model import Document
from .decode import decode
from .discover import STREAMED, SUFFIXES, discover, format_of

__all__ = ["SUFFIXES", "decode", "discover", "format_of", "read_file", "source_name"]


def read_file(path: Path, root: Path, cfg: ReadConfig) -> list[Document]:
    """Read one file; raise InputError (with the file named) if it cannot be read."""
    source = source_name(path, root)
    fmt = format_of(path) or "txt"
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a named pipe or a device would block or never end
            raise InputError(f"{source}: not a regular file (a folder, pipe, socket or device)")
        size = st.st_size
        if fmt not in STREAMED and size > cfg.max_file_mb * 1024 * 1024:
            raise InputError(f"{source}: file is {size / 2**20:.0f} MB, above read.max_file_mb={cfg.max_file_mb:g}")
    except OSError as exc:
        raise InputError(f"{source}: cannot read file ({exc.strerror or exc})") from None
    docs = _streamed(path, source, cfg, fmt) if fmt in STREAMED else _whole(path, source, cfg, fmt)
    if not any(doc.blocks for doc in docs):
        raise InputError(f"{source}: no text found in the {fmt} file")
    limit = cfg.max_block_chars
    if limit is not None and (long := next((b for d in docs for b in d.blocks if len(b.text) > limit), None)):
        raise InputError(f"{source}: line {long.line} holds {len(long.text):,} characters without a paragraph break, "
                         f"above read.max_block_chars={limit:,} (split the text, or raise the limit if memory allows)")
    return docs


def _whole(path: Path, source: str, cfg: ReadConfig, fmt: str) -> list[Document]:
    """The formats read whole: bytes, then text in whatever encoding it is, then the format's reader."""
    from . import html, jsonl, markdown, text

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{source}: cannot read file ({exc.strerror or exc})") from None
    try:
        content, encoding = decode(data, cfg.encodings)
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None
    if not content.strip():
        raise InputError(f"{source}: file is empty")
    docs = jsonl.read(content, source, cfg) if fmt == "jsonl" else {"txt": text.read, "md": markdown.read, "html": html.read}[fmt](content, source)
    for doc in docs:
        doc.encoding, doc.raw_lines = encoding, data.count(b"\n") + 1
    return docs


def _streamed(path: Path, source: str, cfg: ReadConfig, fmt: str) -> list[Document]:
    """The formats read as a stream of records (UTF-8 by definition), never whole."""
    from . import compressed, parquet

    docs = parquet.read(path, source, cfg) if fmt == "parquet" else compressed.read(path, source, cfg, fmt)
    # As far as the reader saw: a stream is not read twice to count it.
    lines = max((max([b.last_line for b in d.blocks] + list(d.consumed), default=0) for d in docs), default=0)
    for doc in docs:
        doc.raw_lines = lines
    return docs


def source_name(path: Path, root: Path) -> str:
    """The `source` of a file in every report: its path relative to the INPUT root. A file name that
    is not UTF-8 (from another system's zip) keeps its odd bytes as \\x escapes, which any report can hold."""
    try:
        rel = path.relative_to(root).as_posix() or path.name
    except ValueError:
        rel = path.name
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
