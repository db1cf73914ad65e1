"""spaCy parses of block texts: read back from the run cache, or parsed here, or by parser
processes that live as long as the run.

`nlp.pipe(n_process=N)` starts its processes on every call, and a local run calls it once per
slice: on the x100 benchmark corpus that start-up was a third of the parse stage. The pool here
starts once, at the first call with enough texts, and its processes send each Doc back as
bytes, which the run cache stores as they are.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Iterator

import numpy

from ..child import as_child, cores
from ..errors import PipelineError
from .nlp import load_nlp

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..cache import RunCache

MAX_AUTO_JOBS = 8

# Neither is read after parsing, and leaving them out makes a Doc's bytes about a quarter the size (measured).
EXCLUDE = ["tensor", "user_data"]
_NO_TENSOR = numpy.zeros((0,), dtype="float32")  # what Doc.from_bytes leaves when the tensor is excluded


class Parser:
    """Parse texts, reading and filling the run cache. `jobs` processes (0: one per core, up to 8) parse
    when there are at least `min_texts` texts to parse; fewer are parsed here, since starting
    processes costs more than they save. The same texts give the same Docs either way."""

    def __init__(self, model: str, batch_size: int, jobs: int, cache: RunCache | None = None, min_texts: int = 200) -> None:
        self.model, self.batch_size, self.cache, self.min_texts = model, batch_size, cache, min_texts
        # Each process costs about 50 MB of its own (120 MB resident, measured), and past a few the
        # parse stage is no longer what a run waits on: a big host gets 8. An explicit `jobs` is taken as given.
        self.jobs = jobs or min(cores(), MAX_AUTO_JOBS)
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._ahead: dict[str, tuple[concurrent.futures.Future[list[bytes]], int]] = {}  # text -> its chunk, its place there

    @property
    def nlp(self) -> Language:
        return load_nlp(self.model)  # loaded once per process, on first use

    def __enter__(self) -> Parser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
            self._ahead.clear()

    def prefetch(self, texts: list[str]) -> None:
        """Set the processes parsing what the next pipe() call will ask for, while this process
        works on the slice before it. Texts in the cache, and too few texts, are left to pipe()."""
        if self.jobs == 1:
            return
        have = self.cache.has_docs(texts) if self.cache is not None else set()
        todo = [t for t in texts if t not in have and t not in self._ahead]
        if len(todo) < self.min_texts:
            return
        for i in range(0, len(todo), self.batch_size):
            chunk = todo[i : i + self.batch_size]
            future = self._start().submit(_parse_chunk, chunk)
            self._ahead.update((t, (future, k)) for k, t in enumerate(chunk))

    def pipe(self, texts: list[str], given: dict[str, bytes] | None = None) -> Iterator[Doc]:
        """One Doc per text (distinct texts), in order, each yielded as soon as it is parsed.
        `given`: Doc bytes of some texts, parsed elsewhere (by another Dask partition)."""
        from spacy.tokens import Doc

        vocab = self.nlp.vocab
        for doc, data in self._pipe(texts, given or {}, False):
            yield doc if doc is not None else Doc(vocab).from_bytes(data)

    def pipe_bytes(self, texts: list[str]) -> Iterator[bytes]:
        """As pipe(), but each Doc as its bytes: stored and fresh parses are bytes already, and are
        not rebuilt as Docs only to be serialised again (a Dask partition parsing for others)."""
        for _, data in self._pipe(texts, {}, True):
            yield data

    def _pipe(self, texts: list[str], given: dict[str, bytes], as_bytes: bool) -> Iterator[tuple[Doc | None, bytes]]:
        """(Doc or None, its bytes) per text; None: build the Doc from the bytes if it is wanted."""
        ahead = {t: self._ahead.pop(t) for t in texts if t in self._ahead}
        stored = {t: given[t] for t in texts if t in given}
        if self.cache is not None:
            stored.update(self.cache.get_docs([t for t in texts if t not in ahead and t not in stored]))
        fresh = self._parse([t for t in texts if t not in stored and t not in ahead], as_bytes or self.cache is not None)
        made: list[tuple[str, bytes]] = []
        for text in texts:
            if text in stored:
                yield None, stored[text]
                continue
            if text in ahead:
                future, k = ahead[text]
                doc, data = None, self._result(future)[k]
            else:
                doc, data = next(fresh)
            made.append((text, data))
            if len(made) == len(texts) - len(stored) and self.cache is not None:
                self.cache.put_docs(made)  # before the last yield: zip() and islice() never ask past it
            yield doc, data

    def _parse(self, texts: list[str], with_bytes: bool) -> Iterator[tuple[Doc | None, bytes]]:
        if self.jobs == 1 or len(texts) < self.min_texts:
            for doc in self.nlp.pipe(texts, batch_size=self.batch_size):
                data = doc.to_bytes(exclude=EXCLUDE) if with_bytes else b""
                # The tok2vec output (384 bytes a token) was most of a held Doc's memory: at x1000 a
                # Dask worker's parses took ~200 MB a partition. Empty, as in a Doc rebuilt from bytes.
                doc.tensor = _NO_TENSOR
                yield doc, data
            return
        chunks = [texts[i : i + self.batch_size] for i in range(0, len(texts), self.batch_size)]
        for future in [self._start().submit(_parse_chunk, c) for c in chunks]:
            for data in self._result(future):
                yield None, data

    def _result(self, future: concurrent.futures.Future[list[bytes]]) -> list[bytes]:
        try:
            return future.result()
        except BrokenProcessPool:
            self._pool = None
            self._ahead.clear()
            raise PipelineError("a parser process died (out of memory?): run again with --jobs 1, or give the run more memory") from None

    def _start(self) -> concurrent.futures.ProcessPoolExecutor:
        if self._pool is None:
            # Loaded first: where the platform forks by default, each process starts with this copy.
            self.nlp  # noqa: B018
            self._pool = concurrent.futures.ProcessPoolExecutor(self.jobs, multiprocessing.get_context(), _load_child,
                                                                (self.model, self.batch_size))
        return self._pool


_CHILD: dict = {}


def _load_child(model: str, batch_size: int) -> None:
    as_child()
    _CHILD["nlp"], _CHILD["batch_size"] = load_nlp(model), batch_size


def _parse_chunk(texts: list[str]) -> list[bytes]:
    return [doc.to_bytes(exclude=EXCLUDE) for doc in _CHILD["nlp"].pipe(texts, batch_size=_CHILD["batch_size"])]
