"""missing_space: put back the space lost after sentence punctuation between two words.

"Step 1.Stand" -> "Step 1. Stand", "Children:Sit" -> "Children: Sit", "pain,and" -> "pain, and",
"Chinese.一盤" -> "Chinese. 一盤" (an English sentence and its source on one line).
Anything that may be a number, an abbreviation, a domain, a file name or code is left alone.
"""

from __future__ import annotations

import re

from ..signals.lexical import CJK
from .core import Edit

_CANDIDATE = re.compile(r"[.,;:!?](?=[\"“]?[^\W\d_])")
_NONBLANK = re.compile(r"\S*")
_LEFT_WORD = re.compile(r"[^\W_]*\Z")
_RIGHT_WORD = re.compile(r"[\"“]?([^\W\d_]+)")
# Tokens that are addresses, paths, handles, entities or markup.
_URLISH = re.compile(r"://|www\.|[@/\\=&#_<>{}|]")
_INNER_DOT = re.compile(r"(?<=[^\W_])\.(?=[^\W_])")
_TLDS = {"com", "org", "net", "edu", "gov", "io", "co", "uk", "de", "cn", "info", "html", "htm", "php"}
_CLOSERS = "\"'”’)"


def token_at(text: str, i: int) -> str:
    """The blank-delimited token around position `i`."""
    start = i
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start : _NONBLANK.match(text, i).end()]  # type: ignore[union-attr]


def in_address(token: str) -> bool:
    """Whether a token is (or holds) a URL, path, e-mail, handle, entity or markup."""
    return _URLISH.search(token) is not None


def _dotted_run(text: str, i: int) -> str:
    """The run of letters, digits and dots around `i`: "Foo.Bar.Baz", "U.S.A"."""
    lo, hi = i, i
    while lo > 0 and (text[lo - 1].isalnum() or text[lo - 1] == "."):
        lo -= 1
    while hi < len(text) and (text[hi].isalnum() or text[hi] == "."):
        hi += 1
    return text[lo:hi]


def _wants_space(text: str, i: int) -> bool:
    """Whether the punctuation at `i` ends a clause glued to the next word."""
    punct, prev = text[i], text[i - 1] if i else ""
    token = token_at(text, i)
    if not prev or in_address(token):
        return False
    left = _LEFT_WORD.search(text, max(0, i - 40), i).group()  # type: ignore[union-attr]
    m = _RIGHT_WORD.match(text, i + 1)
    if m is None:
        return False
    quoted, right = m.group().startswith(("\"", "“")), m.group(1)
    if punct in ".!?" and CJK.match(right) and prev.isascii() and (prev.isalpha() or prev in _CLOSERS):
        return True  # "… for middle-class Chinese.一盤油膩的麵": an English sentence, then its source
    if punct == ".":
        # "2017.The", "1.Stand", '"x".Next'; not "U.S.Army", "e.g.", "Node.js", "ASP.NET", "site.Com".
        if quoted or not (prev.isalnum() or prev in _CLOSERS):
            return False
        if len(left) == 1 and left.isalpha():
            return False
        dotted = len(_INNER_DOT.findall(_dotted_run(text, i))) > 1
        return right[0].isupper() and right[1:2].islower() and right.lower() not in _TLDS and not dotted
    if punct == ":":
        # "Children:Sit", 'explains:"While'; not "10:30", "C:Users", "std::", "re:invent".
        return left.isalpha() and len(left) >= 2 and right[0].isupper()
    # , ; ! ?  : "pain,and", "done!Next"; not "2005,25", "x,y".
    return not quoted and len(left) >= 2 and len(right) >= 2


def missing_space(text: str) -> list[Edit]:
    """Insert a space after punctuation glued to the next word, when that is surely a clause end."""
    return [(m.start(), m.end(), m.group() + " ") for m in _CANDIDATE.finditer(text) if _wants_space(text, m.start())]
