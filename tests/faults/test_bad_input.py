"""Bad input, generated here (nothing large is committed): each kind gives a correct result or a
recorded skip with a reason, never a traceback, and the good file next to it is still cleaned.

Every case runs twice: alone beside a good scrape (so a failure names its kind), and all together
in one batch (so one bad file cannot sink the others).
"""

from __future__ import annotations

import json
import os
import random
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from ..conftest import RunOutput
from .conftest import GOOD_NAME, GOOD_TEXT, TALLY, check_ledger, raw_lines, run_ok

pytestmark = pytest.mark.integration


def png() -> bytes:
    """A real 1x1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def texts(out: RunOutput, source: str) -> list[str]:
    """Raw text of every sentence and heading row of one source, in order."""
    s = out.sentences
    return list(s[s.source == source].text)


def line_of(out: RunOutput, source: str, text: str) -> int:
    s = out.sentences
    rows = s[(s.source == source) & (s.text == text)]
    assert len(rows) == 1, (text, list(s[s.source == source].text))
    return int(rows.line.iloc[0])


def fate(out: RunOutput, source: str, line: int) -> tuple[str, str]:
    ln = out.lines
    row = ln[(ln.source == source) & (ln.line == line)]
    assert len(row) == 1, (source, line)
    return row.fate.iloc[0], row.reason.iloc[0]


def encoding_of(out: RunOutput, source: str) -> str:
    import pandas as pd

    arts = pd.read_csv(out.reports / "articles.csv", keep_default_na=False)
    (enc,) = set(arts[arts.source == source].encoding)
    return enc


@dataclass(frozen=True)
class Case:
    kind: str
    name: str
    data: bytes
    encoding: str = ""  # how this test decodes the file to count its raw lines; "" when it is skipped
    skip: str = ""  # words the recorded skip reason holds
    check: Callable[[RunOutput, str], None] | None = None  # what a correct result looks like

    def __post_init__(self) -> None:
        assert bool(self.encoding) != bool(self.skip), self.kind


# -- what a correct result is, per kind ----------------------------------------------------------

ZH = "颈椎病的预防方法有很多，首先要保持正确的坐姿。"
EN_AFTER_ZH = "Keep your back straight when you sit at a desk for a long time."


def _gbk(out: RunOutput, src: str) -> None:
    assert ZH in texts(out, src) and EN_AFTER_ZH in texts(out, src)
    assert encoding_of(out, src) in ("gb18030", "gbk", "gb2312")


FR = ["Drink a café crème after the stretches, not before.", "The crème brûlée is très bon, à la française."]


def _latin1(out: RunOutput, src: str) -> None:
    assert texts(out, src) == FR
    assert encoding_of(out, src) in ("cp1252", "latin-1", "latin_1", "iso8859_1", "iso8859_15")
    md = "\n".join(p.read_text(encoding="utf-8") for p in out.cleaned.glob("*.md"))
    assert "café crème" in md and "brûlée" in md


U16 = ["Sit up straight and relax your shoulders.", "Stand up every hour — façade, naïve, 颈椎, 😀."]


def _utf16(out: RunOutput, src: str) -> None:
    assert texts(out, src)[-2:] == U16
    assert encoding_of(out, src) == "utf-16"


def _utf8_bom(out: RunOutput, src: str) -> None:
    assert not any("\ufeff" in t for t in texts(out, src))
    assert encoding_of(out, src) == "utf-8-sig"


def _endings(out: RunOutput, src: str) -> None:
    # CRLF, CR and LF each end one line; a CR-LF pair is one line end, a LF-CR pair two.
    want = {"First line after a CRLF.": 3, "Second line after a CR.": 4, "Third line after an LF.": 5, "Fourth line after blank lines.": 8}
    for text, line in want.items():
        assert line_of(out, src, text) == line


def _nul(out: RunOutput, src: str) -> None:
    assert "The scraper left a NUL byte in this sentence about posture." in texts(out, src)
    assert not out.sentences.text.str.contains("\x00").any()


def _jsonl(out: RunOutput, src: str) -> None:
    import pandas as pd

    arts = pd.read_csv(out.reports / "articles.csv", keep_default_na=False)
    assert sorted(arts[arts.source == src].title) == ["Good one", "Good two"]
    for line in (2, 3, 5, 6, 8):
        f, why = fate(out, src, line)
        assert f == "consumed" and why.startswith("bad_record"), (line, f, why)
    assert fate(out, src, 4) == ("consumed", "empty_record")
    assert texts(out, src) == ["Keep your back straight when lifting heavy boxes.", "Walk for twenty minutes every day.", "Stretch before you run."]


def _html(out: RunOutput, src: str) -> None:
    got = " ".join(texts(out, src))
    for visible in ("Sit up straight at your desk.", "Relax your shoulders every hour", "Stand up and walk around.", "Drink water often."):
        assert visible in got, visible
    for hidden in ("not text", "color", "alert", "Hidden in the comment", "<!--", "<p>", "</div>"):
        assert hidden not in got, hidden
    for line in (2, 3, 4, 5, 6):  # <style> and <script> lines
        assert fate(out, src, line) == ("consumed", "markup")


def _open_script(out: RunOutput, src: str) -> None:
    assert texts(out, src) == ["Before the script."]
    assert fate(out, src, 3) == ("consumed", "markup")


LONG = " ".join(random.Random(3).choice(["back", "pain", "the", "stretch", "slowly", "your", "neck", "and", "hold",
                                          "keep", "muscles", "relax", "every", "day"]) for _ in range(3000))


def _long_sentence(out: RunOutput, src: str) -> None:
    s = out.sentences
    rows = s[(s.source == src) & (s.line == 3)]
    # However the parser cut it, its pieces re-join to the whole raw line, word for word.
    assert " ".join(rows.text).split() == LONG.split()
    assert rows.garble_score.between(0, 1).all()


PUNCT = ["!!!???...", "— – - … ·", ",,,,;;;;::::", "。，、！？", "()[]{}<>", "\"'`´", "*** ### ---", "....", "!", "?"]


def _punct(out: RunOutput, src: str) -> None:
    assert out.sentences[out.sentences.source == src].garble_score.between(0, 1).all()
    md = "\n".join(p.read_text(encoding="utf-8") for p in out.cleaned.glob("*.md"))
    assert "<>" not in md, "scraped angle brackets must not become markup"


RTL = ["حافظ على ظهرك مستقيما عند الجلوس.", "שמור על הגב ישר כשאתה יושב.", "\u202eEvil override text\u202c",
       "Mixed English and العربية in one line, with \u200fmarks\u200e."]


def _rtl(out: RunOutput, src: str) -> None:
    assert texts(out, src) == RTL, "right-to-left text and bidi controls are kept as written, in logical order"
    import pandas as pd

    arts = pd.read_csv(out.reports / "articles.csv", keep_default_na=False)
    (path,) = arts[arts.source == src].cleaned_path
    assert path.isascii() and "\u202e" not in path


EMOJI = ["Stretch your neck 🙆🏽 every morning 👍.", "👨‍👩‍👧‍👦🏳️‍🌈🇫🇷", "Feel better 😀😀😀 soon!"]


def _emoji(out: RunOutput, src: str) -> None:
    assert texts(out, src) == EMOJI
    md = "\n".join(p.read_text(encoding="utf-8") for p in out.cleaned.glob("*.md"))
    assert all(e in md for e in EMOJI)


def _invisible(out: RunOutput, src: str) -> None:
    for line in (3, 4, 6):
        assert fate(out, src, line) == ("dropped", "empty")
    assert fate(out, src, 5)[0] == "kept"


def _fence(out: RunOutput, src: str) -> None:
    assert texts(out, src) == ["Text before the fence."]
    assert [fate(out, src, n) for n in (5, 6, 7)] == [("consumed", "code")] * 3


def _has(out: RunOutput, src: str, text: str) -> None:
    assert text in texts(out, src), texts(out, src)


def _deep(out: RunOutput, src: str) -> None:
    assert "Deep text here." in texts(out, src)


# -- the corpus ------------------------------------------------------------------------------------

HTML = b"""<html><head><title>Posture tips</title>
<style>p { color: red }
</style>
<script>document.write("<p>not text</p>");
var x = "</div>";
</script></head>
<body><div><p>Sit up straight at your desk.
<p>Relax your shoulders <b>every hour
<li>Stand up and walk around.
<script>alert("<b>still not text</b>")</script>
<div>Drink water often.
<!-- a comment that is never closed
<p>Hidden in the comment.
"""

JSONL = "\n".join([
    json.dumps({"title": "Good one", "text": "Keep your back straight when lifting heavy boxes."}),
    '{"title": "Broken", "text": "This record is cut',
    "[1, 2, 3]",
    json.dumps({"title": "Number", "text": 5}),
    "{'single': 'quotes'}",
    "garbage \x01 line",
    json.dumps({"title": "Good two", "text": "Walk for twenty minutes every day.\nStretch before you run."}),
    '{"text": "trailing',
]).encode()

CASES = [
    Case("empty file", "empty.txt", b"", skip="file is empty"),
    Case("blank lines only", "blank.md", b"  \n\t\n\r\n   ", skip="file is empty"),
    Case("PNG renamed .txt", "image.txt", png(), skip="looks like a PNG image"),
    Case("random bytes", "noise.txt", random.Random(7).randbytes(4096), skip="not a text file"),
    Case("UTF-16 without a BOM", "utf16-nobom.txt", "Sit up straight.\nStand up every hour.\n".encode("utf-16-le"), skip="not a text file"),
    Case("GBK", "gbk.txt", f"颈椎病的预防 – 健康网 | health/neck\n\n{ZH}\n{EN_AFTER_ZH}\n".encode("gbk"), "gbk", check=_gbk),
    Case("Latin-1", "latin1.txt", ("Café notes\n\n" + "\n".join(FR) + "\n").encode("latin-1"), "latin-1", check=_latin1),
    Case("UTF-16 with BOM", "utf16.md", ("# Stretching at work\n\n" + "\n\n".join(U16) + "\n").encode("utf-16"), "utf-16", check=_utf16),
    Case("UTF-8 with BOM", "bom.txt", b"\xef\xbb\xbf" + GOOD_TEXT.replace("Neck", "Back").encode(), "utf-8-sig", check=_utf8_bom),
    Case("mixed CRLF/CR/LF", "endings.txt",
         b"Line endings test\r\n\r\nFirst line after a CRLF.\rSecond line after a CR.\nThird line after an LF.\r\n\r\rFourth line after blank lines.\r",
         "utf-8", check=_endings),
    Case("NUL bytes", "nul.txt", b"Stray NULs\n\nThe scraper left a\x00 NUL byte in this sentence about posture.\n\x00\x00\nKeep your chin tucked in.\n",
         "utf-8", check=_nul),
    Case("malformed JSONL", "broken.jsonl", JSONL, "utf-8", check=_jsonl),
    Case("JSONL with no good record", "allbad.jsonl", b'{"a": \n[1]\nnot json\n', skip="no text found"),
    Case("HTML with unclosed tags, scripts, an open comment", "broken.html", HTML, "utf-8", check=_html),
    Case("HTML ending inside a script", "openscript.html", b'<p>Before the script.</p>\n<script>var a = 1;\nvar b = "<p>hidden</p>";\n',
         "utf-8", check=_open_script),
    Case("HTML nested 3000 deep", "deep.html", ("<html><body>" + "<div>" * 3000 + "<p>Deep text here.</p>" + "\n</div>" * 10 + "\n").encode(),
         "utf-8", check=_deep),
    Case("Markdown with an unclosed code fence", "fence.md", b"# Fenced\n\nText before the fence.\n\n```\ncode never closed\nmore code\n",
         "utf-8", check=_fence),
    Case("Markdown front matter never closed", "frontmatter.md", b"---\ntitle: Never closed\nauthor: someone\n\nBody text after a front matter block that never closes.\n",
         "utf-8", check=lambda out, src: _has(out, src, "Body text after a front matter block that never closes.")),
    Case("3000-word sentence, no punctuation", "longsentence.txt", f"A very long line\n\n{LONG}\n".encode(), "utf-8", check=_long_sentence),
    Case("all punctuation", "punct.txt", ("\n".join(PUNCT) + "\n").encode(), "utf-8", check=_punct),
    Case("right-to-left (Arabic, Hebrew, bidi controls)", "rtl.txt", ("نصائح للظهر – موقع الصحة | صحة/ظهر\n\n" + "\n".join(RTL) + "\n").encode(),
         "utf-8", check=_rtl),
    Case("emoji (ZWJ sequences, flags, skin tones)", "emoji.md", ("# Stretch 💪 every day 🧘‍♀️\n\n" + "\n\n".join(EMOJI) + "\n").encode(),
         "utf-8", check=_emoji),
    Case("invisible-only lines", "invisible.txt", "Title line\n\n\u200b\u200b\n\ufeff\nReal sentence here about the spine.\n\u00ad\n".encode(),
         "utf-8", check=_invisible),
]


def _write(folder: Path, cases: list[Case]) -> None:
    folder.mkdir(parents=True)
    (folder / GOOD_NAME).write_text(GOOD_TEXT, encoding="utf-8")
    for c in cases:
        (folder / c.name).write_bytes(c.data)


def _check(out: RunOutput, err: str, cases: list[Case]) -> None:
    read = {GOOD_NAME: raw_lines(GOOD_TEXT.encode(), "utf-8")}
    read.update({c.name: raw_lines(c.data, c.encoding) for c in cases if c.encoding})
    check_ledger(out, read, {c.name: c.skip for c in cases if c.skip})
    for c in cases:
        if c.skip:
            assert f"Warning: skipped {c.name}: " in err, err
        elif c.check:
            c.check(out, c.name)
    # The good scrape beside them came through whole.
    assert "Hold the position for ten seconds, then relax your shoulders." in texts(out, GOOD_NAME)
    assert (out.cleaned / "neck-stretches.md").is_file()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_kind_alone(tmp_path: Path, case: Case) -> None:
    _write(tmp_path / "in", [case])
    out, err = run_ok([tmp_path / "in"], tmp_path / "out")
    _check(out, err, [case])
    TALLY.kinds.add(case.kind)


def test_all_kinds_in_one_batch(tmp_path: Path) -> None:
    _write(tmp_path / "in", CASES)
    out, err = run_ok([tmp_path / "in"], tmp_path / "out")
    _check(out, err, CASES)
    assert len(out.summary["skipped"]) == sum(bool(c.skip) for c in CASES)


# -- files that change under the run ---------------------------------------------------------------


def _victims(tmp_path: Path) -> Path:
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a-good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (inp / "b-victim.txt").write_text(GOOD_TEXT.replace("Neck", "Shoulder"), encoding="utf-8")
    (inp / "c-good.txt").write_text(GOOD_TEXT.replace("Neck", "Knee"), encoding="utf-8")
    return inp


def _discover_then(monkeypatch: pytest.MonkeyPatch, victim: str, act: Callable[[Path], None]) -> None:
    """Act on `victim` after discovery found it and before the reader opens it."""
    import pipeline.run

    real = pipeline.run.discover

    def discover(inputs, cfg):  # type: ignore[no-untyped-def]
        for path, root in real(inputs, cfg):
            if path.name == victim:
                act(path)
            yield path, root

    monkeypatch.setattr(pipeline.run, "discover", discover)


def _survivors(out: RunOutput, victim: str, reason: str, err: str) -> None:
    good = raw_lines(GOOD_TEXT.encode(), "utf-8")
    check_ledger(out, {"a-good.txt": good, "c-good.txt": good}, {victim: reason})
    assert f"Warning: skipped {victim}: " in err
    assert sorted(p.name for p in out.cleaned.glob("*.md")) == ["knee-stretches.md", "neck-stretches.md"]


def test_file_deleted_after_discovery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inp = _victims(tmp_path)
    _discover_then(monkeypatch, "b-victim.txt", lambda p: p.unlink())
    TALLY.fault("file vanishes between discover and read")
    out, err = run_ok([inp], tmp_path / "out")
    _survivors(out, "b-victim.txt", "cannot read file", err)


def test_file_unreadable_after_discovery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000 does not stop root, so the read itself is made to fail as it would for a user."""
    inp = _victims(tmp_path)
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "b-victim.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    TALLY.fault("file unreadable (EACCES) at read time")
    out, err = run_ok([inp], tmp_path / "out")
    _survivors(out, "b-victim.txt", "Permission denied", err)


