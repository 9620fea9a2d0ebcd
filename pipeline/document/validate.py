"""Structural invariants of a Document. A violation is a bug in the producer, not content.

The one exception is the language: every input spells it its own way (``pt_BR``,
``en_US.UTF-8``), so ``validate`` normalises it to BCP 47 here, once for every source
and for Document JSON, and raises ``LanguageTagError`` only for a tag that cannot be read.
"""

from __future__ import annotations

import dataclasses

from plainprint.pipeline.document.language import (
    LanguageTagError,
    language_or_none,
    normalize_language,
)
from plainprint.pipeline.document.nodes import Document, Heading
from plainprint.pipeline.document.walk import iter_blocks


class DocumentSchemaError(ValueError):
    pass


def validate(doc: Document) -> Document:
    """``doc`` with its language normalised, once its invariants hold; raise otherwise."""
    seen: set[str] = set()
    for block in iter_blocks(doc.blocks):
        if not block.id:
            raise DocumentSchemaError(f"block without id: {type(block).__name__}")
        if block.id in seen:
            raise DocumentSchemaError(f"duplicate block id {block.id!r}")
        seen.add(block.id)
        if isinstance(block, Heading) and not 1 <= block.level <= 6:
            raise DocumentSchemaError(f"heading level {block.level} outside 1-6 ({block.id})")
        lang = getattr(block, "lang", None)
        if lang is not None and language_or_none(lang) != lang:
            raise DocumentSchemaError(f"block {block.id} has a non-BCP 47 lang {lang!r}")
    if doc.metadata.title is None:
        raise DocumentSchemaError("document has no title")
    language = normalize_language(doc.metadata.language)
    if language != doc.metadata.language:
        doc = dataclasses.replace(
            doc, metadata=dataclasses.replace(doc.metadata, language=language)
        )
    return doc


__all__ = ["DocumentSchemaError", "LanguageTagError", "validate"]
