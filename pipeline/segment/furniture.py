"""Page furniture known from a line's place on its page rather than its own words.

The shape and repetition rules (signals/boilerplate.py) judge a line alone; these look at its
neighbours, after those rules have run:
- a vertical menu: four or more short lines in a row above the article's first body line or
  below its last ("• News", "• World", "Text Size", "Close"), where a list of the text's own
  short items never stands;
- a masthead: a word or three above the headline ("news center" over the title);
- a word or three between two furniture lines ("Magazine" between a menu and a row of years);
- a short line printed twice in a row (an image's alt text and its caption);
- a trailer: what follows a disclaimer, share prompt, promo or date near the end.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from ..signals.boilerplate import TRAILER_STARTERS

if TYPE_CHECKING:
    from .sections import BlockWork

MENU_ITEM_WORDS = 3  # an item of a menu or a widget's label: "Health", "Text Size", "Join us on:"
MENU_MIN_ITEMS = 4  # a title, a heading and its source-language twin make three short lines at the top
TRAILER_MAX_SENTENCES = 3  # a teaser or a link is no sentence; three sentences after a date are a post
_BULLETS = "•·*-–—>»|"
_STOPS = (".", "!", "?", "。", "！", "？", ";")
# What a line of the text ends with: a sentence's stop, perhaps inside a quotation or an aside.
_TEXT_END = (*_STOPS, "\"", "”", ")")
# A numbered list item ("1. Stand upright", "3、…"): the text's own, under the line above it.
_LIST_ITEM = re.compile(r"^\d{1,2}\s*[.、)．,，]\s*\S")


def _item(text: str) -> bool:
    """A short line that can be a menu item: a few words (a bullet allows a few more), no
    sentence, not a numbered step."""
    t = text.strip()
    words = MENU_ITEM_WORDS + 2 * (t[:1] in _BULLETS)
    t = t.lstrip(_BULLETS).strip()
    return 0 < len(t.split()) <= words and not t[:1].isdigit() and not t.endswith(_STOPS)


def body_like(text: str) -> bool:
    """A line of the article's text rather than a label: long, a sentence, or a numbered item."""
    t = text.strip()
    return len(t.split()) >= 12 or t.endswith(_TEXT_END) or bool(_LIST_ITEM.match(t))


def menu_lines(texts: list[str]) -> set[int]:
    """Indices of the lines that form vertical menus above the first body line or below the last."""
    body = [i for i, t in enumerate(texts) if body_like(t)]
    if not body:
        return set()
    out: set[int] = set()
    for lo, hi in ((0, body[0]), (body[-1] + 1, len(texts))):
        run: list[int] = []
        for i in [*range(lo, hi), None]:
            if i is not None and _item(texts[i]):
                run.append(i)
                continue
            if len(run) >= MENU_MIN_ITEMS:
                out.update(run)
            run = []
    return out


def masthead_lines(texts: list[str], known: AbstractSet[int] = frozenset()) -> set[int]:
    """Indices of the word-or-three lines above a news page's headline: a site's name and a
    section's ("news center", "Companies news" over "Celebrating the March 8th Festival with Vibrant
    Activities" over "2023-03-14 views 243"). The headline is the first line of four words or
    more above the body that is no sentence and no lead-in (colon), and the page's furniture (a
    date, a byline) must follow it: a short title over a long first line ("Chinese medicine notes"
    over "One of the fundamental principles of Chinese medicine" and its next line) stays.
    `known`: lines already known to be furniture, which are neither body nor headline."""
    body = next((i for i, t in enumerate(texts) if i not in known and body_like(t)), len(texts))
    head = next((i for i in range(body) if i not in known and len(texts[i].split()) > MENU_ITEM_WORDS
                 and not texts[i].strip().endswith((*_STOPS, ":", "："))), None)
    if head is None or head + 1 not in known:
        return set()
    return {i for i in range(head) if _item(texts[i])}


def mark_furniture(ws: list[BlockWork], keys: list[str], tail: int) -> None:
    """Give furniture found from its place a reason (`keys`: each line's repetition key)."""
    texts = [w.rep.text for w in ws]
    marked = {i for i, w in enumerate(ws) if w.block.hint == "masthead"}
    for i in menu_lines(texts) | masthead_lines(texts, {i for i, w in enumerate(ws) if w.boilerplate}) | marked:
        ws[i].boilerplate = ws[i].boilerplate or "nav_line"
    for i, key in enumerate(keys):
        if key and not ws[i].boilerplate and len(key.split()) <= 6 and key in keys[max(0, i - 1) : i] + keys[i + 1 : i + 2]:
            ws[i].boilerplate = "repeated_line"
    was = [bool(w.boilerplate) for w in ws]
    for i in range(1, len(ws) - 1):
        text = ws[i].rep.text.strip()
        # Not a numbered step ("2, little yanfei" between two captions) nor a sentence.
        if was[i - 1] and was[i + 1] and not was[i] and 0 < len(text.split()) <= 3 and text[:1].isalpha() and not text.endswith((".", "!", "?", ":")):
            ws[i].boilerplate = "nav_line"
    _mark_trailer(ws, tail)


def _mark_trailer(ws: list[BlockWork], tail: int) -> None:
    """After a disclaimer, share prompt, promo or date near the end, what follows is a trailer: if
    body text came before it and only short lines (links, teasers) come after. A date at the top of
    a short page starts no trailer: the article follows it; nor does the date of a blog's next
    post, set a sentence to a line ("Yesterday, I had a meeting with my client.")."""
    start = max(0, len(ws) - tail)
    for i in range(start, len(ws)):
        if ws[i].boilerplate in TRAILER_STARTERS:
            after = [w.rep.text.strip() for w in ws[i + 1 :]]
            if (not any(len(w.rep.text.split()) >= 12 for w in ws[:i]) or any(len(t.split()) >= 30 for t in after)
                    or sum(len(t.split()) >= 5 and t.endswith(_STOPS) for t in after) >= TRAILER_MAX_SENTENCES):
                continue
            for w in ws[i + 1 :]:
                w.boilerplate = w.boilerplate or "trailer"
            return
