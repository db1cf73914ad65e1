"""Headings on page shapes other than the sample's (from the sites' dev set, tests/data/sites):
a question over each short paragraph, a heading with its source-language twin under it, and a
page set one clause to a line, whose short lines are its text, not its headings."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import load_output, run_cli

pytestmark = pytest.mark.integration

CHEAP = 'garble.signals=["oov_rate_v1","glued_tokens_v1","length_v1"]'

QUESTIONS = """Can Salt Intake Increase Blood Pressure?

Many factors come into play when you ask about salt, and the answer is different for each person who asks it. Your doctor can tell you where you stand.

Does Salt Raise Blood Pressure?

There are other factors too, like age and family history, which decide how much salt we should eat every day. Most adults eat far more than they need.

How Does Salt Increase Your Blood Pressure?

When you eat too much salt, your body holds on to extra water to flush the sodium out of your blood, and the pressure rises. Over the years this strains the heart and the vessels.

Can You Really Avoid Salt?

Avoiding salt is not easy, since it is in almost everything we buy, from bread and soup to cheese and sauces. Reading labels is a good place to start.
"""

BILINGUAL = """Autumn food notes

Eating persimmons

吃柿子

Persimmons in late autumn help people keep warm and protect their bones, as the old saying goes.

霜降节气吃柿子可帮助人们抵御寒冷、保护骨骼健康。
"""

# Short lines with no full stop, every third line a sentence: the lines before those look like
# headings with a body under them, but they are a third of the page's words.
CLAUSES = "Spring notes\n\n" + "\n".join([
    "The younger you are the more you worry",
    "Staying up late every single night",
    "Then you drink tea to make up for it.",
    "Wearing thin clothes in the cold wind",
    "Going out with wet hair in the morning",
    "Then you take pills to keep warm.",
    "Eating cold food straight from the fridge",
    "Skipping breakfast on the way to work",
    "Then you rub your belly when it hurts.",
]) + "\n"


def _rows(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "page.txt").write_text(text, encoding="utf-8")
    code, _, err = run_cli([inp], tmp_path / "out", "--no-grammar", "--set", CHEAP, "--no-cache")
    assert code == 0, err
    return load_output(tmp_path / "out").sentences


def _kinds(tmp_path: Path, text: str) -> dict[str, str]:
    s = _rows(tmp_path, text)
    return dict(zip(s.text, s.kind))


def test_a_question_over_each_paragraph_is_a_heading(tmp_path: Path) -> None:
    kinds = _kinds(tmp_path, QUESTIONS)
    for q in ("Does Salt Raise Blood Pressure?", "How Does Salt Increase Your Blood Pressure?", "Can You Really Avoid Salt?"):
        assert kinds[q] == "heading", q


def test_a_heading_keeps_its_source_language_twin_under_it(tmp_path: Path) -> None:
    rows = _rows(tmp_path, BILINGUAL).set_index("text")
    assert rows.loc["Eating persimmons", "kind"] == "heading"
    # The twin under it is the heading's source, not an untranslated line (tests/data/holdout3, 06).
    assert rows.loc["吃柿子", "verdict"] == "bilingual_dup"
    assert rows.loc["吃柿子", "twin_of"] == rows.loc["Eating persimmons", "id"]


# A part's heading, then the heading of its first subsection, then the text (tests/data/holdout3, 17).
CHAIN = """Garlic notes

Garlic, an essential ingredient in Korean cuisine, has been called "one harm, a hundred benefits" since ancient times.

What are the effects of garlic?
Help with cold prevention
Looking at previous studies, the antiviral properties contained in garlic can inhibit the replication of cold viruses when they enter the body, and people who eat it often catch fewer colds in winter.
Suitable for lowering blood pressure
According to one study, blood pressure significantly decreases in hypertensive patients who take garlic supplements for several months, which is why doctors often recommend it with a low-salt diet.
"""


def test_a_heading_over_the_heading_of_its_first_subsection_is_a_heading(tmp_path: Path) -> None:
    kinds = _kinds(tmp_path, CHAIN)
    for h in ("What are the effects of garlic?", "Help with cold prevention", "Suitable for lowering blood pressure"):
        assert kinds[h] == "heading", h


def test_a_page_of_one_clause_a_line_has_no_plain_headings(tmp_path: Path) -> None:
    kinds = _kinds(tmp_path, CLAUSES)
    lines = CLAUSES.splitlines()[2:]
    assert all(kinds.get(line) == "sentence" for line in lines), {line: kinds.get(line) for line in lines}


# A heading over a numbered list (tests/data/sites, 07 and 25): the list is its body.
LIST = """Wolfberry notes

