"""Markdown: headings, list items, quotes and paragraphs, with their markers taken off.

A block's text is the line without its Markdown marker ("## ", "- ", "> "); the
format's own heading levels become hints that outrank any guess from the text.
Fenced code, front matter, tables and rules are consumed with a reason.
"""

from __future__ import annotations

import re

from ..model import Block, Document

_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_QUOTE = re.compile(r"^\s*>\s?(.*)$")
_IMAGE = re.compile(r"^\s*!\[([^\]]*)\]\([^)]*\)\s*$")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPH = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def inline(text: str) -> str:
    """Links and emphasis to their visible text (what a reader of the page sees)."""
    return _EMPH.sub(r"\2", _LINK.sub(r"\1", text))


def read(content: str, source: str) -> list[Document]:
    lines = content.split("\n")
    doc = Document(source=source, blocks=[], fmt="md")
    i = _front_matter(lines, doc)
    para: list[tuple[int, str]] = []

    def flush() -> None:
        if para:
            doc.blocks.append(Block(text="\n".join(inline(t) for _, t in para), line=para[0][0]))
            para.clear()

    fenced = False
    for n in range(i, len(lines)):
        raw, ln = lines[n], n + 1
        if _FENCE.match(raw) or fenced:
            flush()
            fenced = fenced != bool(_FENCE.match(raw))
            if raw.strip():
                doc.consumed[ln] = "code"
            continue
        if not raw.strip():
            flush()
            continue
        if para and _SETEXT.match(raw) and len(para) == 1:
            first_ln, text = para.pop()
            level = 1 if raw.strip().startswith("=") else 2
            doc.blocks.append(Block(text=inline(text.strip()), line=first_ln, hint=f"heading:{level}"))
            doc.consumed[ln] = "markup"
            continue
        block = _line_block(raw, ln)
        if block is None:
            if _RULE.match(raw) or raw.lstrip().startswith("|"):
                flush()
                doc.consumed[ln] = "markup"
            else:
                para.append((ln, raw.strip()))
            continue
        flush()
        doc.blocks.append(block)
    flush()
    return [doc]


def _line_block(raw: str, ln: int) -> Block | None:
    if m := _ATX.match(raw):
        return Block(text=inline(m.group(2)), line=ln, hint=f"heading:{len(m.group(1))}")
    if m := _IMAGE.match(raw):
        return Block(text=m.group(1) or raw.strip(), line=ln, hint="caption")
    if _RULE.match(raw):
        return None
    if m := _LIST.match(raw):
        return Block(text=inline(m.group(1)), line=ln, hint="list")
    if m := _QUOTE.match(raw):
        return Block(text=inline(m.group(1)), line=ln, hint="quote") if m.group(1).strip() else None
    return None


def _front_matter(lines: list[str], doc: Document) -> int:
    """YAML front matter at the top: its `title:` names the document; all its lines are consumed."""
    if not lines or lines[0].strip() != "---":
        return 0
    for n in range(1, min(len(lines), 200)):
        if lines[n].strip() in ("---", "..."):
            for k in range(n + 1):
                if lines[k].strip():
                    doc.consumed[k + 1] = "front_matter"
                key, _, value = lines[k].partition(":")
                if key.strip() == "title" and value.strip():
                    doc.title = value.strip().strip("\"'")
                elif key.strip() in ("url", "link") and value.strip():
                    doc.url = value.strip().strip("\"'")
            return n + 1
    return 0
