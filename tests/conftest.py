"""Shared fixtures: one real run of the pipeline on the sample scrape per test session."""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "raw"


@dataclass
class RunOutput:
    cleaned: Path
    reports: Path
    sentences: pd.DataFrame
    lines: pd.DataFrame
    summary: dict


def run_cli(inputs: list[Path], out: Path, *extra: str) -> tuple[int, str, str]:
    from typer.testing import CliRunner

    from pipeline.cli import app

    res = CliRunner().invoke(app, ["run", *map(str, inputs), "--cleaned", str(out / "cleaned"), "--reports", str(out / "reports"), "--quiet", *extra])
    return res.exit_code, res.stdout, res.stderr


def near_dup_corpus(folder: Path) -> Path:
    """Two sample articles, then a copy of each with a word changed in every other sentence."""
    folder.mkdir()
    text = next(SAMPLE.glob("*.txt")).read_text(encoding="utf-8").splitlines()
    starts = [i for i, ln in enumerate(text) if " | " in ln][:3]
    first = text[starts[0] : starts[2]]
    rng = random.Random(7)
    copy = []
    for k, line in enumerate(first):
        words = line.split(" ")
        if k % 2 and len(words) > 15:
            words[rng.randrange(len(words))] = "indeed"
        copy.append(" ".join(words))
    (folder / "a.txt").write_text("\n".join(first) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text("\n".join(copy) + "\n", encoding="utf-8")
    return folder


def load_output(out: Path) -> RunOutput:
    import json

    rep = out / "reports"
    return RunOutput(
        cleaned=out / "cleaned",
        reports=rep,
        sentences=pd.read_csv(rep / "sentences.csv", keep_default_na=False),
        lines=pd.read_csv(rep / "lines.csv", keep_default_na=False),
        summary=json.loads((rep / "summary.json").read_text()),
    )


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> RunOutput:
    """The README's main job on raw/, with the real spaCy model and LanguageTool."""
    out = tmp_path_factory.mktemp("sample")
    code, _, err = run_cli([SAMPLE], out, *os.environ.get("PIPELINE_TEST_ARGS", "").split())
    assert code == 0, err
    return load_output(out)


#: The cheap signals (no LanguageTool, no language model): runs of the sample in seconds.
CHEAP_SIGNALS = ('garble.signals=["oov_rate_v1","glued_tokens_v1","leading_punct_v1","repairs_v1","cjk_residue_v1","repeated_words_v1",'
                 '"no_verb_v1","lowercase_start_v1","unbalanced_v1","length_v1","unfinished_v1","odd_parse_v1","translationese_v1"]')


def cheap_args(cache: Path) -> list[str]:
    return ["--no-grammar", "--set", CHEAP_SIGNALS, "--set", f"cache.dir={cache}"]


@pytest.fixture(scope="session")
def cheap_run(tmp_path_factory: pytest.TempPathFactory) -> RunOutput:
    """The sample with the cheap signals only, and a cache of its own (later runs beside it reuse it)."""
    out = tmp_path_factory.mktemp("cheap")
    code, _, err = run_cli([SAMPLE], out, *cheap_args(out / "cache"))
    assert code == 0, err
    return load_output(out)
