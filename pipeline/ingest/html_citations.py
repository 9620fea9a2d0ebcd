"""Citation markers that only HTML shows: ``<sup>1</sup>``, ``<sup><a href="#ref1">1</a></sup>``,
``<a href="#cite_note-2">[2]</a>``.

The text patterns (``[1–3]``, ``cases.1``) live in ``citations.py``; this module only decides
whether a superscript or an in-page link is a marker, and builds the Citation.
"""

from __future__ import annotations

import re

from plainprint.pipeline.document.nodes import Citation
from plainprint.pipeline.ingest.citations import MARKER_BODY, expand_marker

# The whole text of a marker element: "1", "1,3", "2–4", "[1]", "(1)", "[1][2]", "[1, 2]".
_ONE = rf"[\[(]?\s?{MARKER_BODY}\s?[\])]?"
MARKER_TEXT = re.compile(rf"^\s*(?:{_ONE})(?:\s?,?\s?{_ONE}){{0,10}}\s*$")
_BODY = re.compile(MARKER_BODY)

# A superscript right after these is an exponent or unit, not a citation: "10<sup>6</sup>", "m<sup>2</sup>".
_UNIT_BEFORE = re.compile(r"(?:\d|\b(?:m|cm|mm|km|ft|in|kg|mg|g|s|x|mol|l|dl|ml))\s?$")
# Fragment targets that name a note or reference.
_NOTE_TARGET = re.compile(r"^#.*(?:ref|cite|note|fn|bib|endnote|footnote|source|r\d|\d)", re.I)


def marker_citations(text: str) -> tuple[Citation, ...]:
    """Citations for marker text (``"[1][3]"`` → two), or () when it is not a marker."""
    if not MARKER_TEXT.match(text):
        return ()
    out = []
    for m in _BODY.finditer(text):
        raw = re.sub(r"\s", "", m.group(0))
        refs = expand_marker(raw)
        if refs:
            out.append(Citation(refs=refs, raw=raw))
    return tuple(out)


def sup_citations(text: str, before: str, has_note_link: bool) -> tuple[Citation, ...]:
    """A ``<sup>`` holding a marker, unless it reads as an exponent (``10⁶``, ``m²``)."""
    if not has_note_link and _UNIT_BEFORE.search(before[-6:]):
        return ()
    return marker_citations(text)


def is_note_link(href: str | None) -> bool:
    return bool(href and _NOTE_TARGET.match(href.strip()))
