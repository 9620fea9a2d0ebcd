"""A tiny markup for rule examples, so RULES.md and the tests share one source.

One block per paragraph (blank lines between); ``#`` to ``######`` start headings,
``- `` and ``1. `` list items, a line that is all ``**bold**`` a bold paragraph, ``[2]``
in text a citation marker, ``[text](href)`` a link, and ``[2]: text | url=… | doi=… |
accessed=YYYY-MM-DD | accessed_raw=…`` a reference-list entry. The title is the first
level-1 heading.
"""

from __future__ import annotations

import re

from pipeline.document import number_blocks, plain_text
from pipeline.document.nodes import (
    Citation,
    Document,
    Heading,
    Inline,
    Link,
    ListBlock,
    ListItem,
    Metadata,
    Paragraph,
    Reference,
    References,
    Strong,
    Text,
)

_REF = re.compile(r"^\[(\w+)\]:\s*(.*)$")
_LIST = re.compile(r"^(?:[-*]|\d+\.)\s+(.*)$")
_MARK = re.compile(r"\[(\d+(?:[,–-]\d+)*)\](?!\()|\[([^\]]+)\]\(([^)\s]+)\)")


def _inlines(text: str) -> tuple[Inline, ...]:
    out: list[Inline] = []
    pos = 0
    for m in _MARK.finditer(text):
        if m.start() > pos:
            out.append(Text(text[pos : m.start()]))
        pos = m.end()
        if m.group(3):
            out.append(Link(href=m.group(3), children=(Text(m.group(2)),)))
            continue
        keys: list[str] = []
        for part in re.split(r",", m.group(1)):
            if re.fullmatch(r"\d+[–-]\d+", part):
                lo, hi = (int(x) for x in re.split(r"[–-]", part))
                keys.extend(str(n) for n in range(lo, hi + 1))
            else:
                keys.append(part)
        out.append(Citation(refs=tuple(keys), raw=m.group(1)))
    if pos < len(text):
        out.append(Text(text[pos:]))
    return tuple(out)


def _reference(key: str, body: str, line: int) -> Reference:
    parts = [p.strip() for p in body.split(" | ")]
    fields = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
    title = parts[0].rstrip(".") or None
    return Reference(
        key=key,
        raw=parts[0],
        title=title,
        url=fields.get("url"),
        doi=fields.get("doi"),
        accessed=fields.get("accessed"),
        accessed_raw=fields.get("accessed_raw", fields.get("accessed")),
        line=line,
    )


def example_document(source: str, *, title: str | None = None) -> Document:
    blocks: list = []
    refs: list[Reference] = []
    items: list[ListItem] = []
    ordered = False

    def flush_list() -> None:
        nonlocal items
        if items:
            blocks.append(ListBlock(ordered=ordered, items=tuple(items)))
            items = []

    for n, raw in enumerate(source.strip("\n").splitlines(), 1):
        line = raw.strip()
        if not line:
            flush_list()
            continue
        if m := re.match(r"^(#{1,6})(?:\s+(.*))?$", line):
            flush_list()
            blocks.append(Heading(len(m.group(1)), _inlines(m.group(2) or ""), line=n))
        elif m := _REF.match(line):
            flush_list()
            refs.append(_reference(m.group(1), m.group(2), n))
        elif m := _LIST.match(line):
            ordered = line[0].isdigit()
            items.append(ListItem(_inlines(m.group(1))))
        elif re.fullmatch(r"\*\*[^*]+\*\*", line):
            flush_list()
            blocks.append(Paragraph((Strong((Text(line[2:-2]),)),), line=n))
        else:
            flush_list()
            blocks.append(Paragraph(_inlines(line), line=n))
    flush_list()
    if refs:
        blocks.append(References(tuple(refs), line=refs[0].line))
    if title is None:
        first = next((b for b in blocks if isinstance(b, Heading) and b.level == 1), None)
        title = plain_text(first.content) if first else "Example"
    meta = Metadata(title=title, source_format="markdown")
    return number_blocks(Document(metadata=meta, blocks=tuple(blocks)))
