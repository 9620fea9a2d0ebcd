"""Whole-document properties of the checks: no rule raises on any valid Document, every
finding's span lies inside its block's text, and masked text (HTML comments a Markdown
source keeps, URLs, markers) is never scored or flagged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plainprint.checks import run_checks
from plainprint.checks.analysis.text import prepare
from plainprint.checks.scoring import document_counts
from plainprint.pipeline.config import Config
from plainprint.pipeline.document import iter_blocks, iter_items, plain_text
from plainprint.pipeline.document.build import number_blocks
from plainprint.pipeline.document.nodes import (
    BlockQuote,
    Citation,
    Document,
    Emphasis,
    Heading,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    Reference,
    References,
    Strong,
    Text,
)
from tests.strategies import any_documents, documents

TODAY = dt.date(2025, 1, 31)

# Health prose that exercises every rule family: statistics, doses, abbreviations, jargon,
# acronyms, wordy phrases, passives, claims, quotes, masked text and odd characters.
FRAGMENTS = [
    "The 5-year survival rate is around 98%.", "RR 0.73, 95% CI 0.61 to 0.88;", "p < 0.001.",
    "Take 2.5 mg twice a day.", "Dr. Smith et al. reported it in 2019.", "e.g. rest, i.e. sleep",
    "The cancer is metastatic.", "Isolated limb infusion (ILI) is used.", "ILI and T-VEC help.",
    "We utilize a pump prior to surgery.", "The drug was given by the nurse.", "Rest.",
    "Studies show that sunscreen helps.", "“Is it safe?” she asked.", "Call 1-800-232-4636.",
    "See https://www.cdc.gov/melanoma.", "Write to help@clinic.org.", "It affects 1 in 50 men",
    "and 1 in 200 women.", "<!-- metastatic 45% utilize ILI. -->", "<!--", "-->", "ﬁgures",
    "locoregional", "melanoma", "systemic", "2.5 times higher", "between 54 and 84 percent",
    "7.23.19", "U.S.", "No. 5", "…", "?", "!", ".", " ", "\n", "—", "'", "’s", "中文", "😀",
]  # fmt: skip
PROSE = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12).map(" ".join)
MARKERS = st.sampled_from(["1", "2", "3"]).map(lambda k: Citation(refs=(k,), raw=k))


@st.composite
def inline_content(draw):
    nodes = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["text", "text", "cite", "strong", "em"]))
        if kind == "cite":
            nodes.append(draw(MARKERS))
        elif kind == "strong":
            nodes.append(Strong(children=(Text(draw(PROSE)),)))
        elif kind == "em":
            nodes.append(Emphasis(children=(Text(draw(PROSE)),)))
        else:
            nodes.append(Text(draw(PROSE)))
    merged: list = []
    for node in nodes:  # the model wants adjacent Text nodes merged
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + node.text)
        else:
            merged.append(node)
    return tuple(merged)


@st.composite
def health_blocks(draw, depth: int = 1):
    kind = draw(st.sampled_from(["p", "p", "p", "h", "list", "quote"][: 6 if depth else 5]))
    if kind == "h":
        return Heading(level=draw(st.integers(1, 4)), content=draw(inline_content()))
    if kind == "list":
        items = draw(st.lists(inline_content(), min_size=1, max_size=4))
        return ListBlock(ordered=draw(st.booleans()), items=tuple(ListItem(c) for c in items))
    if kind == "quote":
        return BlockQuote(blocks=tuple(draw(st.lists(health_blocks(depth - 1), max_size=3))))
    return Paragraph(content=draw(inline_content()))


@st.composite
def health_documents(draw):
    body = draw(st.lists(health_blocks(), max_size=8))
    refs = References(
        items=(
            Reference(key="1", raw="Kroon H. Isolated limb infusion. Accessed 7.23.19."),
            Reference(key="2", raw="Smith J. A trial. 2019. https://example.org/a", url=None),
        )
    )
    blocks = (Heading(level=1, content=(Text(draw(PROSE)),)), *body, refs)
    return number_blocks(Document(metadata=Metadata(title=draw(PROSE)), blocks=blocks))


def block_texts(doc: Document) -> dict[str, object]:
    """block id → the block (for locating findings)."""
    return {b.id: b for b in iter_blocks(doc.blocks)}


def assert_spans_inside(doc: Document, report) -> None:
    blocks = block_texts(doc)
    for f in report.findings:
        loc = f.location
        if loc.start is None and loc.end is None:
            continue
        assert loc.start is not None and loc.end is not None, f
        assert loc.block_id in blocks, f
        block = blocks[loc.block_id]
        if loc.item is not None:
            assert isinstance(block, ListBlock), f
            content = list(iter_items(block))[loc.item][0].content
        else:
            content = block.content
        text = plain_text(content)
        assert 0 <= loc.start <= loc.end <= len(text), (f, len(text))


def check_document(doc: Document) -> None:
    report = run_checks(doc, Config(), today=TODAY)
    assert_spans_inside(doc, report)
    for f in report.findings:
        assert f.severity in ("error", "warning", "suggestion")


_SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(health_documents())
def test_checks_on_health_prose_never_raise_and_spans_lie_in_their_block(doc):
    check_document(doc)


@_SETTINGS
@given(documents())
def test_checks_on_canonical_documents_never_raise_and_spans_lie_in_their_block(doc):
    check_document(doc)


@_SETTINGS
@given(any_documents())
def test_checks_on_any_valid_document_never_raise_and_spans_lie_in_their_block(doc):
    check_document(doc)


# -------------------------------------------------------------------- HTML comments

COMMENT = "<!-- The metastatic tumour: utilize 2.5 mg; 98% of ILI cases. Studies show it. -->"


def comment_doc(with_comment: bool) -> Document:
    c = COMMENT if with_comment else " " * len(COMMENT)
    return number_blocks(
        Document(
            metadata=Metadata(title="Skin care"),
            blocks=(
                Heading(level=1, content=(Text("Skin care"),)),
                Paragraph(content=(Text(f"Wear a hat {c} when you go out. Drink water."),)),
                Paragraph(content=(Text(COMMENT if with_comment else ""),)),
                ListBlock(ordered=False, items=(ListItem((Text(f"Rest {c} well."),)),)),
            ),
        )
    )


def comment_spans(doc: Document) -> dict[tuple[str, int | None], list[tuple[int, int]]]:
    out = {}
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            contents = [(None, block.content)]
        elif isinstance(block, ListBlock):
            contents = [(i, it.content) for i, (it, _d) in enumerate(iter_items(block))]
        else:
            continue
        for item, content in contents:
            text = plain_text(content)
            at = text.find("<!--")
            if at >= 0:
                out[(block.id, item)] = [(at, text.index("-->") + 3)]
    return out


def test_html_comments_are_never_flagged():
    doc = comment_doc(True)
    report = run_checks(doc, Config(), today=TODAY)
    spans = comment_spans(doc)
    assert len(spans) == 3
    for f in report.findings:
        loc = f.location
        for s, e in spans.get((loc.block_id, loc.item), []):
            if loc.start is not None:
                # A sentence-wide finding may contain the comment; nothing may point into it.
                overlaps = loc.start < e and s < loc.end
                assert not overlaps or (loc.start <= s and e <= loc.end), f
    rules = {f.rule for f in report.findings}
    # Each of these would fire on the comment's own words if they were read.
    assert not rules & {"PL006", "PL008", "PL009", "PL010", "PL011", "PL012"}, rules


def test_html_comments_are_never_scored():
    with_comment, without = comment_doc(True), comment_doc(False)
    assert document_counts(with_comment) == document_counts(without)
    a = run_checks(with_comment, Config(), today=TODAY)
    b = run_checks(without, Config(), today=TODAY)
    assert a.scores == b.scores
    # A paragraph that is only a comment is not a scored unit at all.
    assert [u.kind for u in prepare(with_comment)] == ["paragraph", "list_item"]


def test_html_comments_in_a_markdown_source_are_not_flagged(tmp_path):
    from plainprint.pipeline.ingest import ingest_bytes

    path = tmp_path / "page.md"
    path.write_text(
        f"# Skin care\n\nWear a hat {COMMENT} when you go out.\n\n{COMMENT}\n\n- Rest {COMMENT}\n",
        encoding="utf-8",
    )
    doc = ingest_bytes(path.read_bytes(), Path(path))
    report = run_checks(doc, Config(), today=TODAY)
    messages = [f.message for f in report.findings]
    for word in ("metastatic", "utilize", "ILI", "2.5", "98%", "Studies show"):
        assert not any(word in m for m in messages), (word, messages)
    assert report.counts["words"] == len(["Wear", "a", "hat", "when", "you", "go", "out.", "Rest"])


@pytest.mark.parametrize("kind", ["<!-- x -->", "https://example.org/2.5-mg-98%"])
def test_masked_text_does_not_count_as_words(kind):
    doc = number_blocks(
        Document(
            metadata=Metadata(title="T"),
            blocks=(Paragraph(content=(Text(f"Take it {kind} daily."),)),),
        )
    )
    assert document_counts(doc).words == 3
