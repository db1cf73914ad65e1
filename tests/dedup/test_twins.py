"""Twins and near-duplicates: golden cases from the sample, bilingual fixtures of
our own (interlinear and paragraph-wise Chinese, a Spanish line) and hard negatives."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.config import load_config
from pipeline.run import run
from pipeline.segment.sections import _script_cuts
from pipeline.signals.lexical import CJK
from tests.conftest import ROOT, RunOutput

pytestmark = pytest.mark.integration

INTERLINEAR = """Neck pain prevention – Health Site | health/neck

长时间低头看手机会增加颈椎的负担。
Looking down at your phone for a long time increases the load on your cervical spine.
每隔一小时起来活动五分钟，可以缓解肩膀的僵硬。
Get up and move around for five minutes every hour to relieve stiff shoulders.
睡觉时枕头的高度应该在8到10厘米之间。
The height of your pillow should be between 8 and 10 centimetres when you sleep.
"""

PARAGRAPHS = """Walking for health – Health Site | health/walking

Walking thirty minutes a day lowers blood pressure in most adults.
Choose shoes with a firm heel and a flexible sole.
Swing your arms naturally and keep your head up.
每天步行三十分钟可以降低大多数成年人的血压。
选择鞋跟坚固、鞋底灵活的鞋子。
自然地摆动手臂，保持抬头。
"""

SPANISH = """Sleep and the back – Health Site | health/sleep

A firm mattress supports the natural curve of the spine during the night.
Un colchón firme sostiene la curva natural de la columna durante la noche.
Sleeping on your side with a pillow between the knees keeps the hips level.
"""

# Hard negatives: adjacent lines on one topic that each say something new.
NEGATIVES = """Desk work and the back – Health Site | health/office

Sitting for long periods weakens the muscles of the lower back and the hips.
Standing for long periods puts extra pressure on the joints of the knees and the feet.
Set your screen at eye level so that you do not bend your neck forward all day.
Set your chair height so that your feet rest flat on the floor and your knees are level.
Take a short walk every hour, even if it is only to the kitchen and back.
Take the stairs instead of the lift, because climbing strengthens the thighs and the calves.
Lie on your back with your knees bent and lift your hips until your body forms a straight line.
Lie on your side with your legs straight and lift the top leg slowly towards the ceiling.
Dr. Mary Chen of Boston University found that 62% of office workers report back pain.
Dr. James Wong of Toronto University found that 48% of drivers report neck pain.
"""


def _run(tmp_path: Path, name: str, text: str) -> dict[int, tuple[str, str]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = run([tmp_path / name], load_config(overrides=["languagetool.enabled=false"]), quiet=True)
    ids = {s.id: s.line for a in result.articles for s in a.sentences}
    return {s.line: (s.verdict.value, str(ids.get(s.twin_of, ""))) for a in result.articles for s in a.sentences}


def test_interlinear_chinese_lines_are_dropped_with_their_english_twin(tmp_path: Path) -> None:
    got = _run(tmp_path, "zh.txt", INTERLINEAR)
    assert {ln: got[ln] for ln in (3, 5, 7)} == {3: ("bilingual_dup", "4"), 5: ("bilingual_dup", "6"), 7: ("bilingual_dup", "8")}
    assert all(got[ln][0] == "ok" for ln in (4, 6, 8))


def test_paragraph_wise_chinese_pairs_position_by_position(tmp_path: Path) -> None:
    got = _run(tmp_path, "para.txt", PARAGRAPHS)
    assert {ln: got[ln] for ln in (6, 7, 8)} == {6: ("bilingual_dup", "3"), 7: ("bilingual_dup", "4"), 8: ("bilingual_dup", "5")}
    assert all(got[ln][0] == "ok" for ln in (3, 4, 5))


# The furniture of a Chinese page above its translation's first heading (tests/data/sites, 30 and
# 31): no English line shares its run, so nothing can be its twin, and it is not English to judge.
FURNITURE = """Chronic disease in China – News Site | health

