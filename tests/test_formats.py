"""The ledger in every input format and encoding: each non-blank raw line gets a fate."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from .conftest import load_output, run_cli

pytestmark = pytest.mark.integration

BODY = [
    "Step 1.Stand with your feet shoulder-width apart and keep your back straight.",
    ",You can also sit on a chair if standing is hard for you.",
    "back surgery",
    "Hold the position for ten seconds, then relax your shoulders.",
    "back surgery",
    "Disclaimer: this article is for reference only; contact us to delete any infringement.",
]


def _files(d: Path) -> dict[str, int]:
    """Write one small scrape per format; return name -> number of raw lines."""
    txt = "Neck stretches – Health Site | health/neck\n\n" + "\n\n".join(BODY) + "\n"
    (d / "a.txt").write_bytes(txt.replace("\n", "\r\n").encode("utf-8"))
    (d / "b.txt").write_bytes(("颈部拉伸 notes – Health Site | health/neck\n\n" + "\n".join(BODY) + "\n").encode("gb18030"))
    (d / "c.md").write_text("---\ntitle: Neck stretches\n---\n# Neck stretches\n\n## Step one\n\n" + "\n\n".join(f"- {b}" if i == 1 else b for i, b in enumerate(BODY)) + "\n\n```\nprint('x')\n```\n", encoding="utf-8")
    recs = [{"title": "Neck stretches", "url": "http://example.com/a", "text": "\n".join(BODY)}, "not json", {"title": "Empty", "text": ""},
            {"title": "Back care", "text": "Keep your back straight when lifting heavy things from the floor."}]
    (d / "d.jsonl").write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    html = ("<!doctype html>\n<html><head><title>Neck stretches</title>\n<script>var a = '<p>not text</p>';</script>\n</head>\n<body>\n"
            "<h1>Neck stretches</h1>\n" + "\n".join(f"<p>{b}</p>" for b in BODY) + "\n<p>Drink a café crème after the stretches, not before.</p>\n<ul>\n<li>Rest when it hurts.</li>\n</ul>\n</body></html>\n")
    (d / "e.html").write_bytes(html.encode("latin-1", errors="replace"))
    return {p.name: p.read_bytes().replace(b"\r\n", b"\n").decode("utf-8", errors="replace").count("\n") for p in d.iterdir()}


@pytest.fixture(scope="module")
def formats_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One run over a folder holding a file of every format; (input folder, output folder)."""
    tmp = tmp_path_factory.mktemp("formats")
    inp = tmp / "in"
    inp.mkdir()
    _files(inp)
    code, _, err = run_cli([inp], tmp / "out", "--no-grammar")
    assert code == 0, err
    return inp, tmp / "out"


def test_every_format_accounts_for_every_line(formats_run: tuple[Path, Path]) -> None:
    inp, outdir = formats_run
    out = load_output(outdir)
    lines = out.lines
    for path in sorted(inp.iterdir()):
        text = path.read_bytes().decode("gb18030" if path.name == "b.txt" else "utf-8", errors="replace")
        want = {i for i, ln in enumerate(text.replace("\r\n", "\n").split("\n"), 1) if ln.strip()}
        got = set(lines[lines.source == path.name]["line"])
        assert want == got, (path.name, sorted(want ^ got))
    fates = dict(zip(zip(lines.source, lines.line), zip(lines.fate, lines.reason)))
    assert fates[("d.jsonl", 2)][0] == "consumed" and fates[("d.jsonl", 2)][1].startswith("bad_record")
    assert fates[("e.html", 3)] == ("consumed", "markup"), "the script line is markup, not text"
    assert fates[("c.md", 1)] == ("consumed", "front_matter")
    assert not (out.sentences.text.str.contains("not text")).any()
    # Every format's caption lines are boilerplate and the glued step was repaired.
    assert (out.sentences[out.sentences.cleaned == "back surgery"]["verdict"] == "boilerplate").all()
    assert out.sentences.cleaned.str.contains(r"^Stand with your feet").any()


def test_encodings_are_reported(formats_run: tuple[Path, Path]) -> None:
    arts = pd.read_csv(formats_run[1] / "reports" / "articles.csv", keep_default_na=False)
    enc = dict(zip(arts.source, arts.encoding))
    assert enc["a.txt"] == "utf-8" and enc["b.txt"] == "gb18030" and enc["e.html"] in ("cp1252", "latin-1", "iso8859_1")
