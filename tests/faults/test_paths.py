"""Safety of paths and output: titles become safe, unique, stable file names; symlinks do not lead
out of the input; an output folder that cannot be one fails with one line before any work; a
write that fails (a full disk) fails with one line and leaves no temp behind."""

from __future__ import annotations

import errno
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model import Article
from pipeline.segment.articles import assign_ids, slugify
from pipeline.write.markdown import render

from .conftest import GOOD_TEXT, TALLY, check_ledger, front_matter, good_text, invoke, one_error_line, raw_lines, run_ok

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"{p}{i}" for p in ("com", "lpt") for i in range(10))}
NASTY_TITLES = [
    "../../etc/passwd", "..\\..\\windows\\system32", "/absolute/path", "~/.ssh/id_rsa", ".", "..", "...", "", " ",
    "CON", "con", "Con.md", "PRN", "aux", "NUL", "COM1", "lpt9", "con-2", "a" * 300, "word " * 100, "💪🧘‍♀️",
    "نصائح للظهر", "שלום עולם", "\u202eevil\u202c", "颈椎病的预防", "Ünïcödé Çafé", "tab\there", "new\nline",
    "nul\x00byte", "semi;colon|pipe<>:\"?*", "-leading-and-trailing-", "UPPER lower 123",
]
titles = st.one_of(st.sampled_from(NASTY_TITLES), st.text(max_size=120),
                   st.lists(st.sampled_from(["..", "/", "\\", "con", "a", "Ü", "💪", "-", " ", ".", "x" * 90]), max_size=12).map("".join))


def _safe(slug: str) -> None:
    assert SLUG.fullmatch(slug), slug
    assert len(slug) <= 80 + 8, slug  # the slug's limit, plus room for a clash suffix
    assert slug not in WINDOWS_RESERVED, slug
    folder = Path("/srv/cleaned")
    assert (folder / f"{slug}.md").resolve().parent == folder


@settings(max_examples=300, deadline=None)
@given(titles)
def test_slug_is_a_safe_file_name_and_the_same_every_time(title: str) -> None:
    slug = slugify(title)
    _safe(slug)
    assert len(slug) <= 80
    assert slugify(title) == slug


@settings(max_examples=200, deadline=None)
@given(st.lists(titles, max_size=30))
def test_ids_are_unique_safe_and_stable(names: list[str]) -> None:
    def ids() -> list[str]:
        arts = [Article(id="", source="s.txt", title=t, line=1) for t in names]
        assign_ids(arts)
        return [a.id for a in arts]

    got = ids()
    assert len(set(got)) == len(got), got
    assert ids() == got
    for slug in got:
        _safe(slug)


def test_a_title_that_looks_like_a_clash_suffix_does_not_clash() -> None:
    arts = [Article(id="", source="s.txt", title=t, line=1) for t in ["Back pain", "Back pain 2", "Back pain", "back-pain-2"]]
    assign_ids(arts)
    assert [a.id for a in arts] == ["back-pain", "back-pain-2", "back-pain-3", "back-pain-2-2"]


@settings(max_examples=100, deadline=None)
@given(titles, titles, titles)
def test_front_matter_survives_any_title(title: str, source: str, url: str) -> None:
    """A cleaned file's front matter parses and gives the title back, whatever the scrape put in it."""
    art = Article(id="x", source=source, title=title, line=1, url=url, tags=[title, "a,b"], site=source)
    text = render(art)
    head, sep, _ = text[4:].partition("\n---\n")
    assert text.startswith("---\n") and sep
    fm = dict(line.split(": ", 1) for line in head.split("\n"))
    assert json.loads(fm["title"]) == title and json.loads(fm["source"]) == source


