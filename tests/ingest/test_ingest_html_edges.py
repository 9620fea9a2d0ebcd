"""Furniture at the end of the chosen content goes; the article's own prose stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from plainprint.pipeline.document.nodes import (
    Heading,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    References,
    Removed,
    Text,
)
from plainprint.pipeline.document.walk import block_lines
from plainprint.pipeline.export.text import to_text
from plainprint.pipeline.ingest import ingest_path
from plainprint.pipeline.ingest.html_edges import is_furniture_label, trim_tail

PROSE = (
    "Regular walking strengthens the heart and lungs, and it lowers blood pressure over the "
    "months that follow, according to several large studies of adults of every age. "
)


def para(text: str) -> Paragraph:
    return Paragraph((Text(text),))


def links(*titles: str) -> ListBlock:
    return ListBlock(
        ordered=False,
        items=tuple(
            ListItem((Link(href="https://x.example/a", children=(Text(t),)),)) for t in titles
        ),
    )


def body(n: int = 6) -> list:
    return [Heading(2, (Text("Why walking helps"),))] + [para(PROSE) for _ in range(n)]


@pytest.mark.parametrize(
    ("tail", "kept"),
    [
        ([Heading(2, (Text("Related products"),)), para("A robot vacuum with strong suction.")], 0),
        (
            [
                Heading(3, (Text("About the author"),)),
                para("Jane writes about health and science."),
            ],
            0,
        ),
        ([para("Related articles:"), links("Ten tips for sleep", "Why we yawn", "Coffee")], 0),
        ([Heading(2, (Text("Ready to create something extraordinary?"),)), para("Call us.")], 0),
        ([Heading(2, (Text("Artículos relacionados"),)), links("Uno", "Dos", "Tres")], 0),
        ([Heading(2, (Text("Das könnte Sie auch interessieren"),)), para("Mehr lesen.")], 0),
        ([links("Ten tips for sleep", "Why we yawn", "Coffee and the heart")], 0),
        # Real prose and a section of its own stay.
        ([Heading(2, (Text("How to start"),)), para(PROSE)], 2),
        ([para(PROSE)], 1),
        # A list of links under the article's own heading is that section's content.
        ([Heading(2, (Text("More information"),)), links("Eat well", "Move more", "Sleep")], 2),
    ],
)
def test_trim_tail_drops_labelled_furniture_and_keeps_prose(tail: list, kept: int) -> None:
    blocks = body() + tail
    audit: list[Removed] = []
    out = trim_tail(blocks, audit)
    assert out == blocks[: len(body()) + kept]
    dropped = len(tail) - kept
    assert len([r for r in audit if r.reason == "page furniture after the article"]) == dropped


def test_a_label_mid_body_stays() -> None:
    """Only the tail is trimmed: a 'Comments' heading followed by the article's own sections
    (a heading that is not furniture) is left alone."""
    blocks = [Heading(2, (Text("Comments"),)), para(PROSE), *body()]
    assert trim_tail(blocks, []) == blocks


def test_trim_never_takes_most_of_the_text() -> None:
    blocks = [para(PROSE), Heading(2, (Text("Related posts"),)), *[para(PROSE)] * 3]
    assert trim_tail(blocks, []) == blocks


def test_reference_list_ends_the_search() -> None:
    refs = References(items=())
    blocks = [*body(), Heading(2, (Text("Related articles"),)), refs, links("A", "B", "C")]
    out = trim_tail(blocks, [])
    assert refs in out and out[: len(body()) + 2] == blocks[: len(body()) + 2]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Related Products", True),
        ("You may also like", True),
        ("About the Author", True),
        ("Our editorial policy", True),
        ("Lesen Sie auch", True),
        ("Follow Hardtail Canada", True),
        ("Follow-up care after surgery", False),
        ("We independently test everything we recommend.", False),
        ("À lire aussi", True),
        ("Related risks of smoking are many and serious for the heart.", False),
        ("Why walking helps", False),
        ("Ready for more? " + PROSE, False),
    ],
)
def test_furniture_label(text: str, label: bool) -> None:
    assert is_furniture_label(Heading(2, (Text(text),))) is label


def test_page_with_related_box_in_article(tmp_path: Path) -> None:
    paras = "".join(f"<p>{PROSE}</p>" for _ in range(6))
    html = (
        "<html><head><title>Walking</title></head><body><article><h1>Walking</h1>"
        f"{paras}<h2>Related products</h2><p>A treadmill with a quiet motor and a foldable "
        "frame for small flats.</p><h2>About the author</h2><p>Jane Roe writes about health."
        "</p></article></body></html>"
    )
    page = tmp_path / "walking.html"
    page.write_text(html, encoding="utf-8")
    doc = ingest_path(page)
    text = to_text(doc)
    assert "Regular walking strengthens" in text
    assert "treadmill" not in text and "Jane Roe" not in text
    assert any("Related products" in r.excerpt for r in doc.removed)
    assert all("treadmill" not in line for line in block_lines(list(doc.blocks)))


def test_the_authors_bio_and_its_name_and_title_lines_go_at_the_end() -> None:
    tail = [
        para("Author"),
        para("Executive Director at Brilliant Mindfulness"),
        para("Sarah is a writer, teacher, and mother. She writes about parenting mindfully."),
    ]
    blocks = body() + tail
    audit: list[Removed] = []
    assert trim_tail(blocks, audit, "Sarah Rudell Beach") == body()
    assert len(audit) == 3


def test_a_name_line_stays_when_no_bio_follows() -> None:
    blocks = [*body(), para("Julia Gralberg")]
    assert trim_tail(blocks, [], None) == blocks


def test_a_link_the_last_paragraph_introduces_stays() -> None:
    link = Paragraph((Link(href="https://github.com/x/usb", children=(Text("github.com/x/usb"),)),))
    blocks = [*body(), para("You can find the project here:"), link]
    assert trim_tail(blocks, []) == blocks


def test_teasers_with_a_bare_image_between_and_after_them_go() -> None:
    from plainprint.pipeline.document.nodes import Figure

    image = Figure(src="a.jpg", alt="")
    blocks = [*body(), image, links("Ten tips for sleep", "Why we yawn", "Coffee"), image]
    out = trim_tail(blocks, [])
    assert out == [*body(), image]  # the image before the teasers may be the article's


def test_an_image_alone_at_the_end_stays() -> None:
    from plainprint.pipeline.document.nodes import Figure

    blocks = [*body(), Figure(src="a.jpg", alt="")]
    assert trim_tail(blocks, []) == blocks


def test_linked_headlines_at_the_end_are_teasers() -> None:
    headline = Heading(3, (Link(href="https://x.example/s", children=(Text("Another story"),)),))
    blocks = [*body(), headline]
    assert trim_tail(blocks, []) == body()
