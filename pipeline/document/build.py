"""Small builders so tests and examples can write ``doc(h(1, "T"), p("Text."))``."""

from __future__ import annotations

import dataclasses

from plainprint.pipeline.document.markers import expand_marker
from plainprint.pipeline.document.nodes import (
    Block,
    BlockQuote,
    Citation,
    Document,
    Heading,
    Inline,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    Reference,
    References,
)


def _inl(parts: tuple[str | Inline, ...]) -> tuple[Inline, ...]:
    from plainprint.pipeline.document.nodes import Text

    return tuple(Text(p) if isinstance(p, str) else p for p in parts)


def h(level: int, *parts: str | Inline) -> Heading:
    return Heading(level=level, content=_inl(parts))


def p(*parts: str | Inline) -> Paragraph:
    return Paragraph(content=_inl(parts))


def cite(raw: str) -> Citation:
    return Citation(refs=expand_marker(raw), raw=raw)


def ul(*items: str) -> ListBlock:
    return ListBlock(ordered=False, items=tuple(ListItem(content=_inl((i,))) for i in items))


def ol(*items: str) -> ListBlock:
    return ListBlock(ordered=True, items=tuple(ListItem(content=_inl((i,))) for i in items))


def refs(*items: str | Reference) -> References:
    out = []
    for n, item in enumerate(items, 1):
        out.append(item if isinstance(item, Reference) else Reference(key=str(n), raw=item))
    return References(items=tuple(out))


def doc(*blocks: Block, title: str | None = None, language: str = "en", **meta) -> Document:
    if title is None:
        first = next((b for b in blocks if isinstance(b, Heading) and b.level == 1), None)
        from plainprint.pipeline.document.walk import plain_text

        title = plain_text(first.content) if first else "Untitled"
    return number_blocks(
        Document(metadata=Metadata(title=title, language=language, **meta), blocks=blocks)
    )


_PREFIX = {
    "Heading": "h",
    "Paragraph": "p",
    "ListBlock": "l",
    "BlockQuote": "q",
    "Table": "t",
    "Figure": "f",
    "References": "r",
}


def number_blocks(document: Document) -> Document:
    """Give every block a stable id in document order: ``p3`` is the third block overall."""
    counter = 0

    def renumber(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
        nonlocal counter
        out = []
        for block in blocks:
            counter += 1
            new_id = f"{_PREFIX[type(block).__name__]}{counter}"
            if isinstance(block, BlockQuote):
                block = dataclasses.replace(block, id=new_id, blocks=renumber(block.blocks))
            else:
                block = dataclasses.replace(block, id=new_id)
            out.append(block)
        return tuple(out)

    return dataclasses.replace(document, blocks=renumber(document.blocks))
