"""Golden cases per fixer, taken from the sample scrape (raw/000_eec31f602d13a0fd.txt),
with negatives: text that looks damaged but must come back untouched."""

from __future__ import annotations

import pytest

from pipeline.errors import ConfigError
from pipeline.repair import FIXER_NAMES, repair

ALL = list(FIXER_NAMES)


def fix(text: str, fixers: list[str] | None = None, zipf: float = 2.5) -> str:
    return repair(text, ALL if fixers is None else fixers, zipf).text


def recorded(text: str, fixers: list[str] | None = None, zipf: float = 2.5) -> list[tuple[str, int, int, str, str]]:
    rep = repair(text, ALL if fixers is None else fixers, zipf)
    for r in rep.repairs:
        assert text[r.start : r.end] == r.before
    return [(r.fixer, r.start, r.end, r.before, r.after) for r in rep.repairs]


# (fixer, raw, repaired) from the sample; each fixer alone.
POSITIVES = [
    ("leading_punct", ",You can also try pressing the pain spot", "You can also try pressing the pain spot"),
    ("leading_punct", ",Can't reach the pain spot? Ask a friend for a massage.", "Can't reach the pain spot? Ask a friend for a massage."),
    ("leading_punct", "，Lie on your back", "Lie on your back"),
    ("leading_punct", "、Step one", "Step one"),
    ("leading_punct", "; Then rest", "Then rest"),
    ("leading_punct", ". Next, stretch", "Next, stretch"),
    ("leading_punct", ", ,If back pain starts", "If back pain starts"),
    ("leading_punct", "Stretch the back.\n,If back pain starts", "Stretch the back.\nIf back pain starts"),
    ("missing_space", "Step 1.Stand upright with the soles", "Step 1. Stand upright with the soles"),
    ("missing_space", ",Children:Sit on your knees.", ",Children: Sit on your knees."),
    ("missing_space", "Applicable object & effect:Long time use of the mouse", "Applicable object & effect: Long time use of the mouse"),
    ("missing_space", 'Gavin Smith explains:"While sitting straight', 'Gavin Smith explains: "While sitting straight'),
    ("missing_space", "in 2017.The firm", "in 2017. The firm"),
    ("missing_space", "back pain,and neck pain", "back pain, and neck pain"),
    ("missing_space", "It is done!Next step", "It is done! Next step"),
    ("missing_space", "Can't reach it?What now", "Can't reach it? What now"),
    ("missing_space", "said Dr.Smith", "said Dr. Smith"),
    ("missing_space", "for middle-class Chinese.一盤油膩的麵", "for middle-class Chinese. 一盤油膩的麵"),
    ("glued_words", "can put excess strain on thevertebraeIn the spine.", "can put excess strain on the vertebrae In the spine."),
    ("glued_words", "is aSure – the fireRoute to crippling back and neck pain", "is a Sure – the fire Route to crippling back and neck pain"),
    ("glued_words", "unlikely to cause thecascadeOf back troubles", "unlikely to cause the cascade Of back troubles"),
    ("glued_words", "Correct posturePotential:Want toGet up", "Correct posture Potential:Want to Get up"),
    ("glued_words", "studies have found thatThe when interspersed", "studies have found that The when interspersed"),
    ("glued_words", "program for persistentlow back pain", "program for persistent low back pain"),
    ("glued_words", "a non-randomized controlledtrial[j]", "a non-randomized controlled trial[j]"),
    # tests/data/holdout2, 02: two of the commonest words, one a function word
    ("glued_words", "colleagues whoare usually occupied with their bodyand mind", "colleagues who are usually occupied with their body and mind"),
    ("space_before_punct", "word , word", "word, word"),
    ("space_before_punct", "the end .", "the end."),
    ("space_before_punct", "Really ? Yes", "Really? Yes"),
    ("space_before_punct", "Note : see below", "Note: see below"),
    ("whitespace", "More Pain\u00a0Releif Information", "More Pain Releif Information"),
    ("whitespace", "  Press   the\tspot  \n back ", "Press the spot\nback"),
    ("whitespace", "zero\u200bwidth and soft\u00adhyphen", "zerowidth and softhyphen"),
    ("mojibake", "cafÃ© au lait", "café au lait"),
    ("mojibake", "The â€œbestâ€\x9d posture", "The “best” posture"),
]

