"""The facts a fix must never change: every number, citation marker and link.

After fixing, plainprint re-ingests the new Markdown and compares these with the original
Document; if any differ it refuses to write (a safety net under the guards).
"""

from __future__ import annotations

import re
from collections import Counter

from plainprint.pipeline.document import iter_blocks
from plainprint.pipeline.document.nodes import Document, Figure, Link
from plainprint.pipeline.document.walk import inline_runs, iter_citations, iter_inlines, plain_text

_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*")


def facts(doc: Document) -> dict[str, Counter]:
    """Numbers (as written), citation markers (raw, in order) and link targets."""
    numbers: Counter = Counter(_NUMBER.findall(doc.metadata.title or ""))
    links: Counter = Counter()
    for block in iter_blocks(doc.blocks):
        if isinstance(block, Figure):
            links[block.src] += 1
        for _item, content in inline_runs(block):
            numbers.update(_NUMBER.findall(plain_text(content)))
            links.update(n.href for n in iter_inlines(content) if isinstance(n, Link))
    for ref in doc.references:
        numbers.update(_NUMBER.findall(ref.raw))
    citations = Counter(cite.raw for _b, _i, _o, cite, _c in iter_citations(doc))
    return {"numbers": numbers, "citations": citations, "links": links}


def changed(before: Document, after: Document) -> list[str]:
    """Which kinds of fact differ ("numbers", "citations", "links"), with an example."""
    a, b = facts(before), facts(after)
    out = []
    for kind in ("numbers", "citations", "links"):
        if a[kind] != b[kind]:
            diff = (a[kind] - b[kind]) + (b[kind] - a[kind])
            out.append(f"{kind} ({', '.join(sorted(diff)[:3])})")
    return out
