"""HD: heading structure, cross-referenced to axe-core, markdownlint and WCAG."""

from __future__ import annotations

from collections.abc import Iterator

from plainprint.checks.analysis.text import heading_text, is_pseudo_heading
from plainprint.checks.finding import Location, Suggestion
from plainprint.checks.registry import Hit, rule
from plainprint.pipeline.document import iter_blocks
from plainprint.pipeline.document.nodes import BlockQuote, Heading, Link, Paragraph, Text


def _headings(ctx) -> list[Heading]:
    """Headings in reading order, those inside block quotes included: a ``> ## Warning``
    call-out is part of the outline a screen reader announces (README, Markdown)."""
    return [b for b in iter_blocks(ctx.doc.blocks) if isinstance(b, Heading)]


def _hloc(heading: Heading, text: str | None = None) -> Location:
    t = heading_text(heading) if text is None else text
    return Location(block_id=heading.id, section=t, excerpt=t, start=0,
                    end=len(heading_text(heading)), line=heading.line)  # fmt: skip


@rule(
    code="HD001",
    name="missing-top-level-heading",
    severity="error",
    summary="The document has no level-1 heading.",
    rationale="A page needs one main heading that says what it is about; screen-reader users jump to it.",
    flagged=("## Care at home\n\nRest.",),
    languages=("*",),
    clean=("# Care at home\n\nRest.",),
    tags=("headings", "accessibility"),
    references=(
        "axe page-has-heading-one",
        "markdownlint MD041 first-line-heading",
        "WCAG 1.3.1 (H42)",
        "WCAG 2.4.6 (G130)",
    ),
)
def missing_top_level_heading(ctx, opts) -> Iterator[Hit]:
    # A heading ingest made from the file name is not the author's (``title_derived``).
    if ctx.doc.metadata.title_derived or not any(h.level == 1 for h in _headings(ctx)):
        yield Hit(
            ctx.t("No level-1 heading"),
            Location(excerpt=ctx.doc.metadata.title),
            Suggestion(ctx.t("Start with “# {title}”", title=ctx.doc.metadata.title)),
        )


@rule(
    code="HD002",
    name="multiple-top-level-headings",
    severity="warning",
    summary="The document has more than one level-1 heading.",
    rationale="One level-1 heading names the page; further ones break the outline.",
    flagged=("# Care at home\n\nRest.\n\n# Food\n\nEat.",),
    languages=("*",),
    clean=("# Care at home\n\nRest.\n\n## Food\n\nEat.",),
    tags=("headings", "accessibility"),
    references=("markdownlint MD025 single-title", "WCAG 1.3.1 (H42)"),
)
def multiple_top_level_headings(ctx, opts) -> Iterator[Hit]:
    tops = [h for h in _headings(ctx) if h.level == 1]
    for h in tops[1:]:
        yield Hit(
            ctx.t("Second level-1 heading “{heading}”", heading=heading_text(h)),
            _hloc(h),
            Suggestion(ctx.t("Make it a level-2 heading")),
        )


@rule(
    code="HD003",
    name="heading-level-skipped",
    severity="warning",
    summary="A heading is more than one level deeper than the heading before it.",
    rationale="Skipped levels (h1 → h3) break the outline that assistive technology announces. Going back up any number of levels is fine.",
    flagged=("# Care\n\n### Food\n\nEat.",),
    languages=("*",),
    clean=("# Care\n\n## Food\n\nEat.\n\n### Fruit\n\nApples.\n\n## Sleep\n\nRest.",),
    tags=("headings", "accessibility"),
    references=("axe heading-order", "markdownlint MD001 heading-increment", "WCAG 1.3.1 (H42)"),
)
def heading_level_skipped(ctx, opts) -> Iterator[Hit]:
    prev = None
    for h in _headings(ctx):
        if prev is not None and h.level > prev + 1:
            yield Hit(
                ctx.t("Heading level skipped: h{prev} → h{level}", prev=prev, level=h.level),
                _hloc(h),
                Suggestion(ctx.t("Use h{level}", level=prev + 1)),
            )
        prev = h.level


@rule(
    code="HD004",
    name="empty-heading",
    severity="error",
    summary="A heading has no text.",
    rationale="An empty heading is announced as a heading with nothing in it.",
    flagged=("# Care\n\n##\n\nRest.",),
    languages=("*",),
    clean=("# Care\n\n## Rest\n\nRest.",),
    tags=("headings", "accessibility"),
    references=("axe empty-heading", "WCAG 1.3.1", "WCAG 2.4.6"),
)
def empty_heading(ctx, opts) -> Iterator[Hit]:
    for h in _headings(ctx):
        if not heading_text(h):
            yield Hit(
                ctx.t("Empty heading"), _hloc(h, ""), Suggestion(ctx.t("Give it text or remove it"))
            )


@rule(
    code="HD005",
    name="duplicate-sibling-heading",
    severity="warning",
    summary="Two headings under the same parent have the same text.",
    rationale="Sibling headings with the same text cannot be told apart in a page outline.",
    flagged=("# Care\n\n## Food\n\nEat.\n\n## Food\n\nDrink.",),
    languages=("*",),
    clean=("# Care\n\n## Food\n\nEat.\n\n## Drinks\n\nDrink.",),
    tags=("headings",),
    references=("markdownlint MD024 no-duplicate-heading (siblings_only)", "WCAG 2.4.6 (G130)"),
)
def duplicate_sibling_heading(ctx, opts) -> Iterator[Hit]:
    stack: list[tuple[int, set[str]]] = [(0, set())]
    for h in _headings(ctx):
        while stack and stack[-1][0] >= h.level:
            stack.pop()
        parent_children = stack[-1][1] if stack else set()
        key = heading_text(h).lower()
        if key and key in parent_children:
            yield Hit(
                ctx.t(
                    "Duplicate heading “{heading}” under the same parent", heading=heading_text(h)
                ),
                _hloc(h),
                Suggestion(ctx.t("Make the heading say what is different about this section")),
            )
        parent_children.add(key)
        stack.append((h.level, set()))


