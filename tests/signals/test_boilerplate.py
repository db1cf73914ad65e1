"""Boilerplate by shape and repetition, with negatives drawn from real article text."""

from __future__ import annotations

import pytest

from pipeline.config import BoilerplateConfig
from pipeline.signals.boilerplate import RepetitionStats, shape_reason

SHAPES = [
    ("September 1, 2019", "date_line"),
    ("2019-08-30", "date_line"),
    ("Source: douban", "source_line"),
    ('"The best of us" stills source: douban', "source_line"),
    ("This article was compiled by the daily mail and reference news", "source_line"),
    ("(this article from the network, if there is infringement, please contact delete)", "disclaimer"),
    ("Good article? Give your life a thumbs up", "share_prompt"),
    ("WeChat service public number: yoga chain", "promo"),
    ("Follow us on Facebook for more tips", "share_prompt"),
    # other sites' furniture (tests/data/sites)
    ("Dionisvera/Shutterstock", "field_line"),
    ("Experts recommend soaking, cooking thoroughly, or drying bamboo shoots - Photo: D.N.", "field_line"),
    ("[Anchor Lead]", "field_line"),
    ("• *", "field_line"),
    ("Your browser is out of date, and may not be compatible with our website.", "field_line"),
    ("The opinions expressed here are personal and do not necessarily match VnExpress's viewpoints.", "disclaimer"),
    ("We do not endorse non-Cleveland Clinic products or services.", "disclaimer"),
    ("2024 2023 2022 2021 2020 2019 2018 2017", "nav_line"),
    ("▲ Korean traditional food, Kimchi", "caption_like"),
    ("1. Chronic: adj. [ˋkrɑnɪk]慢性的", "field_line"),
    ("3. on the rise: ph.增加", "field_line"),
    ("Produced | Odaily (ID: o-daily)", "source_line"),
    ("Special thanks to 6Block Pomegranate Mining Pool for providing professional guidance for this article", "source_line"),
    ("Your browser is out of date, and may not be compatible with our website. A list of the most popular web browsers can be found below.", "field_line"),
    ("Search IconSearch", "nav_line"),
    ("Jakarta, CNN Indonesia —", "nav_line"),
    ("Busy Commute Time, Should You Always Eat Breakfast? Breakfast image. [Image source=Clipart Korea]", "field_line"),
    ("Sebastian Partogi (The Jakarta Post)", "nav_line"),
    ("Anna Lee (Staff Writer)", "nav_line"),
    ("Follow me and I will share some interesting stories and experiences on a regular basis to exchange educational experiences together.", "share_prompt"),
    ("Ginseng has been used for centuries to restore energy.Read More »", "share_prompt"),
    ("Advertising Advertising Free Newsletter Free E-Newsletter", "nav_line"),
    ("TheJakartaPost", "nav_line"),
    ("/Photo = Getty Images Bank", "source_line"),  # tests/data/holdout2, 16
    ("Kindly translated by: Kazumi (Thanks a lot!)", "source_line"),  # tests/data/holdout2, 14
    # tests/data/holdout3 (after its blind measurement): what every template has
    ("https://cdn.coolban.com/ehow/timg/220821/213Q363A-0.jpg", "field_line"),
    ("Contact us", "field_line"),
    ("Get In Touch", "field_line"),
    ("Learn more >>", "field_line"),
    ("Acne image", "field_line"),
    ("Longevity logo", "field_line"),
    ("Drinking a cup of warm water after waking up in the morning will help the body detoxify and improve skin texture; "
     "the picture is a situational photo. (The picture is taken from freepik)", "field_line"),
    # tests/data/holdout4 (after its blind measurement): a blog platform's widget, a camera's file name, fields
    ("Leave a Reply", "field_line"),
    ("4 thoughts on “Tempe Mountain, Indonesia", "field_line"),
    ("1. Pingback: Tempe | Archipelago Empire", "field_line"),
    ("You are commenting using your WordPress.com account.", "field_line"),
    ("Log Out / Change )", "field_line"),
    ("Advertisements", "field_line"),
    ("WordPress.com Logo", "field_line"),
    ("100_4499", "field_line"),
    ("IMG_2031", "field_line"),
    ("thumbnail", "field_line"),
    ("Edit:WENWEN Responsible editor:LINXUAN", "field_line"),
    ("date 2019-12-19 BENEFITS OF CONSUMING KOREAN FOOD News Today 입력 2019.12.19 (15:13) 수정 2019.12.19 (16:45)", "date_line"),
]

