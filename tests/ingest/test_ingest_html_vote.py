"""Two extractors, one Document: the choice between readability-lxml and trafilatura."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plainprint.pipeline.document.nodes import (
    Heading,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    Removed,
    Text,
)
from plainprint.pipeline.document.walk import block_lines, plain_text
from plainprint.pipeline.export.text import to_text
from plainprint.pipeline.ingest import ingest_path
from plainprint.pipeline.ingest.html_vote import (
    READABILITY,
    TRAFILATURA,
    Candidate,
    choose,
    needs_fallback,
    reads_as_teasers,
    trafilatura_markup,
    words,
)

_WORDS = [
    "sleep",
    "helps",
    "the",
    "body",
    "repair",
    "itself",
    "and",
    "adults",
    "need",
    "seven",
    "to",
    "nine",
    "hours",
    "each",
    "night",
    "while",
    "children",
    "need",
    "more",
    "rest",
    "because",
    "they",
    "grow",
    "quickly",
    "during",
    "deep",
    "sleep",
    "stages",
]


def _para(n: int, words: int = 24) -> Paragraph:
    """A paragraph of prose whose words no other paragraph uses."""
    text = " ".join(f"{_WORDS[i % len(_WORDS)]}{n}" for i in range(words))
    return Paragraph(content=(Text(f"Part {text}."),))


def _teasers(n: int = 6) -> ListBlock:
    items = tuple(
        ListItem(content=(Link(href=f"/story{i}", children=(Text(f"Storm{i} hits town{i}"),)),))
        for i in range(n)
    )
    return ListBlock(ordered=False, items=items)


def _code(n: int = 6) -> Paragraph:
    """A code block: a ``<pre>`` converts to one paragraph of short lines."""
    content: list = []
    for i in range(n):
        if i:
            content.append(LineBreak())
        content.append(Text(f"git add file{i}"))
    return Paragraph(content=tuple(content))


def _choice_entries(audit: list[Removed]) -> list[Removed]:
    return [r for r in audit if r.reason.startswith("extractor choice:")]


ARTICLE = [_para(i) for i in range(10)]


@pytest.mark.parametrize(
    ("mine", "theirs", "kept", "why"),
    [
        (ARTICLE, [], READABILITY, "found nothing"),
        ([], ARTICLE, TRAFILATURA, "empty or far shorter"),
        (ARTICLE[:2], ARTICLE, TRAFILATURA, "empty or far shorter"),
        (ARTICLE[:5], ARTICLE, TRAFILATURA, "reads as the article"),
        (ARTICLE, ARTICLE[1:], READABILITY, "agree"),  # a lead paragraph of prose stays
        # trafilatura's longer candidate adds only teasers: readability-lxml's stays.
        (ARTICLE[:4], [*ARTICLE[:4], *(_teasers(30) for _ in range(2))], READABILITY, ""),
    ],
    ids=["theirs-empty", "mine-empty", "mine-tiny", "mine-a-part", "agree", "their-rest-teasers"],
)
def test_choose_names_the_kept_extractor_and_why(mine, theirs, kept, why) -> None:
    audit: list[Removed] = []
    choice = choose(list(mine), Candidate.from_blocks(list(theirs)), audit)
    assert choice.kept == kept
    assert why in choice.why
    [entry] = _choice_entries(audit)
    assert entry.reason == f"extractor choice: {kept}, because {choice.why}"
    assert choice.blocks == (list(mine) if kept == READABILITY else list(theirs))


def test_leading_teasers_trafilatura_left_out_are_dropped_and_audited() -> None:
    lead = [Heading(level=2, content=(Text("Breaking News"),)), _teasers()]
    audit: list[Removed] = []
    choice = choose([*lead, *ARTICLE], Candidate.from_blocks(ARTICLE), audit)
    assert choice.kept == READABILITY
    assert choice.blocks == ARTICLE
    reasons = [r.reason for r in audit]
    assert reasons.count(f"teasers or links outside the article (not in {TRAFILATURA})") == 2


def test_a_tail_trafilatura_left_out_goes_unless_its_candidate_is_a_fragment() -> None:
    comments = [Heading(level=2, content=(Text("Comments"),)), _para(20), _para(21)]
    audit: list[Removed] = []
    choice = choose([*ARTICLE, *comments], Candidate.from_blocks(ARTICLE), audit)
    assert choice.blocks == ARTICLE
    assert [r.reason for r in audit[:3]] == [
        f"after the article, not in {TRAFILATURA}'s choice"
    ] * 3
    # trafilatura kept a third of the article: its silence about the rest means nothing
    choice = choose([*ARTICLE, *comments], Candidate.from_blocks(ARTICLE[:4]), [])
    assert choice.blocks == [*ARTICLE, *comments]


def test_a_standfirst_trafilatura_left_out_stays() -> None:
    """Prose before the shared part is the article's own (a dek), not teasers."""
    dek = Paragraph(content=(Text(" ".join(f"dek{i}" for i in range(25)) + "."),))
    choice = choose([dek, *ARTICLE], Candidate.from_blocks(ARTICLE), [])
    assert choice.blocks[0] == dek


