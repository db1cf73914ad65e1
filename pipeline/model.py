"""Typed documents that flow through the stages.

raw file -> Document (reader output, blocks with line numbers)
         -> Article -> Section -> Block -> Sentence (with repairs, signals, verdict)

Every object keeps the source path and the raw line it came from, so any cleaned
sentence can be traced back to the scrape, and every raw line can be given a fate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import TypeVar

T = TypeVar("T")


def positional_pickle(cls: type[T]) -> type[T]:
    """Pickle as the constructor's arguments in order. A Dask run ships every sentence, with a
    dozen signals each, from the workers to the driver; slots' default (a state dict per
    object) measured ~40% slower to load and ~30% bigger."""
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]

    def __reduce__(self: T) -> tuple:
        return (cls, tuple(getattr(self, n) for n in names))

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


class Verdict(str, Enum):
    OK = "ok"
    GARBLED = "garbled"
    BOILERPLATE = "boilerplate"
    BILINGUAL_DUP = "bilingual_dup"
    DUP = "dup"
    HEADING = "heading"


class Action(str, Enum):
    KEPT = "kept"
    FLAGGED = "flagged"
    DROPPED = "dropped"


@dataclass(slots=True)
class Block:
    """A paragraph-like unit as the reader found it: one or more raw lines.

    `text` is exactly the raw text (lines joined with "\\n"); `line` is the
    1-based line in the raw file where it starts. `hint` carries what the
    format itself says about the block ("heading:2", "list", "title"), which is
    stronger evidence than any guess from the text; "masthead" is what the title guess
    found above the headline it took out (segment.furniture.masthead_lines).
    """

    text: str
    line: int
    hint: str = ""
    # Last raw line of the block, when the reader knows it better than the
    # newlines in `text` do (HTML elements, JSONL records); 0 means "derive it".
    end_line: int = 0

    def line_at(self, offset: int) -> int:
        """Raw line number of character `offset` inside this block."""
        if self.end_line:
            return self.line
        return self.line + self.text.count("\n", 0, max(0, offset))

    @property
    def last_line(self) -> int:
        return self.end_line or self.line + self.text.count("\n")


@dataclass(slots=True)
class Document:
    """What a reader returns: one record of a file (a whole .txt, one JSONL record)."""

    source: str  # path relative to the INPUT root
    blocks: list[Block]
    title: str = ""
    url: str = ""
    fmt: str = "txt"
    encoding: str = "utf-8"
    # The record's id (a JSONL record's or a Parquet row's id column), carried into
    # sentences.csv `record`; empty for formats whose files are the articles (.txt, .md, .html).
    record: str = ""
    # How many raw lines (records, for a streamed format) the whole file has: the ledger's count.
    raw_lines: int = 0
    # Raw lines the reader consumed without turning them into blocks
    # (JSON keys, HTML markup, metadata): line -> reason. They still need a fate.
    consumed: dict[int, str] = field(default_factory=dict)


@positional_pickle
@dataclass(slots=True)
class Repair:
    """One recorded edit. Offsets are into the raw text of the block (before == raw[start:end])."""

    fixer: str
    start: int
    end: int
    before: str
    after: str


@positional_pickle
@dataclass(slots=True)
class Signal:
    """One scorer's opinion of one sentence. value is in the scorer's documented range.
    Made by `make_signal` and not changed after: instances are shared."""

    name: str
    value: float
    reason: str | None = None  # reason code when the signal fires, else None
    detail: str = ""  # human-readable evidence (the glued token, the repeated word)
    # Where the evidence is: (start, end) offsets into `Sentence.cleaned`, so a
    # report can mark the exact words that fired the signal. A shared empty tuple by
    # default: most signals do not fire, and a big run holds a dozen per sentence.
    spans: Sequence[tuple[int, int]] = ()


_NOTHING: dict[str, Signal] = {}


def make_signal(name: str, value: float, reason: str | None = None, detail: str = "",
                spans: Sequence[tuple[int, int]] = ()) -> Signal:
    """A Signal, never changed once made: where the scorer found nothing (0, no reason, no
    evidence), one instance per scorer, shared by every sentence. Most signals are that one
    (91% on the x10 corpus), and a big run holds several per sentence, in every process that
    holds the sentence; a pickle carries the shared one once."""
    if value == 0 and reason is None and not detail and not spans:
        if name not in _NOTHING:
            _NOTHING[name] = Signal(name, 0.0)
        return _NOTHING[name]
    return Signal(name, value, reason, detail, spans)


@positional_pickle
@dataclass(slots=True)
class Sentence:
    id: str
    source: str
    line: int
    article: str
    section: str
    text: str  # as in the raw file
    cleaned: str  # after repairs
    is_heading: bool = False
    level: int = 0  # heading level (2 = ##), 0 for body sentences
    block_index: int = 0  # index of the block inside the article
    repairs: list[Repair] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    garble_score: float = 0.0
    verdict: Verdict = Verdict.OK
    reasons: list[str] = field(default_factory=list)
    action: Action = Action.KEPT
    twin_of: str = ""  # id of the copy that was kept, for dup / bilingual_dup
    # The machine's verdict when a reviewer's replaced it (pipeline.review); empty when not reviewed.
    machine_verdict: str = ""

    def drop(self, verdict: Verdict, reason: str, twin_of: str = "") -> None:
        self.verdict = verdict
        # The drop reason leads: it is why the sentence is gone; garble reasons follow.
        self.reasons = [reason] + [r for r in self.reasons if r != reason]
        self.action = Action.DROPPED
        self.twin_of = twin_of


@dataclass(slots=True)
class Section:
    id: str
    title: str
    level: int
    sentences: list[Sentence] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    id: str  # stable slug, unique within a run
    source: str
    title: str
    line: int  # raw line of the title (or of the first block)
    url: str = ""
    site: str = ""
    tags: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    title_line: int | None = None  # raw line consumed as the article title, if any
    sections: list[Section] = field(default_factory=list)
    consumed: dict[int, str] = field(default_factory=dict)
    near_dup_of: str = ""  # id of an earlier article with the same content, if any
    encoding: str = ""  # how the source file was decoded
    record: str = ""  # the record id of a JSONL record or Parquet row; empty for a .txt/.md/.html article
    key: str = ""  # what review keys hash for this article (pipeline.review.key.assign_keys)
    # The last article of its file or record: where a scrape cut off mid-sentence shows (decide.mark_truncated).
    ends_document: bool = False

    @property
    def sentences(self) -> list[Sentence]:
        return [s for sec in self.sections for s in sec.sentences]


@dataclass(slots=True)
class Pair:
    """Two copies of the same content and which one was kept (a row of pairs.csv)."""

    kind: str  # paraphrase_twin, source_language_twin, near_dup, near_dup_article
    kept: str  # sentence id (or article id) of the copy kept
    dropped: str  # sentence id (or article id) of the copy dropped or marked
    similarity: float  # twin probability, MinHash or lemma Jaccard, per kind
    why: str  # why this copy was kept, in words
    kept_score: float = 0.0
    dropped_score: float = 0.0
    kept_repaired: bool = False
