"""Furniture inside the article: related-story cards, "Related:" links, runs printed twice."""

from __future__ import annotations

import pytest

from plainprint.pipeline.document.nodes import Heading, Link, Paragraph, Removed, Text
from plainprint.pipeline.ingest.html_inserts import drop_inserts

PROSE = (
    "Regular walking strengthens the heart and lungs, and it lowers blood pressure over the "
    "months that follow, according to several large studies of adults of every age."
)


def para(text: str) -> Paragraph:
    return Paragraph((Text(text),))


def linked(text: str, level: int | None = None):
    content = (Link(href="https://x.example/story", children=(Text(text),)),)
    return Heading(level, content) if level else Paragraph(content)


def test_a_related_card_goes_with_its_linked_headline_and_teaser() -> None:
    card = [
        para("Related"),
        linked("4 automation tools that save time", level=5),
        para("Save time with these tools."),
    ]
    blocks = [para(PROSE), *card, Heading(2, (Text("How I set it up"),)), para(PROSE)]
    audit: list[Removed] = []
    assert drop_inserts(blocks, audit) == [blocks[0], *blocks[4:]]
    assert [r.reason for r in audit] == ["related-story card inside the article"]
    assert "4 automation tools" in audit[0].excerpt


def test_a_card_teaser_followed_by_prose_stays() -> None:
    """The short paragraph under the headline may be the article going on: kept when more
    paragraphs follow it."""
    blocks = [
        para(PROSE),
        para("Related"),
        linked("Ten tips", level=4),
        para("Short."),
        para(PROSE),
    ]
    assert drop_inserts(blocks, []) == [blocks[0], *blocks[3:]]


@pytest.mark.parametrize(
    ("block", "dropped"),
    [
        (
            Paragraph(
                (
                    Text("Related: "),
                    Link(href="https://x.example/t", children=(Text("Tutoring may not help"),)),
                )
            ),
            True,
        ),
        # Mostly unlinked: a sentence of the article that starts with a label word.
        (
            Paragraph(
                (
                    Text("Related: our free weekly newsletter alerts you to what research says "),
                    Link(href="https://x.example/n", children=(Text("here"),)),
                )
            ),
            False,
        ),
        # "More:" is not a related-story label (a review site's own "More: … Full Review").
        (linked("More: Warbonnet Blackbird Full Review"), False),
        # A label without a linked headline after it is left alone.
        (para("Related"), False),
    ],
)
def test_related_links(block: Paragraph, dropped: bool) -> None:
    blocks = [para(PROSE), block, para(PROSE + " Again.")]
    out = drop_inserts(blocks, [])
    assert (block not in out) is dropped


def test_a_run_printed_twice_is_kept_once_and_audited() -> None:
    a, b = Heading(3, (Text("Universal Appeal"),)), para("Awareness of a space museum in Kansas.")
    c, d = Heading(3, (Text("The Picture of Health"),)), para("A brand for a health clinic.")
    audit: list[Removed] = []
    assert drop_inserts([a, b, a, b, c, d, c, d], audit) == [a, b, c, d]
    assert [r.reason for r in audit] == ["printed twice (a copy for another screen size)"] * 2


@pytest.mark.parametrize(
    "blocks",
    [
        [para(PROSE), para(PROSE), para(PROSE)],  # one paragraph said again: the writer's own
        [para("Yes."), para("No."), para("Yes."), para("No.")],  # too short to be a copy
        [para("A b c d."), para("E f g h."), para("E f g h."), para("A b c d.")],  # not in order
    ],
)
def test_repeats_that_are_not_copies_stay(blocks: list) -> None:
    assert drop_inserts(blocks, []) == blocks