手机APP下载

【新聞關鍵字】

Chronic Diseases on the Rise in China

The World Health Organization says that chronic diseases caused more than 80% of deaths in China in 2008.
"""


def test_cjk_lines_without_an_english_twin_are_untranslated_boilerplate(tmp_path: Path) -> None:
    (tmp_path / "zh.txt").write_text(FURNITURE, encoding="utf-8")
    result = run([tmp_path / "zh.txt"], load_config(overrides=["languagetool.enabled=false"]), quiet=True)
    got = {s.line: (s.verdict.value, s.reasons[:1], s.action.value) for a in result.articles for s in a.sentences}
    assert got[3] == got[5] == ("boilerplate", ["untranslated"], "dropped")
    assert got[7][0] == "heading" and got[9][0] == "ok"


# An article's title printed again as the alt text of three images (tests/data/sites, 15), and a
# paragraph pasted twice: the first is the page's template, the second a duplicate.
ALT_TEXT = """Salt and the heart – Health Site | health

The popular salt myth in the circle of friends is hurting a generation of young people!

Most adults eat far more salt than they need, and their blood pressure shows it over the years.

The popular salt myth in the circle of friends is hurting a generation of young people!

Reading the labels on bread, soup and sauces is the easiest way to eat less of it every day.

The popular salt myth in the circle of friends is hurting a generation of young people!

Reading the labels on bread, soup and sauces is the easiest way to eat less of it every day.

The popular salt myth in the circle of friends is hurting a generation of young people!
"""


def test_a_line_a_page_prints_three_times_is_boilerplate_and_twice_a_dup(tmp_path: Path) -> None:
    (tmp_path / "alt.txt").write_text(ALT_TEXT, encoding="utf-8")
    result = run([tmp_path / "alt.txt"], load_config(overrides=["languagetool.enabled=false"]), quiet=True)
    got = {s.line: (s.verdict.value, s.reasons[:1]) for a in result.articles for s in a.sentences}
    assert [got[ln] for ln in (3, 7, 11, 15)] == [("boilerplate", ["repeated_line"])] * 4
    assert got[9][0] == "ok" and got[13] == ("dup", ["exact_dup"])


def test_spanish_source_line_is_a_twin(tmp_path: Path) -> None:
    got = _run(tmp_path, "es.txt", SPANISH)
    assert got[4] == ("bilingual_dup", "3")
    assert got[3][0] == got[5][0] == "ok"


def test_same_topic_neighbours_are_not_twins(tmp_path: Path) -> None:
    got = _run(tmp_path, "neg.txt", NEGATIVES)
    assert [ln for ln, (v, _) in got.items() if v in ("bilingual_dup", "dup")] == []


def test_sample_lazy_posture_pairs_keep_one_copy_each(sample_run: RunOutput) -> None:
    """Golden: the hand-labelled pairs of the sample (tests/data/pairs.tsv)."""
    pairs = pd.read_csv(ROOT / "tests/data/pairs.tsv", sep="\t")
    s = sample_run.sentences
    dropped = {int(ln) for ln in s[s.verdict == "bilingual_dup"]["line"]}
    found = [(a, b) for a, b in zip(pairs.line_a, pairs.line_b) if (a in dropped) != (b in dropped)]
    # 25 of 26 in the last measurement; the miss (623/625) shares almost no words.
    assert len(found) >= 24, f"only {len(found)} of {len(pairs)} twin pairs found"
    labelled = set(pairs.line_a) | set(pairs.line_b)
    assert dropped <= labelled, f"twins marked outside the labelled pairs: {sorted(dropped - labelled)}"


def test_sample_title_repeated_under_itself_is_a_dup_and_steps_stay(sample_run: RunOutput) -> None:
    s = sample_run.sentences
    assert set(s[s.line == 346]["verdict"]) == {"dup"}
    dups = s[s.verdict == "dup"]
    assert set(dups["reasons"].str.split(";").str[0]) <= {"repeats_title", "exact_dup", "near_dup"}
    steps = s[s.cleaned.str.startswith(("Relax, switch sides and repeat", "Sit or stand up straight"))]
    assert len(steps) >= 2 and set(steps["verdict"]) <= {"ok", "garbled"}


def test_pairs_report_names_kept_copy_and_why(sample_run: RunOutput) -> None:
    p = pd.read_csv(sample_run.reports / "pairs.csv", keep_default_na=False)
    twins = p[p.kind == "paraphrase_twin"]
    assert len(twins) >= 24
    assert twins["why"].str.contains("garble_score|tie").all()
    assert set(twins["kept"]).isdisjoint(set(twins["dropped"]))


# A learners' page prints each English paragraph and its Chinese source on one line, sometimes
# with no space between them (tests/data/sites, 31 and 32).
ONE_LINE = """Tea and the heart – Learn English | health

