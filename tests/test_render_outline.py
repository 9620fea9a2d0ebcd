"""Headings form an outline in every output: one H1, no skipped level (issue 10, point 2)."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from plainprint.pipeline.config import Config
from plainprint.pipeline.document import BlockQuote
from plainprint.pipeline.document.build import doc, h, p
from plainprint.pipeline.render import render_html, render_pdf
from plainprint.pipeline.render.outline import outline_levels
from tests.test_render_pdf import reachable_elements

CASES = [
    # (source levels, handout levels with the title's H1 first when the source has none)
    ([1, 4, 4, 2], [1, 2, 2, 2]),
    ([1, 6], [1, 2]),
    ([6, 2, 3], [1, 2, 2, 3]),
    ([1, 2, 1, 3], [1, 2, 2, 3]),
    ([2, 3, 5, 3, 2], [1, 2, 3, 4, 3, 2]),
    ([1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]),
    ([3, 3], [1, 2, 2]),
]


def _doc(levels):
    blocks = []
    for n, level in enumerate(levels):
        blocks += [h(level, f"Heading {n}"), p(f"Text under heading {n}.")]
    return doc(*blocks, title="Outline test")


def _html_levels(html: str) -> list[int]:
    article = html.split("<article>", 1)[-1]
    return [int(x) for x in re.findall(r"<h([1-6])[ >]", article)]


def _pdf_levels(data: bytes) -> list[int]:
    pdf = pikepdf.open(io.BytesIO(data))
    tags = {f"/H{i}" for i in range(1, 7)}
    return [int(str(e.S)[2:]) for e in reachable_elements(pdf) if str(e.S) in tags]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_handout_relevels_to_one_h1_without_skips(source, expected):
    d = _doc(source)
    assert _html_levels(render_html(d, Config())) == expected


@pytest.mark.parametrize(("source", "expected"), CASES[:3])
def test_pdf_structure_tree_and_bookmarks_follow_the_outline(source, expected):
    data = render_pdf(_doc(source), Config())
    assert _pdf_levels(data) == expected
    pdf = pikepdf.open(io.BytesIO(data))
    titles = []
    item = pdf.Root.Outlines.First
    while item is not None:
        titles.append(str(item.Title))
        item = item.get("/Next")
    assert titles[0] in ("Outline test", "Heading 0")  # the H1 is the only top bookmark
    assert len(titles) == 1


def test_document_keeps_source_levels_so_checks_still_see_the_skip():
    d = _doc([1, 4])
    render_html(d, Config())
    assert [b.level for b in d.blocks if hasattr(b, "level")] == [1, 4]


def test_headings_inside_quotes_are_levelled_too():
    quote = BlockQuote(blocks=(h(5, "Quoted"), p("Said.")))
    d = doc(h(1, "Top"), quote, h(3, "After"), title="Top")
    assert _html_levels(render_html(d, Config())) == [1, 2, 2]


@given(st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=30))
def test_outline_never_skips_and_has_one_h1(levels):
    blocks = [h(level, "x") for level in levels]
    out = outline_levels(blocks)
    sequence = [out[id(b)] for b in blocks]
    if levels[0] != 1:
        sequence = [1, *sequence]  # the renderer adds the title as H1
    assert sequence[0] == 1 and sequence.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(sequence, sequence[1:], strict=False))
    assert all(1 <= x <= 6 for x in sequence)
