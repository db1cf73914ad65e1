"""The same stages on a Dask distributed cluster, with the same output as a local run.

    read                               here
    repair, count short lines          on the workers, one task per partition of articles
    boilerplate, parse, segment        on the workers, with the line counts of the whole input; a
                                       text several partitions have is parsed by one, for all
    exact duplicates                   keys on the workers; the walk in input order here
    score, decide, twins, MinHash      on the workers, next to the partition's parses
    near-duplicate sentences           a Dask bag shuffle: group by MinHash band bucket, join
                                       groups into components, resolve each component in order
    near-duplicate articles            here, on the MinHash sketches the workers made
    Markdown, report.html bodies       on the workers, with the near-duplicate drops sent back
    ranking, chart, lines.csv          here, while the workers make those (write.outputs.prepare)
    the rest, writing files            here (pipeline.write)

Articles are cut into contiguous partitions, so input order, and with it every
"the earlier copy is kept" decision, is the same as in a local run. Each worker
keeps its spaCy model, scorers and cache handles between tasks (`_Worker`), and
closes them when the run ends. The workers of a LocalCluster share one
LanguageTool server (`shared_languagetool`); on a real cluster each starts its own.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import functools
import gc
import json
import os
import zlib
from collections import Counter, defaultdict
from contextlib import ExitStack, contextmanager
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, TypeVar
from urllib.parse import urlsplit

from .config import Config
from .dedup import buckets
from .dedup.exact import Drop, ExactDups, LineKeys, apply_drops, line_keys
from .dedup.near import NearRecord, Sketch, apply_near, article_sketches, mark_near_dup_articles, near_records, resolve_near
from .errors import PipelineError
from .progress import progress
from .result import RunResult
from .run import _Timer, count_repeats, front, judge, mark_boilerplate, open_cache, parse_blocks, repair_blocks, segment, to_parse
from .segment.parse import Parser
from .signals.boilerplate import RepetitionStats

if TYPE_CHECKING:
    from distributed import Client, Future

    from .model import Article

F = TypeVar("F", bound=Callable)


def read(inputs: list[Path], cfg: Config) -> RunResult:
    """The input read: what run_dask starts from."""
    result = RunResult(articles=[])
    result.articles = front(inputs, cfg, result, _Timer(result.timings))
    return result


def run_dask(client: Client, result: RunResult, cfg: Config, quiet: bool = False) -> RunResult:
    """The stages after `read` on the cluster of `client` (cluster.connect)."""
    try:
        return _stages(client, result, cfg, quiet)
    finally:
        gc.unfreeze()  # what _gather froze
        # Stop each worker's LanguageTool server before the workers go; a lost worker has nothing to stop.
        client.run(_close_worker, on_error="ignore")


def _stages(client: Client, result: RunResult, cfg: Config, quiet: bool) -> RunResult:
    timer = _Timer(result.timings)
    with shared_languagetool(cfg) as lt:
        n_workers = max(1, len(client.scheduler_info()["workers"]))
        wcfg = worker_config(client, cfg)
        with timer.stage("repair"):
            # Straight to the workers, not inside the task graph: at x1000 a graph carrying the
            # articles passed 10 MB, and Dask warned "Sending large graph" for three partitions.
            inputs = client.scatter(partition(result.articles, n_workers * cfg.executor.partitions_per_worker), hash=False)
            result.articles = []  # the workers have them; the judged articles take their place below
            repaired = [client.submit(_repair_part, f, wcfg, pure=False) for f in inputs]
            del inputs
            stats = RepetitionStats(cfg.boilerplate)
            for part_stats in _gather([client.submit(itemgetter(2), f, pure=False) for f in repaired], "repair", quiet):
                stats.merge(part_stats)
            frequent = stats.frequent()
            del stats
        with timer.stage("parse"):
            # Dask runs each where its repaired partition is; moving one would cost only a pickle.
            planned = [client.submit(_plan_part, f, frequent, wcfg, pure=False) for f in repaired]
            del repaired
            texts = _gather([client.submit(itemgetter(2), f, pure=False) for f in planned], "plan", True)
            shares = share_out(texts)
            shared = [client.submit(_parse_texts, t, wcfg, pure=False) if t else None for t in shares]
            parsed = [client.submit(_parse_part, f, wcfg, [shared[j] for j in donors(shares, set(ts))], pure=False)
                      for f, ts in zip(planned, texts)]
            del planned, texts, shared
            keys = _gather([client.submit(itemgetter(1), f, pure=False) for f in parsed], "parse", quiet)
        with timer.stage("dedup"):
            # Only the lines' keys came here, and only the verdicts go back: the articles stay with their parses.
            exact = ExactDups()
            drops = [exact.resolve(k) for k in keys]
        with timer.stage("score"):
            if lt is not None:
                wcfg = dataclasses.replace(wcfg, languagetool=dataclasses.replace(wcfg.languagetool, url=lt.result()))
            where = client.who_has(parsed)
            # Next to its parses: moving them costs a Doc round trip. Loose, so a lost worker does not stall the run.
            judged = [client.submit(_judge_part, i, f, d, wcfg, pure=False, workers=list(where[f.key]), allow_other_workers=True)
                      for i, (f, d) in enumerate(zip(parsed, drops))]
            # The first half of the band shuffle needs nothing from here: it runs as each partition is judged.
            records = [client.submit(itemgetter(3), f, pure=False) for f in judged]
            found_groups = band_groups(client, records)
            done = _gather([client.submit(itemgetter(0, 1, 2), f, pure=False) for f in judged], "score", quiet)
        del parsed  # the workers may free the parses now
        articles = [a for arts, _, _ in done for a in arts]
        result.pairs += [p for _, pairs, _ in done for p in pairs]
        with timer.stage("twins"):
            found = near_dups_by_band(client, records, found_groups, cfg.dedup.near_threshold)
            result.pairs += apply_near(articles, found)
            sketches = {k: v for _, _, sk in done for k, v in sk.items()}
            result.pairs += mark_near_dup_articles(articles, sketches, cfg.dedup)
        with timer.stage("render"):
            from .write.outputs import prepare
            from .write.report_html import article_views

            views = article_views(articles)
            rendering = render_pieces(client, judged, [arts for arts, _, _ in done], found, views, cfg)
            # While the workers render, this process makes the rest of what the report needs.
            result.ahead = prepare(articles, result.skipped, views, cfg)
            result.ahead.pieces = collect_pieces(rendering)
    result.articles = articles
    return result


def render_pieces(client: Client, judged: list[Future], parts: list[list[Article]], found: list, views: list, cfg: Config
                  ) -> list[Future]:
    """Each article's Markdown and report.html pieces (write.pieces), made on the worker that holds
    its partition. What a worker lacks is sent along: the near-duplicate drops of its sentences,
    which articles the report shows (`views` ranks them), and where the kept copy of each of their
    dropped twins is."""
    from .write.report_html import twin_finder

    articles = [a for arts in parts for a in arts]
    shown = {v.art.id for v in views[: cfg.output.html_articles or len(views)]}
    twin = twin_finder(articles)
    part_of = {s.id: i for i, arts in enumerate(parts) for a in arts for s in a.sentences}
    drops: list[list] = [[] for _ in parts]
    for item in found:
        drops[part_of[item[2]]].append(item)
    futures = []
    for i, (f, arts) in enumerate(zip(judged, parts)):
        labels = {s.id: twin(s) for a in arts if a.id in shown for s in a.sentences if s.twin_of}
        futures.append(client.submit(_render_part, f, drops[i], labels, shown & {a.id for a in arts}, cfg.garble.weights, pure=False))
    return futures


def collect_pieces(futures: list[Future]) -> dict:
    """The pieces of every article."""
    return {k: v for made in _gather(futures, "render", True) for k, v in made.items()}


@contextmanager
def shared_languagetool(cfg: Config) -> Iterator[concurrent.futures.Future[str] | None]:
    """One LanguageTool server for all workers of a LocalCluster, started while they parse.

    Two JVMs on one machine would each warm up (JIT) and each keep two checks in flight, and
    measured slower than one shared server. The future gives its URL. On a real cluster (a
    scheduler address) each worker starts its own, unless languagetool.url names a shared one.
    """
    lt = cfg.languagetool
    if cfg.executor.scheduler or not lt.enabled or lt.url or "languagetool_v1" not in cfg.garble.signals:
        yield None
        return
    from .grammar import LanguageToolServer

    with LanguageToolServer(lt, lazy=True) as server, concurrent.futures.ThreadPoolExecutor(1) as pool:
        yield pool.submit(lambda: server.url)  # the first use of `url` starts the JVM


def worker_config(client: Client, cfg: Config) -> Config:
    """The config the workers run: one spaCy process each (a worker is a process already), and
    the language-model threads a host can spare for each of its workers. Neither changes a result."""
    threads = cfg.garble.lm_threads
    if not threads:
        cores = client.run(os.cpu_count)  # {worker address: cores of its host}
        per_host = Counter(urlsplit(a).hostname for a in cores)
        threads = max(1, min((n or 1) // per_host[urlsplit(a).hostname] for a, n in cores.items()))
    return dataclasses.replace(cfg, model=dataclasses.replace(cfg.model, jobs=1), garble=dataclasses.replace(cfg.garble, lm_threads=threads))


def partition(articles: list[Article], n: int) -> list[list[Article]]:
    """Contiguous slices of about equal block count, so input order survives the round trip."""
    total = sum(len(a.blocks) for a in articles) or 1
    parts: list[list[Article]] = [[]]
    size = 0
    for art in articles:
        if size >= total * len(parts) / n and parts[-1]:
            parts.append([])
        parts[-1].append(art)
        size += len(art.blocks)
    return parts


def share_out(texts: list[list[str]]) -> list[list[str]]:
    """The texts that more than one partition would parse, each given to one of them to parse for
    all, spread by a hash of the text so that no partition gets most of them. A repeated caption
    or paragraph is then parsed once per run, as in a local run, not once per partition. Which
    partition parses a text does not change its Doc."""
    where: dict[str, list[int]] = defaultdict(list)
    for i, ts in enumerate(texts):
        for t in ts:
            where[t].append(i)
    out: list[list[str]] = [[] for _ in texts]
    for t, parts in where.items():
        if len(parts) > 1:
            out[parts[zlib.crc32(t.encode("utf-8")) % len(parts)]].append(t)
    return out


def donors(shares: list[list[str]], needs: set[str]) -> list[int]:
    """The partitions that parse some of `needs` for the others."""
    return [j for j, ts in enumerate(shares) if ts and not needs.isdisjoint(ts)]


def _gather(futures: list[Future], desc: str, quiet: bool) -> list:
    """Each result fetched as soon as it is ready: its transfer and unpickling here overlap the
    tasks still running, instead of all coming at the end."""
    from distributed import KilledWorker, as_completed
    from distributed.scheduler import NoValidWorkerError, NoWorkerError

    try:
        got = dict(progress(((f.key, _frozen(r)) for f, r in as_completed(futures, with_results=True)), desc, quiet, total=len(futures)))
    except (NoWorkerError, NoValidWorkerError) as exc:
        raise PipelineError(f"the Dask cluster had no worker to run the {desc} stage for executor.no_workers_timeout_s "
                            f"(a worker died and was not replaced?): see the workers' logs ({type(exc).__name__})") from None
    except KilledWorker:
        raise PipelineError(f"Dask workers kept dying in the {desc} stage (out of memory?): give them more memory, "
                            "or more partitions (--set executor.partitions_per_worker=N)") from None
    return [got[f.key] for f in futures]


def _frozen(obj: object) -> object:
    """`obj`, with everything made so far left out of the cyclic garbage collector's full passes
    (gc.freeze; objects still go when their last reference does). A run holds millions of
    sentences, signals and parses, and each full pass walked them all again: 1.6 s of a 25 s
    x100 Dask run in this process, 1.1-1.7 s in each worker; frozen, the run took 7% less (2
    workers 28.6, 28.7 s against 30.6, 31.3 s). A run makes almost no cycles (x100: 1,761
    objects left for the collector), so little waits for the unfreeze at its end."""
    gc.freeze()
    return obj


def band_groups(client: Client, records: list[Future]) -> list[Future]:
    """Sentence near-duplicates, the shuffle's first half: each partition splits its band buckets
    by key into one share per partition, and one task per share finds the buckets with two or
    more records (dedup.buckets)."""
    n = len(records)
    shares = [client.submit(buckets.split, f, n, pure=False) for f in records]
    return [client.submit(buckets.groups, *[client.submit(itemgetter(j), s, pure=False) for s in shares], pure=False)
            for j in range(n)]


def near_dups_by_band(client: Client, records: list[Future], found_groups: list[Future], threshold: float) -> list:
    """The second half: the buckets are joined into components here, and each component is
    resolved in input order (dedup.near.resolve_near) by a groupby on the component."""
    import dask.bag as db
    from dask import delayed

    root = buckets.components([g for part in client.gather(found_groups) for g in part])
    bag = db.from_delayed([delayed(list)(f) for f in records])
    found = (bag.filter(lambda r: r.order in root).groupby(lambda r: root[r.order])
             .map(lambda kv: resolve_near(kv[1], threshold)).flatten())
    return client.compute(found).result()


# --- on the workers ---------------------------------------------------------------------------

_WORKERS: dict[str, _Worker] = {}


class _Worker:
    """What one worker process keeps between tasks of a run: the caches, the parser, and the scorers (models,
    a LanguageTool client or server) from the first task that scores."""

    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.stack = ExitStack()
        self.cache = open_cache(cfg)
        if self.cache is not None:
            self.stack.callback(self.cache.close)
        self.parser = self.stack.enter_context(Parser(cfg.model.spacy, cfg.model.batch_size, cfg.model.jobs, self.cache))
        self._scorers: list | None = None

    @property
    def scorers(self) -> list:
        if self._scorers is None:
            from .grammar import grammar_scorers
            from .signals import open_scorers

            cfg = self.cfg
            extra = self.stack.enter_context(grammar_scorers(cfg, cfg.cache.folder))
            self._scorers = self.stack.enter_context(open_scorers(cfg)) + extra
        return self._scorers


def _worker(cfg: Config) -> _Worker:
    key = json.dumps(cfg.as_dict(), sort_keys=True, default=str)
    if key not in _WORKERS:
        _close_worker()  # another run's config: its server and caches are not needed any more
        _WORKERS[key] = _Worker(cfg)
    return _WORKERS[key]


def _close_worker() -> None:
    while _WORKERS:
        _WORKERS.popitem()[1].stack.close()
    gc.unfreeze()  # what the tasks froze


def _task(fn: F) -> F:
    """A task run on a worker: what the worker holds from earlier tasks is frozen first (_frozen)."""

    @functools.wraps(fn)
    def task(*args: object, **kwargs: object) -> object:
        gc.freeze()
        return fn(*args, **kwargs)

    return task  # type: ignore[return-value]


class Parsed:
    """A partition's articles and parses (sentence id -> spaCy span). They stay on the worker that
    made them, but Dask may still move them (work stealing, a lost worker); spans cannot be pickled,
    so they travel as Doc bytes and are rebuilt over the receiving worker's copy of the model."""

    def __init__(self, model: str, articles: list[Article], spans: dict) -> None:
        self.model, self.articles, self.spans = model, articles, spans

    def __reduce__(self) -> tuple:
        docs: dict[int, tuple[int, object]] = {}
        refs: dict[str, tuple[int, int, int] | None] = {}
        for sid, sp in self.spans.items():
            refs[sid] = None if sp is None else (docs.setdefault(id(sp.doc), (len(docs), sp.doc))[0], sp.start, sp.end)
        data = [d.to_bytes(exclude=["tensor", "user_data"]) for _, d in sorted(docs.values(), key=itemgetter(0))]  # type: ignore[attr-defined]
        return (_unpack_parsed, (self.model, self.articles, data, refs))


