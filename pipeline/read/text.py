"""Plain text: one block per non-blank line.

Scrapes put one paragraph per line; joining lines would glue a caption to the
paragraph under it, which is worse than splitting a hard-wrapped sentence.
"""

from __future__ import annotations

from ..model import Block, Document


def read(content: str, source: str) -> list[Document]:
    blocks = [Block(text=line, line=n) for n, line in enumerate(content.split("\n"), start=1) if line.strip()]
    return [Document(source=source, blocks=blocks, fmt="txt")]
