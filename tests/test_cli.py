"""The CLI contract: help with examples, exit codes, one-line errors (sqlite-utils style)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import __version__
from pipeline.cli import app

runner = CliRunner()
COMMANDS = ["run", "score", "eval", "config"]


@pytest.mark.parametrize("cmd", COMMANDS)
def test_every_command_has_help_with_an_example(cmd: str) -> None:
    res = runner.invoke(app, [cmd, "--help"])
    assert res.exit_code == 0
    assert "Example:" in res.stdout


def test_version() -> None:
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.strip() == f"pipeline {__version__}"


def _one_error_line(res) -> str:  # type: ignore[no-untyped-def]
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in res.output
    return lines[0]


def test_missing_input(tmp_path: Path) -> None:
    res = runner.invoke(app, ["run", str(tmp_path / "nope"), "--reports", str(tmp_path / "r"), "--cleaned", str(tmp_path / "c")])
    assert res.exit_code == 1
    assert "does not exist" in _one_error_line(res)
    assert not (tmp_path / "r").exists(), "nothing half-written on error"


def test_unreadable_input(tmp_path: Path) -> None:
    bad = tmp_path / "image.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    res = runner.invoke(app, ["run", str(bad), "--reports", str(tmp_path / "r"), "--cleaned", str(tmp_path / "c")])
    assert res.exit_code == 1
    assert "image.txt" in _one_error_line(res)


@pytest.mark.parametrize(
    ("toml", "needle"),
    [("[garble]\nthreshhold = 0.3\n", "unknown config key 'garble.threshhold'"),
     ("[output]\ngarbled = 'burn'\n", "output.garbled"),
     ("not toml [", "not valid TOML"),
     ("[garble]\nthreshold = 'high'\n", "garble.threshold must be float"),
     ("[model]\njobs = -1\n", "model.jobs must be at least 0, got -1"),
     ("[executor]\nslice_blocks = 0\n", "executor.slice_blocks must be at least 1, got 0")],
)
def test_bad_config(tmp_path: Path, toml: str, needle: str) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text(toml)
    res = runner.invoke(app, ["run", "--config", str(cfg), "--reports", str(tmp_path / "r")])
    assert res.exit_code == 1
    assert needle in _one_error_line(res)


def test_bad_override(tmp_path: Path) -> None:
    res = runner.invoke(app, ["run", "--set", "nosuch.key=1", "--reports", str(tmp_path / "r")])
    assert res.exit_code == 1
    assert "unknown config key 'nosuch'" in _one_error_line(res)


def test_usage_error_is_exit_2() -> None:
    res = runner.invoke(app, ["run", "--no-such-flag"])
    assert res.exit_code == 2


@pytest.mark.integration
def test_bad_file_is_skipped_and_batch_goes_on(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "good.txt").write_text("A short title\n\nThe first sentence is fine. The second one too.\n")
    (inp / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    res = runner.invoke(app, ["run", str(inp), "--reports", str(tmp_path / "r"), "--cleaned", str(tmp_path / "c"), "--no-grammar"])
    assert res.exit_code == 0, res.output
    assert "Warning: skipped bad.txt" in res.stderr
    summary = json.loads((tmp_path / "r" / "summary.json").read_text())
    assert summary["skipped"][0]["source"] == "bad.txt"
    assert len(list((tmp_path / "c").glob("*.md"))) == 1


@pytest.mark.integration
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_score_command(tmp_path: Path, fmt: str) -> None:
    src = tmp_path / "segs.txt"
    src.write_text("Health officials warn that slumping is aSure – the fireRoute to pain.\n\nThe weather is nice today.\n")
    res = runner.invoke(app, ["score", str(src), "--format", fmt, "--set", "languagetool.enabled=false"])
    assert res.exit_code == 0, res.output
    if fmt == "jsonl":
        rows = [json.loads(x) for x in res.stdout.splitlines()]
        assert [r["line"] for r in rows] == [1, 3]
        assert set(rows[0]) == {"line", "garble_score", "verdict", "reasons"}
        assert rows[0]["garble_score"] > rows[1]["garble_score"]
        assert rows[0]["reasons"], "the garbled line says why"
    else:
        assert res.stdout.splitlines()[0] == "line,garble_score,verdict,reasons"


def test_score_bad_format() -> None:
    res = runner.invoke(app, ["score", "-", "--format", "xml"], input="hello\n")
    assert res.exit_code == 1
    assert "--format must be csv or jsonl" in _one_error_line(res)


def test_printed_config_loads_back(tmp_path: Path) -> None:
    res = runner.invoke(app, ["config"])
    assert res.exit_code == 0
    (tmp_path / "p.toml").write_text(res.stdout)
    from pipeline.config import Config, load_config

    assert load_config(tmp_path / "p.toml") == Config()


# -- issue 21: --reviews and the record formats' column flags -------------------------------------

NEW_OPTIONS = {"run": ["--reviews", "--text-column", "--title-column", "--id-column"], "eval": ["--reviews"]}


@pytest.mark.parametrize("cmd", sorted(NEW_OPTIONS))
def test_new_options_have_help_with_an_example(cmd: str) -> None:
    res = runner.invoke(app, [cmd, "--help"], terminal_width=200)
    assert res.exit_code == 0
    text = " ".join(res.stdout.split())
    for opt in NEW_OPTIONS[cmd]:
        assert f"Example: {opt} " in text, f"{cmd} {opt} has no example in --help"
    assert "Example (reviews): pipeline" in text


def _reviews(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "reviews.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(("lines", "message"), [
    (None, "Error: reviews file {path} does not exist"),
    (['{"key": "0123456789abcdef", "new_verdict": "ok"}', "{oops"],
     "Error: reviews file {path} line 2: not valid JSON (Expecting property name enclosed in double quotes at column 2): "
     "each line must be one JSON object, as report.html exports them"),
    (['{"key": "0123456789abcdef", "new_verdict": "fine"}'],
     'Error: reviews file {path} line 1: unknown new_verdict "fine" (allowed: ok, garbled, boilerplate, bilingual_dup, dup, heading): '
     "fix or delete the line"),
])
@pytest.mark.parametrize("cmd", ["run", "eval"])
def test_a_bad_reviews_file_fails_before_any_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cmd: str, lines: list[str] | None,
                                                   message: str) -> None:
    import pipeline.evaluate
    import pipeline.run

    for module in (pipeline.run, pipeline.evaluate):  # evaluate holds its own name for it
        monkeypatch.setattr(module, "run", lambda *a, **k: pytest.fail("the pipeline ran"))
    path = _reviews(tmp_path, *lines) if lines is not None else tmp_path / "missing.jsonl"
    args = (["run", str(tmp_path), "--reports", str(tmp_path / "r"), "--cleaned", str(tmp_path / "c")] if cmd == "run"
            else ["eval", str(tmp_path), "--set", "languagetool.enabled=false"])
    res = runner.invoke(app, [*args, "--reviews", str(path)])
    assert res.exit_code == 1
    assert _one_error_line(res) == message.format(path=path)
    assert not (tmp_path / "r").exists() and not (tmp_path / "c").exists(), "nothing written"


@pytest.mark.parametrize(("args", "needle"), [
    (["--set", 'read.formats=["txt", "csv"]'], "read.formats: unknown format 'csv' (known: txt, md, jsonl, html, jsonl.gz, jsonl.zst, parquet)"),
    (["--set", "read.batch_rows=0"], "read.batch_rows must be at least 1, got 0"),
    (["--text-column", " "], "read.text_column must name a column, got an empty string"),
])
def test_bad_read_settings(tmp_path: Path, args: list[str], needle: str) -> None:
    res = runner.invoke(app, ["run", str(tmp_path), "--reports", str(tmp_path / "r"), *args])
    assert res.exit_code == 1
    assert needle in _one_error_line(res)


@pytest.mark.integration
def test_eval_measures_the_machine_against_reviews(cheap_run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from .conftest import CHEAP_SIGNALS, SAMPLE

    df = cheap_run.sentences
    ok = df[(df.kind == "sentence") & (df.verdict == "ok")].review_key
    garbled = df[df.verdict == "garbled"].review_key
    path = _reviews(tmp_path, *(json.dumps({"key": k, "new_verdict": "ok"}) for k in [*ok[:3], garbled.iloc[0]]),
                    json.dumps({"key": "0123456789abcdef", "new_verdict": "garbled"}))
    res = runner.invoke(app, ["eval", str(SAMPLE), "--reviews", str(path), "--set", "languagetool.enabled=false", "--set", CHEAP_SIGNALS,
                              "--set", f"cache.dir={cheap_run.cleaned.parent / 'cache'}"])
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "Against the reviews" in out and "5 reviews, accuracy 0.600, unmatched 1" in out
    ok_row = next(ln for ln in out.splitlines() if ln.startswith("ok "))
    assert ok_row.split()[1:] == ["1.000", "0.750", "0.857", "4"], ok_row  # precision, recall, f1, support
    assert "labelled rows" not in out, "with --reviews alone the dev set is not evaluated"
