"""Turn a run of plain text into inline nodes, lifting out citation markers."""

from __future__ import annotations

import re

from plainprint.pipeline.document.nodes import Citation, Inline, Text
from plainprint.pipeline.ingest.citations import (
    BRACKETED,
    GLUED_AFTER_PUNCT,
    abbreviation_before,
    expand_marker,
)


def text_to_inlines(text: str, *, glued: bool = True, bracketed: bool = True) -> tuple[Inline, ...]:
    """Split ``text`` into Text and Citation nodes.

    ``glued`` recovers markers glued after punctuation (``cases.1``); callers enable it only
    when the document has a reference list, so a stray number is never taken for a marker
    in a document that cites nothing.
    """
    spans: list[tuple[int, int, str, bool]] = []  # start, end, raw, keep-punct
    if glued:
        for m in GLUED_AFTER_PUNCT.finditer(text):
            if m.group(1)[0] == "." and abbreviation_before(text, m.start(1)):
                continue
            spans.append((m.start(2), m.end(2), m.group(2), True))
    if bracketed:
        for m in BRACKETED.finditer(text):
            spans.append((m.start(), m.end(), m.group(1), False))
    if not spans:
        return (Text(text),) if text else ()
    spans.sort()
    out: list[Inline] = []
    pos = 0
    for start, end, raw, _ in spans:
        if start < pos:
            continue
        if start > pos:
            out.append(Text(text[pos:start]))
        out.append(Citation(refs=expand_marker(raw), raw=raw.replace(" ", "")))
        pos = end
    if pos < len(text):
        out.append(Text(text[pos:]))
    return tuple(out)


def squash_spaces(text: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()