Tea drinkers, take heart. Drinking two cups of tea a day could reduce your chance of dying after a heart attack. 喜好喝茶的朋友,偷着乐吧。每天喝两杯茶将使突发心脏病的死亡机率降低。

A plate of greasy noodles and a cigarette appears to be a typical lunch for office workers.一盤油膩的麵和一根香煙,這似乎是上班族的典型午餐。
"""


def test_an_english_paragraph_and_its_source_on_one_line_keep_the_english(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(ONE_LINE, encoding="utf-8")
    result = run([tmp_path / "one.txt"], load_config(overrides=["languagetool.enabled=false"]), quiet=True)
    sents = [s for a in result.articles for s in a.sentences]
    by_id = {s.id: s for s in sents}
    chinese = [s for s in sents if "的" in s.cleaned]
    # Each line's source, cut where the script turns, in as many sentences as its stops make.
    assert {s.line for s in chinese} == {3, 5} and all(s.verdict.value == "bilingual_dup" and s.reasons[0] == "source_language_twin" for s in chinese)
    assert [by_id[s.twin_of].line for s in chinese] == [s.line for s in chinese]  # the English on its own line
    assert all(s.verdict.value == "ok" for s in sents if s not in chinese and not s.is_heading)


# A Korean page's furniture above a long English article (tests/data/sites, 46): two lines of a
# few characters cannot be the source of paragraphs of English, so they are not its twins.
KOREAN_FURNITURE = """Korean food – News Site | health

기사 메일전송

기사 공유하기

There are many different kinds of foods in South Korea, and most of them are made from rice, vegetables and fish.

Kimchi is the best known of them, and a meal without it is hard to find anywhere in the country.

Doctors say that the traditional diet helps people keep a healthy weight as they grow older.
"""


def test_short_source_lines_beside_long_english_are_furniture_not_twins(tmp_path: Path) -> None:
    (tmp_path / "ko.txt").write_text(KOREAN_FURNITURE, encoding="utf-8")
    result = run([tmp_path / "ko.txt"], load_config(overrides=["languagetool.enabled=false"]), quiet=True)
    got = {s.line: (s.verdict.value, s.reasons[:1]) for a in result.articles for s in a.sentences}
    assert got[3] == got[5] == ("boilerplate", ["untranslated"])
    assert [got[ln][0] for ln in (7, 9, 11)] == ["ok"] * 3


# A Chinese title line over interlinear English-then-Chinese paragraphs (tests/data/sites, 32):
# the pattern's side is read from the first line and would be wrong; the numbers say which
# English line each source line translates. A notice whose numbers the English lacks is no source.
NUMBERS = """Tea – Learn English | health

保健小贴士

Researchers studied 1,900 heart attack survivors for four years, and those who drank 14 cups a week did best.

研究者调查了1900名突发心脏病而幸存下来的人们,每周喝茶14杯的人最好。

According to 32,000 dieters the magazine talked with, 85 percent said exercise made the difference.

根据该杂志访谈的32,000名瘦身者,85%的人认为是锻炼令他们成功。

人工客服工作时间:9:00-18:30,如有问题请联系客服。