@pytest.mark.parametrize(
    ("block", "teasers"),
    [
        (_teasers(), True),
        (_para(1), False),
        (Heading(level=2, content=(Text("More stories"),)), False),  # goes with its teasers
        (
            Paragraph(content=(Link(href="/x", children=(Text("Read the whole story here"),)),)),
            True,
        ),
        (Paragraph(content=(Text("toothfairy"),)), False),  # a short line is not a list
        (
            ListBlock(ordered=False, items=tuple(ListItem((Text(f"Tag{i}"),)) for i in range(4))),
            True,
        ),
        (_code(), False),  # a <pre>'s short lines are one paragraph: a code block
    ],
)
def test_reads_as_teasers(block, teasers: bool) -> None:
    assert reads_as_teasers(block) is teasers


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 30), max_size=12),
    st.lists(st.integers(0, 30), max_size=12),
    st.booleans(),
)
def test_choice_is_one_candidate_trimmed_and_always_audited(a, b, teasers) -> None:
    mine = [_para(i) for i in a] + ([_teasers()] if teasers else [])
    theirs = [_para(i) for i in b]
    audit: list[Removed] = []
    choice = choose(mine, Candidate.from_blocks(theirs), audit)
    source = mine if choice.kept == READABILITY else theirs
    assert all(block in source for block in choice.blocks)
    assert len(_choice_entries(audit)) == 1
    # whatever the kept candidate lost is in the audit
    lost = len(source) - len(choice.blocks)
    assert len(audit) - 1 == lost


def test_trafilatura_markup_keeps_structure() -> None:
    import lxml.html

    body = "".join(f"<p>{' '.join(_WORDS)} {i}.</p>" for i in range(6))
    page = f"<html><body><article><h2>Why sleep</h2>{body}<ul><li>{' '.join(_WORDS)}</li>"
    page += f"<li>{' '.join(_WORDS[::-1])}</li></ul></article></body></html>"
    markup = trafilatura_markup(lxml.html.fromstring(page))
    assert "<h2>Why sleep</h2>" in markup
    assert "<li>" in markup


@given(st.text(alphabet=st.sampled_from("aZé_1١ 日本かカ한\uf900.,-\u3000\n"), max_size=40))
def test_words_split_as_the_extraction_bench_counts(text: str) -> None:
    import re

    cjk = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    bench = re.compile(rf"[{cjk}]|(?:(?![{cjk}])\w)+")  # bench/extraction.py's tokens
    assert words(text) == bench.findall(text.lower())


@pytest.mark.parametrize("fast", [True, False])
def test_trafilatura_markup_leaves_the_callers_tree_alone(fast: bool) -> None:
    """trafilatura works on its own copy, so ingest does not copy the tree for it."""
    import lxml.html
    from lxml import etree

    body = "".join(f"<p class=x>{' '.join(_WORDS)} {i}.</p>" for i in range(3))
    page = "<html><body><nav><a href=/>Home</a></nav><div id=comments><p>Nice</p></div>"
    page += f"<article><h2>Why sleep</h2>{body}</article><footer>(c)</footer></body></html>"
    root = lxml.html.fromstring(page)
    before = etree.tostring(root)
    assert trafilatura_markup(root, fast=fast)
    assert etree.tostring(root) == before