def _unpack_parsed(model: str, articles: list[Article], data: list[bytes], refs: dict) -> Parsed:
    from spacy.tokens import Doc

    from .segment.nlp import load_nlp

    vocab = load_nlp(model).vocab
    docs = [Doc(vocab).from_bytes(b) for b in data]
    return Parsed(model, articles, {sid: None if ref is None else docs[ref[0]][ref[1] : ref[2]] for sid, ref in refs.items()})


@_task
def _render_part(judged: tuple, drops: list, labels: dict, shown: set[str], weights: dict[str, float]) -> dict:
    from .write.article_body import BodyRenderer
    from .write.pieces import make_pieces

    articles = judged[0]
    apply_near(articles, drops)  # as the caller did to its copies, so both are the same
    renderer = BodyRenderer(weights, lambda s: labels.get(s.id))
    return {a.id: make_pieces(a, renderer if a.id in shown else None) for a in articles if a.sentences}


@_task
def _repair_part(articles: list[Article], cfg: Config) -> tuple[list[Article], dict, RepetitionStats]:
    works = repair_blocks(articles, cfg)
    return articles, works, count_repeats(articles, works, cfg)


@_task
def _plan_part(repaired: tuple[list[Article], dict, RepetitionStats], frequent: RepetitionStats, cfg: Config
               ) -> tuple[list[Article], dict, list[str]]:
    """Boilerplate marked, and the distinct texts the partition will parse (boilerplate is not parsed)."""
    articles, works, _ = repaired
    mark_boilerplate(articles, works, frequent, cfg)
    return articles, works, to_parse(works.values())[1]


