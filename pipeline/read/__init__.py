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
from .discover import SUFFIXES, discover

__all__ = ["decode", "discover", "read_file", "source_name"]


def read_file(path: Path, root: Path, cfg: ReadConfig) -> list[Document]:
    """Read one file; raise InputError (with the file named) if it cannot be read."""
    from . import html, jsonl, markdown, text

    source = source_name(path, root)
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a named pipe or a device would block or never end
            raise InputError(f"{source}: not a regular file (a folder, pipe, socket or device)")
        size = st.st_size
        if size > cfg.max_file_mb * 1024 * 1024:
            raise InputError(f"{source}: file is {size / 2**20:.0f} MB, above read.max_file_mb={cfg.max_file_mb:g}")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{source}: cannot read file ({exc.strerror or exc})") from None
    try:
        content, encoding = decode(data, cfg.encodings)
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None
    if not content.strip():
        raise InputError(f"{source}: file is empty")
    fmt = SUFFIXES.get(path.suffix.lower().lstrip("."), "txt")
    reader = {"txt": text.read, "md": markdown.read, "jsonl": jsonl.read, "html": html.read}[fmt]
    docs = reader(content, source)
    for doc in docs:
        doc.encoding = encoding
    if not any(doc.blocks for doc in docs):
        raise InputError(f"{source}: no text found in the {fmt} file")
    limit = cfg.max_block_chars
    if limit is not None and (long := next((b for d in docs for b in d.blocks if len(b.text) > limit), None)):
        raise InputError(f"{source}: line {long.line} holds {len(long.text):,} characters without a paragraph break, "
                         f"above read.max_block_chars={limit:,} (split the text, or raise the limit if memory allows)")
    return docs


def source_name(path: Path, root: Path) -> str:
    """The `source` of a file in every report: its path relative to the INPUT root. A file name that
    is not UTF-8 (from another system's zip) keeps its odd bytes as \\x escapes, which any report can hold."""
    try:
        rel = path.relative_to(root).as_posix() or path.name
    except ValueError:
        rel = path.name
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
