"""`python -m pipeline.lm.check`: what `make setup` runs once it has installed the packages.

Converts the language model if it is not converted yet, then scores one sentence with it in a
child process, as a run would. If that child crashes, setup stops here with one line that says
what failed and what to do, instead of leaving a venv whose runs crash later.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..child import cores
from ..config import load_config
from ..errors import PipelineError
from .convert import QUANTIZATION, converted, gguf_path
from .process import LmProcess

SENTENCE = "The language model scores this sentence once, to show that it runs on this machine."


def check(model: str, model_dir: Path, timeout_s: float) -> str:
    """One line on what ran; raises PipelineError when the model cannot run here."""
    folder = converted(gguf_path(model), model_dir, QUANTIZATION)
    with LmProcess(folder, min(2, cores()), timeout_s=timeout_s, restarts=0) as proc:
        (got,) = proc.score([SENTENCE])
    if got is None:
        raise PipelineError(
            f"the language model {proc.failure} scoring a test sentence in a child process ({folder}). "
            "Runs will go on without lm_fluency_v1 (lm_unchecked in summary.json); to leave it out, drop it "
            "from garble.signals (see `pipeline config`), and please report this machine's CPU (lscpu)"
        )
    return f"language model OK: {folder} scored a test sentence at {got[0]:.2f} nats/token"


def main() -> int:
    try:
        cfg = load_config()
        print(check(cfg.model.lm, Path(cfg.model.lm_dir), cfg.garble.lm_timeout_s))
    except PipelineError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
