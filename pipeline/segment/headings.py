"""Heading detection and nesting.

A heading is recognised by its shape, not by a site's wording:
- `label`   a capitalised word and a number: "Method 2: support the body", "Tip 5:".
            When the rest is a full sentence ("Step 1.Stand upright with …") only
            the label is a heading (`inline`) and the rest stays body text.
- `num`     "1. Massage yourself", "3、…", "2 the arch" with a short rest.
- `wordnum` "One, wrist ache – turn wrist", "Second: …".
- `plain`   a short line with no closing full stop (or one set in 【】), followed by body text (past a source-language
            twin of it, or the heading of its first subsection); none where such lines hold more than `segment.plain_heading_share` of
            the article's words (a page set one clause to a line: they are its text).
No heading has CJK in it: a heading of the English text is in English.
- `format`  what the format says (Markdown `##`, HTML <h2>).
Levels come from the order in which styles appear in an article: the first style
is `##`, a new style inside it one deeper, a style seen before returns to its level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..signals.lexical import CJK

_NUMWORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|finally|lastly"
)
_LABEL = re.compile(r"^(?P<label>[A-Z][a-z]{1,11}\s*(?:\d{1,3}|[IVX]{1,4})\s*[.:：)]|[A-Z][a-z]{1,11}\s*(?:\d{1,3}|[IVX]{1,4})(?=\s*$))\s*(?P<rest>.*)$")
_NUM = re.compile(r"^(?P<label>\d{1,2}\s*[.、)．,，:]|\d{1,2}(?=\s+[A-Za-z]))\s*(?P<rest>\S.*)$")
_WORDNUM = re.compile(rf"^(?P<label>(?:{_NUMWORDS})\s*[,、:.：])\s*(?P<rest>\S.*)$", re.I)
_BRACKETED = re.compile(r"^【([^【】]+)】$")
_END_STOP = re.compile(r"[.;,…。]\s*[\"'”’)]?$")
# A face or an emoji after a sentence ("Please try it out, everyone. (^_^)") hides its full stop.
_FACE = re.compile(r"\s*(?:\([^A-Za-z0-9()]{1,8}\)|[\U0001F300-\U0001FAFF\u2600-\u27BF]+)\s*$")
# A full stop after a word and a capital after it: the line holds two sentences ("Dr. Li" is one).
TWO_SENTENCES = re.compile(r"[a-z]{2,}\.\s+[A-Z]")


@dataclass(slots=True)
class HeadingShape:
    style: str  # label | inline | num | wordnum | plain | format:N
    label_end: int  # chars of the text that form the heading (== len(text) unless inline)


def _short_title(rest: str, max_words: int) -> bool:
    return 0 < len(rest.split()) <= max_words and not _END_STOP.search(rest)


def heading_shape(text: str, hint: str, max_words: int, has_verb: bool | None = None) -> HeadingShape | None:
    """Classify one repaired block. `has_verb` (from spaCy) only matters for lines ending in ':' and
    lines of two sentences ("Buckwheat composition. Literature review" has no verb: a title)."""
    text = text.strip()
    if not text or "\n" in text:
        return None
    if CJK.search(text):
        # A heading of the English text is in English; a source-language line is body or a twin, and
        # English with CJK in it is a glossary entry or a bilingual line ("1. Chronic: adj. 慢性的").
        return None
    if hint.startswith("heading:"):
        return HeadingShape("format:" + hint.split(":", 1)[1], len(text))
    if hint in ("list", "code", "quote", "caption"):
        return None
    m = _LABEL.match(text)
    if m:
        rest = m.group("rest")
        if not rest or _short_title(rest, max_words):
            return HeadingShape("label", len(text))
        if len(rest.split()) > 3:
            return HeadingShape("inline", m.end("label"))
    for pat, style in ((_NUM, "num"), (_WORDNUM, "wordnum")):
        m = pat.match(text)
        if m:
            rest = m.group("rest")
            if _short_title(rest, max_words) and not rest[0].isdigit():
                return HeadingShape(style, len(text))
            return None
    words = text.split()
    m = _BRACKETED.match(text)
    if m and _short_title(m.group(1), max_words):
        # Chinese pages set a heading in 【】, and their translations keep the brackets.
        return HeadingShape("plain", len(text))
    if not words or len(words) > max_words or not (text[0].isupper() or text[0] in "\"“'‘("):
        return None
    if text.endswith((":", "：")):
        # "Family exercise:" heads a part; "Try these exercises:" introduces a list.
        return HeadingShape("plain", len(text)) if len(words) <= 5 and has_verb is False else None
    if _END_STOP.search(_FACE.sub("", text)) or TWO_SENTENCES.search(text) and has_verb is not False:
        return None
    return HeadingShape("plain", len(text))


class LevelTracker:
    """Assigns ## / ### levels within one article as headings stream past."""

    def __init__(self, max_level: int = 4) -> None:
        self.stack: list[tuple[str, int]] = []  # (style, level) from outermost in
        self.last_title_level = 2
        self.max_level = max_level

    def level(self, style: str, right_after_heading: bool) -> int:
        if style.startswith("format:"):
            lvl = max(2, min(self.max_level, int(style.split(":")[1])))
            self.last_title_level = lvl
            return lvl
        if style == "plain":
            # A plain heading straight under another heading is its child;
            # after body text it is a sibling of the last titled heading
            # (scrapes often lose the numbers of some siblings).
            if right_after_heading and self.stack:
                lvl = min(self.max_level, self.stack[-1][1] + 1)
                self.stack.append(("plain", lvl))
            else:
                lvl = self.last_title_level
                self._truncate_to(lvl)
            self.last_title_level = lvl
            return lvl
        for i, (st, lvl) in enumerate(self.stack):
            if st == style:
                del self.stack[i + 1 :]
                if style != "inline":
                    self.last_title_level = lvl
                return lvl
        if self.stack and self.stack[-1][0] == "plain" and style != "inline":
            # A numbered heading after un-numbered ones is their sibling: the
            # plain ones were the same list with the numbers lost.
            lvl = self.stack.pop()[1]
        else:
            lvl = min(self.max_level, (self.stack[-1][1] + 1) if self.stack else 2)
        self.stack.append((style, lvl))
        if style != "inline":
            self.last_title_level = lvl
        return lvl

    def _truncate_to(self, lvl: int) -> None:
        while self.stack and self.stack[-1][1] > lvl:
            self.stack.pop()