Green tea and black tea both help, and neither needs sugar or milk to do their good work.
"""


def test_a_source_line_points_at_the_english_line_that_shares_its_numbers(tmp_path: Path) -> None:
    got = _run(tmp_path, "num.txt", NUMBERS)
    assert got[7] == ("bilingual_dup", "5") and got[11] == ("bilingual_dup", "9")
    assert got[13] == ("boilerplate", "")


# A Japanese blog's widget labels between two English posts (tests/data/holdout2, 15): as many
# CJK characters as a translation would have, but no sentence punctuation, so no source of the post.
JAPANESE_WIDGETS = """Toilets – Jun's Blog | diary

TOTO is a big company in Japan which produces toilets, and it holds most of the market.

Now most houses and buildings in Japan have washlet toilets, and we cannot live without them.

When I travel abroad, I sometimes feel bad because the toilets there are not washlets.

にほんブログ村 英語ブログ 英語の日記(英語のみ)へ 士業ブログ 中小企業診断士へ

英語日記ランキング コンサルタントランキング Facebookでシェアする はてなブックマークに追加する

Yesterday I had a meeting with a client, who told me an interesting story about his dog.
"""


def test_cjk_labels_without_sentence_punctuation_are_furniture_not_a_source(tmp_path: Path) -> None:
    (tmp_path / "ja.txt").write_text(JAPANESE_WIDGETS, encoding="utf-8")
    result = run([tmp_path / "ja.txt"], load_config(overrides=["languagetool.enabled=false"]), quiet=True)
    got = {s.line: (s.verdict.value, s.reasons[:1]) for a in result.articles for s in a.sentences}
    assert [got[ln] for ln in (9, 11)] == [("boilerplate", ["untranslated"])] * 2
    assert [got[ln][0] for ln in (3, 5, 7, 13)] == ["ok"] * 4


# A translation exercise that sets each source sentence before its English on one line, with no
# stop between them where the script turns (tests/data/holdout2, 12): the parser keeps them as one
# sentence, so the sentence is cut where it turns between CJK and Latin script.
SOURCE_FIRST = """Hangzhou scenery – Learn English | travel

杭州位于浙江省北部,钱塘江北岸,大运河的南端,是中国古老的风景名城。 Hangzhou, an ancient renowned city for its picturesque scenery, is situated in the northern part of Zhejiang province.

蜿蜒曲折的钱塘江,穿过浙西的崇山峻岭到这里之后,江面开阔,景色壮丽 After winding through the lofty mountain ridges of western Zhejiang, the Qiantang River becomes wider with a majestic scenery.
"""


def test_a_source_sentence_and_its_english_in_one_sentence_are_cut_apart(tmp_path: Path) -> None:
    (tmp_path / "first.txt").write_text(SOURCE_FIRST, encoding="utf-8")
    result = run([tmp_path / "first.txt"], load_config(overrides=["languagetool.enabled=false"]), quiet=True)
    sents = [s for a in result.articles for s in a.sentences if s.line in (3, 5)]
    chinese = [s for s in sents if CJK.search(s.cleaned)]
    english = [s for s in sents if not CJK.search(s.cleaned)]
    assert {s.verdict.value for s in chinese} == {"bilingual_dup"} and {s.line for s in chinese} == {3, 5}
    assert [(s.line, s.verdict.value, s.cleaned[:8]) for s in english] == [(3, "ok", "Hangzhou"), (5, "ok", "After wi")]
    line3 = "".join(s.text for s in sents if s.line == 3)
    assert line3.replace(" ", "") == SOURCE_FIRST.splitlines()[2].replace(" ", "")  # nothing of the line lost


def test_short_runs_of_the_other_script_are_not_cut() -> None:
    assert _script_cuts("China 中国人") == []
    assert _script_cuts("Goji Berry(枸杞), also known as Wolfberry, is a fruit.") == []
    assert _script_cuts("Tea drinkers, take heart. 喜好喝茶的朋友们,振作起来吧。") == [26]
