"""Word rarity, the cascade's cheap stand-in for what surprises the language model."""

from __future__ import annotations

from pipeline.model import Sentence
from pipeline.signals.base import Item
from pipeline.signals.rarity import RarestWord, WordRarity


def _item(text: str) -> Item:
    return Item(Sentence(id="1", source="-", line=1, article="", section="", text=text, cleaned=text))


def test_everyday_words_are_less_rare_than_jargon_and_garble() -> None:
    plain, medical, garble = (_item(t) for t in ("Stand up and walk for five minutes every hour.",
                                                 "Lumbar spondylosis narrows the intervertebral foramen.",
                                                 "Thevertebrae xqzt blorf fireroute."))
    mean = [WordRarity().score(i).value for i in (plain, medical, garble)]
    assert mean[0] < mean[1] < mean[2] == 1.0


def test_the_rarest_word_is_named() -> None:
    sig = RarestWord().score(_item("Apply ginger puree to the sore lumbago area."))
    assert sig.detail == "lumbago" and 0.5 < sig.value < 1.0
    assert RarestWord().score(_item("12 34 !")).value == 0.0
