"""The command line: parsing and printing only; the work is in the library.

Exit codes: 0 ok, 1 a user-fixable error (bad input, bad config, missing
dependency), 2 a usage error (typer/click's own).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from . import __version__
from .cluster import run_on_cluster, wait_closed
from .config import Config, describe, load_config
from .errors import PipelineError

if TYPE_CHECKING:
    from .result import RunResult

app = typer.Typer(
    help="Clean machine-translated web scrapes into Markdown and report on their translation quality.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

ConfigOpt = Annotated[Optional[Path], typer.Option("--config", "-c", help="TOML config file (see `pipeline config`).")]
SetOpt = Annotated[Optional[list[str]], typer.Option("--set", help="Override a config key: section.key=value (repeatable).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors; no progress bar.")]


def _run(inputs: list[Path], cfg: Config, quiet: bool) -> RunResult:
    """The stages, here or on a Dask cluster. spaCy, pandas and the rest load here, not at the start:
    a kept run needs none of them, and a Dask run's cluster starts while they load."""
    if cfg.executor.kind == "dask":
        return run_on_cluster(inputs, cfg, quiet)  # LanguageTool is the workers' business
    from .grammar import grammar_scorers
    from .run import run

    with grammar_scorers(cfg, cfg.cache.folder) as extra:  # the server stops however the block exits
        return run(inputs, cfg, quiet=quiet, extra_scorers=extra)


def _fail(exc: Exception) -> None:
    typer.echo(f"Error: {exc}", err=True)
    raise typer.Exit(1)


