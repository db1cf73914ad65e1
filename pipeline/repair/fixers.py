"""Character-level fixers: mojibake, whitespace, stray leading punctuation, space before punctuation.

Each returns edits on the text it is given and never touches "\\n", because raw line
numbers are counted from the newlines of the repaired text's raw span.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import ftfy

from .core import Edit

# Only encoding damage: keep quotes, ligatures, widths, line breaks and normal form as they are.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    normalization=None,
    explain=False,
)


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _changed_words(old: str, new: str) -> list[Edit]:
    """Edits turning `old` into `new`, one per run of changed words (blank-separated)."""
    groups: list[list[int]] = []
    open_group = False
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal" and (not open_group or any(c.isspace() for c in old[i1:i2])):
            open_group = False
        elif open_group:
            groups[-1][1], groups[-1][3] = i2, j2
        else:
            groups.append([i1, i2, j1, j2])
            open_group = True
    edits: list[Edit] = []
    for i1, i2, j1, j2 in groups:
        while i1 > 0 and not old[i1 - 1].isspace():
            i1, j1 = i1 - 1, j1 - 1
        while i2 < len(old) and not old[i2].isspace():
            i2, j2 = i2 + 1, j2 + 1
        edits.append((i1, i2, new[j1:j2]))
    return edits


def mojibake(text: str) -> list[Edit]:
    """Fix mis-decoded text ("cafÃ©" -> "café") line by line, one edit per damaged word run."""
    edits: list[Edit] = []
    for pos, line in _lines(text):
        fixed = ftfy.fix_text(line, _FTFY)
        if fixed != line and "\n" not in fixed:
            edits.extend((pos + s, pos + e, new) for s, e, new in _changed_words(line, fixed))
    return edits


_INVISIBLE = "\u200b\u2060\ufeff\u00ad"  # zero-width space, word joiner, BOM, soft hyphen
_SPACE_RUN = re.compile(rf"(?:[^\S\n]|[{_INVISIBLE}])+")


def whitespace(text: str) -> list[Edit]:
    """Collapse runs of spaces, tabs, NBSP and other blanks to one space, drop invisible
    characters, strip both ends of every line. ZWJ/ZWNJ stay: they can carry meaning."""
    edits: list[Edit] = []
    for m in _SPACE_RUN.finditer(text):
        at_edge = m.start() == 0 or m.end() == len(text) or "\n" in (text[m.start() - 1], text[m.end()])
        blank = any(c not in _INVISIBLE for c in m.group())
        new = " " if blank and not at_edge else ""
        if new != m.group():
            edits.append((m.start(), m.end(), new))
    return edits


# List markup residue: ",You can…", "、Step", "; Then", ". Next" (not "...", ".5", ".NET").
_LEADING = re.compile(r"^[^\S\n]*((?:[,，、;；。:：][^\S\n]*|\.[^\S\n]+)+)(?=[^\W_]|[\"'“‘(])", re.M)


def leading_punct(text: str) -> list[Edit]:
    """Remove punctuation stranded at the start of a line, with the blanks after it."""
    return [(m.start(1), m.end(1), "") for m in _LEADING.finditer(text)]


# Blanks between a word and , ; : ! ? . that ends a clause ("end ." , "pain , and").
_BEFORE = re.compile(r"(?<=[^\W_])[^\S\n]+(?=([,;:!?.])(?:(\s*)(\S?)))")


def space_before_punct(text: str) -> list[Edit]:
    """Remove blanks before clause punctuation that is followed by a blank or the end.

    Left alone: a digit on both sides ("3 . 5", "10 : 30"), ellipses, "( ", quotes, " - "."""
    edits: list[Edit] = []
    for m in _BEFORE.finditer(text):
        punct, gap, nxt = m.group(1), m.group(2), m.group(3)
        if not gap and nxt:
            continue  # "a .b", "wait ...": not a clause end
        if text[m.start() - 1].isdigit() and nxt.isdigit() and punct in ".:,":
            continue
        edits.append((m.start(), m.end(), ""))
    return edits
