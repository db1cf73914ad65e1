"""Crash safety: SIGKILL a real `pipeline run` at several points, then look at what it left.

Every output is written to a hidden temp file and renamed (pipeline/write/atomic.py), so a kill
leaves each file whole or absent: every .md has its front matter, every table parses, and a temp
file, if one is left, is a dot-file that the next run sweeps away. A re-run into the same folders,
on the cache the killed runs left, gives byte for byte what an uninterrupted run gives.

Kill points are found by polling (the process's CPU time, the files as they appear), not by sleeping.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from pipeline import stamp
from pipeline.config import Config
from .conftest import TALLY, front_matter

pytestmark = pytest.mark.integration

PIPELINE = Path(sys.executable).parent / "pipeline"
TEMP = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
REPORTS = {"sentences.csv", "sentences.parquet", "lines.csv", "repairs.csv", "pairs.csv", "articles.csv",
           "quality.junit.xml", "summary.json", "report.md", "report.html"}
RUN_TIMEOUT_S = 600.0
# The slow model-backed signals say nothing about file writing; the rest of the default set runs.
SLOW = {"languagetool_v1", "lm_fluency_v1"}

W = ["back", "pain", "neck", "muscle", "spine", "posture", "doctor", "exercise", "shoulder", "knee", "hip", "chair",
     "floor", "seconds", "straight", "lower", "slowly", "every", "day"]
V = ["Keep", "Hold", "Relax", "Stand", "Sit", "Turn", "Lift", "Bend", "Stretch", "Breathe"]


def _scrapes(folder: Path) -> None:
    """200 small articles in 20 files: enough outputs that a kill can land among the writes."""
    r = random.Random(5)
    folder.mkdir()
    for f in range(20):
        lines = []
        for a in range(10):
            lines += [f"{' '.join(r.sample(W, 3)).capitalize()} guide {f}-{a} – Health Site | health/{r.choice(W)}", ""]
            lines += [f"{r.choice(V)} your {' '.join(r.choices(W, k=r.randint(4, 12)))}." for _ in range(4)]
            lines.append("back surgery")
        (folder / f"scrape{f:02d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _cmd(inp: Path, out: Path, cache: Path) -> list[str]:
    signals = "[" + ",".join(f'"{s}"' for s in Config().garble.signals if s not in SLOW) + "]"
    return [str(PIPELINE), "run", str(inp), "--cleaned", str(out / "cleaned"), "--reports", str(out / "reports"),
            "--no-grammar", "--quiet", "--set", f"cache.dir={cache}", "--set", f"garble.signals={signals}"]


def _run(cmd: list[str], cwd: Path) -> None:
    res = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr, res.stderr


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _names(folder: Path) -> list[str]:
    try:
        return [e.name for e in os.scandir(folder)]
    except FileNotFoundError:
        return []


def _kill_when(cmd: list[str], cwd: Path, when: Callable[[int], bool]) -> bool:
    """Start the run, poll `when(pid)` and SIGKILL the run the moment it holds. False if the
    run finished first (the point was missed)."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + RUN_TIMEOUT_S
    try:
        while proc.poll() is None:
            if when(proc.pid):
                os.killpg(proc.pid, signal.SIGKILL)  # the run's own process group, nothing else
                proc.wait(timeout=60)
                return True
            if time.monotonic() > deadline:
                pytest.fail("the run neither finished nor reached the kill point")
            time.sleep(0.0002)  # a poll interval, not a wait for the process
        err = proc.stderr.read().decode() if proc.stderr else ""
        assert proc.returncode == 0, err
        return False
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=60)
        if proc.stderr:
            proc.stderr.close()


def assert_whole(out: Path) -> None:
    """Whatever a killed run left is whole: complete files with known names, hidden temps only."""
    umask = os.umask(0o022)
    os.umask(umask)
    for name in _names(out / "cleaned"):
        if name.startswith("."):
            assert TEMP.fullmatch(name), name
            continue
        assert name.endswith(".md"), name
        front_matter(out / "cleaned" / name)
        assert (out / "cleaned" / name).stat().st_mode & 0o777 == 0o666 & ~umask, name
    for name in _names(out / "reports"):
        path = out / "reports" / name
        if name.startswith("."):
            assert TEMP.fullmatch(name), name
            continue
        assert name in REPORTS, name
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, name
        if name.endswith(".csv"):
            df = pd.read_csv(path, keep_default_na=False)
            want = {"sentences.csv": ["source", "line", "article"], "lines.csv": ["source", "line", "fate", "reason"]}.get(name, [])
            assert list(df.columns[: len(want)]) == want, name
        elif name.endswith(".parquet"):
            pd.read_parquet(path)
        elif name.endswith(".json"):
            json.loads(path.read_text(encoding="utf-8"))
        elif name.endswith(".xml"):
            ET.parse(path)
        elif name.endswith(".html"):
            assert path.read_text(encoding="utf-8").rstrip().endswith("</html>"), name
        else:
            assert path.read_text(encoding="utf-8").strip(), name


_RUN_TIME = re.compile(rb" \xc2\xb7 [0-9.,]+ s</p>")  # report.html's header: " · 4.8 s</p>"


