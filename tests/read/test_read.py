"""Readers: every format and encoding the issue names, and the lines they account for."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import ReadConfig
from pipeline.errors import InputError
from pipeline.read import decode, discover, read_file

CFG = ReadConfig()
TEXT = "Back pain – Health Site | health/back\n\nStep 1.Stand up straight.\n,You can also sit.\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_unicode_encodings_and_line_endings(tmp_path: Path, data: bytes, encoding: str) -> None:
    (doc,) = read_file(_write(tmp_path, "a.txt", data), tmp_path, CFG)
    assert doc.encoding == encoding
    assert [(b.line, b.text) for b in doc.blocks] == [
        (1, "Back pain – Health Site | health/back"), (3, "Step 1.Stand up straight."), (4, ",You can also sit.")]


def test_gbk_text() -> None:
    zh = "颈椎病的预防方法有很多，首先要保持正确的坐姿。其次，每天坚持锻炼身体。"
    text, enc = decode(zh.encode("gbk"))
    assert text == zh and enc in ("gb18030", "gbk", "gb2312")


def test_latin1_text() -> None:
    fr = "Le café est très chaud, et la crème brûlée aussi. Déjà vu à l'hôtel."
    text, _ = decode(fr.encode("latin-1"))
    assert text == fr


def test_mixed_line_endings_keep_line_numbers(tmp_path: Path) -> None:
    (doc,) = read_file(_write(tmp_path, "m.txt", b"one\r\ntwo\rthree\n\nfive"), tmp_path, CFG)
    assert [(b.line, b.text) for b in doc.blocks] == [(1, "one"), (2, "two"), (3, "three"), (5, "five")]


@pytest.mark.parametrize(("data", "needle"), [(b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG"), (bytes(range(32)) * 20, "control bytes"), (b"  \n\n", "empty")])
def test_unreadable_files_raise_input_error_naming_the_file(tmp_path: Path, data: bytes, needle: str) -> None:
    with pytest.raises(InputError, match=needle) as err:
        read_file(_write(tmp_path, "bad.txt", data), tmp_path, CFG)
    assert str(err.value).startswith("bad.txt: ")


def test_nul_bytes_are_removed(tmp_path: Path) -> None:
    (doc,) = read_file(_write(tmp_path, "n.txt", b"hel\x00lo world\n"), tmp_path, CFG)
    assert doc.blocks[0].text == "hello world"


def test_markdown_blocks_hints_and_consumed_lines(tmp_path: Path) -> None:
    md = "---\ntitle: Neck care\n---\n# Neck care\n\nFirst line\nwraps here with a [link](http://x).\n\n## Step one\n- Sit **up**.\n\n```\ncode\n```\n"
    (doc,) = read_file(_write(tmp_path, "a.md", md.encode()), tmp_path, CFG)
    assert doc.title == "Neck care"
    assert [(b.line, b.hint, b.text) for b in doc.blocks] == [
        (4, "heading:1", "Neck care"), (6, "", "First line\nwraps here with a link."), (9, "heading:2", "Step one"), (10, "list", "Sit up.")]
    assert doc.consumed == {1: "front_matter", 2: "front_matter", 3: "front_matter", 12: "code", 13: "code", 14: "code"}


def test_jsonl_records_bad_record_is_consumed_not_fatal(tmp_path: Path) -> None:
    data = b'{"title": "A", "text": "One.\\nTwo.", "url": "http://a"}\n{broken\n{"title": "B", "text": "Three."}\n'
    docs = read_file(_write(tmp_path, "a.jsonl", data), tmp_path, CFG)
    assert [(d.title, d.url, [(b.line, b.text) for b in d.blocks]) for d in docs] == [
        ("A", "http://a", [(1, "One."), (1, "Two.")]), ("B", "", [(3, "Three.")])]
    assert docs[0].consumed[2].startswith("bad_record")


def test_html_text_hints_lines_and_markup(tmp_path: Path) -> None:
    html = ("<html><head><title>Neck</title><script>var x = '<p>no</p>';</script></head>\n<body>\n<h2>Step 1</h2>\n"
            "<p>Sit with <a href='#'>the</a> back\nstraight.</p>\n<ul><li>One</li></ul>\n</body></html>\n")
    (doc,) = read_file(_write(tmp_path, "a.html", html.encode()), tmp_path, CFG)
    assert doc.title == "Neck"
    assert [(b.line, b.end_line, b.hint, b.text) for b in doc.blocks] == [
        (3, 3, "heading:2", "Step 1"), (4, 5, "", "Sit with the back straight."), (6, 6, "list", "One")]
    assert set(doc.consumed) == {1, 2, 7}, "markup-only lines are accounted for"


def test_discover_is_sorted_skips_hidden_and_outside_symlinks(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / ".hidden").mkdir()
    for p in ("b.txt", "a.md", "sub/c.jsonl", ".hidden/x.txt", "notes.csv"):
        (root / p).write_text("x")
    outside = tmp_path / "secret.txt"
    outside.write_text("x")
    (root / "link.txt").symlink_to(outside)
    found = [p.relative_to(root).as_posix() for p, _ in discover([root], CFG)]
    assert found == ["a.md", "b.txt", "sub/c.jsonl"]


def test_discover_missing_input() -> None:
    with pytest.raises(InputError, match="does not exist"):
        list(discover([Path("/no/such/dir")], CFG))