def test_file_replaced_by_a_folder_after_discovery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def swap(p: Path) -> None:
        p.unlink()
        p.mkdir()

    inp = _victims(tmp_path)
    _discover_then(monkeypatch, "b-victim.txt", swap)
    TALLY.fault("file replaced by a folder between discover and read")
    out, err = run_ok([inp], tmp_path / "out")
    _survivors(out, "b-victim.txt", "not a regular file", err)


def test_named_pipe_is_skipped_not_waited_on(tmp_path: Path) -> None:
    """A FIFO named like a scrape would block the reader forever."""
    inp = _victims(tmp_path)
    (inp / "b-victim.txt").unlink()
    os.mkfifo(inp / "b-victim.txt")
    TALLY.fault("named pipe among the inputs")
    out, err = run_ok([inp], tmp_path / "out")
    _survivors(out, "b-victim.txt", "not a regular file", err)


def test_file_truncated_after_discovery(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inp = _victims(tmp_path)
    _discover_then(monkeypatch, "b-victim.txt", lambda p: p.write_bytes(b""))
    TALLY.fault("file emptied between discover and read")
    out, err = run_ok([inp], tmp_path / "out")
    _survivors(out, "b-victim.txt", "file is empty", err)


def test_file_names_that_are_not_utf8_or_hold_newlines(tmp_path: Path) -> None:
    """Names from another system's zip: shown with \\x escapes in every report, never a crash at write time."""
    inp = tmp_path / "in"
    inp.mkdir()
    odd = {b"caf\xe9 notes.txt": GOOD_TEXT.replace("Neck", "Hip").encode(), b"\xff\xfe.txt": b"",
           'new\nline, "quoted".txt'.encode(): GOOD_TEXT.replace("Neck", "Knee").encode()}
    for name, data in odd.items():
        with open(os.path.join(os.fsencode(inp), name), "wb") as fh:
            fh.write(data)
    (inp / GOOD_NAME).write_text(GOOD_TEXT, encoding="utf-8")
    TALLY.kinds.update({"file name not UTF-8", "file name with a newline and quotes"})
    out, err = run_ok([inp], tmp_path / "out")
    good = raw_lines(GOOD_TEXT.encode(), "utf-8")
    check_ledger(out, {"caf\\xe9 notes.txt": good, 'new\nline, "quoted".txt': good, GOOD_NAME: good}, {"\\xff\\xfe.txt": "file is empty"})
    assert "Warning: skipped \\xff\\xfe.txt: " in err
    assert sorted(p.name for p in out.cleaned.glob("*.md")) == ["hip-stretches.md", "knee-stretches.md", "neck-stretches.md"]
