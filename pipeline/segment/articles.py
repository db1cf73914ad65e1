"""Split reader documents into articles.

Plain-text scrapes concatenate many articles; a line shaped like
`Title – Site | tag/tag/tag` (configurable) starts a new one. Formats that carry
their own structure (a JSONL record, an HTML page, a Markdown file) are one
article each, unless a Markdown file has several top-level headings.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..config import SegmentConfig
from ..model import Article, Block, Document
from ..signals.boilerplate import shape_reason
from .furniture import masthead_lines, menu_lines
from .headings import TWO_SENTENCES

_TAG_SPLIT = re.compile(r"\s*[/,;]\s*")
# Windows refuses these as file names, whatever the extension ("con.md" too).
_RESERVED = {"con", "prn", "aux", "nul", *(f"{p}{i}" for p in ("com", "lpt") for i in range(10))}


def slugify(title: str, max_len: int = 80) -> str:
    """ASCII, lowercase, dash-separated, cut at a word boundary. Never empty, never a path."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", text.lower())
    slug = ""
    for w in words:
        cand = f"{slug}-{w}" if slug else w
        if len(cand) > max_len:
            break
        slug = cand
    if len(slug) < 3 or slug in _RESERVED:  # CJK or symbol-only titles: fall back to a stable hash
        slug = "article-" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:10]
    return slug


def _title_like(block: Block, max_words: int) -> bool:
    """A guessed title: one line of two words or more (a lone word opening a page is a site's
    name or a menu item), one sentence, no closing stop, in English."""
    text = block.text.strip()
    return (
        "\n" not in text
        and 1 < len(text.split()) <= max_words
        and not text.endswith((".", ",", ";", ":"))
        and not TWO_SENTENCES.search(text)
        and sum(ch.isascii() for ch in text if ch.isalpha()) >= 0.7 * max(1, sum(ch.isalpha() for ch in text))  # an English title
    )


def _new(doc: Document, title: str, line: int, title_line: int | None, **kw: object) -> Article:
    return Article(id="", source=doc.source, title=title, line=line, title_line=title_line, encoding=doc.encoding, **kw)  # type: ignore[arg-type]


def split_articles(doc: Document, cfg: SegmentConfig) -> list[Article]:
    stem = doc.source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    pattern = re.compile(cfg.title_pattern)
    articles: list[Article] = []
    current: Article | None = None

    if doc.fmt in ("txt",):
        for block in doc.blocks:
            m = pattern.match(block.text.strip()) if "\n" not in block.text else None
            if m:
                tags = [t for t in _TAG_SPLIT.split(m.group("tags")) if t]
                current = _new(doc, m.group("title").strip(), block.line, block.line,
                               site=m.group("site").strip(), tags=tags)
                articles.append(current)
                continue
            if current is None:
                current = _new(doc, "", block.line, None)
                articles.append(current)
            current.blocks.append(block)
    elif doc.fmt == "md" and sum(b.hint == "heading:1" for b in doc.blocks) > 1:
        for block in doc.blocks:
            if block.hint == "heading:1":
                current = _new(doc, block.text.strip(), block.line, block.line)
                articles.append(current)
                continue
            if current is None:
                current = _new(doc, doc.title, block.line, None)
                articles.append(current)
            current.blocks.append(block)
    else:
        first = doc.blocks[0].line if doc.blocks else 1
        current = _new(doc, doc.title, first, None, url=doc.url, record=doc.record)
        current.blocks = list(doc.blocks)
        # A format title that is repeated as the first heading would otherwise
        # show twice; the heading block stays and is marked as the title.
        if current.blocks and current.blocks[0].hint == "heading:1" and (
            not doc.title or current.blocks[0].text.strip() == doc.title.strip()
        ):
            b = current.blocks.pop(0)
            current.title, current.title_line = b.text.strip(), b.line
        articles.append(current)

    for art in articles:
        if not art.title:
            # No title line: the first opening line that is not page furniture (a date, a
            # breadcrumb, a byline, a menu) and has no full stop is the title (typical of scraped
            # posts); the furniture before it stays, to be dropped as boilerplate.
            texts, known = [b.text for b in art.blocks], {i for i, b in enumerate(art.blocks) if shape_reason(b.text)}
            menu, masthead = menu_lines(texts), masthead_lines(texts, known)
            opening = [i for i in range(len(art.blocks)) if i not in menu | masthead][:4]
            lead = next((i for i in opening if not shape_reason(art.blocks[i].text)), None)
            if lead is not None and _title_like(art.blocks[lead], 25) and len(art.blocks) > lead + 1:
                for i in masthead:
                    # Said now: once the headline is taken out, nothing under the masthead shows what it was.
                    art.blocks[i].hint = "masthead"
                b = art.blocks.pop(lead)
                art.title, art.title_line = b.text.strip(), b.line
            else:
                art.title = stem
    if articles:
        articles[0].consumed = dict(doc.consumed)
        articles[-1].ends_document = True
    return articles


def assign_ids(articles: list[Article]) -> None:
    """Stable, unique slugs in input order (a clash gets -2, -3 …, skipping any a title already took)."""
    seen: dict[str, int] = {}
    taken: set[str] = set()
    for art in articles:
        base = slugify(art.title)
        n = seen.get(base, 0) + 1
        while (slug := base if n == 1 else f"{base}-{n}") in taken:  # titles "a", "a 2", "a"
            n += 1
        seen[base] = n
        taken.add(slug)
        art.id = slug
