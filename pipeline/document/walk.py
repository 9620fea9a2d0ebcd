"""One canonical text view of the Document, shared by checks, excerpts and renderers."""

from __future__ import annotations

from collections.abc import Iterator

from plainprint.pipeline.document.nodes import (
    Block,
    BlockQuote,
    Citation,
    Document,
    Emphasis,
    Figure,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    References,
    Strong,
    Table,
    Text,
)


def plain_text(inlines: tuple[Inline, ...], *, citations: bool = False) -> str:
    """Text of inline content. Citation markers are left out unless asked for."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, Emphasis | Strong | Link):
            parts.append(plain_text(node.children, citations=citations))
        elif isinstance(node, Citation):
            if citations:
                parts.append(node.raw)
        elif isinstance(node, LineBreak):
            parts.append("\n")
    return "".join(parts)


def inline_spans(inlines: tuple[Inline, ...]) -> list[tuple[int, int, Inline]]:
    """(start, end, node) of every inline node in ``plain_text(inlines)``: leaves in document
    order, each container right after its children; a citation marker has no text, so
    start == end, where it stood."""
    out: list[tuple[int, int, Inline]] = []
    pos = 0

    def walk(nodes: tuple[Inline, ...]) -> None:
        nonlocal pos
        for node in nodes:
            start = pos
            if isinstance(node, Text):
                pos += len(node.text)
            elif isinstance(node, LineBreak):
                pos += 1
            elif isinstance(node, Emphasis | Strong | Link):
                walk(node.children)
            out.append((start, pos, node))

    walk(inlines)
    return out


def citations_at(inlines: tuple[Inline, ...]) -> list[tuple[int, Citation]]:
    """Each citation with its offset in ``plain_text(inlines)`` (where the marker stood)."""
    return [(start, n) for start, _end, n in inline_spans(inlines) if isinstance(n, Citation)]


def inline_runs(block: Block) -> Iterator[tuple[int | None, tuple[Inline, ...]]]:
    """Every run of inline content a block holds, as (list-item index or None, inlines):
    paragraph and heading text, list items (in ``iter_items`` order), table cells and
    caption, figure caption. Block quotes hold blocks, not runs: ``iter_blocks`` visits them."""
    if isinstance(block, Heading | Paragraph):
        yield None, block.content
    elif isinstance(block, ListBlock):
        for index, (item, _depth) in enumerate(iter_items(block)):
            yield index, item.content
    elif isinstance(block, Table):
        yield None, block.caption
        for row in block.header + block.rows:
            for cell in row:
                yield None, cell
    elif isinstance(block, Figure):
        yield None, block.caption


def iter_citations(
    doc: Document,
) -> Iterator[tuple[Block, int | None, int, Citation, tuple[Inline, ...]]]:
    """Every citation marker in the document, wherever it stands: its block, list item,
    offset in the run's ``plain_text``, the citation and the run itself; in document order."""
    for block in iter_blocks(doc.blocks):
        for item, content in inline_runs(block):
            for offset, cite in citations_at(content):
                yield block, item, offset, cite, content


def iter_inlines(inlines: tuple[Inline, ...]) -> Iterator[Inline]:
    for node in inlines:
        yield node
        if isinstance(node, Emphasis | Strong | Link):
            yield from iter_inlines(node.children)


def iter_items(lst: ListBlock, depth: int = 0) -> Iterator[tuple[ListItem, int]]:
    """Every item of a list, nested ones included, with its depth."""
    for item in lst.items:
        yield item, depth
        for sub in item.sublists:
            yield from iter_items(sub, depth + 1)


def iter_blocks(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Blocks in document order, descending into block quotes."""
    for block in blocks:
        yield block
        if isinstance(block, BlockQuote):
            yield from iter_blocks(block.blocks)


def sections(doc: Document) -> Iterator[tuple[Heading | None, list[Block]]]:
    """Split the top-level blocks at headings: (heading or None, blocks under it)."""
    current: Heading | None = None
    body: list[Block] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            if current is not None or body:
                yield current, body
            current, body = block, []
        else:
            body.append(block)
    if current is not None or body:
        yield current, body


def block_lines(blocks) -> list[str]:
    """One line per paragraph, heading, list item, table row or caption; references left out."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            out.append(plain_text(block.content))
        elif isinstance(block, ListBlock):
            out.extend(plain_text(item.content) for item, _ in iter_items(block))
        elif isinstance(block, BlockQuote):
            out.extend(block_lines(block.blocks))
        elif isinstance(block, Table):
            for row in block.header + block.rows:
                out.append("\t".join(plain_text(cell) for cell in row))
        elif isinstance(block, Figure):
            if block.caption:
                out.append(plain_text(block.caption))
        elif isinstance(block, References):
            continue
    return [" ".join(line.split()) for line in out if line.strip()]