def test_ingested_page_records_the_choice(tmp_path: Path) -> None:
    body = "".join(f"<p>{' '.join(_WORDS)} {i}.</p>" for i in range(8))
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><article><h1>Sleep</h1>{body}</article></body></html>")
    doc = ingest_path(page)
    [entry] = _choice_entries(list(doc.removed))
    assert entry.reason.startswith(f"extractor choice: {READABILITY}")


# ------------------------------------------------------------------------ text export


def test_text_export_leaves_out_the_title_but_keeps_the_standfirst(tmp_path: Path) -> None:
    body = "".join(f"<p>{' '.join(_WORDS)} {i}.</p>" for i in range(8))
    dek = "A short guide to how much sleep adults and children need, and why it matters."
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>How much sleep do you need? | Health Site</title></head><body>"
        f"<article><h1>How much sleep do you need?</h1><p class='dek'>{dek}</p>{body}"
        "</article></body></html>"
    )
    doc = ingest_path(page)
    assert isinstance(doc.blocks[0], Heading) and doc.blocks[0].level == 1  # the title stays
    text = to_text(doc)
    assert "How much sleep do you need" not in text
    assert text.startswith(dek + "\n\n")


def test_text_export_keeps_a_level_one_heading_that_is_not_the_title() -> None:
    lines = block_lines([Heading(level=1, content=(Text("Another part"),)), _para(1)])
    assert lines[0] == "Another part"


def test_a_paragraph_repeating_the_title_goes_to_the_audit(tmp_path: Path) -> None:
    body = "".join(f"<p>{' '.join(_WORDS)} {i}.</p>" for i in range(8))
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Sleep and your health</title></head><body><article>"
        f"<p class='headline'>Sleep and your health</p>{body}</article></body></html>"
    )
    doc = ingest_path(page)
    assert not any(
        isinstance(b, Paragraph) and plain_text(b.content) == "Sleep and your health"
        for b in doc.blocks
    )
    assert any(r.reason == "repeats the title" for r in doc.removed)
    assert not to_text(doc).startswith("Sleep and your health")


def test_a_long_heading_taken_for_the_title_stays_in_the_text() -> None:
    from plainprint.pipeline.document.nodes import Document, Metadata

    caption = " ".join(f"word{i}" for i in range(40))
    doc = Document(
        metadata=Metadata(title=caption),
        blocks=(Heading(level=1, content=(Text(caption),)), _para(1)),
    )
    assert to_text(doc).startswith(caption)


@pytest.mark.parametrize(
    ("mine_paras", "their_paras", "expected"),
    [
        (20, 20, False),  # both long (500 words): the fast pass holds the article
        (2, 20, False),  # readability-lxml's short, trafilatura's fast pass long: enough
        (20, 2, True),  # trafilatura's fast pass found little: ask its fallbacks
        (2, 2, True),
        (0, 0, True),
    ],
)
def test_fallback_only_when_the_fast_pass_found_little(mine_paras, their_paras, expected):
    mine = [_para(i) for i in range(mine_paras)]
    theirs = Candidate.from_blocks([_para(i) for i in range(their_paras)])
    assert needs_fallback(mine, theirs) is expected


def test_a_code_block_only_trafilatura_kept_counts_as_the_article() -> None:
    # readability-lxml kept the prose after a code block; trafilatura kept the block too.
    # A third of its words also occur in the prose, so the block is not "absent" from
    # readability-lxml's candidate, yet it adds 80 words: what trafilatura adds is counted
    # word by word, not only in blocks absent from the other candidate.
    prose = [_para(i, words=12) for i in range(12)]
    lines = [f"{_WORDS[i // 12]}{i % 12} git{i} add{i}" for i in range(40)]
    code = Paragraph(
        content=tuple(
            n for i, line in enumerate(lines) for n in ((LineBreak(),) if i else ()) + (Text(line),)
        )
    )
    audit: list[Removed] = []
    choice = choose(prose, Candidate.from_blocks([code, *prose]), audit)
    assert choice.kept == TRAFILATURA
    assert choice.blocks[0] == code


@pytest.mark.parametrize(
    ("lines", "sentences"),
    [
        (["Lawn Care Provider Ready Seal Hunter Vision Softroc Funny Business Rakkasan"], False),
        (["Walking daily lowers blood pressure in most adults."], True),
        (["Short one."], False),
        (["「テレビで話題になってしまった茶碗」奈良大が分析しました。"], True),
    ],
)
def test_has_sentences(lines: list[str], sentences: bool) -> None:
    from plainprint.pipeline.ingest.html_vote import has_sentences

    assert has_sentences([Paragraph((Text(line),)) for line in lines]) is sentences


