"""Furniture known from its place on the page: vertical menus (tests/data/holdout, 01 and 04)."""

from __future__ import annotations

from pipeline.segment.furniture import menu_lines

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
