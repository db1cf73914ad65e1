"""Turn an article's blocks into sections of sentences.

Input per block: its repair result, its spaCy doc (over the repaired text) and its
boilerplate reason, if any. Boilerplate blocks stay whole (one row, dropped);
headings open sections; body blocks are split into sentences by spaCy's parser.
Every sentence keeps its raw text, raw line and the repairs made inside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from ..config import SegmentConfig
from ..model import Action, Article, Block, Repair, Section, Sentence, Verdict
from ..signals.lexical import zipf
from .furniture import body_like
from .headings import CJK, HeadingShape, LevelTracker, heading_shape

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from ..repair import RepairResult


@dataclass(slots=True)
class BlockWork:
    block: Block
    rep: RepairResult
    doc: Doc | None = None
    boilerplate: str | None = None


def _has_verb(doc: Doc | None) -> bool | None:
    if doc is None:
        return None
    return any(t.pos_ in ("VERB", "AUX") for t in doc)


NAME_ZIPF = 3.0  # rarer than this in English (wordfreq zipf): a name, not a word ("Naiwen" 0, "Jamu" 1.4; "Tea" 4.7)
CAPS_NAME_ZIPF = 1.0  # the same in a line of capitals ("premenstrual" 2.1)


# Where a sentence turns between CJK script and Latin at a space: a learners' page sets a source
# sentence and its English on one line, and the parser, made for English, seldom cuts there
# ("…是中国古老的风景名城。 Hangzhou, an ancient renowned city …").
_TURN = re.compile(r"(?<=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u3000-\u303f\uff00-\uffef])\s+(?=[A-Za-z])"
                   r"|(?<=[A-Za-z0-9.!?;:,\"”’)])\s+(?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])")
TURN_MIN = {"cjk": 4, "words": 3}  # each side a sentence's worth: "China 中国人" or "Goji Berry(枸杞)" stays whole


def _script_cuts(text: str) -> list[int]:
    """Offsets in a sentence's text where it turns between CJK and Latin script, each side long enough."""
    cuts = [m.end() for m in _TURN.finditer(text)]
    edges = [0, *cuts, len(text)]
    pieces = [text[a:b] for a, b in zip(edges, edges[1:])]
    def enough(t: str) -> bool:
        return len(CJK.findall(t)) >= TURN_MIN["cjk"] if CJK.search(t) else len(t.split()) >= TURN_MIN["words"]
    return cuts if cuts and all(enough(t) for t in pieces) else []


def _cut_scripts(doc: Doc, sents: list[Span]) -> list[Span]:
    """The parser's sentences, cut again where one turns between CJK and Latin script."""
    out = []
    for sp in sents:
        cuts = _script_cuts(sp.text)
        edges = [sp.start_char, *(sp.start_char + c for c in cuts), sp.end_char]
        parts = [doc.char_span(a, b, alignment_mode="expand") for a, b in zip(edges, edges[1:])]
        out.extend(parts if cuts and all(p is not None and len(p) for p in parts) else [sp])
    return out


def _foreign(w: BlockWork) -> bool:
    text = w.rep.text
    return len(CJK.findall(text)) > 0.3 * max(1, sum(ch.isalpha() for ch in text))


def _only_names(w: BlockWork) -> bool:
    """A line of one to four proper nouns, one of them no English word ("Naiwen Hu", "Jakarta"):
    a byline, a dateline or a site's name. A Title Case heading is made of English words
    ("Chinese Traditional Healthcare"), which is what tells the two apart."""
    text = w.rep.text.strip()
    if w.doc is None or not 0 < len(text.split()) <= 4 or not text[:1].isalpha() or text.endswith((".", "!", "?", ":")) or CJK.search(text):
        return False
    words = [t for t in w.doc if t.is_alpha]
    # In capitals the tagger calls every word a proper noun: only a word English lacks outright is a
    # name there ("NAIWEN HU"), not a rare one ("PREMENSTRUAL SYNDROME", a heading).
    limit = CAPS_NAME_ZIPF if text.isupper() else NAME_ZIPF
    return bool(words) and all(t.pos_ == "PROPN" for t in words) and any(zipf(t.text) < limit for t in words)


#: How many short heading-shaped lines may stand between a heading and its body: a part's heading,
#: then the heading of its first subsection ("What are the effects of garlic?" / "Help with cold
#: prevention" / the text).
HEADING_CHAIN = 1


def _heads_body(works: list[BlockWork], shapes: list[HeadingShape | None], i: int) -> bool:
    """A plain short line is a heading only if body text follows it: a sentence, or a paragraph,
    perhaps after the heading of its first subsection. A bilingual page puts the heading's
    source-language twin between it and its body. A body that opens in lowercase goes on from
    this line: a sentence the scrape broke in two. `shapes`: each line's shape on its own."""
    following = ((j, works[j]) for j in range(i + 1, len(works)) if not works[j].boilerplate and not _foreign(works[j]))
    for k, (j, nxt) in enumerate(islice(following, HEADING_CHAIN + 1)):
        text = nxt.rep.text
        if body_like(text):
            return not text.lstrip()[:1].islower()
        if k == HEADING_CHAIN or shapes[j] is None:
            return False
    return False