def _exit_on_sigterm() -> None:
    """A cancelled CI job sends SIGTERM: turn it into SystemExit so every `with` block
    unwinds and the LanguageTool JVM is stopped instead of orphaned."""
    import signal

    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pipeline {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Clean machine-translated web scrapes into Markdown and report on their quality.

    Example: pipeline run raw/ --cleaned cleaned/ --reports reports/
    """
    _exit_on_sigterm()


@app.command()
def run(
    inputs: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders to read (.txt .md .jsonl .html .jsonl.gz .jsonl.zst .parquet). Default: raw/")] = None,
    cleaned: Annotated[Path, typer.Option(help="Folder for the cleaned Markdown files.")] = Path("cleaned"),
    reports: Annotated[Path, typer.Option(help="Folder for the report files.")] = Path("reports"),
    config: ConfigOpt = None,
    set_: SetOpt = None,
    garbled: Annotated[Optional[str], typer.Option(help="drop, flag (default) or keep garbled sentences.")] = None,
    grammar: Annotated[Optional[bool], typer.Option("--grammar/--no-grammar", help="Run the LanguageTool signal (default: from config).")] = None,
    fail_on: Annotated[Optional[list[str]], typer.Option("--fail-on", help="Quality gate rule, e.g. 'garbled_rate>0.05' (repeatable); exit 3 if any holds.")] = None,
    baseline: Annotated[Optional[Path], typer.Option(help="An earlier summary.json; exit 3 if a metric regressed beyond gate.tolerance.")] = None,
    cache: Annotated[Optional[bool], typer.Option("--cache/--no-cache", help="Reuse parses and scores from earlier runs, and their outputs when nothing changed (default: on).")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Processes for parsing; 0: one per core, up to 8 (default: model.jobs).")] = None,
    executor: Annotated[Optional[str], typer.Option(help="local, or dask: parse and score on a Dask cluster (default: executor.kind).")] = None,
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address, e.g. tcp://host:8786 (default: start a LocalCluster).")] = None,
    reviews: Annotated[Optional[Path], typer.Option(help="reviews.jsonl exported from report.html: the reviewer's verdicts replace the machine's "
                                                         "(README, Reviews). Example: --reviews reviews.jsonl")] = None,
    text_column: Annotated[Optional[str], typer.Option(help="Parquet column (first JSONL key) with the text (default: read.text_column, text). "
                                                            "Example: --text-column body")] = None,
    title_column: Annotated[Optional[str], typer.Option(help="Parquet column (first JSONL key) with the title (default: read.title_column, title). "
                                                             "Example: --title-column headline")] = None,
    id_column: Annotated[Optional[str], typer.Option(help="Parquet column (first JSONL key) with the record id, sentences.csv `record` "
                                                          "(default: read.id_column, url). Example: --id-column doc_id")] = None,
    quiet: QuietOpt = False,
) -> None:
    """Clean every article in INPUT and write cleaned/*.md and the quality report.

    Exit codes: 0 pass, 1 input or config error, 2 usage error, 3 quality gate failed.

    Example: pipeline run raw/ --reports reports/ --garbled drop

    Example (Dask): pipeline run scrapes/ --executor dask --scheduler tcp://10.0.0.5:8786

    Example (CI gate): pipeline run scrapes/ --fail-on 'garbled_rate>0.05' --fail-on 'bilingual_dup>0' --baseline old/summary.json

    Example (reviews): pipeline run raw/ --reviews reviews.jsonl

    Example (Parquet): pipeline run corpus.parquet --text-column body --title-column headline --id-column doc_id
    """
    from .gate import EXIT_GATE, diff_table, load_baseline, validate_rule
    from .review import apply_reviews, load_reviews
    from .stamp import Stamp, fingerprint, report_files, reuse_reports
    from .write.atomic import check_output_dir
    from .write.degrade import missing_signals

    overrides = list(set_ or [])
    if garbled is not None:
        overrides.append(f"output.garbled={garbled}")
    if grammar is not None:
        overrides.append(f"languagetool.enabled={'true' if grammar else 'false'}")
    if cache is not None:
        overrides.append(f"cache.enabled={'true' if cache else 'false'}")
    if jobs is not None:
        overrides.append(f"model.jobs={jobs}")
    if executor is not None:
        overrides.append(f"executor.kind={executor}")
    if scheduler is not None:
        overrides += ["executor.kind=dask", f"executor.scheduler={scheduler}"]
    for key, value in (("text_column", text_column), ("title_column", title_column), ("id_column", id_column)):
        if value is not None:
            overrides.append(f"read.{key}={json.dumps(value)}")  # quoted: a column named "true" or "1" is still a name
    _logging(quiet)
    try:
        cfg = load_config(config, overrides)
        cfg.gate.fail_on += list(fail_on or [])
        check_output_dir(cleaned, "--cleaned")  # a file in the way must fail before the work, not after
        check_output_dir(reports, "--reports")
        for rule in cfg.gate.fail_on:
            validate_rule(rule)  # a typo in a rule must fail before an hour of work, not after
        old = load_baseline(baseline or Path(cfg.gate.baseline)) if (baseline or cfg.gate.baseline) else None
        marks = load_reviews(reviews) if reviews is not None else None  # a bad line must fail before the work
        inputs = inputs or [Path("raw")]
        stamp = Stamp(cfg.cache.folder, fingerprint(inputs, cfg, old, reviews), cleaned, reports) if cfg.cache.folder else None
        reused = stamp is not None and stamp.fresh()
        if reused:
            summ, gate = reuse_reports(reports, cfg, old)
            skipped = [(d["source"], d["reason"]) for d in summ["skipped"]]
        else:
            if stamp is not None:
                stamp.clear()
            result = _run(inputs, cfg, quiet)
            if marks is not None:
                apply_reviews(result, marks, cfg, str(reviews))
            from .write.outputs import write_cleaned, write_reports

            paths = write_cleaned(result, cleaned)
            summ, gate = write_reports(result, cfg, reports, paths, old)
            wait_closed()  # a Dask run's cluster stopped while the outputs were written
            skipped = result.skipped
            if stamp is not None and not missing_signals(summ):  # a failed check is retried next time
                stamp.save([cleaned / p for p in paths.values()] + report_files(reports))
    except PipelineError as exc:
        _fail(exc)
    for path, why in skipped:
        # The reason names the file already when the reader raised it.
        typer.echo(f"Warning: skipped {why if why.startswith(path + ': ') else f'{path}: {why}'}", err=True)
    if not quiet:
        v = summ["verdicts"]
        typer.echo(
            f"{summ['articles']} articles, {summ['sentences']} sentences "
            f"({v['ok']} ok, {v['garbled']} garbled, {v['boilerplate']} boilerplate, {v['dup']} dup, {v['bilingual_dup']} bilingual_dup) "
            f"-> {cleaned}/ and {reports}/" + (" (nothing changed since the last run: outputs kept)" if reused else ""),
            err=True,
        )
    if (rv := summ.get("reviews")) and (rv["stale"] or rv["ignored"]):
        typer.echo(f"Warning: of {rv['reviews']} reviews, {rv['stale']} match no sentence of this run (stale) and {len(rv['ignored'])} "
                   "do not fit their sentence: listed in summary.json and report.md", err=True)
    for line in missing_signals(summ):
        typer.echo(f"Warning: {line}", err=True)
    if gate.baseline:
        typer.echo(diff_table(gate.baseline), err=True)
    for c in gate.checks:
        if c.failed:
            typer.echo(f"Gate failed: {c.rule} (value {c.value:g})", err=True)
    if gate.failed:
        raise typer.Exit(EXIT_GATE)


@app.command()
def score(
    file: Annotated[str, typer.Argument(help="Text file with one segment per line, or - for standard input.")] = "-",
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv or jsonl.")] = "csv",
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """Score segments one per line; print line, garble_score, verdict, reasons.

    Example: printf 'Step 1.Stand up.\\nHello world.\\n' | pipeline score - --format jsonl
    """
    from .grammar import grammar_scorers
    from .score import score_segments

    if fmt not in ("csv", "jsonl"):
        _fail(ValueError(f"--format must be csv or jsonl, got {fmt!r}"))
    try:
        cfg = load_config(config, set_)
        text = _read_segments(file)
        with grammar_scorers(cfg, cfg.cache.folder) as extra:
            rows = score_segments(text.splitlines(), cfg, extra)
    except PipelineError as exc:
        _fail(exc)
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        import pandas as pd

        from .write.tables import SCORE_COLUMNS

        sys.stdout.write(pd.DataFrame(rows, columns=SCORE_COLUMNS).to_csv(index=False, lineterminator="\n"))


def _read_segments(file: str) -> str:
    from .errors import InputError
    from .read.decode import decode

    if file == "-":
        return decode(sys.stdin.buffer.read())[0]
    try:
        return decode(Path(file).read_bytes())[0]
    except FileNotFoundError:
        raise InputError(f"input file {file} does not exist") from None
    except IsADirectoryError:
        raise InputError(f"{file} is a folder; `pipeline score` reads one file (use `pipeline run` for folders)") from None


@app.command("eval")
def evaluate(
    devset: Annotated[Optional[Path], typer.Option(help="Labelled dev set (TSV: source, line, label, text). "
                                                        "Default: tests/data/devset.tsv, unless --reviews is given.")] = None,
    reviews: Annotated[Optional[Path], typer.Option(help="reviews.jsonl from report.html: measure the machine's verdicts against the "
                                                         "reviewers' (per-label P/R/F1). Example: --reviews reviews.jsonl")] = None,
    inputs: Annotated[Optional[list[Path]], typer.Argument(help="Raw input the dev set was labelled on. Default: raw/")] = None,
    mlqe: Annotated[Optional[Path], typer.Option(help="MLQE-PE TSV (pair, mt, da_mean, da_z) to correlate garble_score with human scores.")] = None,
    mlqe_per_pair: Annotated[int, typer.Option(help="Use the first N rows of each language pair (0: all); the language model is slow.")] = 0,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """Print per-label precision, recall and F1 against a labelled dev set, or against
    reviewers' verdicts (--reviews), and (with --mlqe) the correlation of garble_score
    with human quality scores.

    Example: pipeline eval --devset tests/data/devset.tsv raw/ --mlqe tests/data/mlqe/mlqe_pe_xen_dev.tsv

    Example (reviews): pipeline eval raw/ --reviews reviews.jsonl
    """
    from .evaluate import evaluate_labels, evaluate_mlqe, format_mlqe, format_report, format_sources
    from .grammar import grammar_scorers

    _logging(True)
    if devset is None and reviews is None:
        devset = Path("tests/data/devset.tsv")
    try:
        cfg = load_config(config, set_)
        with grammar_scorers(cfg, cfg.cache.folder) as extra:
            report, review_report = evaluate_labels(devset, reviews, inputs or [Path("raw")], cfg, extra)
            mlqe_report = evaluate_mlqe(mlqe, cfg, extra, mlqe_per_pair) if mlqe else None
    except PipelineError as exc:
        _fail(exc)
    if report is not None:
        typer.echo(format_report(report))
        if report.per_source:
            typer.echo("\n" + format_sources(report))
    if review_report is not None:
        typer.echo(("\n" if report is not None else "") + "Against the reviews (machine verdicts, reviewers' labels):")
        typer.echo(format_report(review_report, "reviews"))
    if mlqe_report is not None:
        typer.echo("\n" + format_mlqe(mlqe_report))


@app.command("config")
def show_config() -> None:
    """Print every config key with its default and meaning, as TOML.

    Example: pipeline config > pipeline.toml
    """
    typer.echo(describe())


def _logging(quiet: bool) -> None:
    logging.basicConfig(level=logging.ERROR if quiet else logging.WARNING, format="%(message)s", stream=sys.stderr)
