"""The dev-set report's figures, from labels alone (no run)."""

from __future__ import annotations

from pipeline.evaluate import format_report, ok_removed, score_labels


def test_ok_rows_removed_and_flagged_are_counted_apart() -> None:
    gold = ["ok"] * 8 + ["garbled", "boilerplate"]
    pred = ["ok"] * 4 + ["garbled", "boilerplate", "heading", "bilingual_dup", "garbled", "boilerplate"]
    r = score_labels(gold, pred)
    assert ok_removed(r) == 3  # boilerplate, heading, bilingual_dup: gone from the text; a flag keeps it in
    assert "labelled ok: 3/8 removed (37.5%; as boilerplate, dup, twin or heading), 1/8 flagged garbled (12.5%)" in format_report(r)
    assert r.per_label["boilerplate"]["f1"] == 2 * 1.0 * 0.5 / 1.5
