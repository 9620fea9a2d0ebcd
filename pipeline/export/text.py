"""Body text only, one block per paragraph: for comparing extraction with other tools."""

from __future__ import annotations

from ..document.nodes import (
    BlockQuote,
    Document,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    References,
    Table,
)
from ..document.walk import iter_items, plain_text


def _lines(blocks) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            out.append(plain_text(block.content))
        elif isinstance(block, ListBlock):
            out.extend(plain_text(item.content) for item, _ in iter_items(block))
        elif isinstance(block, BlockQuote):
            out.extend(_lines(block.blocks))
        elif isinstance(block, Table):
            for row in block.header + block.rows:
                out.append("\t".join(plain_text(cell) for cell in row))
        elif isinstance(block, Figure):
            if block.caption:
                out.append(plain_text(block.caption))
        elif isinstance(block, References):
            continue
    return [" ".join(line.split()) for line in out if line.strip()]


def to_text(doc: Document) -> str:
    return "\n\n".join(_lines(doc.blocks)) + "\n"
