"""Error paths of batched checking, driven by a fake LanguageTool (the only thing a fake is for here):
see tests/fake_languagetool.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pipeline.config import LanguageToolConfig
from pipeline.grammar import Checker
from pipeline.model import Sentence
from pipeline.signals.base import Item
from pipeline.signals.grammar import LanguageToolScorer

from ..fake_languagetool import FakeLanguageTool, fake_languagetool


@pytest.fixture
def fake() -> Iterator[FakeLanguageTool]:
    with fake_languagetool(FakeLanguageTool(limit=10_000)) as state:
        yield state


def checker(fake: FakeLanguageTool, **cfg: object) -> Checker:
    return Checker(fake, LanguageToolConfig(**cfg), retries=2, backoff_s=0.01)  # type: ignore[arg-type]


def test_many_texts_go_in_one_request_and_map_back(fake: FakeLanguageTool) -> None:
    texts = ["all good here", "a bad one", "", "fine", "bad and bad"]
    res = checker(fake).check_texts(texts)
    assert len(fake.texts) == 1 and fake.texts[0] == "all good here\n\na bad one\n\nfine\n\nbad and bad"
    assert [[m.offset for m in r or []] for r in res] == [[], [2], [], [], [0, 8]]


def test_timeout_retries_then_restarts_once_then_gives_up(fake: FakeLanguageTool) -> None:
    ch = checker(fake, timeout_s=0.2)
    assert ch.check_texts(["this will hang", "and this"]) == [None, None]
    assert fake.restarts == 1
    assert len(fake.texts) == 4  # first try, 2 retries with backoff, 1 after the restart
    assert ch.check_texts(["hang again"]) == [None] and fake.restarts == 1  # restarts once per run


def test_413_splits_the_batch(fake: FakeLanguageTool) -> None:
    fake.limit = 40
    texts = [f"text {i} is bad" for i in range(8)]  # 14 chars each: only pairs fit in 40
    res = checker(fake).check_texts(texts)
    assert all(r is not None and [m.offset for m in r] == [10] for r in res)
    assert len(fake.texts[0]) > 40 and len(fake.texts) > 1  # refused whole, then checked in halves


def test_a_text_the_server_refuses_alone_is_unchecked(fake: FakeLanguageTool) -> None:
    texts = ["one bad", "abort abort", "three", "four bad"]
    res = checker(fake).check_texts(texts)
    assert res[1] is None
    assert [len(r or []) for r in (res[0], res[2], res[3])] == [1, 0, 1]


def test_server_gone_degrades_to_unchecked() -> None:
    gone = FakeLanguageTool(url="http://127.0.0.1:9")  # discard port: nothing listens
    res = checker(gone).check_texts(["a bad text"])
    assert res == [None] and gone.restarts == 1


def test_unchecked_sentences_score_zero_with_detail(fake: FakeLanguageTool) -> None:
    text = "this will hang"
    scorer = LanguageToolScorer(checker(fake, timeout_s=0.2))
    (sig,) = scorer.score_many([Item(Sentence(id="s", source="t", line=1, article="a", section="", text=text, cleaned=text))])
    assert (sig.value, sig.reason, sig.detail) == (0.0, None, "unchecked")


def test_ctrl_c_drops_queued_batches_without_retry_or_restart(fake: FakeLanguageTool) -> None:
    class Interrupting:  # a cache whose first write is where Ctrl-C lands
        def get_many(self, keys: list[str]) -> dict:
            return {}

        def put_many(self, items: dict) -> None:
            raise KeyboardInterrupt

    texts = ["a bad one"] + [f"hang {i}" for i in range(9)]
    ch = Checker(fake, LanguageToolConfig(max_text_length=12, timeout_s=0.5), Interrupting(), retries=2, backoff_s=0.01)  # type: ignore[arg-type]
    with pytest.raises(KeyboardInterrupt):
        ch.check_texts(texts)  # one text per batch
    assert fake.restarts == 0 and len(fake.texts) <= 4


def test_run_cache_keys_change_with_the_rules_switched_off(fake: FakeLanguageTool) -> None:
    """Switching a rule off changes LanguageTool's values, so cached signals from before must not be reused."""
    default = LanguageToolScorer(checker(fake)).cache_tag
    fewer = LanguageToolScorer(Checker(fake, LanguageToolConfig(), disabled_rules=("WHITESPACE_RULE",))).cache_tag  # type: ignore[arg-type]
    assert default and fewer and default != fewer
