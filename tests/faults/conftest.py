"""The fault suite's shared machinery: a good scrape to run beside bad input, the ledger check
(every non-blank raw line has a fate in lines.csv), the CLI run in-process, and a tally of what
was tried, printed at the end of the session (issue 7 asks for those numbers)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ..conftest import RunOutput, load_output, run_cli

#: The fates lines.csv may give a raw line (README, "Report contract").
FATES = {"kept", "flagged", "partial", "dropped", "heading", "title", "consumed", "skipped"}

GOOD_NAME = "good.txt"
GOOD_BODY = [
    "Step 1.Stand with your feet shoulder-width apart and keep your back straight.",
    ",You can also sit on a chair if standing is hard for you.",
    "back surgery",
    "Hold the position for ten seconds, then relax your shoulders.",
    "back surgery",
    "Turn your head slowly to the left and hold it there for a moment.",
    "back surgery",
]
GOOD_TEXT = "Neck stretches – Health Site | health/neck\n\n" + "\n".join(GOOD_BODY) + "\n"


def good_text(title: str = "Neck stretches") -> str:
    return GOOD_TEXT.replace("Neck stretches", title, 1)


# -- the tally --------------------------------------------------------------------------------


@dataclass
class Tally:
    kinds: set[str] = field(default_factory=set)  # bad-input kinds that went through a run
    faults: Counter[str] = field(default_factory=Counter)  # fault name -> times injected
    lines_checked: int = 0
    lines_lost: int = 0

    def fault(self, name: str, n: int = 1) -> None:
        self.faults[name] += n


TALLY = Tally()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not (TALLY.kinds or TALLY.faults or TALLY.lines_checked):
        return
    terminalreporter.write_line(
        f"fault suite: {len(TALLY.kinds)} bad-input kinds, {sum(TALLY.faults.values())} faults injected "
        f"({len(TALLY.faults)} kinds of fault), {TALLY.lines_checked} raw lines checked, {TALLY.lines_lost} lost"
    )


# -- the ledger -------------------------------------------------------------------------------

_EOL = re.compile(r"\r\n|\r|\n")


def raw_lines(data: bytes, encoding: str) -> set[int]:
    """Numbers of the non-blank raw lines, counted independently of the pipeline's reader:
    CRLF, CR and LF each end a line; NUL bytes carry no text."""
    text = data.decode(encoding).replace("\x00", "")
    return {n for n, line in enumerate(_EOL.split(text), start=1) if line.strip()}


def check_ledger(out: RunOutput, read: dict[str, set[int]], skipped: dict[str, str] | None = None) -> None:
    """Every non-blank raw line of every read file has exactly one row with a known fate; a skipped
    file has one `skipped` row (line 0) whose reason holds the expected words, and its name is in
    summary.json `skipped` with the same reason."""
    lines = out.lines
    assert set(lines.fate) <= FATES, set(lines.fate) - FATES
    assert not lines.duplicated(["source", "line"]).any(), lines[lines.duplicated(["source", "line"], keep=False)]
    for source, want in read.items():
        got = set(lines[lines.source == source]["line"])
        lost = want - got
        TALLY.lines_checked += len(want)
        TALLY.lines_lost += len(lost)
        assert not lost, f"{source}: raw lines with no fate: {sorted(lost)[:20]}"
        assert got <= want, f"{source}: fates for lines that are blank or do not exist: {sorted(got - want)[:20]}"
    summary = {s["source"]: s["reason"] for s in out.summary["skipped"]}
    for source, needle in (skipped or {}).items():
        rows = lines[lines.source == source]
        assert list(zip(rows.line, rows.fate)) == [(0, "skipped")], rows
        reason = rows.reason.iloc[0]
        assert needle.lower() in reason.lower(), (source, reason)
        assert summary.get(source) == reason, (source, summary)
    unexpected = set(summary) - set(skipped or {})
    assert not unexpected, {s: summary[s] for s in unexpected}


# -- running ----------------------------------------------------------------------------------


def run_ok(inputs: list[Path], out: Path, *extra: str) -> tuple[RunOutput, str]:
    """The CLI in-process without LanguageTool, with a cache of its own next to `out` (not the
    repository's); the run must succeed. Returns the outputs and stderr."""
    code, _, err = run_cli(inputs, out, "--no-grammar", "--set", f"cache.dir={out.parent / (out.name + '-cache')}", *extra)
    assert code == 0, err
    assert "Traceback" not in err, err
    return load_output(out), err


def invoke(*args: str):  # type: ignore[no-untyped-def]
    """CliRunner result for any command; an exception that escaped the CLI (a traceback for a
    user) fails the test, whatever the exit code."""
    from typer.testing import CliRunner

    from pipeline.cli import app

    res = CliRunner().invoke(app, list(args))
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        raise AssertionError(f"the CLI raised {type(res.exception).__name__}: {res.exception}") from res.exception
    assert "Traceback" not in res.output
    return res


def front_matter(path: Path) -> dict[str, str]:
    """A cleaned file's front matter as key -> raw value; fails unless the file is whole."""
    import json

    from pipeline.write.markdown import GENERATOR

    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), path
    head, sep, body = text[4:].partition("\n---\n")
    assert sep, f"{path.name}: front matter never closed"
    fm = dict(line.split(": ", 1) for line in head.split("\n"))
    assert fm.get("generator") == GENERATOR, path.name
    json.loads(fm["title"]), json.loads(fm["source"])
    assert body.lstrip("\n").startswith("# ") and body.endswith("\n"), path.name
    return fm


def one_error_line(res) -> str:  # type: ignore[no-untyped-def]
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("Error: "), lines[0]
    return lines[0]
