"""Edits, and an offset map that lets edits from many fixers compose.

A fixer sees the current text and returns edits `(start, end, replacement)` on it.
`Plan.apply` splices them in and keeps, for every current character, the raw offset it
came from, so each recorded Repair and each `raw_span` refers to the raw text.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, MutableSequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..model import Repair

Edit = tuple[int, int, str]
Fixer = Callable[[str], list[Edit]]


@dataclass(slots=True)
class RepairResult:
    """Repaired text, its recorded repairs (raw offsets) and the way back to the raw text."""

    raw: str
    text: str
    repairs: list[Repair]
    # Raw extent [starts[i], ends[i]) of each character of `text` (empty for an inserted
    # one); starts has len(raw) appended. Both are non-decreasing.
    starts: MutableSequence[int] | None  # None: the identity map (see compact)
    ends: MutableSequence[int] | None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw span of `text[start:end]`. Span 0 starts at raw 0 and the last one ends at
        len(raw), so raw slices cut at the mapped boundaries re-join to the raw text."""
        n = len(self.text)
        start = min(max(start, 0), n)
        end = min(max(end, start), n)
        if self.starts is None:
            return start, end
        return (0 if start == 0 else self.starts[start]), self.starts[end]

    def compact(self) -> None:
        """Once no fixer will edit again: keep only what raw_span reads, as small as it goes.

        A run holds every block's map from repair until its slice is parsed, and a list of
        Python ints costs ~36 bytes a character; most blocks need no repair at all."""
        if self.starts is None:
            return
        self.starts = None if self.text == self.raw and not self.repairs else array("i", self.starts)
        self.ends = None


def identity(raw: str) -> RepairResult:
    return RepairResult(raw, raw, [], list(range(len(raw) + 1)), list(range(1, len(raw) + 1)))


def _map_replacement(old: str, new: str, starts: list[int], ends: list[int]) -> tuple[list[int], list[int]]:
    """Raw extents for `new`, which replaces `old` (whose extents are starts/ends; starts
    has one more entry, the start of what follows).

    Kept characters keep their extents, so a split or a fixed letter inside a long edit
    does not blur the mapping; inserted ones are empty, at the start of what follows."""
    new_starts: list[int] = []
    new_ends: list[int] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            new_starts.extend(starts[i1:i2])
            new_ends.extend(ends[i1:i2])
        elif tag == "replace":
            picks = [i1 + min(k, i2 - i1 - 1) for k in range(j2 - j1)]
            new_starts.extend(starts[i] for i in picks)
            new_ends.extend([ends[i] for i in picks[:-1]] + [ends[i2 - 1]])
        elif tag == "insert":
            new_starts.extend([starts[i1]] * (j2 - j1))
            new_ends.extend([starts[i1]] * (j2 - j1))
    return new_starts, new_ends


def apply(result: RepairResult, fixer: str, edits: list[Edit]) -> None:
    """Splice non-overlapping `edits` into `result.text`, recording one Repair per edit."""
    text, starts, ends = result.text, result.starts, result.ends
    if starts is None or ends is None:
        raise ValueError("this repair is compacted: no fixer can edit it any more")
    out: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    pos = 0
    for start, end, new in sorted(edits):
        if start < pos:
            raise ValueError(f"fixer {fixer!r} returned overlapping edits at {start}")
        if text[start:end] == new:
            continue
        out.extend((text[pos:start], new))
        new_starts.extend(starts[pos:start])
        new_ends.extend(ends[pos:start])
        s, e = _map_replacement(text[start:end], new, starts[start : end + 1], ends[start:end])
        new_starts.extend(s)
        new_ends.extend(e)
        raw_start = starts[start]
        raw_end = ends[end - 1] if end > start else raw_start
        result.repairs.append(Repair(fixer, raw_start, raw_end, result.raw[raw_start:raw_end], new))
        pos = end
    out.append(text[pos:])
    new_starts.extend(starts[pos:])
    new_ends.extend(ends[pos:])
    result.text, result.starts, result.ends = "".join(out), new_starts, new_ends
