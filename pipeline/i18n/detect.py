"""The document's language when the source does not declare one.

A page's ``lang``, a front matter's ``lang`` or a sidecar's ``language`` always win. Without
them (plain-text scrapes, Markdown without ``lang``, pages without ``<html lang>``) the
language is detected from the body text with py3langid, a maintained fork of langid.py:
a small naive-Bayes model shipped inside the wheel (offline, deterministic, 97 languages).
A detection is kept only on enough text and with a clear winner; otherwise the document
stays English, as before. ``Metadata.language_detected`` records that it was detected so
the check report can say so.
"""

from __future__ import annotations

import dataclasses
import functools

from plainprint.pipeline.document import iter_blocks, iter_items, plain_text
from plainprint.pipeline.document.nodes import Document, Heading, ListBlock, Paragraph

MIN_LETTERS = 20  # shorter text is too little evidence (Hangul: one letter per syllable)
MIN_PROBABILITY = 0.8
SAMPLE_CHARS = 6000
FALLBACK = "en"


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """An ISO 639-1 code for ``text``, or None when the text is too short or unclear."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= MIN_PROBABILITY else None


def body_text(doc: Document) -> str:
    parts = []
    for block in iter_blocks(doc.blocks):
        if isinstance(block, Heading | Paragraph):
            parts.append(plain_text(block.content))
        elif isinstance(block, ListBlock):
            parts.extend(plain_text(item.content) for item, _depth in iter_items(block))
    return "\n".join(parts)


def settle_language(doc: Document, declared: bool) -> Document:
    """``doc`` with its language detected when the source declared none."""
    if declared:
        return doc
    code = detect_language(body_text(doc))
    if code is None:
        return doc
    meta = dataclasses.replace(doc.metadata, language=code, language_detected=True)
    return dataclasses.replace(doc, metadata=meta)
