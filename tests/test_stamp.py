"""A re-run with nothing changed keeps the outputs and does no work (pipeline.stamp); any change
to an input, the config or an output runs the pipeline again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import pipeline.run
from bench.compare import outputs
from pipeline.gate import EXIT_GATE
from pipeline.stamp import REPORTS, report_files

from .conftest import SAMPLE, run_cli

pytestmark = pytest.mark.integration

SIGNALS = 'garble.signals=["oov_rate_v1","glued_tokens_v1","repairs_v1","length_v1","odd_parse_v1"]'


def _run(inp: Path, out: Path, *extra: str) -> tuple[int, str]:
    code, _, err = run_cli([inp], out, "--no-grammar", "--set", SIGNALS, "--set", f"cache.dir={out / 'cache'}", *extra)
    assert "Traceback" not in err, err
    return code, err


def _snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for d in ("cleaned", "reports") for p in sorted((out / d).iterdir())}


@pytest.fixture
def inp(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in sorted(p.name for p in SAMPLE.glob("*.txt"))[:2]:
        shutil.copy(SAMPLE / name, folder / name)
    return folder


@pytest.fixture
def no_pipeline(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts pipeline runs; a kept run makes none."""
    calls: list[int] = []
    real = pipeline.run.run

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline.run, "run", counted)
    return calls


def test_unchanged_rerun_keeps_the_outputs_and_the_gate(inp: Path, tmp_path: Path, no_pipeline: list[int]) -> None:
    out = tmp_path / "out"
    gate = ("--fail-on", "sentences>0")  # always fails: what is tested is that it is applied again, not the judge
    assert _run(inp, out, *gate)[0] == EXIT_GATE
    first = _snapshot(out)
    assert _run(inp, out, *gate)[0] == EXIT_GATE, "the gate is applied again: same exit status"
    assert no_pipeline == [1], "the second run did not run the pipeline"
    assert _snapshot(out) == first, "and left every output as it was"
    assert _run(inp, out)[0] == 0 and no_pipeline == [1, 1], "the gate rules are config: changing them runs again"


@pytest.mark.parametrize("change", ["input edited", "input added", "config changed", "output edited", "output removed"])
def test_any_change_runs_the_pipeline_again(change: str, inp: Path, tmp_path: Path, no_pipeline: list[int]) -> None:
    out = tmp_path / "out"
    assert _run(inp, out)[0] == 0
    first = outputs(out, ())
    extra: tuple[str, ...] = ()
    a = sorted(inp.iterdir())[0]
    if change == "input edited":
        a.write_text(a.read_text(encoding="utf-8") + "\nOne more line was added to the end of this article today.\n", encoding="utf-8")
    elif change == "input added":
        shutil.copy(a, inp / "copy.txt")
    elif change == "config changed":
        extra = ("--set", "garble.threshold=0.5")
    elif change == "output edited":
        (out / "reports" / "report.md").write_text("edited by hand\n", encoding="utf-8")
    else:
        next((out / "cleaned").glob("*.md")).unlink()
    assert _run(inp, out, *extra)[0] == 0
    assert no_pipeline == [1, 1]
    if change.startswith("output"):
        assert outputs(out, ()) == first, "the run wrote the outputs again, as they were (but for its timings)"


def test_without_the_cache_every_run_is_a_full_run(inp: Path, tmp_path: Path, no_pipeline: list[int]) -> None:
    out = tmp_path / "out"
    for _ in range(2):
        assert _run(inp, out, "--no-cache")[0] == 0
    assert no_pipeline == [1, 1] and not (out / "cache").exists()


def test_the_stamp_covers_every_report_file(inp: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _run(inp, out, "--set", "output.parquet=true", "--set", "output.junit=true")[0] == 0
    written = sorted((out / "reports").iterdir())
    assert written == sorted(report_files(out / "reports")) and len(written) == len(REPORTS)
