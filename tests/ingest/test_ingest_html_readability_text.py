"""readability-lxml's text length without its regex passes (``html_readability_text``)."""

from __future__ import annotations

import lxml.html
import pytest
import readability.readability as rr
from hypothesis import given
from hypothesis import strategies as st

from plainprint.pipeline.ingest.html_readability_text import (
    clean_length,
    fast_text_length,
    text_length,
)

# Whitespace of every kind ``clean`` treats differently, beside a few letters.
_SPACES = [" ", "\t", "\n", "\r", "\xa0", "\u2009", "\u3000", "\x0b", "\x0c", "\x1f", "\x85"]
_PIECES = st.sampled_from([*_SPACES, "a", "b,", "é", "日"])


@given(st.lists(_PIECES, max_size=60).map("".join))
def test_clean_length_is_readabilitys_on_any_whitespace(text: str) -> None:
    assert clean_length(text) == len(rr.clean(text))


@given(
    st.sampled_from(_SPACES),
    st.sampled_from(_SPACES),
    st.integers(min_value=250, max_value=260),
    st.booleans(),
)
def test_clean_length_on_runs_around_255(first: str, fill: str, size: int, newline: bool) -> None:
    # readability-lxml squeezes a run of 255 or more before its other passes.
    run = (first + fill * size)[:size]
    if newline:
        run = run[: size // 2] + "\n" + run[size // 2 :]
    text = f"a{run}b {run} c"
    assert clean_length(text) == len(rr.clean(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("  \n\t ", 0),
        (" a  b ", 3),
        ("a\t\tb", 4),  # each lone tab becomes a space
        ("a \t b", 3),
        ("a\xa0 \xa0b", 5),  # a no-break space splits the run of spaces
        ("a \n\t b", 3),
    ],
)
def test_clean_length_examples(text: str, expected: int) -> None:
    assert clean_length(text) == len(rr.clean(text)) == expected


def test_text_length_of_an_element_is_readabilitys() -> None:
    el = lxml.html.fromstring("<div>\n  <p>One\xa0 two</p>\n\t<p>three\t\tfour</p>  </div>")
    assert text_length(el) == rr.text_length(el) == len("One\xa0 two\nthree  four")


def test_fast_text_length_is_scoped() -> None:
    shipped = rr.text_length
    with fast_text_length():
        assert rr.text_length is text_length
    assert rr.text_length is shipped
    with pytest.raises(ValueError), fast_text_length():
        raise ValueError
    assert rr.text_length is shipped
