"""Find input files under the INPUT paths, in a stable order."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..errors import InputError

if TYPE_CHECKING:  # config checks read.formats against FORMATS: the import goes one way only
    from ..config import ReadConfig

# Suffix -> reader format. Folder walks read only the formats in config; a file
# named explicitly is read by its suffix, or as plain text if the suffix is unknown.
SUFFIXES = {"txt": "txt", "text": "txt", "md": "md", "markdown": "md", "jsonl": "jsonl", "ndjson": "jsonl", "html": "html", "htm": "html",
            "jsonl.gz": "jsonl.gz", "ndjson.gz": "jsonl.gz", "jsonl.zst": "jsonl.zst", "ndjson.zst": "jsonl.zst",
            "jsonl.zstd": "jsonl.zst", "parquet": "parquet"}
FORMATS = list(dict.fromkeys(SUFFIXES.values()))
#: Formats read as a stream, a record or a batch of rows at a time: read.max_file_mb does not apply.
STREAMED = {"jsonl.gz", "jsonl.zst", "parquet"}
# Longest first: "a.jsonl.gz" is jsonl.gz, not a .gz of unknown kind.
_BY_LENGTH = sorted(SUFFIXES, key=len, reverse=True)


def format_of(path: Path) -> str | None:
    """The reader format of a file name ("a.jsonl.gz" -> "jsonl.gz"), or None for an unknown suffix."""
    name = path.name.lower()
    return next((SUFFIXES[s] for s in _BY_LENGTH if name.endswith("." + s)), None)


def discover(inputs: list[Path], cfg: ReadConfig) -> Iterator[tuple[Path, Path]]:
    """Yield (file, root) pairs; root is what `source` paths are relative to.

    Hidden files and folders are skipped, and symlinks that lead outside the
    root are not followed, so a stray link cannot pull in /etc or a home folder.
    """
    wanted = set(cfg.formats)
    for given in inputs:
        if not given.exists():
            raise InputError(f"input {given} does not exist")
        if given.is_file():
            yield given, given.parent
            continue
        root = given.resolve()
        for dirpath, dirnames, filenames in os.walk(given, followlinks=False):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                path = Path(dirpath) / name
                if name.startswith(".") or format_of(path) not in wanted:
                    continue
                if path.is_symlink() and not _inside(path, root):
                    continue
                yield path, given


def _inside(link: Path, root: Path) -> bool:
    try:
        return link.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a symlink loop leads nowhere: the reader reports it as unreadable
        return True
