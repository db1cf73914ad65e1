"""Synthetic runs for the HTML report tests: a batch of any size, and a hostile one.

Built in code (not by the pipeline) so the report can be tested at 1,000 articles
in seconds, and with hostile text in fields a scrape cannot reach (url, signal detail).
"""

from __future__ import annotations

import random

from pipeline.config import Config
from pipeline.decide import decide
from pipeline.model import Action, Article, Repair, Section, Sentence, Signal, Verdict
from pipeline.result import RunResult
from pipeline.write.outputs import summary

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="window.__pwned=1">',
    "<a href=\"javascript:alert(1)\">click</a> javascript:alert(1)",
    "</textarea></style></script><!-- {{ 7*7 }} ${7*7}",
    "It's \"quoted\" & 'single' `tick` \u2028 ]]> -->",
]

_WORDS = (
    "the back pain muscle spine pressure massage pillow chair knee posture relieve stretch exercise doctor "
    "therapy heat cold rest sleep walk stand sit lower upper neck shoulder tension help reduce support"
).split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 22))]
    return " ".join(words).capitalize() + "."


def _garble(sent: Sentence, rng: random.Random) -> None:
    """Give a sentence the signals a real scorer would, spans and all."""
    words = sent.cleaned.split(" ")
    k = rng.randrange(1, len(words) - 2)  # not the last word, which carries the full stop
    words[k] = words[k] + words[k + 1].capitalize()  # a glued pair, as scrapes have
    del words[k + 1]
    sent.cleaned = " ".join(words)
    start = sent.cleaned.index(words[k])
    glued = words[k]
    sent.repairs.append(Repair("missing_space", start, start + 2, "1.S", "1. S"))
    sent.signals += [
        Signal("glued_tokens_v1", 0.5, "glued_words", glued, [(start, start + len(glued))]),
        Signal("oov_rate_v1", round(rng.uniform(0.3, 0.9), 4), "unknown_words", f"{glued}, xqzt"),
        Signal("repairs_v1", 0.3333, "needed_repairs", "missing_space"),
        Signal("no_verb_v1", 0.0),
    ]


def synthetic_result(n_articles: int, per_article: int = 30, seed: int = 5) -> tuple[RunResult, dict]:
    """A run of `n_articles` articles of about `per_article` sentences, every verdict present."""
    rng = random.Random(seed)
    cfg = Config()
    # Fixed weights, so the synthetic batch has garbled sentences whatever the fitted weights are.
    cfg.garble.weights = {"bias": -2.0, "glued_tokens_v1": 1.0, "oov_rate_v1": 3.0, "repairs_v1": 1.0, "no_verb_v1": 1.0}
    cfg.garble.threshold = 0.5
    articles = []
    for i in range(n_articles):
        aid = f"article-{i:04d}"
        art = Article(id=aid, source=f"batch/{i // 100:02d}.txt", title=f"Article {i}: {_sentence(rng)[:60]}", line=1,
                      url=f"https://example.com/{aid}", site="ExampleSite", tags=["back pain", "health"], title_line=1)
        n = 0
        line = 2
        for si in range(3):
            sec = Section(id=f"{aid}/s{si}", title=f"Step {si + 1}", level=2)
            art.sections.append(sec)
            for j in range(per_article // 3):
                text = f"Step {si + 1}. Do this" if j == 0 else _sentence(rng)
                s = Sentence(id=f"{aid}:{n:04d}", source=art.source, line=line, article=aid, section=sec.title,
                             text=text, cleaned=text, block_index=n // 3)
                n += 1
                line += 1
                if j == 0:
                    s.is_heading, s.level, s.verdict = True, 2, Verdict.HEADING
                else:
                    roll = rng.random()
                    if roll < 0.25:
                        _garble(s, rng)
                    elif roll < 0.30:
                        s.drop(Verdict.BOILERPLATE, "repeated_line")
                    elif roll < 0.34 and j > 1:
                        prev = sec.sentences[-1]
                        s.text = s.cleaned = prev.cleaned
                        s.drop(Verdict.DUP, "exact_dup", twin_of=prev.id)
                    elif roll < 0.37 and j > 1:
                        s.drop(Verdict.BILINGUAL_DUP, "bilingual_dup", twin_of=sec.sentences[-1].id)
                sec.sentences.append(s)
        articles.append(art)
    for art in articles:
        for s in art.sentences:
            decide(s, cfg)
    result = RunResult(articles=articles, timings={"read": 0.1, "score": 1.2}, sources={})
    return result, summary(result, cfg, {a.id: f"{a.id}.md" for a in articles})


def hostile_result() -> tuple[RunResult, dict]:
    """One article whose every scraped field is hostile."""
    result, _ = synthetic_result(1, per_article=12, seed=1)
    art = result.articles[0]
    art.title, art.site, art.url, art.tags = HOSTILE[0] + HOSTILE[1], HOSTILE[4], "javascript:alert(1)", [HOSTILE[3]]
    sents = [s for s in art.sentences if not s.is_heading]
    for s, text in zip(sents, HOSTILE * 2):
        s.text = s.cleaned = text
        s.verdict, s.action, s.reasons = Verdict.GARBLED, Action.FLAGGED, ["unknown_words"]
        s.garble_score = 0.9
        s.signals = [Signal("oov_rate_v1", 1.0, "unknown_words", text, [(0, len(text))])]
        s.repairs = [Repair("whitespace", 0, len(text), text, text + "'\"")]
    art.sentences[0].cleaned = HOSTILE[2]  # a heading
    return result, summary(result, Config(), {})
