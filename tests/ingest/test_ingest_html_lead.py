"""The top of the content: bylines, dates, the author's bio and repeats of the title go."""

from __future__ import annotations

import pytest

from plainprint.pipeline.document.nodes import Heading, ListBlock, ListItem, Paragraph, Text
from plainprint.pipeline.ingest.html_lead import (
    drop_lead_meta,
    drop_title_repeat,
    is_author_bio,
    is_lead_meta,
)

PROSE = (
    "Regular walking strengthens the heart and lungs, and it lowers blood pressure over the "
    "months that follow, according to several large studies of adults of every age."
)
BIO = (
    "Anurag is an experienced journalist and author who has been covering tech for the past "
    "five years, with a focus on Windows, Android and Apple."
)


def para(text: str) -> Paragraph:
    return Paragraph((Text(text),))


@pytest.mark.parametrize(
    ("line", "meta"),
    [
        ("Published 6 hours ago", True),
        ("Updated 3 days ago", True),
        ("Posted an hour ago", True),
        ("Two hours ago the ward reopened", False),
        ("Published 6 hours ago: the ward reopened after a week of repairs.", False),
    ],
)
def test_relative_dates_are_lead_meta(line: str, meta: bool) -> None:
    assert is_lead_meta(line) is meta


@pytest.mark.parametrize(
    ("text", "author", "bio"),
    [
        (BIO, "Anurag Singh", True),
        (BIO, None, True),
        (
            "Chris Radich is the public sector CTO and vice president at UiPath.",
            "Chris Radich",
            True,
        ),
        ("Sarah is a writer, teacher, and mother.", "Sarah Rudell Beach", True),
        # A story about somebody else, even in a bio's words, is the story.
        (
            "Elon Musk is the CEO of Tesla and has said the cars will drive themselves.",
            "Jane Roe",
            False,
        ),
        ("Dr. Lee is a cardiologist at the county hospital.", None, False),  # not a writer's role
        (PROSE, "Anurag Singh", False),
    ],
)
def test_is_author_bio(text: str, author: str | None, bio: bool) -> None:
    assert is_author_bio(text, author) is bio


def test_the_bylines_author_bio_goes_from_the_top_but_only_with_a_byline() -> None:
    blocks = [para("Published 6 hours ago"), para(BIO), para(PROSE), para(PROSE)]
    audit: list = []
    assert drop_lead_meta(blocks, audit, "Anurag Singh") == blocks[2:]
    assert [r.reason for r in audit] == ["byline or date", "author bio"]
    # Without a byline, nothing says whose bio it is: a first paragraph about a person stays.
    assert drop_lead_meta(blocks, [], None) == blocks[1:]


def test_a_list_of_byline_and_date_goes() -> None:
    meta = ListBlock(
        ordered=False,
        items=(ListItem((Text("by Marketing Team"),)), ListItem((Text("31 May, 2023"),))),
    )
    steps = ListBlock(ordered=True, items=(ListItem((Text("Walk daily."),)),))
    audit: list = []
    assert drop_lead_meta([meta, steps, para(PROSE)], audit) == [steps, para(PROSE)]
    assert audit[0].reason == "byline or date"


def test_every_repeat_of_the_title_at_the_top_goes_but_one_heading() -> None:
    title = "Zero-Waste for Beginners"
    h1 = Heading(1, (Text(title),))
    blocks = [para("What's Brewin'"), h1, para(title), h1, para(PROSE)]
    audit: list = []
    assert drop_title_repeat(blocks, title, audit) == [blocks[0], h1, para(PROSE)]
    assert [r.reason for r in audit] == ["repeats the title"] * 2


def test_a_title_repeat_far_into_the_text_stays() -> None:
    title = "Walking"
    blocks = [Heading(1, (Text(title),)), *[para(PROSE)] * 6, para(title)]
    assert drop_title_repeat(blocks, title, []) == blocks
