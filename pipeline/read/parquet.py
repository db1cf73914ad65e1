"""Parquet: one article per row, read `read.batch_rows` rows at a time with pyarrow.

Only the text, title and id columns are read (read.text_column, title_column, id_column;
`--text-column` etc.). A row's raw "line" is its 1-based row number in the file, so lines.csv
has one row per record. A row whose text is null or blank is consumed as `empty_record`.

A file without the text column, or one pyarrow cannot read, is skipped with one error naming
it. So is a file that breaks part-way (a corrupt page): as with a truncated .jsonl.gz, the rows
read before are not kept (README, Inputs). The title and id columns are optional under their
default names (`title`, `url`); a name you chose that the file lacks is an error.
"""

from __future__ import annotations

from pathlib import Path

from ..config import ReadConfig
from ..errors import InputError
from ..model import Document
from .jsonl import attach, record_document

_DEFAULT = ReadConfig()


def read(path: Path, source: str, cfg: ReadConfig) -> list[Document]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"{source}: not a readable Parquet file ({_first_line(exc)})") from None
    names = pf.schema_arrow.names
    text_col = _column(cfg.text_column, names, source, "text", "--text-column")
    kind = pf.schema_arrow.field(text_col).type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_binary(kind) or pa.types.is_large_binary(kind)):
        raise InputError(f"{source}: column {text_col!r} holds {kind}, not text: name the text column with --text-column (read.text_column)")
    title_col = _optional(cfg.title_column, _DEFAULT.title_column, names, source, "title", "--title-column")
    id_col = _optional(cfg.id_column, _DEFAULT.id_column, names, source, "id", "--id-column")
    columns = list(dict.fromkeys(c for c in (text_col, title_col, id_col) if c))
    docs: list[Document] = []
    consumed: dict[int, str] = {}
    row = 0
    try:
        for batch in pf.iter_batches(batch_size=cfg.batch_rows, columns=columns, use_threads=False):
            data = {c: batch.column(c).to_pylist() for c in columns}
            for k in range(batch.num_rows):
                row += 1
                body = _text(data[text_col][k])
                if body is None:
                    consumed[row] = "bad_record: text is not UTF-8"
                elif not body.strip():
                    consumed[row] = "empty_record"
                else:
                    title = _text(data[title_col][k]) if title_col else ""
                    rid = data[id_col][k] if id_col else None
                    docs.append(record_document(body.replace("\x00", ""), row, source, title or "", "", _id(rid), "parquet"))
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"{source}: corrupt Parquet data after row {row:,} ({_first_line(exc)}); the whole file is skipped: "
                         "re-create or re-download it") from None
    if id_col and id_col.lower() in ("url", "link"):
        for doc in docs:
            doc.url = doc.record
    return attach(docs, consumed)


def _column(name: str, names: list[str], source: str, what: str, flag: str) -> str:
    if name not in names:
        raise InputError(f"{source}: no column {name!r} for the {what} (columns: {', '.join(names) or 'none'}): "
                         f"name it with {flag} (read.{what}_column)")
    return name


def _optional(name: str, default: str, names: list[str], source: str, what: str, flag: str) -> str:
    """An absent column under its default name is no error: not every file has titles or ids."""
    if name in names:
        return name
    if name == default:
        return ""
    return _column(name, names, source, what, flag)


def _text(v: object) -> str | None:
    """A cell as text: "" for null, None for bytes that are not UTF-8."""
    if v is None:
        return ""
    if isinstance(v, bytes):
        try:
            return v.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return str(v)


def _id(v: object) -> str:
    if v is None or isinstance(v, bool):
        return ""
    if isinstance(v, bytes):
        return v.decode("utf-8", "backslashreplace").strip()
    return str(v).strip()


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
