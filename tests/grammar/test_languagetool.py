"""The real LanguageTool server, from languagetool/dist (`make setup` or scripts/setup-languagetool.sh lays it out).

One server serves the whole session; the lifecycle tests start their own.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from pipeline.config import Config, LanguageToolConfig
from pipeline.errors import DependencyError
from pipeline.grammar import Checker, GrammarCache, LanguageToolServer, grammar_scorers
from pipeline.grammar.server import DEFAULT_DIST
from pipeline.model import Sentence
from pipeline.signals.base import Item
from pipeline.signals.grammar import LanguageToolScorer

pytestmark = pytest.mark.integration

SAMPLE = Path(__file__).resolve().parents[2] / "raw" / "000_eec31f602d13a0fd.txt"
# Literal machine translation from the sample, and fluent lines from the same scrape.
GARBLED = ["Some patients after twist to the waist is often go to the pharmacy",
           "The lumbar vertebra of the person is the accumulation that can grow",
           "Our dedication to a perfect seated position has fuelled the an"]
CLEAN = ["They can work with you to identify the problem areas.",
         "Pressing on sore or tight muscles can reduce muscle tension and help you relax.",
         "A physical therapist or osteopath can also help alleviate back pain through therapy."]


def sample_line(prefix: str) -> str:
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        if line.lstrip(",").startswith(prefix):
            return line.lstrip(",")
    raise AssertionError(f"not in the sample: {prefix!r}")


@pytest.fixture(scope="session")
def server() -> Iterator[LanguageToolServer]:
    with LanguageToolServer(LanguageToolConfig()) as srv:
        yield srv


@pytest.fixture
def checker(server: LanguageToolServer) -> Checker:
    return Checker(server, server.cfg)


def item(i: int, text: str, heading: bool = False) -> Item:
    return Item(Sentence(id=f"s{i}", source="t", line=i, article="a", section="", text=text, cleaned=text, is_heading=heading))


def test_garbled_lines_get_more_matches_than_clean(checker: Checker) -> None:
    garbled = [sample_line(p) for p in GARBLED]
    res = checker.check_texts(garbled + CLEAN)
    assert all(r is not None for r in res)
    got_g, got_c = [len(r or []) for r in res[:3]], [len(r or []) for r in res[3:]]
    assert all(n >= 1 for n in got_g), got_g
    assert sum(got_g) > sum(got_c), (got_g, got_c)


def test_batch_maps_matches_to_the_right_sentence(checker: Checker) -> None:
    texts = [f"She walked to the market on day {i} and bought fresh bread." for i in range(50)]
    texts[37] = "He go to school yesterday."
    res = checker.check_texts(texts)
    assert checker.requests == 1  # one request for all 50
    assert [i for i, r in enumerate(res) if r] == [37]
    (m,) = res[37] or []
    assert (m.rule_id, m.category, texts[37][m.offset : m.offset + m.length]) == ("HE_VERB_AGR", "GRAMMAR", "go")
    assert "goes" in m.replacements


def test_batched_matches_equal_one_by_one(checker: Checker) -> None:
    # No match may depend on a text's batch neighbours, or cached results would depend on the run.
    # The sample's captions after unpunctuated headings ("Massage yourself" / "back surgery") used to.
    lines = [ln.strip(" ,") for ln in SAMPLE.read_text(encoding="utf-8").splitlines()[:60]]
    texts = [s for ln in lines for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", ln) if s]
    # An opening quote or bracket here and its closing one in another text used to pair up across the batch.
    texts += ["Gavin Smith explains: 'it is unwise to sit for long.", "Sitting is fine (in moderation.",
              "It is what we tried ' all of it.", "Then stand up ) and stretch."]
    batched = checker.check_texts(texts)
    assert checker.requests == 1
    one_by_one = [r for t in texts for r in checker.check_texts([t])]
    assert batched == one_by_one


def test_offsets_count_characters_not_utf16_units(checker: Checker) -> None:
    # Java counts an emoji as two chars; the match must still land on "their" in Python's string.
    texts = ["Fine 😀😀 text here.", "I like 😀 emoji but their is a problem."]
    res = checker.check_texts(texts)
    hits = [texts[1][m.offset : m.offset + m.length] for m in res[1] or []]
    assert "their" in hits


def test_second_call_is_served_from_the_cache(server: LanguageToolServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[str] = []
    real = urllib.request.urlopen

    def counting(url: str, *args: Any, **kwargs: Any) -> Any:
        sent.append(url)
        return real(url, *args, **kwargs)

    monkeypatch.setattr(urllib.request, "urlopen", counting)
    texts = ["He go to school yesterday.", "The cat sat on the mat.", "Their is a problem."]
    first = Checker(server, server.cfg, GrammarCache(tmp_path)).check_texts(texts)
    assert len(sent) == 1
    again = Checker(server, server.cfg, GrammarCache(tmp_path))  # a re-run: new checker, same cache dir
    assert again.check_texts(texts) == first
    assert len(sent) == 1 and again.requests == 0


def test_scorer_explains_by_category(checker: Checker) -> None:
    scorer = LanguageToolScorer(checker)
    items = [item(0, "He go to school yesterday."), item(1, "The cat sat on the mat."), item(2, "how to relieve back pain", heading=True)]
    bad, ok, heading = scorer.score_many(items)
    assert bad.name == "languagetool_v1" and bad.reason == "grammar_errors" and 0 < bad.value <= 1
    assert "GRAMMAR:HE_VERB_AGR 'go' → 'goes'" in bad.detail
    assert scorer.spans["s0"] == [(3, 5, "GRAMMAR:HE_VERB_AGR")] and bad.spans == [(3, 5)]
    assert (ok.value, ok.reason) == (0.0, None)
    assert heading.value == 0.0 and "s2" not in scorer.spans  # headings are not sent


def test_an_existing_server_is_used_and_left_running(server: LanguageToolServer) -> None:
    with LanguageToolServer(LanguageToolConfig(url=server.url + "/")) as other:
        assert (other.url, other.version, other.proc) == (server.url, "6.7", None)
        assert not other.restart()  # not ours to restart
    assert server.proc is not None and server.proc.poll() is None and port_open(server.url)


def test_grammar_scorers_factory(server: LanguageToolServer, tmp_path: Path) -> None:
    cfg = Config()
    cfg.languagetool.url = server.url  # the session's server: no second JVM
    with grammar_scorers(cfg, tmp_path) as scorers:
        (scorer,) = scorers
        (sig,) = scorer.score_many([item(0, "He go to school yesterday.")])
        assert sig.name == "languagetool_v1" and sig.value > 0
    assert (tmp_path / "languagetool.sqlite").is_file()
    cfg.languagetool.enabled = False
    with grammar_scorers(cfg, tmp_path) as scorers:
        assert scorers == []


def test_language_tool_python_finds_the_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    from language_tool_python.download_lt import LocalLanguageTool

    monkeypatch.setenv("LTP_PATH", str(DEFAULT_DIST))
    jar = LocalLanguageTool.from_version_name(LanguageToolConfig().version).get_jar_path()
    assert jar == DEFAULT_DIST / "LanguageTool-6.7" / "languagetool-server.jar"


def port_open(url: str) -> bool:
    host, port = url.removeprefix("http://").split(":")
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex((host, int(port))) == 0


@pytest.mark.parametrize("raised", [None, RuntimeError, KeyboardInterrupt])
def test_server_stops_on_exit(raised: type[BaseException] | None) -> None:
    procs: list[subprocess.Popen[bytes]] = []
    url = ""
    try:
        with LanguageToolServer(LanguageToolConfig()) as srv:
            assert srv.proc is not None and port_open(srv.url)
            procs.append(srv.proc)
            url = srv.url
            if raised:
                raise raised()
    except (RuntimeError, KeyboardInterrupt) as exc:
        assert raised is not None and isinstance(exc, raised)
    (proc,) = procs
    assert proc.returncode is not None  # waited for: gone, not a zombie
    with pytest.raises(ProcessLookupError):
        os.kill(proc.pid, 0)
    assert not port_open(url)


def test_a_lazy_server_hands_out_its_url_only_once_it_answers() -> None:
    """Two check threads share a lazy server. The one that did not start it must not get the URL of a
    JVM still binding its port: refused, it would retry and then restart a server that was only starting."""
    with LanguageToolServer(LanguageToolConfig(), lazy=True) as srv, ThreadPoolExecutor(2) as pool:
        starting = pool.submit(lambda: srv.url)
        deadline = time.monotonic() + 60
        while srv.proc is None and time.monotonic() < deadline:  # the JVM is launched, not yet ready
            time.sleep(0.005)
        assert srv.proc is not None and not starting.done()
        body = urllib.parse.urlencode({"text": "Ready.", "language": "en-US"}).encode()
        with urllib.request.urlopen(f"{srv.url}/v2/check", body, timeout=30) as r:
            assert r.status == 200, "the second reader waited for the server to answer"
        assert starting.result() == srv.url


def test_missing_jar_says_run_make_setup(tmp_path: Path) -> None:
    with pytest.raises(DependencyError, match="make setup"), LanguageToolServer(LanguageToolConfig(path=str(tmp_path))):
        pass
