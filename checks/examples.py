"""Rule examples run through the real readers, so a rule that cannot fire on a source
format is caught by its own examples.

An example is a Markdown source (``flagged``/``clean`` in the rule registry, shown in
RULES.md), or a saved page when it starts with ``<``. Ingest runs as for a file named
``example.md`` / ``example.html``: a Markdown example without a level-1 heading gets a
title derived from that name, and HD001 reports it, as for a real file.
"""

from __future__ import annotations

from pathlib import Path

from plainprint.pipeline.document import Document, validate
from plainprint.pipeline.ingest.html import parse_html
from plainprint.pipeline.ingest.markdown import parse_markdown


def example_document(source: str, *, title: str | None = None) -> Document:
    if source.lstrip().startswith("<"):
        doc = parse_html(source, Path("example.html"))
    else:
        if title is not None:
            source = f"---\ntitle: {title!r}\n---\n{source}"
        doc = parse_markdown(source, Path("example.md"))
    return validate(doc)