def test_a_candidate_without_sentences_never_wins() -> None:
    """A client list trafilatura took for the page's text loses to readability-lxml's short
    candidate (both are poor; the audit says why)."""
    names = " ".join(f"Client{n} Company" for n in range(200))
    mine = [Paragraph((Text("Thrive Agency helps businesses grow."),))]
    audit: list = []
    choice = choose(mine, Candidate.from_blocks([Paragraph((Text(names),))]), audit)
    assert choice.kept == READABILITY and "has no sentence" in choice.why


@pytest.mark.parametrize(
    ("line", "cut"),
    [
        (
            "When the agency denies your claim it can feel like a dead end, and many wonder if "
            "they can sue the agency and significantly improve their chances of",
            True,
        ),
        (
            "Navigating the benefits system can be overwhelming while you deal with a condition, "
            "and the rules are complex with strict deadlines and paperwork …",
            True,
        ),
        (
            "Walking daily lowers blood pressure in most adults, according to several large "
            "studies of people of every age and background.",
            False,
        ),
        ("Too short to be an excerpt of", False),
    ],
)
def test_an_excerpt_cut_mid_sentence_reads_as_a_teaser(line: str, cut: bool) -> None:
    from plainprint.pipeline.ingest.html_vote import is_cut_excerpt

    assert is_cut_excerpt(line) is cut
    assert reads_as_teasers(Paragraph((Text(line),))) is cut


def test_a_news_listing_with_times_reads_as_teasers() -> None:
    items = [
        "日経平均は5日ぶり反発、円安で大型外需株に買い戻し ロイター 3/9(木) 15:47",
        "もやしと株価の意外な関係 もやしの消費額で読み解く日本の景気 THE PAGE 3/9(木) 17:20",
        "Hospital opens a new wing for children with rare diseases Reuters 2 hours ago",
    ]
    block = ListBlock(ordered=False, items=tuple(ListItem((Text(t),)) for t in items))
    assert reads_as_teasers(block)
    steps = [  # times inside the steps, not closing each line
        "Take the first tablet at 8:00 in the morning with a full glass of water.",
        "Take the second tablet at 14:00 with lunch, and never on an empty stomach.",
        "Take the last tablet at 20:00 and write down any side effects you notice.",
    ]
    assert not reads_as_teasers(
        ListBlock(ordered=True, items=tuple(ListItem((Text(t),)) for t in steps))
    )


def test_cjk_lines_are_measured_in_word_equivalents() -> None:
    from plainprint.pipeline.ingest.html_vote import _line_size

    assert _line_size("walking helps") == 2
    assert _line_size("健康") == pytest.approx(0.8)


def _code(lines: list[str]) -> Paragraph:
    content: list = []
    for n, line in enumerate(lines):
        if n:
            content.append(LineBreak())
        content.append(Text(line))
    return Paragraph(content=tuple(content))


SCRIPT = [
    "#!/usr/bin/env python3",
    "import subprocess",
    "import time",
    "CONFIG = {",
    ' "chrome_profile": "Profile 1",',
    "}",
    "def main():",
    "    subprocess.run(['open', '-a', 'Slack'])",
    "    time.sleep(300)",
]


def test_reads_as_code() -> None:
    from plainprint.pipeline.ingest.html_vote import reads_as_code

    assert reads_as_code(_code(SCRIPT))
    poem = ["The heart beats on", "through the night", "and through the day"] * 3
    assert not reads_as_code(_code(poem))
    assert not reads_as_code(_code(SCRIPT[:4]))  # a short snippet is not a listing


def test_a_code_listing_trafilatura_left_out_mid_article_goes() -> None:
    listing = _code(SCRIPT)
    audit: list[Removed] = []
    mine = [*ARTICLE[:3], listing, *ARTICLE[3:]]
    choice = choose(mine, Candidate.from_blocks(ARTICLE), audit)
    assert choice.blocks == ARTICLE
    assert f"code listing, not in {TRAFILATURA}'s choice" in [r.reason for r in audit]
    # when trafilatura kept it, it is the article's
    assert choose(mine, Candidate.from_blocks(mine), []).blocks == mine
