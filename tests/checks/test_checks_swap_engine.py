"""The one phrase-swap engine: what it matches, and that its three users agree."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plainprint.checks import run_checks
from plainprint.checks.analysis.swaps import (
    PhraseMatcher,
    apply_swaps,
    compile_phrase,
    load_swaps,
    phrase_matcher,
)
from plainprint.checks.examples import example_document
from plainprint.checks.registry import get_rule
from plainprint.pipeline.config import Config
from plainprint.pipeline.render.plain import Aids

ROWS = (("prior to", "before"), ("prior", "earlier"), ("in order to", "to"), ("utilize", "use"))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Prior to it", [(0, 8, "before")]),  # the earlier row wins where both match
        ("prior\n  to it", [(0, 10, "before")]),  # any whitespace between the words
        ("prior tox", [(0, 5, "earlier")]),  # whole words only
        ("anti-utilize utilize-ish", []),  # not inside a hyphenated word
        ("UTILIZE, in order to", [(0, 7, "use"), (9, 20, "to")]),
        ("reutilize utilizer", []),
        ("", []),
    ],
)
def test_matcher_finds_whole_phrases_earliest_row_first(text, found):
    assert PhraseMatcher(ROWS).find(text) == found


def test_an_empty_matcher_finds_nothing():
    assert PhraseMatcher([]).find("prior to") == []
    assert PhraseMatcher([("  ", "x")]).find("prior to") == []


WORDS = ["prior", "to", "in", "order", "utilize", "we", "anti", "the"]
SEPS = [" ", "  ", "\n", "-", ", ", ". "]


@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPS)), max_size=12))
def test_matches_are_leftmost_and_by_row_priority(parts):
    """Against a naive oracle: each row's own regex tried at every position."""
    text = "".join(w + s for w, s in parts)
    patterns = [compile_phrase(p) for p, _ in ROWS]
    expected = []
    pos = 0
    while pos <= len(text):
        hit = next(
            ((pos, m.end(), v) for p, (_, v) in zip(patterns, ROWS, strict=True)
             if (m := p.match(text, pos))),
            None,
        )  # fmt: skip
        if hit:
            expected.append(hit)
            pos = hit[1]
        else:
            pos += 1
    assert PhraseMatcher(ROWS).find(text) == expected


def test_apply_swaps_is_one_pass():
    assert apply_swaps("Prior to surgery we utilize a pump in order to help.") == (
        "Before surgery we use a pump to help."
    )
    # a replacement is never matched again (sequential regex passes used to chain them)
    rows = [("a lot", "many"), ("many", "lots")]
    assert apply_swaps("a lot of many", rows) == "many of lots"


SAMPLES = [
    "Prior to the test, utilize the cream in order to help.",
    "We commence treatment at this point in time.",
    "Please utilize it. In the event that it hurts, call.",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_the_check_the_handout_and_apply_swaps_agree(text):
    """The wordy-phrase rule reports exactly the phrases the handout swaps, with the same
    replacements, and ``apply_swaps`` gives the handout's text."""
    rule = get_rule("wordy-phrase")
    report = run_checks(
        example_document(f"# Title\n\n{text}"), Config(), today=dt.date(2025, 1, 31)
    )
    reported = [
        (re.search(r"“(.+?)”", f.message).group(1), f.suggestion.replacement)
        for f in report.findings
        if f.rule == rule.code
    ]
    aids = Aids(glossary={}, swaps=dict(load_swaps()))
    swapped_html = aids.annotate(text)
    assert reported == aids.swapped
    assert reported, "every sample has a wordy phrase"
    assert swapped_html == apply_swaps(text)


def test_cached_matcher_is_shared():
    rows = tuple(load_swaps())
    assert phrase_matcher(rows) is phrase_matcher(rows)
