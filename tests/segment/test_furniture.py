"""Furniture known from its place on the page: vertical menus (tests/data/holdout, 01 and 04),
mastheads (tests/data/holdout2, 01 and 02) and trailers."""

from __future__ import annotations

from types import SimpleNamespace

from pipeline.segment.furniture import _mark_trailer, masthead_lines, menu_lines

BODY = "Bitter melon, bitter greens and bitter tea are good for the liver, doctors in Hanoi say."


def test_a_menu_above_the_first_body_line_is_furniture() -> None:
    lines = ["Eng English", "China 中国人", "  • News", "  • World", "  • Trở lại Thể thao", "Sunday, 23/11/2025 | 06:02 GMT+7", BODY]
    assert menu_lines(lines) == {0, 1, 2, 3, 4}


def test_a_widgets_labels_below_the_last_body_line_are_furniture() -> None:
    assert menu_lines([BODY, "Text Size", "Close", "Share", "Print"]) == {1, 2, 3, 4}


def test_a_list_of_short_items_inside_the_text_is_the_texts() -> None:
    lines = [BODY, "• Bitter melon", "• Ginger", "• Garlic", BODY]
    assert menu_lines(lines) == set()


def test_a_title_and_headings_or_numbered_steps_are_no_menu() -> None:
    assert menu_lines(["Autumn food notes", "Eating persimmons", "吃柿子", BODY]) == set()
    assert menu_lines(["1 Stretch", "2 Twist", "3 Relax", BODY]) == set()


def test_a_site_and_a_section_name_above_the_headline_and_its_date_are_a_masthead() -> None:
    lines = ["news center", "Companies news", 'Celebrating the "March 8th" Festival with Vibrant Activities', "2023-03-14 views 243", BODY]
    assert masthead_lines(lines, known={3}) == {0, 1}


def test_without_a_date_or_byline_under_it_a_long_first_line_is_no_headline() -> None:
    lines = ["Chinese medicine notes", "One of the fundamental principles of Chinese medicine", "is the concept of Yin and Yang.", BODY]
    assert masthead_lines(lines) == set()
    assert masthead_lines(["Sleep well", BODY]) == set()


def test_the_first_headline_counts_and_known_furniture_is_neither_body_nor_headline() -> None:
    # A breadcrumb is the first headline; the title and its subtitle come after it.
    lines = ["Magazine", "ART & LEISURE - Chinese Traditional Healthcare", "Share to", "Chinese Traditional Healthcare",
             "The Health Preservation Theory", "By Rose Salas", BODY]
    assert masthead_lines(lines, known={2, 5}) == {0}
    lines = ["TheJakartaPost", "Your browser is out of date, and may not be compatible with our website.", "Jakarta Post",
             "Never mind its shocking taste, drinking jamu is good for you", "Sebastian Partogi (The Jakarta Post)", BODY]
    assert masthead_lines(lines, known={0, 4}) == set()  # the browser notice reads as body: nothing is above it
    assert masthead_lines(lines, known={0, 1, 4}) == {0, 2}


def test_a_lead_in_colon_is_no_headline() -> None:
    assert masthead_lines(["How to Order", "Our company provides an order production, process is as follows:", "Share", BODY],
                          known={2}) == set()


def _trailer(lines: list[tuple[str, str | None]]) -> list[str | None]:
    ws = [SimpleNamespace(rep=SimpleNamespace(text=t), boilerplate=why) for t, why in lines]
    _mark_trailer(ws, tail=12)  # type: ignore[arg-type]
    return [w.boilerplate for w in ws]


def test_what_follows_a_share_prompt_near_the_end_is_a_trailer() -> None:
    got = _trailer([(BODY, None), ("Share this article", "share_prompt"), ("Ten foods for a healthy liver", None),
                    ("Why green tea helps you sleep", None)])
    assert got == [None, "share_prompt", "trailer", "trailer"]


def test_a_blogs_next_post_after_its_date_is_no_trailer() -> None:
    # tests/data/holdout2, 15: a post's date, then the post set a sentence to a line
    post = ["Hi there, Jun Tomioka here!", "Yesterday, I had a meeting with my client.",
            "He told me he was infected with corona virus the other day.", "He had no fever, no cough but he had to stay home."]
    got = _trailer([(BODY, None), ("2021-06-18 06:28:46 | 日記", "date_line"), *((t, None) for t in post)])
    assert got == [None, "date_line", None, None, None, None]
