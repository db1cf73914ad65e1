"""Child processes of a run (parser processes, the language-model process): what they do first, and how many cores there are."""

from __future__ import annotations

import os
import signal
import threading
import time


def as_child() -> None:
    """Leave Ctrl-C to the run, and leave with it.

    Ctrl-C is the run's to handle: it stops its children, and a traceback from each would bury its
    message. A run killed outright (SIGKILL, the OOM killer) cannot stop them, and they would wait
    on their queues for ever: they leave once they see they have a new parent.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_leave_with, args=(os.getppid(),), daemon=True).start()


def _leave_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def cores() -> int:
    """The cores this process may run on (a container or taskset may allow fewer than the host has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