def _shapes(works: list[BlockWork], cfg: SegmentConfig) -> list[HeadingShape | None]:
    for w in works:
        if not w.boilerplate and _only_names(w):
            w.boilerplate = "nav_line"
    alone = [None if w.boilerplate else heading_shape(w.rep.text, w.block.hint, cfg.heading_max_words, _has_verb(w.doc)) for w in works]
    shapes = [None if s is not None and s.style == "plain" and not _heads_body(works, alone, i) else s for i, s in enumerate(alone)]
    # A page set one clause to a line (no full stops) makes most of its lines look like plain
    # headings; where they hold much of the text, they are the text. Counted in words, so that
    # a short page with a question heading over each paragraph keeps its headings.
    words = [(len(w.rep.text.split()), s is not None and s.style == "plain") for w, s in zip(works, shapes) if not w.boilerplate]
    if len(words) >= 6 and sum(n for n, plain in words if plain) > cfg.plain_heading_share * sum(n for n, _ in words):
        shapes = [None if s is not None and s.style == "plain" else s for s in shapes]
    return shapes


class _Builder:
    def __init__(self, art: Article) -> None:
        self.art = art
        self.section = Section(id=f"{art.id}/s0", title="", level=0)
        art.sections = [self.section]
        self.spans: dict[str, Span] = {}

    def add(self, w: BlockWork, bi: int, start: int, end: int, span: Span | None = None, **kw: object) -> Sentence:
        raw_start, raw_end = w.rep.raw_span(start, end)
        sent = Sentence(
            id=f"{self.art.id}:{sum(len(s.sentences) for s in self.art.sections):04d}",
            source=self.art.source,
            line=w.block.line_at(raw_start),
            article=self.art.id,
            section=self.section.title,
            text=w.block.text[raw_start:raw_end],
            cleaned=w.rep.text[start:end].strip(),
            block_index=bi,
            **kw,  # type: ignore[arg-type]
        )
        if span is not None:
            self.spans[sent.id] = span
        self.section.sentences.append(sent)
        return sent

    def open_section(self, title: str, level: int) -> None:
        self.section = Section(id=f"{self.art.id}/s{len(self.art.sections)}", title=title, level=level)
        self.art.sections.append(self.section)


def _assign_repairs(sents: list[tuple[Sentence, int]], repairs: list[Repair]) -> None:
    """Give each repair to the sentence whose raw span starts at or before it."""
    for rep in repairs:
        owner = sents[0][0]
        for sent, raw_start in sents:
            if raw_start <= rep.start:
                owner = sent
        owner.repairs.append(rep)


def _tile_raw(block: Block, placed: list[tuple[Sentence, int]]) -> None:
    """Rows of one block share its raw text edge to edge, so their raw texts
    re-join to the block exactly; the first row owns stray leading marks."""
    placed[0] = (placed[0][0], 0)
    for k, (sent, start) in enumerate(placed):
        end = placed[k + 1][1] if k + 1 < len(placed) else len(block.text)
        sent.text = block.text[start:end].strip()
        sent.line = block.line_at(start + (len(block.text[start:end]) - len(block.text[start:end].lstrip())))


def build_sections(art: Article, works: list[BlockWork], cfg: SegmentConfig) -> dict[str, Span]:
    """Fill `art.sections`; return the spaCy span of each body sentence by id."""
    b = _Builder(art)
    levels = LevelTracker(cfg.max_level)
    shapes = _shapes(works, cfg)
    prev_heading = False
    for bi, (w, shape) in enumerate(zip(works, shapes)):
        text = w.rep.text
        placed: list[tuple[Sentence, int]] = []
        if w.boilerplate or not text.strip():
            s = b.add(w, bi, 0, len(text))
            s.verdict, s.action, s.reasons = Verdict.BOILERPLATE, Action.DROPPED, [w.boilerplate or "empty"]
            placed.append((s, 0))
            prev_heading = False
        else:
            body_start = 0
            if shape is not None:
                label = text[: shape.label_end].strip()
                title = label.rstrip(".:：)") if shape.style == "inline" else label
                level = levels.level(shape.style, prev_heading)
                b.open_section(title, level)
                s = b.add(w, bi, 0, shape.label_end, is_heading=True, level=level)
                s.verdict = Verdict.HEADING
                s.cleaned = title
                placed.append((s, 0))
                body_start = shape.label_end
                prev_heading = True
            sents = [sp for sp in (_cut_scripts(w.doc, list(w.doc.sents)) if w.doc is not None else []) if sp.end_char > body_start]
            if body_start < len(text) and text[body_start:].strip():
                if not sents:
                    sents = [None]  # type: ignore[list-item]
                for k, sp in enumerate(sents):
                    start = body_start if k == 0 else sp.start_char
                    end = len(text) if k == len(sents) - 1 else sents[k + 1].start_char
                    if not text[start:end].strip():
                        continue
                    raw_start = w.rep.raw_span(start, end)[0]
                    placed.append((b.add(w, bi, start, end, span=sp), raw_start))
                prev_heading = False
        if placed:
            _tile_raw(w.block, placed)
            _assign_repairs(placed, w.rep.repairs)
    art.sections = [s for s in art.sections if s.sentences or s.title]
    return b.spans
