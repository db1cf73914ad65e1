"""HTML: the text of leaf block elements, with format hints and raw line ranges.

Script, style and other non-text elements are dropped; every raw line that ends
up in no block is consumed as markup, so the ledger still accounts for it.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, CData, NavigableString, Tag

from ..model import Block, Document

BLOCK_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "figcaption", "caption", "td", "th",
              "dt", "dd", "pre", "div", "section", "article", "main", "header", "footer", "aside", "nav", "body"]
_HINTS = {"li": "list", "dd": "list", "dt": "list", "blockquote": "quote", "figcaption": "caption", "caption": "caption", "pre": "code"}
_INVISIBLE = ["script", "style", "noscript", "template", "svg", "head", "iframe", "object"]
_TAGS = re.compile(r"<[^>]*>")
_WS = re.compile(r"\s+")
_TEXT = (NavigableString, CData)  # visible strings; comments, doctypes and declarations are not text


def read(content: str, source: str) -> list[Document]:
    soup = BeautifulSoup(_close_comment(content), "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup.find_all(_INVISIBLE):
        tag.decompose()
    lines = content.split("\n")
    found: list[tuple[int, str, str]] = []  # (line, text, hint)
    for el in soup.find_all(BLOCK_TAGS):
        if el.find(BLOCK_TAGS) is None:
            _add(found, el.sourceline, el.get_text(""), _hint(el))
        else:  # a container: only its own loose text, its block children come separately
            for run in _loose_runs(el):
                _add(found, _string_line(run[0], el, lines), "".join(run), "")
    if not found and soup.get_text().strip():  # a fragment with no block tags at all
        _add(found, 1, soup.get_text(""), "")
    found.sort(key=lambda f: f[0])
    doc = Document(source=source, blocks=[], title=title, fmt="html")
    covered: set[int] = set()
    for k, (line, text, hint) in enumerate(found):
        limit = found[k + 1][0] if k + 1 < len(found) else len(lines) + 1
        end = _end_line(lines, line, max(line, limit - 1), text)
        doc.blocks.append(Block(text=text, line=line, hint=hint, end_line=end))
        covered.update(range(line, end + 1))
    for n, raw in enumerate(lines, start=1):
        if raw.strip() and n not in covered:
            doc.consumed[n] = "markup"
    return [doc]


def _add(found: list[tuple[int, str, str]], line: int | None, text: str, hint: str) -> None:
    text = _WS.sub(" ", text).strip()
    if text:
        found.append((line or 1, text, hint))


def _close_comment(content: str) -> str:
    """A comment left open runs to the end of the page, as in a browser (html.parser would keep it as text)."""
    start = content.rfind("<!--")
    return content + "-->" if start != -1 and content.find("-->", start + 2) == -1 else content


def _loose_runs(el: Tag) -> list[list[NavigableString]]:
    """A container's own strings, inline tags included (an unclosed <b> may wrap blocks), in runs
    that its block descendants separate. A stack, not recursion: scraped pages nest deeply."""
    runs: list[list[NavigableString]] = [[]]
    stack = [iter(el.children)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
        elif isinstance(node, Tag):
            if node.name not in BLOCK_TAGS:
                stack.append(iter(node.children))
            elif runs[-1]:
                runs.append([])
        elif type(node) in _TEXT:
            runs[-1].append(node)
    return [r for r in runs if r]


def _hint(el: Tag) -> str:
    if el.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return f"heading:{el.name[1]}"
    return _HINTS.get(el.name, "")


def _string_line(s: NavigableString, parent: Tag, lines: list[str]) -> int:
    """html.parser gives line numbers for tags only; find a loose string by searching forward."""
    start = (parent.sourceline or 1) - 1
    needle = _WS.sub(" ", str(s)).strip()[:40]
    for n in range(start, len(lines)):
        if needle and needle in _WS.sub(" ", lines[n]):
            return n + 1
    return start + 1


def _end_line(lines: list[str], start: int, limit: int, text: str) -> int:
    """The raw line where a block's visible text ends (at most `limit`)."""
    want, seen = len(text.replace(" ", "")), 0
    for n in range(start, limit + 1):
        seen += len(_TAGS.sub("", lines[n - 1]).replace(" ", "").replace("\t", ""))
        if seen >= want:
            return n
    return limit
