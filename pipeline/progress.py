"""Progress bars on a terminal only: logs and pipes stay clean."""

from __future__ import annotations

import sys
from typing import Iterable


def progress(items: Iterable, desc: str, quiet: bool, total: int | None = None) -> Iterable:
    if quiet or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, total=total, unit="item", leave=False, file=sys.stderr)
