"""The language-model process: `python -m pipeline.lm.serve LOADER MODEL_DIR THREADS`.

It loads the model with LOADER ("module:function"), answers ("ready", None) on its stdout, then for
each list of texts read from its stdin answers ("ok", [(mean nll, tokens), ...]). A Python error
is answered ("error", message); a crash in native code just ends the process, which is what
`process.LmProcess` is there to survive. Frames are multiprocessing.connection's (length + pickle).
"""

from __future__ import annotations

import importlib
import os
import sys
from multiprocessing.connection import Connection

from ..child import as_child


def main(argv: list[str]) -> int:
    loader, model_dir, threads = argv[0], argv[1], int(argv[2])
    as_child()
    inbox = Connection(os.dup(0), writable=False)
    outbox = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)  # a stray print from native code must not land in the frames
    try:
        module, func = loader.split(":")
        runtime = getattr(importlib.import_module(module), func)(model_dir, threads)
    except Exception as exc:  # a model that will not load is reported as such, not as a dead process
        outbox.send(("error", f"could not load the language model from {model_dir}: {type(exc).__name__}: {exc}"))
        return 1
    outbox.send(("ready", None))
    while True:
        try:
            texts = inbox.recv()
        except EOFError:  # the run closed the pipe: it is done with us
            return 0
        try:
            outbox.send(("ok", runtime.score(texts)))
        except Exception as exc:
            outbox.send(("error", f"{type(exc).__name__}: {exc}"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