def snapshot(out: Path) -> dict[str, bytes]:
    """Every visible output, byte for byte. Only the timings (summary.json, the report's header)
    and the cache folder (each run here has its own) may differ between runs."""
    files: dict[str, bytes] = {}
    for sub in ("cleaned", "reports"):
        for name in sorted(n for n in _names(out / sub) if not n.startswith(".")):  # hidden temps are not outputs
            data = (out / sub / name).read_bytes()
            if name == "summary.json":
                summ = json.loads(data)
                summ.pop("timing_s", None)
                summ.get("config", {}).get("cache", {}).pop("dir", None)
                data = json.dumps(summ, indent=2, ensure_ascii=False).encode()
            elif name == "report.html":
                data = _RUN_TIME.sub(b" \xc2\xb7 (time) s</p>", data)
            files[f"{sub}/{name}"] = data
    return files


# -- the kill points -------------------------------------------------------------------------------


def _after_cpu(seconds: float) -> Callable[[Path], Callable[[int], bool]]:
    return lambda out: lambda pid: _cpu_seconds(pid) >= seconds


def _temp_in(sub: str) -> Callable[[Path], Callable[[int], bool]]:
    return lambda out: lambda pid: any(TEMP.fullmatch(n) for n in _names(out / sub))


def _files_in(sub: str, n: int) -> Callable[[Path], Callable[[int], bool]]:
    return lambda out: lambda pid: sum(not x.startswith(".") for x in _names(out / sub)) >= n


def _exists(rel: str) -> Callable[[Path], Callable[[int], bool]]:
    return lambda out: lambda pid: (out / rel).exists()


_rng = random.Random(20261126)
POINTS: dict[str, Callable[[Path], Callable[[int], bool]]] = {
    "while loading and reading": _after_cpu(_rng.uniform(0.3, 2.0)),
    "mid-write of a cleaned file": _temp_in("cleaned"),
    "among the cleaned files": _files_in("cleaned", _rng.randint(20, 180)),
    "mid-write of a report": _temp_in("reports"),
    "among the reports": _files_in("reports", _rng.randint(2, 6)),
    "after summary.json": _exists("reports/summary.json"),
}


def test_sigkill_leaves_whole_files_and_a_rerun_matches(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    _scrapes(inp)
    _run(_cmd(inp, tmp_path / "ref", tmp_path / "ref-cache"), tmp_path)
    assert_whole(tmp_path / "ref")
    ref = snapshot(tmp_path / "ref")
    assert sum(k.startswith("cleaned/") for k in ref) == 200

    cache = tmp_path / "cache"  # shared by the killed runs and their re-runs, as a user's would be
    missed = []
    for k, (point, make) in enumerate(POINTS.items()):
        out = tmp_path / f"out{k}"
        for _attempt in range(5):  # a point inside a write can be missed by a poll; try again
            if _kill_when(_cmd(inp, out, cache), tmp_path, make(out)):
                TALLY.fault(f"SIGKILL {point}")
                break
        else:
            missed.append(point)
        assert_whole(out)
        _run(_cmd(inp, out, cache), tmp_path)
        assert not [n for sub in ("cleaned", "reports") for n in _names(out / sub) if n.startswith(".")], "temps swept"
        assert_whole(out)
        got = snapshot(out)
        assert got.keys() == ref.keys(), (point, sorted(got.keys() ^ ref.keys())[:10])
        differ = [name for name in ref if got[name] != ref[name]]
        assert not differ, (point, differ[:10])
    assert not missed, f"kill points never reached in 5 tries: {missed}"

    # Killed while replacing a complete earlier output: each file is the old one or the new one, never a mix.
    out = tmp_path / "out0"
    # Nothing changed since out0's last run, so its stamp would keep the outputs: without it the run writes them again.
    shutil.rmtree(cache / stamp.FOLDER)
    for _attempt in range(5):
        if _kill_when(_cmd(inp, out, cache), tmp_path, _temp_in("cleaned")(out)):
            TALLY.fault("SIGKILL mid-write over a complete earlier output")
            break
    else:
        pytest.fail("never caught a write in progress over the earlier output")
    assert_whole(out)
    got = snapshot(out)
    assert got.keys() == ref.keys() and not [name for name in ref if got[name] != ref[name]]


def test_stale_temp_files_are_swept_and_never_outputs(tmp_path: Path) -> None:
    """What a killed run leaves (a hidden temp) is not read as output, and the next run removes it."""
    from .conftest import GOOD_TEXT, run_ok

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    for sub, name in (("cleaned", ".neck-stretches.md.abcd1234.tmp"), ("reports", ".lines.csv.zz_9y8x7.tmp")):
        (out / sub).mkdir(parents=True)
        (out / sub / name).write_text("half a fi")
    (out / "cleaned" / ".notes.md").write_text("a user's hidden file")  # not ours: stays
    TALLY.fault("stale temp files from a killed run")
    run_ok([tmp_path / "in"], out)
    assert sorted(_names(out / "cleaned")) == [".notes.md", "neck-stretches.md"]
    assert not [n for n in _names(out / "reports") if n.startswith(".")]
    front_matter(out / "cleaned" / "neck-stretches.md")
    assert (out / "cleaned" / ".notes.md").read_text() == "a user's hidden file"
