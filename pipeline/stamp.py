"""A finished run's stamp, so that a re-run with nothing changed does no work.

The stamp, in the cache folder, records a fingerprint of everything the outputs depend on
(every input file's bytes and name, the whole config, the baseline, the --reviews file, this
package's code, and the installed packages with their versions) and a hash of every file the run wrote. A re-run
whose fingerprint matches and whose outputs are still as written keeps them: it reads the old
summary.json and applies the quality gate again, so the exit status is the same as before.
Anything else (an edited, added or removed input, a changed config key, a new model, an output
that was touched) runs the pipeline, and the run cache then makes only the changed articles costly.

Not stamped: a run where LanguageTool failed, so that the next run checks those sentences again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
import sys
from pathlib import Path

from . import __version__
from .config import Config
from .gate import GateResult, evaluate
from .read import discover, format_of, source_name
from .read.discover import STREAMED

log = logging.getLogger("pipeline.stamp")
FOLDER = "runs"
_CODE_SUFFIXES = (".py", ".j2", ".css", ".js", ".json", ".toml")
#: What write.outputs.write_reports writes (parquet and junit only when configured).
REPORTS = ("sentences.csv", "sentences.parquet", "lines.csv", "repairs.csv", "pairs.csv", "articles.csv",
           "quality.junit.xml", "summary.json", "report.md", "report.html")


def _file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _environment() -> list[str]:
    """This package's files and every installed distribution with its version: a new model,
    library or checkout changes outputs without changing input or config."""
    pkg = Path(__file__).resolve().parent
    code = sorted(str(p.relative_to(pkg)) + ":" + _file_hash(p) for p in pkg.rglob("*") if p.suffix in _CODE_SUFFIXES)
    dists = sorted(n for d in map(Path, sys.path) if d.is_dir() for n in os.listdir(d) if n.endswith((".dist-info", ".egg-info")))
    return [__version__, sys.version, *code, *dists]


def _input_hash(path: Path, cfg: Config) -> str:
    """The file's content hash, or what the reader will say instead of reading it (read.read_file)."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # a named pipe would block
            return "not a regular file"
        if format_of(path) not in STREAMED and st.st_size > cfg.read.max_file_mb * 1024 * 1024:
            return f"too large: {st.st_size}"
        return _file_hash(path)
    except OSError:  # the run will skip it and say why; a stamp must not vouch for it
        return os.urandom(16).hex()


def fingerprint(inputs: list[Path], cfg: Config, baseline: dict | None, reviews: Path | None = None) -> str:
    """`reviews`: the --reviews file; its bytes change the outputs as much as an input's do."""
    h = hashlib.sha256()
    for part in [json.dumps(cfg.as_dict(), sort_keys=True, default=str), json.dumps(baseline, sort_keys=True), *_environment()]:
        h.update(part.encode("utf-8", "surrogateescape") + b"\0")
    h.update(f"reviews\0{_file_hash(reviews) if reviews is not None else '-'}\0".encode())
    for path, root in discover(inputs, cfg.read):
        h.update(f"{source_name(path, root)}\0{_input_hash(path, cfg)}\0".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


class Stamp:
    """The stamp for one pair of output folders."""

    def __init__(self, cache_dir: Path, fp: str, cleaned: Path, reports: Path) -> None:
        self.fp = fp
        where = json.dumps([str(cleaned.resolve()), str(reports.resolve())])
        self.path = cache_dir / FOLDER / f"{hashlib.sha256(where.encode()).hexdigest()[:24]}.json"

    def fresh(self) -> bool:
        """The last run here had this fingerprint, and each file it wrote is still as written."""
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
            return saved["fingerprint"] == self.fp and all(_file_hash(Path(p)) == h for p, h in saved["outputs"].items())
        except (OSError, ValueError, KeyError, TypeError):
            return False

    def clear(self) -> None:
        """Before writing: a run that fails half-way must not leave a stamp for the old outputs."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:  # still safe: the stamp holds the old outputs' hashes, which a new write changes
            log.warning("run stamp not removed: %s", exc)

    def save(self, outputs: list[Path]) -> None:
        try:
            data = {"fingerprint": self.fp, "outputs": {str(p.resolve()): _file_hash(p) for p in sorted(outputs)}}
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:  # the outputs are written; without a stamp the next run only costs more
            log.warning("run stamp not written: %s", exc)


def report_files(reports_dir: Path) -> list[Path]:
    return [reports_dir / n for n in REPORTS if (reports_dir / n).is_file()]


def reuse_reports(reports_dir: Path, cfg: Config, baseline: dict | None) -> tuple[dict, GateResult]:
    """The last run's summary, with the gate applied again: same config and baseline, same result."""
    summ = json.loads((reports_dir / "summary.json").read_text(encoding="utf-8"))
    summ.pop("gate", None)
    return summ, evaluate(cfg.gate.fail_on, summ, baseline, cfg.gate.tolerance)
