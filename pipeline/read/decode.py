"""Bytes -> text: BOMs, UTF-8, then the configured legacy encodings, chosen by charset detection.

GB18030 and Latin-1 decode almost any byte string, so "it decoded" proves
nothing; charset_normalizer's chaos measure picks the most plausible candidate.
"""

from __future__ import annotations

import codecs

from ..errors import InputError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_MAGIC = {b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"%PDF": "a PDF",
          b"PK\x03\x04": "a zip archive", b"\x1f\x8b": "a gzip archive", b"\x7fELF": "an executable"}
DEFAULT_ENCODINGS = ["utf-8", "gb18030", "cp1252", "latin-1"]


def decode(data: bytes, encodings: list[str] | None = None) -> tuple[str, str]:
    """Return (text with "\\n" line ends, encoding name). Raise InputError for binary data."""
    for bom, enc in _BOMS:  # UTF-32-LE's BOM starts with UTF-16-LE's, so order matters
        if data.startswith(bom):
            try:
                return _lines(data.decode(enc)), enc
            except UnicodeDecodeError:
                raise InputError(f"starts with a {enc} byte-order mark but is not valid {enc}") from None
    _reject_binary(data)
    try:
        return _lines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    candidates = [e for e in (encodings or DEFAULT_ENCODINGS) if e.lower().replace("-", "") != "utf8"]
    text, enc = _best_legacy(data, candidates)
    return _lines(text), enc


def _reject_binary(data: bytes) -> None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"not a text file (looks like {what})")
    head = data[:65536]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls > max(8, 0.05 * len(head)):  # a few stray control bytes are damage, not binary
        raise InputError(f"not a text file ({controls} control bytes in the first {len(head)})")


def _best_legacy(data: bytes, candidates: list[str]) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=candidates).best()
    if best is not None:
        return str(best), best.encoding
    for enc in candidates:
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    raise InputError(f"cannot decode the text as any of {', '.join(['utf-8', *candidates])}")


def _lines(text: str) -> str:
    # NUL bytes survive a decode but break every downstream tool; they carry no text.
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
