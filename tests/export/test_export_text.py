"""The body-text export (``pipeline.export.text``): what extraction is compared by."""

from __future__ import annotations

import pytest

from plainprint.pipeline.document.nodes import (
    Document,
    Heading,
    Metadata,
    Paragraph,
    Reference,
    References,
    Text,
)
from plainprint.pipeline.export.text import to_text


def _doc(*blocks, title: str = "Sleep and health") -> Document:
    meta = Metadata(title=title, language="en", source_path="x.html", source_format="html")
    return Document(metadata=meta, blocks=tuple(blocks))


def test_reference_entries_are_lines_of_the_body_text():
    refs = References(
        items=(
            Reference(key="1", raw="Smith J.  Sleep and the brain. Nature. 2020."),
            Reference(key="2", raw="Doe A. Rest. BMJ. 2019."),
        )
    )
    text = to_text(_doc(Paragraph(content=(Text("Sleep matters."),)), refs))
    assert text.splitlines()[::2] == [
        "Sleep matters.",
        "Smith J. Sleep and the brain. Nature. 2020.",
        "Doe A. Rest. BMJ. 2019.",
    ]


def test_an_empty_reference_entry_adds_no_line():
    refs = References(items=(Reference(key="1", raw="  "),))
    assert to_text(_doc(Paragraph(content=(Text("Body."),)), refs)) == "Body.\n"


@pytest.mark.parametrize(
    ("heading", "kept"),
    [
        ("Sleep and health", False),  # the title itself
        ("Sleep and health: what the research says", False),  # headline inside the title
        ("Why rest matters", True),  # a level-1 heading that is not the title
    ],
)
def test_the_title_heading_is_left_out(heading, kept):
    doc = _doc(Heading(level=1, content=(Text(heading),)), Paragraph(content=(Text("Body."),)))
    assert (heading in to_text(doc)) is kept