@_task
def _parse_texts(texts: list[str], cfg: Config) -> dict[str, bytes]:
    return dict(zip(texts, _worker(cfg).parser.pipe_bytes(texts)))


@_task
def _parse_part(planned: tuple[list[Article], dict, list[str]], cfg: Config, shared: list[dict[str, bytes]]
                ) -> tuple[Parsed, list[LineKeys]]:
    w = _worker(cfg)
    articles, works, _ = planned
    given = {t: b for part in shared for t, b in part.items()}
    parse_blocks(works, w.parser, True, given)
    return Parsed(cfg.model.spacy, articles, segment(articles, works, cfg)), line_keys(articles)


@_task
def _judge_part(index: int, parsed: tuple[Parsed, list], drops: list[Drop], cfg: Config
                ) -> tuple[list[Article], list, dict[str, Sketch], list[NearRecord]]:
    w = _worker(cfg)
    # In place: Dask does not re-run a task that raised, and a lost worker takes the parses with it.
    articles, spans = parsed[0].articles, parsed[0].spans
    apply_drops(articles, drops)
    pairs = judge(articles, spans, w.scorers, cfg, w.cache, True, _Timer({}))
    return articles, pairs, article_sketches(articles, spans, cfg.dedup), near_records(articles, cfg.dedup, index)
