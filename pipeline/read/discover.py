"""Find input files under the INPUT paths, in a stable order."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from ..config import ReadConfig
from ..errors import InputError

# Suffix -> reader format. Folder walks read only the formats in config; a file
# named explicitly is read by its suffix, or as plain text if the suffix is unknown.
SUFFIXES = {"txt": "txt", "text": "txt", "md": "md", "markdown": "md", "jsonl": "jsonl", "ndjson": "jsonl", "html": "html", "htm": "html"}


def discover(inputs: list[Path], cfg: ReadConfig) -> Iterator[tuple[Path, Path]]:
    """Yield (file, root) pairs; root is what `source` paths are relative to.

    Hidden files and folders are skipped, and symlinks that lead outside the
    root are not followed, so a stray link cannot pull in /etc or a home folder.
    """
    wanted = {s for s, fmt in SUFFIXES.items() if fmt in cfg.formats}
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
                if name.startswith(".") or path.suffix.lower().lstrip(".") not in wanted:
                    continue
                if path.is_symlink() and not _inside(path, root):
                    continue
                yield path, given


def _inside(link: Path, root: Path) -> bool:
    try:
        return link.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a symlink loop leads nowhere: the reader reports it as unreadable
        return True
