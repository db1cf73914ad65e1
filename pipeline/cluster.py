"""The Dask cluster of a run: a client of executor.scheduler, or a LocalCluster started here.

Both ends take a second or more, so neither holds up the run: the start goes on while a thread
loads the pipeline and reads the input (`run_on_cluster`), and the stop while the caller writes
the outputs (`wait_closed`). This module loads fast on purpose: it is imported before spaCy,
pandas and the stages are.
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .config import Config
from .errors import DependencyError, PipelineError

if TYPE_CHECKING:
    from distributed import Client

    from .result import RunResult

@contextmanager
def connect(cfg: Config) -> Iterator[Client]:
    """A client for executor.scheduler, or for a LocalCluster started (and stopped) here."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DependencyError("executor.kind=dask needs dask[distributed]: run `make setup`") from None
    # The scheduler and nannies of a LocalCluster live in this process and log every step at INFO.
    logging.getLogger("distributed").setLevel(logging.ERROR)
    ex = cfg.executor
    with ExitStack() as stack:
        if ex.scheduler:
            try:
                client = stack.enter_context(Client(ex.scheduler, timeout="30s"))
            except OSError as exc:
                raise PipelineError(f"no Dask scheduler at {ex.scheduler}: {exc}") from None
            wait_for_workers(client, ex.no_workers_timeout_s)
        else:
            import dask

            # A worker process that dies and is not replaced would leave its tasks waiting for ever;
            # after this long with no worker to run them they fail, and so does the run.
            # The workers' statistical profiler samples every thread 100 times a second for a
            # dashboard this cluster does not have. (Its cost was within this machine's noise.)
            with dask.config.set({"distributed.scheduler.no-workers-timeout": f"{ex.no_workers_timeout_s:g}s",
                                  "distributed.worker.profile.enabled": False}):
                # With no dashboard the scheduler still serves its HTTP routes, on port 8787 unless told
                # otherwise: a second run on this machine (or a cluster still stopping) warned that it was taken.
                cluster = stack.enter_context(LocalCluster(n_workers=ex.workers, threads_per_worker=1, processes=True,
                                                           dashboard_address=None, scheduler_kwargs={"dashboard_address": ":0"},
                                                           silence_logs=logging.ERROR))
            client = stack.enter_context(Client(cluster))
        try:
            yield client
        finally:
            # Stopping a LocalCluster takes about a second: it does while the caller writes the
            # outputs (wait_closed). The thread is not a daemon, so the process waits for it anyway.
            closing = threading.Thread(target=_close_quietly, args=(stack.pop_all(),), name="dask-close")
            closing.start()
            _CLOSING.append(closing)


def wait_for_workers(client: Client, timeout_s: float) -> None:
    """Return once the cluster has a worker: a scheduler may be up before its workers are."""
    if client.scheduler_info()["workers"]:
        return
    try:
        client.wait_for_workers(1, timeout=f"{timeout_s:g}s")
    except TimeoutError:
        raise PipelineError(f"the Dask cluster has no workers (waited {timeout_s:g}s): start some "
                            "(`dask worker SCHEDULER_ADDRESS --nthreads 1`), then run again") from None


def run_on_cluster(inputs: list[Path], cfg: Config, quiet: bool = False) -> RunResult:
    """The stages on the cluster (pipeline.dask_run). The cluster starts here while a thread loads
    the stages and reads the input. Not the other way round: with the client made in another
    thread, a worker lost its scheduler connection mid-run in 2 of 5 runs on a 2-core machine."""
    _few_malloc_arenas()
    with concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="read") as pool:
        reading = pool.submit(_read, inputs, cfg)
        with connect(cfg) as client:
            from .dask_run import run_dask

            return run_dask(client, reading.result(), cfg, quiet)


def _few_malloc_arenas() -> None:
    """At most two glibc malloc arenas for the threads this process starts from here on (the
    reading thread, Dask's event loop, the cluster's stop). Each thread got an arena of its own,
    and what the articles' trip to the workers left there was not given back: at x1000 the
    calling process held 830-845 MB after the repair stage, 372 MB with two arenas, and peaked
    at 2.43 GB resident where it had 2.7-2.8 GB (same output). Not glibc (macOS, musl): nothing to do."""
    import ctypes
    import ctypes.util

    M_ARENA_MAX = -8  # from glibc's malloc.h
    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").mallopt(M_ARENA_MAX, 2)
    except (OSError, AttributeError):
        pass


def _read(inputs: list[Path], cfg: Config) -> RunResult:
    from .dask_run import read

    return read(inputs, cfg)


_CLOSING: list[threading.Thread] = []


def _close_quietly(stack: ExitStack) -> None:
    try:
        stack.close()
    except Exception as exc:  # the run's results are in; a cluster that stops badly cannot change them
        logging.getLogger(__name__).debug("Dask cluster did not stop cleanly: %s", exc)


def wait_closed() -> None:
    """Wait until every cluster and client a run opened has stopped."""
    while _CLOSING:
        _CLOSING.pop().join()