# Menus flattened to one line: the raw line's runs of spaces set the items apart (repair collapses them).
MENUS = [("Home  Contact Us", "nav_line"), ("• Male   Female", "nav_line"), ("Drink water  every day", None),
         ("Drink water  Every day.", None), ("Step 1.  Stand upright", None)]


@pytest.mark.parametrize(("raw", "reason"), MENUS)
def test_menus_are_seen_in_the_raw_line(raw: str, reason: str | None) -> None:
    assert shape_reason(" ".join(raw.split()), raw) == reason

CONTENT = [
    "A study published in the lancet, a medical journal, analyzed epidemiological data from 188 countries from 1990 to 2013.",
    "In one 2018 paper, slump – sitting postures were seen to help the amount of fluid in between spinal discs.",
    "Share your thoughts with your doctor before you start.",
    "Apply ginger puree to the sore area, followed by eucalyptus or st. John's wort oil to help ease the pain.",
    "The source of the pain is often the lower back.",
    "[1] Smith J. Salt and blood pressure. Lancet. 2019;393:1021.",
    "The results do not necessarily mean that salt is safe for everyone.",
    "Researchers at the University of Leeds/UK Biobank analysed 500,000 records.",
    "👨‍👩‍👧‍👦🏳️‍🌈🇫🇷",
    "Produced in China, these goods sell well abroad.",
    "In 2019 2020 and 2021 the rate rose.",
    "Chronic: it means lasting a long time.",
    "Eat Well, Sleep Well",
    "Ginger, garlic and honey - three foods every kitchen should have.",
    "Traditional Chinese Medicine (TCM)",
    "Goji Berry (Wolfberry)",
    "Patients who follow up with their doctor every year and read more about their condition do better.",
    "Step By Step",
    "YouTube",
    "Between 2019-12-01 and 2020-03-01, 1,200 patients were seen on 2020-01-15 alone.",
    "Contact your doctor if the pain lasts more than a week.",
    "More than half of the patients improved.",
    "Visit www.who.int for the full guidelines.",
    "How to improve your body image",
    "The photo was taken by a patient's daughter (see below).",
    "Next, soak your feet in warm water.",
    "Leave a little room at the top of the jar.",
    "2020",
    "1,500 mg",
    "Image quality matters less than you think.",
    "Four thoughts on healthy eating that every parent should know.",
]


@pytest.mark.parametrize(("text", "reason"), SHAPES)
def test_shapes(text: str, reason: str) -> None:
    assert shape_reason(text) == reason


@pytest.mark.parametrize("text", CONTENT)
def test_content_is_not_boilerplate(text: str) -> None:
    assert shape_reason(text) is None


def test_repeated_short_lines() -> None:
    stats = RepetitionStats(BoilerplateConfig())
    for art in ("a", "a", "b"):
        stats.add(art, "back surgery")
    stats.add("a", "Method 1: massage the back")
    stats.add("a", "sciatica pain treatment")
    stats.add("b", "sciatica pain treatment")
    assert stats.repeated("back surgery") == "repeated_line"
    assert stats.repeated("Back surgery.") == "repeated_line"  # case and punctuation ignored
    assert stats.repeated("sciatica pain treatment") == "caption_like"
    assert stats.repeated("Method 1: massage the back") is None


def test_counts_merged_from_parts_answer_like_whole_counts() -> None:
    """A cluster counts each partition of articles apart, merges, and sends workers only the frequent lines."""
    lines = [("a", "back surgery"), ("a", "Method 1: massage the back"), ("b", "back surgery"), ("b", "sciatica pain treatment"),
             ("c", "sciatica pain treatment"), ("c", "back surgery"), ("c", "Relax."), ("c", "Relax.")]
    whole = RepetitionStats(BoilerplateConfig())
    parts = {art: RepetitionStats(BoilerplateConfig()) for art in "abc"}
    for art, text in lines:
        whole.add(art, text)
        parts[art].add(art, text)
    merged = RepetitionStats(BoilerplateConfig())
    for part in parts.values():
        merged.merge(part)
    frequent = merged.frequent()
    assert "method 1 massage the back" not in frequent.count  # seen once: no answer depends on it
    for _, text in lines:
        assert frequent.repeated(text) == whole.repeated(text)
    assert [frequent.repeated(t) for t in ("back surgery", "sciatica pain treatment")] == ["repeated_line", "caption_like"]


def test_long_lines_never_count_as_repeated() -> None:
    stats = RepetitionStats(BoilerplateConfig(max_words=5))
    line = "Sit or stand up straight and squeeze your shoulder blades."
    for _ in range(5):
        stats.add("a", line)
    assert stats.repeated(line) is None
