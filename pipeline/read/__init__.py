"""Readers: files on disk -> `Document`s whose blocks keep their raw line numbers.

One module per format; `read_file` picks by suffix. Readers never judge text,
they only say what the format itself says (a heading, a list item, a caption).
"""

from __future__ import annotations

from pathlib import Path

from ..config import ReadConfig
from ..errors import InputError
from ..model import Document
from .decode import decode
from .discover import SUFFIXES, discover

__all__ = ["decode", "discover", "read_file"]


def read_file(path: Path, root: Path, cfg: ReadConfig) -> list[Document]:
    """Read one file; raise InputError (with the file named) if it cannot be read."""
    from . import html, jsonl, markdown, text

    source = _relative(path, root)
    try:
        size = path.stat().st_size
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
    return docs


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix() or path.name
    except ValueError:
        return path.name