@pytest.mark.integration
def test_hostile_titles_end_to_end(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    heads = ["../../etc/passwd", "CON.", "con !", "Back pain", "Back pain 2", "Back pain", "back-pain-2", "x" * 200, "💪🧘‍♀️", "نصائح للظهر"]
    (inp / "a.txt").write_text("".join(good_text(t + " guide" if t.startswith("x") else t) for t in heads), encoding="utf-8")
    recs = [{"title": "Evil\n---\ngenerator: other\n# injected", "url": "javascript:alert(1)", "text": "Stand up every hour."},
            {"title": "../../../tmp/escape", "text": "Sit up straight."}]
    (inp / "b.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    out, _ = run_ok([inp], tmp_path / "out")
    written = sorted(p.name for p in out.cleaned.iterdir())
    assert len(written) == len(heads) + len(recs), written
    for name in written:
        assert name.endswith(".md")
        _safe(name[:-3])
        front_matter(out.cleaned / name)
    evil = front_matter(out.cleaned / "evil-generator-other-injected.md")
    assert json.loads(evil["title"]) == recs[0]["title"] and json.loads(evil["url"]) == "javascript:alert(1)"
    # Nothing was written outside the output folders.
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md")) == sorted([f"out/cleaned/{n}" for n in written] + ["out/reports/report.md"])
    check_ledger(out, {"a.txt": raw_lines((inp / "a.txt").read_bytes(), "utf-8"), "b.jsonl": {1, 2}})


# -- symlinks --------------------------------------------------------------------------------------


@pytest.mark.integration
def test_symlinks_out_of_the_input_are_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "passwords.txt").write_text("The secret password is swordfish and nobody knows it.\n")
    inp = tmp_path / "in"
    (inp / "sub").mkdir(parents=True)
    (inp / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (inp / "inside.txt").write_text(good_text("Knee stretches"), encoding="utf-8")
    (inp / "link-out.txt").symlink_to(secret / "passwords.txt")
    (inp / "sub" / "relative-out.txt").symlink_to("../../secret/passwords.txt")
    (inp / "dir-out").symlink_to(secret, target_is_directory=True)
    (inp / "link-in.txt").symlink_to(inp / "inside.txt")  # inside the root: followed
    (inp / "loop.txt").symlink_to(inp / "loop2.txt")
    (inp / "loop2.txt").symlink_to(inp / "loop.txt")
    (inp / "dangling.txt").symlink_to(inp / "gone.txt")
    TALLY.fault("symlinks out of the input, a symlink loop, a dangling symlink", 5)
    out, err = run_ok([inp], tmp_path / "out")
    assert "swordfish" not in (tmp_path / "out" / "reports" / "sentences.csv").read_text()
    assert not any("swordfish" in p.read_text() for p in out.cleaned.glob("*.md"))
    good = raw_lines(GOOD_TEXT.encode(), "utf-8")
    check_ledger(out, {"good.txt": good, "inside.txt": good, "link-in.txt": good},
                 {"loop.txt": "cannot read file", "loop2.txt": "cannot read file", "dangling.txt": "cannot read file"})
    assert "Traceback" not in err


# -- output folders and failed writes --------------------------------------------------------------


@pytest.mark.parametrize("which", ["--cleaned", "--reports", "parent"])
def test_output_folder_that_is_a_file_is_one_error_line(tmp_path: Path, which: str) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")
    blocker = tmp_path / ("out" if which == "parent" else which.strip("-"))
    blocker.write_text("I am a file\n")
    cleaned = tmp_path / "out" / "cleaned" if which == "parent" else tmp_path / "cleaned"
    reports = tmp_path / "reports-dir" if which != "--reports" else tmp_path / "reports"
    TALLY.fault(f"output folder is a file ({which})")
    res = invoke("run", str(tmp_path / "in"), "--cleaned", str(cleaned), "--reports", str(reports), "--no-grammar", "--quiet")
    assert res.exit_code == 1
    line = one_error_line(res)
    assert "not a folder" in line and str(blocker) in line, line
    assert blocker.read_text() == "I am a file\n", "the file in the way is left alone"
    assert not (tmp_path / "reports-dir").exists(), "nothing written: the check comes before the work"


@pytest.mark.integration
def test_a_full_disk_is_one_error_line_and_leaves_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.write.atomic as atomic

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD_TEXT, encoding="utf-8")

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    TALLY.fault("disk full while writing")
    res = invoke("run", str(tmp_path / "in"), "--cleaned", str(tmp_path / "c"), "--reports", str(tmp_path / "r"),
                 "--no-grammar", "--quiet", "--set", f"cache.dir={tmp_path / 'cache'}")
    assert res.exit_code == 1
    line = one_error_line(res)
    assert "No space left on device" in line and "neck-stretches.md" in line, line
    assert list((tmp_path / "c").iterdir()) == [], "no temp file, no half file"
