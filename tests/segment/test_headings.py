"""Golden heading cases from the sample, with negatives that look like headings but are not."""

from __future__ import annotations

import pytest

from pipeline.config import SegmentConfig
from pipeline.model import Block, Document
from pipeline.segment.articles import split_articles
from pipeline.segment.headings import LevelTracker, heading_shape

HEADINGS = [
    ("Method 1: massage the back", "label"),
    ("Tip 5: change your habits", "label"),
    ("1. Massage yourself", "num"),
    ("2, little yanfei", "num"),
    ("1 small swallow", "num"),
    ("10 pigeon pose- the sign of a pigeon", "num"),
    ("One, wrist ache – turn wrist", "wordnum"),
    ("Support your knees with a pillow", "plain"),
    ("How to prevent lumbago daily?", "plain"),
    ("Solve back pain? Stand and sit", "plain"),
    ("【Taking medicine when healthy can easily harm the body】", "plain"),  # tests/data/sites, 03
]

NOT_HEADINGS = [
    "1. Don't sit, stand or bend for a long time. Every 20 to 30 minutes of sitting or standing should be 3 to 5 minutes.",
    "Uber said.",
    "Can't reach the pain spot? Ask a friend for a massage.",
    "In our daily life, we often hear the following dialogue:",
    "back surgery",  # lowercase keyword caption: boilerplate, not a heading
    "2,250ml of water a day",
    "5 to 10 for 1 group, each time do 1 to 2 groups.",
    "1. Chronic: adj. [ˋkrɑnɪk]慢性的",  # a glossary entry: English with CJK in it
    "【新唐人2011年9月27日訊】",
    "【Drink more water. Sleep early.】",
    "Please try it out, everyone. (^_^)",  # a face after the full stop (tests/data/holdout2, 14)
    "Let's work out healthy and happily. 🙂",
]


@pytest.mark.parametrize(("text", "style"), HEADINGS)
def test_headings(text: str, style: str) -> None:
    shape = heading_shape(text, "", 12)
    assert shape is not None and shape.style == style
    assert shape.label_end == len(text)


@pytest.mark.parametrize("text", NOT_HEADINGS)
def test_not_headings(text: str) -> None:
    assert heading_shape(text, "", 12) is None


def test_step_label_with_body_is_inline() -> None:
    text = "Step 1. Stand upright with the soles of your feet shoulder-width apart and your toes in line."
    shape = heading_shape(text, "", 12)
    assert shape is not None and shape.style == "inline"
    assert text[: shape.label_end] == "Step 1."


def test_colon_heading_needs_no_verb() -> None:
    assert heading_shape("Family exercise:", "", 12, has_verb=False) is not None
    assert heading_shape("Try these core strengthening exercises:", "", 12, has_verb=True) is None


def test_format_hint_wins() -> None:
    shape = heading_shape("Anything at all, even with a full stop.", "heading:3", 12)
    assert shape is not None and shape.style == "format:3"


def test_levels_nest_and_return() -> None:
    t = LevelTracker()
    assert t.level("label", False) == 2  # Method 1
    assert t.level("num", True) == 3  # 1. Massage yourself
    assert t.level("num", False) == 3  # 2. Use the foam shaft
    assert t.level("plain", False) == 3  # Support your knees (lost its number)
    assert t.level("label", False) == 2  # Method 3
    assert t.level("plain", True) == 3  # Wear comfortable clothes, right under Method 3
    assert t.level("num", False) == 3


def test_inline_steps_do_not_capture_plain_siblings() -> None:
    t = LevelTracker()
    assert t.level("wordnum", False) == 2  # One, wrist ache – turn wrist
    assert t.level("inline", True) == 3  # Step 1.
    assert t.level("inline", False) == 3
    assert t.level("plain", False) == 2  # Sore shoulders and neck – …
    assert t.level("inline", True) == 3


def _title(*lines: str) -> str:
    blocks = [Block(text=t, line=2 * k + 1) for k, t in enumerate(lines)]
    return split_articles(Document(source="page.txt", blocks=blocks), SegmentConfig())[0].title


def test_a_title_is_guessed_past_the_pages_logo_and_menu_labels() -> None:
    # tests/data/sites, 40 and 58: a logo's alt text and an icon's label doubled before the headline
    assert _title("TheJakartaPost", "Search IconSearch", "Can Salt Raise Your Blood Pressure?", "Salt is in almost everything we eat.") \
        == "Can Salt Raise Your Blood Pressure?"
    assert _title("Magazine", "Salt is in almost everything we eat.") == "page"  # a lone word: a site's name or a menu item
    # tests/data/holdout, 01: a language switcher and a vertical menu above the headline
    assert _title("Eng English", "China 中国人", "• News", "• World", "• Health", "Eat three bitter, avoid two sweet for a healthy liver",
                  "Bitter melon, bitter greens and bitter tea are good for the liver.") == "Eat three bitter, avoid two sweet for a healthy liver"


def test_a_title_is_guessed_past_a_masthead_which_stays_marked_as_furniture() -> None:
    # tests/data/holdout2, 02: a site's and a section's name over the headline and its date
    lines = ["news center", "Companies news", "Celebrating the March 8th Festival with Vibrant Activities", "2023-03-14 views 243",
             "The company arranged a visit to the Tianmu Lake Scenic Area for nearly 150 female employees."]
    art = split_articles(Document(source="page.txt", blocks=[Block(text=t, line=2 * k + 1) for k, t in enumerate(lines)]), SegmentConfig())[0]
    assert art.title == "Celebrating the March 8th Festival with Vibrant Activities"
    assert [b.hint for b in art.blocks] == ["masthead", "masthead", "", ""]


def test_two_sentences_are_neither_a_guessed_title_nor_a_heading() -> None:
    # tests/data/sites, 11: a first line of two sentences is the article's first paragraph
    line = "Spring liver management is the primary liver raising. You know six treasures?"
    assert _title(line, "The liver is the body's largest detoxification organ.") == "page"
    assert heading_shape(line, "", 12, has_verb=True) is None
    # tests/data/sites, 54: no verb in either part, so a title and its subtitle
    assert heading_shape("Buckwheat chemical composition and nutritional value. Literature review", "", 12, has_verb=False) is not None
