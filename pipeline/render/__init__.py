"""Render a Document: a large-print PDF (screen or print profile) and a plain-language HTML handout.

Public API (kept stable for the build and check stages):

* :func:`render_pdf` → PDF bytes; :func:`render_html` → the handout as a string.
* :func:`plain_language_notes` → the swaps and glossary terms the handout would apply,
  for the check report.

Both renderers raise :class:`pipeline.errors.RenderError` for input that cannot be
rendered. Templates and CSS live in ``pipeline/templates/<output>/``.
"""

from __future__ import annotations

from plainprint.pipeline.render.api import (
    PROFILES,
    PlainNotes,
    plain_language_notes,
    render_html,
    render_pdf,
    warnings_once,
)

__all__ = [
    "PROFILES",
    "PlainNotes",
    "plain_language_notes",
    "render_html",
    "render_pdf",
    "warnings_once",
]
