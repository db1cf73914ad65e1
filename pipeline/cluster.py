"""The Dask cluster of a run: a client of executor.scheduler, or a LocalCluster started here.

Both ends take a second or more, so neither holds up the run: the start goes on in a thread
while the caller loads the pipeline and reads the input (`starting`), and the stop while it
writes the outputs (`wait_closed`). This module loads fast on purpose: distributed is imported
in the thread that starts the cluster.
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Iterator

from .config import Config
from .errors import DependencyError, PipelineError

if TYPE_CHECKING:
    from distributed import Client

#: How long tasks wait when no worker may run them (a worker died and was not replaced).
NO_WORKERS_TIMEOUT = "60s"


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
        else:
            import dask

            # A worker process that dies and is not replaced would leave its tasks waiting for ever;
            # after this long with no worker to run them they fail, and so does the run.
            # The workers' statistical profiler samples every thread 100 times a second for a
            # dashboard this cluster does not have. (Its cost was within this machine's noise.)
            with dask.config.set({"distributed.scheduler.no-workers-timeout": NO_WORKERS_TIMEOUT,
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


@contextmanager
def starting(cfg: Config) -> Iterator[concurrent.futures.Future[Client]]:
    """`connect` in a thread; the future gives the client (or raises what connect raised). However
    the block ends, what was started is stopped."""
    with ExitStack() as stack, concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="dask-start") as pool:
        future = pool.submit(stack.enter_context, connect(cfg))
        try:
            yield future
        finally:
            concurrent.futures.wait([future])  # a block that failed first must not leave a cluster behind


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
