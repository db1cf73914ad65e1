"""A single 50 MB line: the run stays fast and small, skips the file with a reason, and cleans the rest.

The sentence parser needs about 1 GB of memory per 100,000 characters (spaCy refuses more than
1,000,000 at all), so a block longer than read.max_block_chars gets its file skipped by the reader.
The run is a real subprocess, so its peak memory can be measured on its own (wait4's rusage).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ..conftest import ROOT, load_output
from .conftest import GOOD_NAME, GOOD_TEXT, TALLY, check_ledger, raw_lines

pytestmark = pytest.mark.integration

PIPELINE = Path(sys.executable).parent / "pipeline"
MB = 2**20
TIMEOUT_S = 300.0
MAX_RSS_MB = 1500  # the run with spaCy loaded is about 500 MB; the 50 MB line may add a few copies of itself


def _wait(proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, int]:
    """(exit status, peak RSS in MB) of a child, waited on without a fixed sleep."""
    got: list[tuple[int, int, object]] = []
    t = threading.Thread(target=lambda: got.append(os.wait4(proc.pid, 0)), daemon=True)
    t.start()
    t.join(timeout)
    if not got:
        os.kill(proc.pid, 9)
        t.join(30)
        pytest.fail(f"pipeline run took more than {timeout:.0f} s")
    _, status, usage = got[0]
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss // 1024  # type: ignore[attr-defined]


def test_a_50_mb_line_is_skipped_fast_and_the_batch_runs(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    phrase = b"keep your back straight and relax your neck muscles slowly every day "
    big = (phrase * (50 * MB // len(phrase) + 1))[: 50 * MB] + b"\n"
    (inp / "big.txt").write_bytes(big)
    record = json.dumps({"title": "Huge record", "text": (phrase * (2 * MB // len(phrase))).decode()})
    (inp / "big.jsonl").write_text(record + "\n" + json.dumps({"title": "Small record", "text": "Stand up every hour."}) + "\n")
    (inp / GOOD_NAME).write_text(GOOD_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    TALLY.kinds.add("a single 50 MB line")
    t0 = time.monotonic()
    proc = subprocess.Popen(
        [str(PIPELINE), "run", str(inp), "--cleaned", str(out / "cleaned"), "--reports", str(out / "reports"), "--no-grammar", "--quiet"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    # Output is tiny here: reading the pipes after the exit cannot block the child.
    code, rss_mb = _wait(proc, TIMEOUT_S)
    err = proc.stderr.read().decode() if proc.stderr else ""
    elapsed = time.monotonic() - t0
    assert code == 0, err
    assert "Traceback" not in err, err
    assert elapsed < 240, f"{elapsed:.0f} s (about 15 s on an idle machine)"
    assert rss_mb < MAX_RSS_MB, f"peak memory {rss_mb} MB"
    res = load_output(out)
    # The big JSONL record's line holds a small record too: the file is skipped whole, with the line named.
    check_ledger(res, {GOOD_NAME: raw_lines(GOOD_TEXT.encode(), "utf-8")},
                 {"big.txt": "line 1 holds 52,428,800 characters", "big.jsonl": "above read.max_block_chars"})
    assert "Warning: skipped big.txt: " in err and "read.max_block_chars" in err
