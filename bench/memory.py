"""Peak memory of one cold run on a big corpus, as a folder of .txt files or as one Parquet file.

    .venv/bin/python -m bench.memory --size 1000 --format parquet [--set KEY=VALUE ...] [--keep]

Builds the corpus of bench/corpus.py (the same articles and edits either way: `build` writes
.txt files of 50 articles, `build_parquet` one Parquet file with a row per article), runs the
CLI on it once in a subprocess with a new cache folder, and prints the wall time, the run's peak
RSS (wait4: the largest of the run and the processes it waited for) and the peak PSS of the whole
process tree (the run and its parser processes), sampled every second from /proc. Not part of
`make bench`: at x1000 a run takes minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from bench.corpus import build, build_parquet

ROOT = Path(__file__).resolve().parent.parent
PIPELINE = ROOT / ".venv" / "bin" / "pipeline"
SAMPLE = ROOT / "raw" / "000_eec31f602d13a0fd.txt"


def _tree(pid: int) -> list[int]:
    """`pid` and its descendants (from /proc/*/stat)."""
    parent: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                stat = Path(f"/proc/{d}/stat").read_text()
                parent[int(d)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += [c for c, pp in parent.items() if pp == p]
    return out


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=1000, help="copies of the sample (1000: 10,000 articles)")
    ap.add_argument("--format", choices=["txt", "parquet"], default="parquet")
    ap.add_argument("--set", dest="sets", action="append", default=[], help="config override for the run (repeatable)")
    ap.add_argument("--keep", action="store_true", help="keep the corpus and the outputs")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pipeline-memory-"))
    try:
        t0 = time.perf_counter()
        if args.format == "parquet":
            corpus = tmp / f"x{args.size}.parquet"
            n_art, _ = build_parquet(SAMPLE, corpus, args.size)
        else:
            corpus = tmp / f"x{args.size}"
            n_art, _ = build(SAMPLE, corpus, args.size)
        size = corpus.stat().st_size if corpus.is_file() else sum(p.stat().st_size for p in corpus.iterdir())
        print(f"corpus: {n_art} articles in {corpus.name} ({size / 2**20:.1f} MiB), built in {time.perf_counter() - t0:.0f} s", flush=True)
        cmd = [str(PIPELINE), "run", str(corpus), "--cleaned", str(tmp / "out" / "cleaned"), "--reports", str(tmp / "out" / "reports"),
               "--quiet", "--no-grammar", "--set", f"cache.dir={tmp / 'cache'}", *(x for kv in args.sets for x in ("--set", kv))]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(1.0):
                peak[0] = max(peak[0], sum(_pss_kib(p) for p in _tree(proc.pid)))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        done.set()
        sampler.join()
        wall = time.perf_counter() - t0
        err = proc.stderr.read().decode() if proc.stderr else ""
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"pipeline failed: {err.strip()}")
        summ = json.loads((tmp / "out" / "reports" / "summary.json").read_text())
        print(json.dumps({"format": args.format, "articles": summ["articles"], "sentences": summ["sentences"], "verdicts": summ["verdicts"],
                          "wall_s": round(wall, 1), "peak_rss_gib": round(usage.ru_maxrss / 2**20, 2),
                          "peak_tree_pss_gib": round(peak[0] / 2**20, 2), "read_s": summ["timing_s"].get("read")}))
    finally:
        if args.keep:
            print(f"kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