@rule(
    code="HD006",
    name="heading-too-long",
    severity="suggestion",
    summary="A heading has more than {max_words} words.",
    rationale="Short headings are easier to scan and fit large-print pages.",
    flagged=(
        "# Care\n\n## What you need to know about looking after your wound when you get home\n\nRest.",
    ),
    languages=("*",),
    clean=("# Care\n\n## Looking after your wound\n\nRest.",),
    options={"max_words": 10},
    tags=("headings",),
    references=("WCAG 2.4.6 (G130)", "PEMAT-P item 9"),
)
def heading_too_long(ctx, opts) -> Iterator[Hit]:
    for h in _headings(ctx):
        n = len(heading_text(h).split())
        if n > int(opts["max_words"]):
            yield Hit(ctx.t("Heading has {n} words (more than {limit})", n=n, limit=opts["max_words"]),
                      _hloc(h), Suggestion(ctx.t("Shorten it to the key words")))  # fmt: skip


@rule(
    code="HD007",
    name="bold-paragraph-as-heading",
    severity="warning",
    summary="A short paragraph that is all bold (or italic) acts as a heading.",
    rationale="Text that only looks like a heading is not one for assistive technology. As in "
    "markdownlint MD036, bold text inside a quote (a call-out's label) and a bold link on its own "
    "line (a call to action) are not taken for headings.",
    flagged=("# Care\n\n**Food**\n\nEat fruit.",),
    languages=("*",),
    clean=(
        "# Care\n\n## Food\n\nEat fruit.",
        "# Care\n\n> **Warning**\n>\n> Do not drive.\n\nRest.",
        "# Care\n\n**[Book a visit](https://example.org/book)**\n\nRest.",
    ),
    tags=("headings", "accessibility"),
    references=("axe p-as-heading", "markdownlint MD036 no-emphasis-as-heading", "WCAG 1.3.1 (F2)"),
)
def bold_paragraph_as_heading(ctx, opts) -> Iterator[Hit]:
    from plainprint.pipeline.document import plain_text

    section = ""
    for block, quoted in _blocks_quoted(ctx.doc.blocks):
        if isinstance(block, Heading):
            section = heading_text(block)
        elif isinstance(block, Paragraph) and _acts_as_heading(block, quoted):
            text = plain_text(block.content)
            yield Hit(
                ctx.t("Bold paragraph “{text}” acts as a heading", text=text.strip()),
                Location(block.id, section, text.strip(), 0, len(text), block.line),
                Suggestion(ctx.t("Make it a real heading")),
            )


def _blocks_quoted(blocks, quoted: bool = False) -> Iterator[tuple[object, bool]]:
    """Blocks in reading order, each with whether it sits inside a block quote."""
    for block in blocks:
        yield block, quoted
        if isinstance(block, BlockQuote):
            yield from _blocks_quoted(block.blocks, True)


def _acts_as_heading(block: Paragraph, quoted: bool) -> bool:
    """MD036's scope, checked against markdownlint's own fixtures
    (tests/test_markdownlint_peer.py): emphasis inside a quote is quoted emphasis (a call-out's
    label or a stressed quote), and a bold link on its own line is a call to action, not a
    section title. Real headings inside quotes still count (HD001–HD005)."""
    if quoted or not is_pseudo_heading(block.content):
        return False
    (node,) = [n for n in block.content if not (isinstance(n, Text) and not n.text.strip())]
    inner = [n for n in node.children if not (isinstance(n, Text) and not n.text.strip())]
    return not (len(inner) == 1 and isinstance(inner[0], Link))


@rule(
    code="HD008",
    name="section-without-subheading",
    severity="suggestion",
    summary="A section runs for more than {max_words} words with no subheading.",
    rationale="Chunk long sections under informative headings (PEMAT items 8–9; WCAG 2.4.10).",
    flagged=("# Care\n\n" + ("Drink a glass of water with every meal and snack. " * 35),),
    languages=("*",),
    clean=("# Care\n\n## Water\n\nDrink water.\n\n## Food\n\nEat fruit.",),
    options={"max_words": 300},
    pemat_item=8,
    tags=("headings", "structure"),
    references=("WCAG 2.4.10 (G141, H69)", "PEMAT-P items 8–9"),
)
def section_without_subheading(ctx, opts) -> Iterator[Hit]:
    words: dict[str, int] = {}
    first: dict[str, object] = {}
    for ui, unit in enumerate(ctx.units):
        words[unit.section_id] = words.get(unit.section_id, 0) + ctx.unit_counts[ui].words
        first.setdefault(unit.section_id, unit)
    for sid, n in words.items():
        if n > int(opts["max_words"]):
            unit = first[sid]
            name = unit.section or ctx.t("(before the first heading)")
            yield Hit(
                ctx.t("Section “{name}” has {n} words and no subheading", name=name, n=n),
                Location(block_id=unit.block_id, section=unit.section, excerpt=name,
                         line=unit.line, item=unit.item),
                Suggestion(ctx.t("Split it under informative subheadings")),
            )  # fmt: skip