# (fixer, text) that must not change.
NEGATIVES = [
    ("leading_punct", "...and so on"),
    ("leading_punct", ".NET is a framework"),
    ("leading_punct", ".5 mg twice a day"),
    ("leading_punct", "- a list dash"),
    ("leading_punct", '"Quoted" start'),
    ("leading_punct", "(1) limhj, moonyi, leems."),
    ("leading_punct", "# heading"),
    ("leading_punct", "* bullet"),
    ("leading_punct", "2. Use the foam shaft"),
    ("missing_space", "a depression of about 3.5 inches"),
    ("missing_space", "雨水.雨水"),
    ("missing_space", "about 0.5 cm"),
    ("missing_space", "at 10:30 every day"),
    ("missing_space", "Patients atolfur, 2005,25 (3) : 225-229."),
    ("missing_space", "some slouching can dojo.provide a valuable alternative"),
    ("missing_space", "see www.example.com or http://example.com/Page"),
    ("missing_space", "e.g.The end, i.e.,that"),
    ("missing_space", "the U.S.Army and the U.S. Army"),
    ("missing_space", "report.pdf, Node.js, ASP.NET, Amazon.Com"),
    ("missing_space", "1,000 people, x,y axes"),
    ("missing_space", "C:Users, std::Vector, John 3:16"),
    ("missing_space", "mail Bob.Smith@example.com or page?id=Main"),
    ("missing_space", "&amp;Co and Foo.Bar.Baz"),
    ("missing_space", 'he said,"Hello'),
    ("glued_words", "iPhone YouTube McDonald PowerPoint JavaScript eBay WiFi PhD LinkedIn iOS DNA"),
    ("glued_words", "COVID19 mRNA macOS jQuery deVries vanHalen"),
    ("glued_words", "Six ways to naturally relieve back pain – InfraredHeatingTherapy | lower back pain"),
    ("glued_words", "getElementById toString() obj.forEach #backPain @johnSmith"),
    ("glued_words", "strengthening misalignment physiotherapist neuromusculoskeletal multifissured"),
    ("glued_words", "infields northmost microtrauma"),
    ("glued_words", "Grouparranged Filecoin Xiaomingzhang Tomioka Akane rooms yours"),  # capitalised: brands and names
    ("glued_words", "Double foot is microzhang, heel is apart from wall"),
    ("glued_words", "Evidbasedcomplementalternatmed, baseddafyexercisetherapyonjointmobility"),
    ("space_before_punct", "wait ... ( a ) \" q \" a - b"),
    ("space_before_punct", "3 . 5 and 10 : 30 and 1 , 2"),
    ("space_before_punct", "Patients atolfur, 2005,25 (3) : 225-229."),
    ("space_before_punct", "the .NET way"),
    ("whitespace", "one space\nper line"),
    ("mojibake", "naïve café “quoted” ﬁne ＡＢＣ"),
]


@pytest.mark.parametrize(("fixer", "raw", "want"), POSITIVES)
def test_positive(fixer: str, raw: str, want: str) -> None:
    assert fix(raw, [fixer]) == want


@pytest.mark.parametrize(("fixer", "raw"), NEGATIVES)
def test_negative_alone(fixer: str, raw: str) -> None:
    assert fix(raw, [fixer]) == raw


@pytest.mark.parametrize(("fixer", "raw"), NEGATIVES)
def test_negative_in_full_chain(fixer: str, raw: str) -> None:
    """No other fixer mangles the negatives either."""
    assert fix(raw) == raw


def test_recorded_repairs_point_into_raw_text() -> None:
    raw = ",Children:Sit on your knees. Stretch thevertebraeIn the spine , gently ."
    assert recorded(raw) == [
        ("leading_punct", 0, 1, ",", ""),
        ("missing_space", 9, 10, ":", ": "),
        ("glued_words", 37, 51, "thevertebraeIn", "the vertebrae In"),
        ("space_before_punct", 61, 62, " ", ""),
        ("space_before_punct", 70, 71, " ", ""),
    ]
    assert fix(raw) == "Children: Sit on your knees. Stretch the vertebrae In the spine, gently."


def test_mojibake_records_one_repair_per_damaged_word() -> None:
    raw = "cafÃ© and naÃ¯ve"
    assert recorded(raw, ["mojibake"]) == [
        ("mojibake", 0, 5, "cafÃ©", "café"),
        ("mojibake", 10, 16, "naÃ¯ve", "naïve"),
    ]


def test_repair_after_earlier_fixer_still_names_raw_text() -> None:
    raw = "the  thevertebraeIn\tspine"
    assert recorded(raw) == [
        ("whitespace", 3, 5, "  ", " "),
        ("whitespace", 19, 20, "\t", " "),
        ("glued_words", 5, 19, "thevertebraeIn", "the vertebrae In"),
    ]


def test_glue_threshold_is_the_configured_one() -> None:
    """"osteopath" (zipf 2.1) and "slouching" (2.4) are rarer than the default floor."""
    raw = "London – -basedosteopathGavin Smith; suggests thatSlouching"
    assert fix(raw, ["glued_words"]) == raw
    assert fix(raw, ["glued_words"], zipf=2.0) == "London – -based osteopath Gavin Smith; suggests that Slouching"


def test_newlines_are_kept() -> None:
    raw = "  ,You can \n\n\t,Can't reach ?\n"
    out = fix(raw)
    assert out == "You can\n\nCan't reach?\n"


def test_unknown_fixer_is_a_config_error_naming_the_known_ones() -> None:
    with pytest.raises(ConfigError, match=r"unknown fixer 'mojibak'.*mojibake, whitespace"):
        repair("text", ["mojibak"], 2.5)


def test_unknown_fixer_is_an_error_even_on_blank_text() -> None:
    with pytest.raises(ConfigError):
        repair("  ", ["nope"], 2.5)


def test_no_fixers_changes_nothing() -> None:
    raw = ",Children:Sit  thevertebraeIn ."
    rep = repair(raw, [], 2.5)
    assert (rep.text, rep.repairs, rep.raw_span(0, len(raw))) == (raw, [], (0, len(raw)))


@pytest.mark.parametrize("raw", ["", "   ", "\n\n", " \t\n "])
def test_blank_text_is_returned_as_is(raw: str) -> None:
    rep = repair(raw, ALL, 2.5)
    assert (rep.text, rep.repairs, rep.raw_span(0, len(raw))) == (raw, [], (0, len(raw)))


def test_module_doc_example_runs() -> None:
    import doctest

    import pipeline.repair

    assert doctest.testmod(pipeline.repair).failed == 0
