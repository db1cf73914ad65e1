"""The benchmark (not a test): throughput, per-stage time, memory and scaling, and the naive baseline.

    .venv/bin/python -m bench.bench [--sizes 10,100] [--repeats 3] [--naive 200] [--no-grammar] [--vary 0.3] [--full-evidence] [--dask 1,2]

For each size, the sample is turned into a varied corpus (bench/corpus.py) and the
real CLI runs on it in a subprocess, cold (empty cache) `repeats` times, then once
again on unchanged input (same cache and outputs: the run keeps its outputs), and
once with one line of one article edited (same cache, new outputs). Wall time and peak RSS come from the
child's rusage; per-stage times from summary.json. The naive baseline (spaCy on
each sentence, then language-tool-python `check()` per sentence, against the same
LanguageTool server) runs on `naive` sentences of the corpus in the same process
run, and the ratio is printed. Timings on 2 shared cores are noisy: compare the
ratios, and the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.compare import differences
from bench.corpus import build

ROOT = Path(__file__).resolve().parent.parent
PIPELINE = ROOT / ".venv" / "bin" / "pipeline"


def run_once(corpus: Path, work: Path, grammar: bool, sets: list[str], out: Path | None = None) -> dict:
    """One CLI run in `work` (its cache lives there), writing to `out` (default: `work`); wall
    seconds, peak RSS MiB and the summary."""
    out = out or work
    # The language model as `make setup` converted it: converting it is setup, not a run's cost.
    lm = f"model.lm_dir={ROOT / '.cache' / 'lm'}"
    cmd = [str(PIPELINE), "run", str(corpus), "--cleaned", str(out / "cleaned"), "--reports", str(out / "reports"), "--quiet",
           "--grammar" if grammar else "--no-grammar", *(x for kv in [lm, *sets] for x in ("--set", kv))]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"pipeline failed on {corpus}: {err.strip()}")
    summary = json.loads((out / "reports" / "summary.json").read_text())
    return {"wall": wall, "rss_mib": usage.ru_maxrss / 1024, "summary": summary}


def verdicts_kept(fast: Path, full: Path) -> tuple[float, int]:
    """The share of the full-evidence run's sentence verdicts that the cascade's run gives too
    (matched by sentence id: same corpus, same segmentation), and how many sentences."""
    import pandas as pd

    a = pd.read_csv(fast / "reports" / "sentences.csv", usecols=["id", "verdict"], keep_default_na=False).set_index("id")["verdict"]
    b = pd.read_csv(full / "reports" / "sentences.csv", usecols=["id", "verdict"], keep_default_na=False).set_index("id")["verdict"]
    both = a.index.intersection(b.index)
    return float((a[both] == b[both]).mean()), len(both)


def edit_one(corpus: Path, dest: Path) -> Path:
    """A copy of the corpus with one line of one article changed: what an incremental run costs."""
    shutil.copytree(corpus, dest / "in")
    first = sorted((dest / "in").glob("*.txt"))[0]
    lines = first.read_text(encoding="utf-8").splitlines()
    i = max(range(len(lines)), key=lambda k: len(lines[k]))  # a body line, not a title or caption
    lines[i] = "Edited since the last run: " + lines[i]
    first.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest / "in"


def naive_baseline(corpus: Path, n: int) -> dict:
    """spaCy + language-tool-python check() per sentence, against our batched checker, same server."""
    import language_tool_python
    import spacy

    from pipeline.config import load_config
    from pipeline.grammar import Checker, LanguageToolServer

    cfg = load_config()
    nlp = spacy.load(cfg.model.spacy, exclude=["ner"])
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))[:2])
    lines = [ln for ln in text.splitlines() if len(ln.split()) >= 4 and " | " not in ln]
    sents = [s.text.strip() for ln in lines[: n * 2] for s in nlp(ln).sents if len(s.text.split()) >= 3][:n]
    with LanguageToolServer(cfg.languagetool) as server:
        tool = language_tool_python.LanguageTool(cfg.languagetool.language, remote_server=server.url)
        t0 = time.perf_counter()
        naive_flags = []
        for s in sents:
            nlp(s)
            naive_flags.append(bool([m for m in tool.check(s) if "WHITESPACE" not in m.rule_id]))
        naive_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        list(nlp.pipe(sents, batch_size=cfg.model.batch_size))
        ours = Checker(server, cfg.languagetool, None).check_texts(sents)
        ours_s = time.perf_counter() - t0
        tool.close()
    our_flags = [bool(m) for m in ours]
    kept = sum(a and b for a, b in zip(naive_flags, our_flags)) / max(1, sum(naive_flags))
    return {"sentences": len(sents), "naive_per_s": len(sents) / naive_s, "ours_per_s": len(sents) / ours_s,
            "speedup": naive_s / ours_s, "naive_flags": sum(naive_flags), "flags_kept": kept}


def dask_compare(tmp: Path, row: dict, workers: list[int], grammar: bool, sets: list[str], repeats: int) -> None:
    """The largest corpus on a Dask LocalCluster per worker count (cold caches), against the local run."""
    size = row["size"]
    print(f"\nDask LocalCluster on x{size} (cold, median of {repeats}); local run: {row['wall_s']:.1f} s")
    walls: dict[int, float] = {}
    runs_of: dict[int, list[dict]] = {n: [] for n in workers}
    # Round by round (1, 2, 1, 2, ...), not all runs of one count and then the next: the load of
    # shared cores drifts over minutes, and it should not fall on one worker count only.
    for r in range(repeats):
        for n in workers:
            work = tmp / f"x{size}-dask{n}-{r}"
            work.mkdir()
            runs_of[n].append(run_once(tmp / f"x{size}", work, grammar, [*sets, "executor.kind=dask", f"executor.workers={n}"]))
    for n in workers:
        runs = runs_of[n]
        walls[n] = statistics.median(c["wall"] for c in runs)
        diff = differences(tmp / f"x{size}-run0", tmp / f"x{size}-dask{n}-0")
        print(f"  {n} worker(s): {walls[n]:.1f} s ({[round(c['wall'], 1) for c in runs]}), {row['sentences'] / walls[n]:.1f} sentences/s, "
              f"largest process peak {max(c['rss_mib'] for c in runs):.0f} MiB, output {'identical to the local run' if not diff else 'DIFFERS: ' + ', '.join(diff)}")
    base = walls[workers[0]]
    for n in workers[1:]:
        rounds = [a["wall"] / b["wall"] for a, b in zip(runs_of[workers[0]], runs_of[n])]
        print(f"  {n} workers vs {workers[0]}: x{base / walls[n]:.2f} (per round: {', '.join(f'x{x:.2f}' for x in rounds)})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10,100", help="corpus sizes as multiples of the sample (e.g. 10,100,1000)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--naive", type=int, default=200, help="sentences for the naive baseline (0: skip)")
    ap.add_argument("--no-grammar", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the generated corpora and outputs")
    ap.add_argument("--vary", type=float, default=0.3, help="share of each copy's lines that are edited (0.3: only 20%% of the x100 lines of 6+ "
                    "words are distinct, and the cache and parse-once skip the rest; 1: 3 edits per line, 88%% distinct)")
    ap.add_argument("--set", dest="sets", action="append", default=[], help="config override passed to every run (repeatable)")
    ap.add_argument("--full-evidence", action="store_true", help="also run the smallest corpus once with every signal on every sentence "
                    "(garble.cascade_margin=none, cold) and print the share of its verdicts the default run keeps")
    ap.add_argument("--dask", default="", help="also run the largest corpus with --executor dask on a LocalCluster of "
                    "these worker counts (e.g. 1,2): speed-up over the first, and whether the output equals the local run's")
    args = ap.parse_args()
    grammar = not args.no_grammar
    tmp = Path(tempfile.mkdtemp(prefix="pipeline-bench-"))
    rows = []
    try:
        for size in [int(x) for x in args.sizes.split(",")]:
            corpus = tmp / f"x{size}"
            n_art, n_lines = build(ROOT / "raw" / "000_eec31f602d13a0fd.txt", corpus, size, share=args.vary, rounds=1 if args.vary < 1 else 3)
            colds = []
            for r in range(args.repeats):
                work = tmp / f"x{size}-run{r}"
                work.mkdir()
                colds.append(run_once(corpus, work, grammar, args.sets))
            warm = run_once(corpus, tmp / f"x{size}-run0", grammar, args.sets)  # same cache as the first cold run
            edited = run_once(edit_one(corpus, tmp / f"x{size}-edited"), tmp / f"x{size}-run0", grammar, args.sets, tmp / f"x{size}-edited")
            wall = statistics.median(c["wall"] for c in colds)
            summ = colds[0]["summary"]
            stages = {k: statistics.median(c["summary"]["timing_s"].get(k, 0.0) for c in colds) for k in summ["timing_s"]}
            rows.append({"size": size, "articles": n_art, "lines": n_lines, "sentences": summ["sentences"], "wall_s": wall,
                         "articles_per_s": n_art / wall, "sentences_per_s": summ["sentences"] / wall,
                         "peak_rss_mib": max(c["rss_mib"] for c in colds), "warm_s": warm["wall"], "warm_share": warm["wall"] / wall,
                         "edited_s": edited["wall"], "edited_share": edited["wall"] / wall,
                         "stages": stages, "walls": [round(c["wall"], 2) for c in colds]})
            print(json.dumps(rows[-1]), flush=True)
        print("\nsize  articles  sentences   wall_s  art/s  sent/s  peak_MiB  rerun_s  rerun/first  1-edit_s  1-edit/first")
        for r in rows:
            print(f"x{r['size']:<5}{r['articles']:>8}{r['sentences']:>11}{r['wall_s']:>9.1f}{r['articles_per_s']:>7.1f}"
                  f"{r['sentences_per_s']:>8.1f}{r['peak_rss_mib']:>10.0f}{r['warm_s']:>9.1f}{r['warm_share']:>12.1%}"
                  f"{r['edited_s']:>10.1f}{r['edited_share']:>13.1%}")
        if len(rows) >= 2:
            a, b = rows[0], rows[-1]
            print(f"\nscaling x{a['size']} -> x{b['size']}: input x{b['sentences'] / a['sentences']:.1f}, time x{b['wall_s'] / a['wall_s']:.1f}")
        print("\nper-stage seconds (median of cold runs):")
        for r in rows:
            print(f"  x{r['size']}: " + ", ".join(f"{k} {v:.2f}" for k, v in r["stages"].items()))
        if args.full_evidence:
            size = rows[0]["size"]
            work = tmp / f"x{size}-full"
            work.mkdir()
            full = run_once(tmp / f"x{size}", work, grammar, [*args.sets, "garble.cascade_margin=none"])
            kept, n = verdicts_kept(tmp / f"x{size}-run0", work)
            print(f"\nfull evidence on x{size} (every signal on every sentence, cold): {full['wall']:.1f} s "
                  f"({full['summary']['sentences'] / full['wall']:.1f} sentences/s); the default run kept {kept:.2%} of its {n} verdicts")
        if args.dask:
            dask_compare(tmp, rows[-1], [int(x) for x in args.dask.split(",")], grammar, args.sets, args.repeats)
        if args.naive and grammar:
            nb = naive_baseline(tmp / f"x{rows[0]['size']}", args.naive)
            print(f"\nnaive baseline on {nb['sentences']} sentences: naive {nb['naive_per_s']:.1f}/s (spaCy + check() each), "
                  f"batched {nb['ours_per_s']:.1f}/s, speed-up x{nb['speedup']:.1f}; "
                  f"naive flagged {nb['naive_flags']}, share kept by batching {nb['flags_kept']:.1%}")
            print(f"end to end vs naive: x{rows[-1]['sentences_per_s'] / nb['naive_per_s']:.1f} "
                  f"(pipeline sentences/s on x{rows[-1]['size']} over naive sentences/s)")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