Since wolfberry warms the body, people with high blood pressure should not eat too much of it, and children should eat less.

The efficacy and role of wolfberry

1. Anti-fatigue

2. Lowering blood sugar
"""


def test_a_short_line_over_a_numbered_list_is_its_heading(tmp_path: Path) -> None:
    assert _kinds(tmp_path, LIST)["The efficacy and role of wolfberry"] == "heading"


# A byline of names that are no English words (tests/data/sites, 08), and a Title Case heading of
# English words, which spaCy tags as proper nouns too.
BYLINE = """Tea and the heart

Naiwen Hu

Green Tea Benefits

Drinking two cups of green tea a day was linked to a lower risk of heart disease in a large study of adults.

PREMENSTRUAL SYNDROME

Too much tea also makes the tension before a period worse, because caffeine keeps the body on edge.
"""


def test_a_line_of_unknown_names_is_a_byline_and_a_title_case_heading_stays(tmp_path: Path) -> None:
    s = _rows(tmp_path, BYLINE)
    got = dict(zip(s.text, zip(s.verdict, s.reasons)))
    assert got["Naiwen Hu"] == ("boilerplate", "nav_line")
    assert got["Green Tea Benefits"][0] == "heading"
    # In capitals every word is tagged a proper noun: a rare English word is still no name (tests/data/holdout2, 17)
    assert got["PREMENSTRUAL SYNDROME"][0] == "heading"


# A sentence the scrape broke in two (tests/data/sites, 28), and a headline the page's template
# prints again under the byline (tests/data/sites, 40).
BROKEN = """Chinese medicine notes

One of the fundamental principles of Chinese medicine
is the concept of Yin and Yang, which represents the two opposing yet complementary forces in all things.

Never mind its shocking taste, jamu is good for you

Jamu, a blend of herbs and spices, is sold from bicycles in every city in Indonesia.

By Sebastian Partogi

Never mind its shocking taste, jamu is good for you

Various studies have shown that the blend of herbs and spices in jamu can have a positive impact on your health.
For instance, research has found that turmeric, one of the main ingredients, helps the body fight inflammation,
and that ginger eases nausea; sellers mix them fresh every morning and sell the drink before noon.
"""


def test_a_line_the_next_one_goes_on_from_is_no_heading(tmp_path: Path) -> None:
    assert _kinds(tmp_path, BROKEN)["One of the fundamental principles of Chinese medicine"] == "sentence"


def test_a_headline_printed_twice_is_a_heading_then_a_dup(tmp_path: Path) -> None:
    s = _rows(tmp_path, BROKEN)
    got = list(zip(s.kind[s.text.str.startswith("Never mind")], s.verdict[s.text.str.startswith("Never mind")],
                   s.reasons[s.text.str.startswith("Never mind")]))
    assert got == [("heading", "heading", ""), ("heading", "dup", "repeats_heading")]


# A page's furniture as separate lines (tests/data/sites, 27 and 39): a lone menu item between a
# menu and a row of archive years, and an image's alt text printed again as its caption.
FURNITURE = """Jamu notes – Health Site | health

Home  Contact Us

Magazine

2024       2023       2022       2021

Jamu Tea

Jamu Tea

Indonesia has a unique traditional medicine called jamu, a blend of herbs and roots that local people drink every day.

Home  Contact Us

3 Exercises

2024       2023       2022       2021

Sellers ride bicycles through the cities in the morning and sell the drink fresh from glass bottles on their backs.
"""


def test_a_word_between_two_furniture_lines_and_a_line_printed_twice_in_a_row_are_furniture(tmp_path: Path) -> None:
    s = _rows(tmp_path, FURNITURE)
    got = list(zip(s.text, s.verdict, s.reasons))
    assert ("Magazine", "boilerplate", "nav_line") in got
    assert [g for g in got if g[0] == "Jamu Tea"] == [("Jamu Tea", "boilerplate", "repeated_line")] * 2
    assert dict(zip(s.text, s.verdict))["3 Exercises"] != "boilerplate", "a numbered line is a step, not a menu item"
