"""Structural invariants of a Document. A violation is a bug in the producer, not content."""

from __future__ import annotations

from .nodes import Document, Heading
from .walk import iter_blocks


class DocumentSchemaError(ValueError):
    pass


def validate(doc: Document) -> Document:
    seen: set[str] = set()
    for block in iter_blocks(doc.blocks):
        if not block.id:
            raise DocumentSchemaError(f"block without id: {type(block).__name__}")
        if block.id in seen:
            raise DocumentSchemaError(f"duplicate block id {block.id!r}")
        seen.add(block.id)
        if isinstance(block, Heading) and not 1 <= block.level <= 6:
            raise DocumentSchemaError(f"heading level {block.level} outside 1-6 ({block.id})")
    if doc.metadata.title is None:
        raise DocumentSchemaError("document has no title")
    return doc
