"""Build a benchmark corpus from the sample: N copies, varied so they are not pure repeats.

Each copy of an article gets its title numbered (so slugs and dedup see new
articles), its sections shuffled, a share of its sentences perturbed (words
swapped or dropped, numbers changed) and, for some, other-language lines mixed in.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

TITLE = re.compile(r"^(?P<title>\S.{3,}?)\s+[–—-]\s+(?P<rest>[^|–—]{2,60}?\s*\|.+)$")
HEADING = re.compile(r"^(?:Method \d+|Step \d+|\d+[.、]|[A-Z][^.!?]{0,60}$)")
ZH = ["长时间低头看手机会增加颈椎的负担。", "每隔一小时起来活动五分钟。", "睡觉时枕头的高度应该适中。", "保持正确的坐姿可以预防腰痛。"]


def articles(sample: str) -> list[tuple[str, str, list[str]]]:
    out: list[tuple[str, str, list[str]]] = []
    for line in sample.splitlines():
        m = TITLE.match(line)
        if m:
            out.append((m.group("title"), m.group("rest"), []))
        elif out and line.strip():
            out[-1][2].append(line)
    return out


def _sections(lines: list[str]) -> list[list[str]]:
    secs: list[list[str]] = [[]]
    for ln in lines:
        if HEADING.match(ln) and secs[-1]:
            secs.append([])
        secs[-1].append(ln)
    return secs


def _perturb(line: str, rng: random.Random) -> str:
    words = line.split(" ")
    if len(words) < 6:
        return line
    k = rng.randrange(3)
    i = rng.randrange(1, len(words) - 2)
    if k == 0:
        words[i], words[i + 1] = words[i + 1], words[i]
    elif k == 1:
        del words[i]
    else:
        words = [str(rng.randint(2, 99)) if w.isdigit() else w for w in words]
    return " ".join(words)


def _edit(line: str, rng: random.Random, rounds: int) -> str:
    for _ in range(rounds):
        line = _perturb(line, rng)
    return line


def copies_of(sample_path: Path, copies: int, seed: int = 0, share: float = 0.3, rounds: int = 1
              ) -> Iterator[tuple[str, str, list[str]]]:
    """(numbered title, "Site | tags", body lines) of every copy of every sample article, in order."""
    rng = random.Random(seed)
    base = articles(sample_path.read_text(encoding="utf-8"))
    for c in range(copies):
        for title, rest, lines in base:
            secs = _sections(lines)
            head, tail = secs[:1], secs[1:]
            rng.shuffle(tail)
            body = [ln for sec in head + tail for ln in sec]
            body = [_edit(ln, rng, rounds) if rng.random() < share else ln for ln in body]
            if rng.random() < 0.2:
                at = rng.randrange(len(body) + 1)
                body[at:at] = rng.sample(ZH, 2)
            yield f"{title} ({c + 1})", rest, body


def build(sample_path: Path, out_dir: Path, copies: int, per_file: int = 50, seed: int = 0, share: float = 0.3, rounds: int = 1
          ) -> tuple[int, int]:
    """Write the corpus; return (articles, non-blank lines). `share` of the lines get `rounds` edits
    each. The default leaves most lines verbatim copies (at x100, 20% of the lines of 6+ words are
    distinct), which the run cache and parsing each distinct text once make cheap; share=1 with 3
    rounds makes 88% distinct, closer to scrapes of many different articles."""
    out_dir.mkdir(parents=True, exist_ok=True)
    buf: list[str] = []
    n_art = n_lines = n_file = 0
    for title, rest, body in copies_of(sample_path, copies, seed, share, rounds):
        buf.append(f"{title} – {rest}\n\n" + "\n\n".join(body) + "\n\n")
        n_art += 1
        n_lines += 1 + len(body)
        if len(buf) >= per_file:
            (out_dir / f"part-{n_file:05d}.txt").write_text("".join(buf), encoding="utf-8")
            buf, n_file = [], n_file + 1
    if buf:
        (out_dir / f"part-{n_file:05d}.txt").write_text("".join(buf), encoding="utf-8")
    return n_art, n_lines


def build_parquet(sample_path: Path, out_file: Path, copies: int, seed: int = 0, share: float = 0.3, rounds: int = 1,
                  rows: int = 1000) -> tuple[int, int]:
    """The same corpus as `build` (same articles, same edits) as one Parquet file: one row per
    article with `url` (made up, unique), `title` and `text` (its lines joined with newlines),
    written `rows` rows at a time (one row group each). Returns (articles, body lines)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("url", pa.string()), ("title", pa.string()), ("text", pa.string())])
    out_file.parent.mkdir(parents=True, exist_ok=True)
    n_art = n_lines = 0
    batch: dict[str, list[str]] = {"url": [], "title": [], "text": []}
    with pq.ParquetWriter(out_file, schema) as writer:
        for title, _, body in copies_of(sample_path, copies, seed, share, rounds):
            batch["url"].append(f"https://bench.example/{n_art}")
            batch["title"].append(title)
            batch["text"].append("\n".join(body))
            n_art += 1
            n_lines += len(body)
            if len(batch["url"]) >= rows:
                writer.write_table(pa.table(batch, schema=schema))
                batch = {k: [] for k in batch}
        if batch["url"]:
            writer.write_table(pa.table(batch, schema=schema))
    return n_art, n_lines
