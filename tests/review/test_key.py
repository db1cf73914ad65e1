"""Review keys (pipeline.review.key): stable across re-runs and edits elsewhere, unique within a run."""

from __future__ import annotations

from pipeline.model import Article, Section, Sentence
from pipeline.review.key import assign_keys, normalise, sentence_keys


def _article(title: str, texts: list[str], source: str = "a.txt", record: str = "") -> Article:
    art = Article(id=title.lower().replace(" ", "-"), source=source, title=title, line=1, record=record)
    sec = Section(id="s0", title="", level=0)
    sec.sentences = [Sentence(f"{art.id}:{i}", source, i + 2, art.id, "", t, t) for i, t in enumerate(texts)]
    art.sections = [sec]
    return art


def test_normalise_is_nfkc_lowercase_one_space() -> None:
    assert normalise("  Ｆｕｌｌ-width\tTEXT \n here ") == "full-width text here"


def test_keys_survive_edits_elsewhere_and_whitespace_or_case() -> None:
    a = _article("Neck care", ["Sit up straight.", "Relax your shoulders.", "Breathe."])
    b = _article("Neck care", ["A new first line.", "sit  UP straight.", "Relax your shoulders, then more.", "Breathe."], source="a.txt")
    assign_keys([a])
    assign_keys([_article("Other", ["x"]), b])  # another article first: b is still the first "Neck care" of a.txt
    ka, kb = sentence_keys(a), sentence_keys(b)
    assert ka[0] == kb[1], "same words, other case and spacing, other position"
    assert ka[2] == kb[3]
    assert ka[1] not in kb, "its own words changed: a new key"
    assert all(len(k) == 16 and int(k, 16) >= 0 for k in ka)


def test_a_copy_and_its_kept_original_have_different_keys() -> None:
    art = _article("Neck care", ["Sit up straight.", "Sit up straight.", "Sit up straight."])
    assign_keys([art])
    assert len(set(sentence_keys(art))) == 3


def test_the_same_sentence_in_another_article_has_another_key() -> None:
    arts = [_article("Neck care", ["Sit up straight."]), _article("Back care", ["Sit up straight."]),
            _article("Neck care", ["Sit up straight."]), _article("Neck care", ["Sit up straight."], source="b.txt")]
    assign_keys(arts)
    assert len({sentence_keys(a)[0] for a in arts}) == 4, "title, copy of a title in one file, and file all count"


def test_a_record_id_is_the_article_whatever_its_file_or_title() -> None:
    a = _article("Neck care", ["Sit up straight."], source="part-1.jsonl.gz", record="https://example.com/neck")
    b = _article("Neck care, edited", ["Sit up straight."], source="part-9.parquet", record="https://example.com/neck")
    assign_keys([a])
    assign_keys([b])
    assert sentence_keys(a) == sentence_keys(b)
