"""Golden cases for garble_score with every default signal on (LanguageTool and the LM are real).

Negatives: fluent English with names, numbers, quotations and medical terms stays ok.
Positives: literal translationese from the sample is garbled.
"""

from __future__ import annotations

import pytest

from pipeline.config import load_config
from pipeline.grammar import grammar_scorers
from pipeline.score import score_sentences

pytestmark = pytest.mark.integration

FLUENT = [
    "Dr. Sarah Whitfield of Johns Hopkins University said the trial enrolled 1,248 patients between 2019 and 2022.",
    '"Most people recover within six weeks," she told the BBC, "but a minority develop chronic pain."',
    "Ibuprofen and naproxen are non-steroidal anti-inflammatory drugs that reduce swelling around the lumbar discs.",
    "In a 2018 paper, researchers concluded that a hunched posture helps increase lubrication between the discs.",
    "The herniated disc presses on the sciatic nerve.",
    "Stand with your feet shoulder-width apart.",
    "Magnetic resonance imaging showed degeneration at L4–L5 in 37% of the participants over 60.",
    "Physiotherapists at North Tees University Hospital in Stockton, UK, carried out the study.",
]

# A known miss, kept so a better model shows up as an unexpected pass: every local word sequence
# here is fluent English ("small make up" is literal for the Chinese "小编", the editor).
KNOWN_MISS = "This kind of negative mood is very adverse to the health of the body, so small make up here to tell you, back pain does not mean kidney disease."

# A known miss of the cascade: its student, a linear model of the cheap signals, predicts a fluent
# language-model score where the model says 1.0, so the verdict is taken far from the threshold
# without it; with every signal (`garble.cascade_margin=none`) it is just under the threshold. It is
# among the 1.2% of the sample's full-evidence verdicts that the cascade does not keep (README,
# Speed). "When happening urological system disease …" was one too, until the margin went from 0.8
# to 1.0 and sent it to the model.
STUDENT_MISS = pytest.mark.xfail(reason="the cascade's student predicts a fluent LM score", strict=True)

GARBLED = [
    pytest.param(KNOWN_MISS, marks=pytest.mark.xfail(reason="literal translationese with fluent n-grams", strict=True)),
    "When happening urological system disease nevertheless, can have lumbago only a symptom, the body still can have other expression.",
    pytest.param("The Angle of ham and crus had better be in 90 degrees, hold breath 3~5 seconds, restore station posture.", marks=STUDENT_MISS),
    "This is the cold evil into the bone marrow, very difficult to disperse, the treatment of tonifying kidney Yang to drive away the cold evil.",
    "Double foot is microzhang, heel is apart from wall 60 centimeters, back relies on a wall, straighten lumbar back, slow squat.",
]


@pytest.fixture(scope="module")
def scored() -> dict[str, tuple[str, float, str]]:
    cfg = load_config(overrides=["cache.enabled=false"])
    with grammar_scorers(cfg, None) as extra:
        sents = score_sentences(FLUENT + [p if isinstance(p, str) else p.values[0] for p in GARBLED], cfg, extra)
    return {s.text: (s.verdict.value, s.garble_score, ";".join(s.reasons)) for s in sents}


@pytest.mark.parametrize("text", FLUENT)
def test_fluent_english_stays_ok(scored: dict, text: str) -> None:
    assert scored[text][0] == "ok", scored[text]


@pytest.mark.parametrize("text", GARBLED)
def test_translationese_is_garbled(scored: dict, text: str) -> None:
    assert scored[text][0] == "garbled", scored[text]
