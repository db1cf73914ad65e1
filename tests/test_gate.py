"""The CI gate: rules, baseline comparison, exit codes and the JUnit file."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.errors import ConfigError
from pipeline.gate import check_rules, compare, metrics, validate_rule

SUMMARY = {"sentences": 100, "garbled_rate": 0.08, "mean_garble": 0.2, "verdicts": {"ok": 80, "garbled": 7, "bilingual_dup": 2},
           "reasons": {"glued_words": 3}, "skipped": [], "config": {"x": 1}, "timing_s": {"read": 1.0}}


def test_metrics_flatten_and_add_rates() -> None:
    m = metrics(SUMMARY)
    assert m["garbled_rate"] == 0.08 and m["bilingual_dup"] == 2 and m["bilingual_dup_rate"] == 0.02
    assert m["reasons.glued_words"] == 3 and "config.x" not in m and "timing_s.read" not in m


@pytest.mark.parametrize(("rule", "failed"), [("garbled_rate>0.05", True), ("garbled_rate>0.1", False), ("bilingual_dup>0", True),
                                              ("dup>0", False), ("reasons.glued_words>=3", True), ("reasons.never_seen>0", False)])
def test_rules(rule: str, failed: bool) -> None:
    assert check_rules([rule], SUMMARY)[0].failed is failed


@pytest.mark.parametrize("rule", ["garbled_rate >> 1", "garbled-rate>1", "nosuch>1", "garbled_rate>"])
def test_bad_rules_are_config_errors(rule: str) -> None:
    with pytest.raises(ConfigError):
        validate_rule(rule)


def test_baseline_regression_beyond_tolerance() -> None:
    worse = {**SUMMARY, "garbled_rate": 0.1}
    rows = {name: bad for name, _, _, bad in compare(SUMMARY, worse, 0.01)}
    assert rows["garbled_rate"] is True and rows["mean_garble"] is False
    assert not any(bad for *_, bad in compare(SUMMARY, {**SUMMARY, "garbled_rate": 0.085}, 0.01))


@pytest.mark.integration
def test_cli_gate_exit_codes_and_junit(tmp_path: Path) -> None:
    inp = tmp_path / "a.txt"
    inp.write_text("Neck care – Site | health\n\nKeep your back straight when you lift a heavy box from the floor.\n"
                   "Keep you back straight when lifting heavy box from floor, it make the spine a protect.\n", encoding="utf-8")
    runner = CliRunner()
    base = ["run", str(inp), "--cleaned", str(tmp_path / "c"), "--reports", str(tmp_path / "r"), "--no-grammar", "--quiet"]

    bad = runner.invoke(app, [*base, "--fail-on", "nosuch_metric>0"])
    assert bad.exit_code == 1 and "unknown metric" in bad.stderr and not (tmp_path / "r").exists()

    ok = runner.invoke(app, [*base, "--fail-on", "garbled_rate>0.99"])
    assert ok.exit_code == 0, ok.stderr
    junit = ET.parse(tmp_path / "r" / "quality.junit.xml").getroot()
    assert junit.tag == "testsuites" and junit.find("testsuite[@name='gate']/testcase").get("name") == "garbled_rate>0.99"

    fail = runner.invoke(app, [*base, "--fail-on", "sentences>0"])
    assert fail.exit_code == 3 and "Gate failed: sentences>0" in fail.stderr
    assert json.loads((tmp_path / "r" / "summary.json").read_text())["gate"]["failed"] is True

    old = tmp_path / "old.json"
    summ = json.loads((tmp_path / "r" / "summary.json").read_text())
    old.write_text(json.dumps({**summ, "garbled_rate": summ["garbled_rate"] - 0.5, "mean_garble": summ["mean_garble"] - 0.5}))
    reg = runner.invoke(app, [*base, "--baseline", str(old)])
    assert reg.exit_code == 3 and "REGRESSED" in reg.stderr and "mean_garble" in reg.stderr
    missing = runner.invoke(app, [*base, "--baseline", str(tmp_path / "nope.json")])
    assert missing.exit_code == 1 and "does not exist" in missing.stderr
