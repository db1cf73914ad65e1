"""Write-then-rename, so a crash never leaves a half-written output file.

The temp file is a dot-file next to the target (`.<name>.<8 random chars>.tmp`): hidden, never
matched by `*.md` or `*.csv`, and removed by `sweep_temps` at the start of the next run's writes.
"""

from __future__ import annotations

import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from ..errors import OutputError

_TEMP = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")  # tempfile.mkstemp's names, with our prefix and suffix
# mkstemp makes 0600 files; an output gets the mode a plain open() would give it (0644 under umask 022).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


@contextmanager
def atomic_open(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write `path` through: it appears, whole, only when the block ends without error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), 0o666 & ~_UMASK)
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # a full disk, a read-only folder: one line, not a traceback
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


def write_bytes(path: Path, data: bytes) -> None:
    with atomic_open(path) as fh:
        fh.write(data)


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def sweep_temps(folder: Path) -> None:
    """Remove temp files a killed run left in `folder` (its renames never happened)."""
    try:
        for entry in os.scandir(folder):
            if _TEMP.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                Path(entry.path).unlink(missing_ok=True)
    except FileNotFoundError:
        pass


def check_output_dir(path: Path, option: str) -> None:
    """Fail before any work when `path` cannot be a folder: it, or a folder above it, is a file."""
    for p in (path, *path.parents):
        if p.exists() or p.is_symlink():
            if not p.is_dir():
                where = "it" if p == path else str(p)
                raise OutputError(f"{option} {path}: {where} exists and is not a folder; move it away or choose another {option}")
            return
