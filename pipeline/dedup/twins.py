"""Bilingual twins inside an article: a line and its re-translation, or its source.

Units are body blocks (a scraped line) with at least one live sentence, cut in two where a line
holds English and then its CJK source; a heading ends the comparison window, since a twin never
crosses a section.
- Source-language twins: a block in another language next to English blocks is
  the untranslated source; it is dropped with a pointer to its English neighbour, unless
  runs that do not pair one to one are too short to be each other's translation.
- Paraphrase twins: two English blocks within `twin_window` whose twin
  probability (pair features + logistic weights) passes the threshold. The copy
  with the lower garble_score is kept; on a tie, the earlier one.
- A block in CJK script left over after both (no English block to be a twin of) is dropped as
  boilerplate, `untranslated`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config import DedupConfig
from ..model import Article, Pair, Sentence, Verdict
from ..signals.boilerplate import norm_key
from ..signals.lexical import CJK
from .features import BlockText, pair_features, twin_probability
from .language import language_of

if TYPE_CHECKING:
    from spacy.tokens import Span

LIVE = (Verdict.OK, Verdict.GARBLED)
CJK_LANGUAGES = ("zh", "ja", "ko")  # decided by script (language.py), so never a guess
UNTRANSLATED = "untranslated"


@dataclass(slots=True)
class Unit:
    sents: list[Sentence]
    lang: str
    body: BlockText

    @property
    def score(self) -> float:
        """Length-weighted mean garble_score of the block."""
        total = sum(len(s.cleaned) for s in self.sents) or 1
        return sum(s.garble_score * len(s.cleaned) for s in self.sents) / total


def content_lemmas(spans: list[Span | None]) -> frozenset[str]:
    return frozenset(
        t.lemma_.lower() for sp in spans if sp is not None for t in sp
        if not (t.is_stop or t.is_punct or t.is_space) and (t.is_alpha or t.like_num)
    )


def units(art: Article, spans: dict[str, Span], cfg: DedupConfig) -> list[list[Unit]]:
    """Body units grouped into runs that no heading interrupts."""
    return [run for run, _ in runs_under_headings(art, spans, cfg) if run]


def runs_under_headings(art: Article, spans: dict[str, Span], cfg: DedupConfig) -> list[tuple[list[Unit], Sentence | None]]:
    """Each run of body units with the heading that opens it (None for the first, if no heading does)."""
    runs: list[tuple[list[Unit], Sentence | None]] = [([], None)]
    by_block: dict[int, list[Sentence]] = {}
    heads: dict[int, Sentence] = {}
    for s in art.sentences:
        if s.is_heading:
            by_block.setdefault(s.block_index, [])
            heads[s.block_index] = s
        elif _seen(s):
            by_block.setdefault(s.block_index, []).append(s)
    langs = tuple(cfg.languages)
    for bi in sorted(by_block):
        if bi in heads:
            runs.append(([], heads[bi]))
            if not by_block[bi]:
                continue
        for sents in _script_parts(by_block[bi], langs):
            text = " ".join(s.cleaned for s in sents)
            runs[-1][0].append(Unit(sents, language_of(text, langs), BlockText(text, content_lemmas([spans.get(s.id) for s in sents]))))
    return runs


def _script_parts(sents: list[Sentence], langs: tuple[str, ...]) -> list[list[Sentence]]:
    """A block cut where its sentences change between CJK script and the rest: a learners' page
    prints each English paragraph and its source on one line ("Tea drinkers, take heart. … 喜好喝茶的朋友…")."""
    if len(sents) < 2 or not any(CJK.search(s.cleaned) for s in sents):
        return [sents]
    parts: list[list[Sentence]] = []
    prev: bool | None = None
    for s in sents:
        cjk = language_of(s.cleaned, langs) in CJK_LANGUAGES
        if cjk is prev:
            parts[-1].append(s)
        else:
            parts.append([s])
        prev = cjk
    return parts


def _seen(s: Sentence) -> bool:
    """What the first pass saw: live sentences, then also its own drops and the near-dup stage's
    (which runs later), so a second pass finds the same units and changes nothing (idempotent)."""
    return (s.verdict in LIVE or s.verdict is Verdict.BILINGUAL_DUP or (s.verdict is Verdict.DUP and s.reasons[:1] == ["near_dup"])
            or (s.verdict is Verdict.BOILERPLATE and s.reasons[:1] == [UNTRANSLATED]))


def _drop(unit: Unit, kept: Unit, reason: str) -> bool:
    """Drop a twin; False when an earlier pass already did (its pair is on record)."""
    if all(s.verdict is Verdict.BILINGUAL_DUP for s in unit.sents):
        return False
    for s in unit.sents:
        s.drop(Verdict.BILINGUAL_DUP, reason, twin_of=kept.sents[0].id)
    return True


def _lang_runs(run: list[Unit]) -> list[list[int]]:
    """Indices of consecutive units in the same language."""
    out: list[list[int]] = []
    for k, u in enumerate(run):
        if out and run[out[-1][0]].lang == u.lang:
            out[-1].append(k)
        else:
            out.append([k])
    return out


def _source_language(run: list[Unit], pairs: list[Pair]) -> None:
    """Drop each foreign block, pointing at the English block it translates.

    Paragraph-wise bilingual text (three English lines, then their three source
    lines) pairs position by position; interlinear text (source, English,
    source, English …) pairs each line with a neighbour: the one that shares its numbers,
    else the one on the pattern's side.
    """
    if all(u.lang != "en" for u in run) or all(u.lang == "en" for u in run):
        return  # nothing to be a twin of: the language signal flags it instead
    groups = _lang_runs(run)
    foreign_first = run[0].lang != "en"
    for g, idx in enumerate(groups):
        if run[idx[0]].lang == "en":
            continue
        sides = [groups[g + 1] if g + 1 < len(groups) else [], groups[g - 1] if g > 0 else []]
        if not foreign_first:
            sides.reverse()
        sides = [s for s in sides if s and run[s[0]].lang == "en"]
        if not sides:
            continue  # between two other-language runs: no English copy to point at
        foreign = [run[k] for k in idx]
        numbers = _numbers(foreign)
        english = max(sides, key=lambda side: (len(numbers & _numbers(_nearest(run, side, idx))), len(side) == len(idx), -sides.index(side)))
        if not _could_translate(foreign, _nearest(run, english, idx), numbers, one_to_one=len(english) == len(idx)):
            continue  # a page's furniture above or below the article, not its source
        for pos, k in enumerate(idx):
            u, kept = run[k], run[english[min(pos, len(english) - 1)]]
            if len(idx) > 1 and not _keeps_numbers(_numbers([u]), [kept]):
                continue  # one block of the run is not a translation: a notice among them
            if _drop(u, kept, "source_language_twin"):
                pairs.append(Pair("source_language_twin", kept.sents[0].id, u.sents[0].id, 1.0,
                                  f"English copy kept; the {u.lang} line is its source", round(kept.score, 4), round(u.score, 4),
                                  any(s.repairs for s in kept.sents)))


# Source characters (CJK) or words (other scripts) per English word below which a run of source
# blocks is too short to hold the English run it sits beside: a translation is never a third of it.
MIN_SOURCE_SHARE = {"cjk": 0.6, "words": 0.5}
_CJK_PUNCT = re.compile(r"[。，、；！？：]")
_NUMBER = re.compile(r"(?<!\d)\d{2,}(?!\d)")


def _nearest(run: list[Unit], side: list[int], idx: list[int]) -> list[Unit]:
    """The blocks of an English run nearest a source run, as many as the source run has."""
    return [run[k] for k in (side[: len(idx)] if side[0] > idx[-1] else side[-len(idx) :])]


def _numbers(units: list[Unit]) -> set[str]:
    """Numbers of two digits or more ("1,900" is 1900): what a translation keeps as it was."""
    return set(_NUMBER.findall(" ".join(u.body.text for u in units).replace(",", "")))


def _keeps_numbers(numbers: set[str], english: list[Unit]) -> bool:
    return len(numbers) < 2 or bool(numbers & _numbers(english))


def _could_translate(foreign: list[Unit], english: list[Unit], numbers: set[str], one_to_one: bool) -> bool:
    """Whether runs of source and English blocks can be each other's translation: source blocks
    none of whose numbers are in the English ("…工作时间:9:00-18:30") are not its source; runs that
    do not pair one to one must also be long enough, counted whole (paragraphs are often split
    differently in the two)."""
    if not _keeps_numbers(numbers, english):
        return False
    if one_to_one:
        return True
    text = " ".join(u.body.text for u in foreign)
    n_en = sum(len(u.body.words) for u in english) or 1
    if any(u.lang in CJK_LANGUAGES for u in foreign):
        # Sentences in CJK script have their own punctuation; a menu's or widget's labels have none
        # ("にほんブログ村", "コメント", "• LINEでシェアする" under a Japanese blog post).
        return len(CJK.findall(text)) >= MIN_SOURCE_SHARE["cjk"] * n_en and bool(_CJK_PUNCT.search(text))
    return len(text.split()) >= MIN_SOURCE_SHARE["words"] * n_en


def live_units(run: list[Unit], cfg: DedupConfig) -> list[Unit]:
    return [u for u in run if u.lang == "en" and len(u.body.words) >= cfg.twin_min_words]


def base_probabilities(live: list[Unit], cfg: DedupConfig) -> dict[tuple[int, int], float]:
    """Twin probability of each candidate pair from its own features alone."""
    return {
        (i, j): twin_probability(pair_features(live[i].body, live[j].body), cfg.twin_weights)
        for i in range(len(live))
        for j in range(i + 1, min(len(live), i + 1 + cfg.twin_window))
    }


def neighbour_support(base: dict[tuple[int, int], float], i: int, j: int) -> float:
    """How twin-like the pairs just before and just after are.

    Re-translated articles alternate original and copy line after line, while
    exercise steps that share phrases sit among lines that pair with nothing.
    """
    return max(base.get((i - 2, i - 1), 0.0), base.get((j + 1, j + 2), 0.0))


def cross_similarity(base: dict[tuple[int, int], float], i: int, j: int) -> float:
    """How twin-like each copy is with the lines on its other side.

    A twin resembles one neighbour only; an item of a list of similar steps
    resembles the items on both sides.
    """
    return max(base.get((i - 1, i), 0.0), base.get((j, j + 1), 0.0))


def pair_probabilities(live: list[Unit], cfg: DedupConfig) -> dict[tuple[int, int], float]:
    base = base_probabilities(live, cfg)
    w = cfg.twin_context_weights
    out = {}
    for (i, j), p in base.items():
        p = min(max(p, 1e-6), 1 - 1e-6)
        z = (w.get("bias", 0.0) + w.get("base_logit", 1.0) * math.log(p / (1 - p))
             + w.get("neighbour_twins", 0.0) * neighbour_support(base, i, j) + w.get("cross_similarity", 0.0) * cross_similarity(base, i, j))
        out[(i, j)] = 1.0 / (1.0 + math.exp(-z))
    return out


def _shared_template(a: Unit, b: Unit) -> bool:
    """Two lines that repeat one sentence verbatim but differ elsewhere are steps
    built from a template ("… Repeat 10 to 20 times on each side."), not a line
    and its re-translation, which rewords every sentence."""
    ka, kb = ({norm_key(s.cleaned) for s in u.sents if len(s.cleaned.split()) >= 4} for u in (a, b))
    return bool(ka & kb) and ka != kb


def _paraphrases(run: list[Unit], cfg: DedupConfig, pairs: list[Pair]) -> None:
    live = live_units(run, cfg)
    probs = pair_probabilities(live, cfg)
    taken: set[int] = set()
    for i, a in enumerate(live):
        if i in taken:
            continue
        cands = [(p, j) for (x, j), p in probs.items()
                 if x == i and j not in taken and p >= cfg.twin_threshold and not _shared_template(a, live[j])]
        if not cands:
            continue
        best_p, best = max(cands)
        taken.update((i, best))
        kept, dropped, why = _better(a, live[best], cfg.tie_margin)
        if _drop(dropped, kept, "paraphrase_twin"):
            pairs.append(Pair("paraphrase_twin", kept.sents[0].id, dropped.sents[0].id, round(best_p, 4), why,
                              round(kept.score, 4), round(dropped.score, 4), any(s.repairs for s in kept.sents)))


def _better(a: Unit, b: Unit, margin: float) -> tuple[Unit, Unit, str]:
    """(kept, dropped, why): the less garbled copy; on a tie the one that needed
    fewer repairs (scraping damage is evidence of a worse copy); then the earlier."""
    if abs(a.score - b.score) >= margin:
        kept, dropped = (a, b) if a.score < b.score else (b, a)
        return kept, dropped, f"lower garble_score ({kept.score:.2f} < {dropped.score:.2f})"
    ra, rb = (sum(len(s.repairs) for s in u.sents) for u in (a, b))
    if ra != rb:
        kept, dropped = (a, b) if ra < rb else (b, a)
        return kept, dropped, f"scores tie ({a.score:.2f} vs {b.score:.2f}): fewer repairs ({min(ra, rb)} < {max(ra, rb)})"
    return a, b, f"scores tie ({a.score:.2f} vs {b.score:.2f}): the earlier copy"


#: A heading's source is a heading too: at most this many CJK characters (or words) per English word.
HEADING_SOURCE_MAX = {"cjk": 4.0, "words": 2.0}


def _heading_source(run: list[Unit], heading: Sentence | None, pairs: list[Pair]) -> None:
    """A bilingual page prints a heading's source right under it ("When should drink water to
    detoxify the body?" / "什么时候应该喝水为身体解毒?"): the run's first block, in another
    language, one line, about as long as the heading would be in it, is that heading's twin."""
    if heading is None or not run or run[0].lang == "en" or len(run[0].sents) > 2 or any(s.verdict not in LIVE for s in run[0].sents):
        return
    u, words = run[0], len(heading.cleaned.split())
    text = u.body.text
    size, unit = (len(CJK.findall(text)), "cjk") if u.lang in CJK_LANGUAGES else (len(text.split()), "words")
    if not MIN_SOURCE_SHARE[unit] * words <= size <= HEADING_SOURCE_MAX[unit] * words + 2 or not _numbers([u]) <= set(_NUMBER.findall(heading.cleaned)):
        return  # too short or too long to be the heading's source, or numbers the heading lacks
    for s in u.sents:
        s.drop(Verdict.BILINGUAL_DUP, "source_language_twin", twin_of=heading.id)
    pairs.append(Pair("source_language_twin", heading.id, u.sents[0].id, 1.0, f"English heading kept; the {u.lang} line is its source",
                      round(heading.garble_score, 4), round(u.score, 4), bool(heading.repairs)))


def _untranslated(run: list[Unit]) -> None:
    """A block in Chinese, Japanese or Korean script that no English block translates is the
    source page's furniture or text left untranslated: not the English article's, and not
    something the garble score can judge."""
    for u in run:
        if u.lang in CJK_LANGUAGES:
            for s in u.sents:
                if s.verdict in LIVE:
                    s.drop(Verdict.BOILERPLATE, UNTRANSLATED)


def mark_twins(articles: list[Article], spans: dict[str, Span], cfg: DedupConfig) -> list[Pair]:
    pairs: list[Pair] = []
    for art in articles:
        for run, heading in runs_under_headings(art, spans, cfg):
            _heading_source(run, heading, pairs)
            _source_language(run, pairs)
            _paraphrases(run, cfg, pairs)
            _untranslated(run)
    return pairs
