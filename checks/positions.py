"""Exact source positions for findings in ``.md`` and ``.txt`` sources.

Checks work on the Document, whose blocks only know the line they start on, so a finding
about the fourth line of a paragraph was reported on its first. The command layer reads the
source once and calls :func:`refine`, which finds each finding's text (the word or sentence
its ``start``/``end`` select) in the source, searching from the block's first line, and
records line, column, end line and end column (1-based, end exclusive, code points).

Matching compares letters and digits only, case-folded and NFKC-normalised, so Markdown
markup, line breaks, hyphen styles and smart quotes between words do not stop a match. A
text that cannot be found keeps the block's line and gets no column: never a wrong one.
"""

from __future__ import annotations

import bisect
import dataclasses
import unicodedata
from collections.abc import Iterable

from plainprint.checks.finding import Finding
from plainprint.pipeline.document import iter_blocks, iter_items, plain_text
from plainprint.pipeline.document.nodes import Document, Heading, ListBlock

SOURCE_SUFFIXES = (".md", ".markdown", ".txt")


@dataclasses.dataclass(frozen=True)
class _Projection:
    """The letters and digits of a text, with the offset each came from."""

    chars: str
    offsets: tuple[int, ...]


def _project(text: str) -> _Projection:
    chars: list[str] = []
    offsets: list[int] = []
    for i, c in enumerate(text):
        if c.isascii():
            if c.isalnum():
                chars.append(c.lower())
                offsets.append(i)
            continue
        for d in unicodedata.normalize("NFKC", c).casefold():
            if d.isalnum():
                chars.append(d)
                offsets.append(i)
    return _Projection("".join(chars), tuple(offsets))


def _key(text: str) -> str:
    return _project(text).chars


class SourceMap:
    """One source file's text, indexed for line/column lookups and projected matching."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.proj = _project(text)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, of a character offset."""
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def find(self, needle: str, from_line: int = 1, occurrence: int = 0) -> tuple[int, int] | None:
        """Source offsets (start, end) of the ``occurrence``-th match of ``needle`` at or
        after ``from_line``, or None."""
        key = _key(needle)
        if not key:
            return None
        line = min(max(from_line, 1), len(self.line_starts))
        at = bisect.bisect_left(self.proj.offsets, self.line_starts[line - 1])
        for _ in range(occurrence + 1):
            hit = self.proj.chars.find(key, at)
            if hit < 0:
                return None
            at = hit + 1
        start = self.proj.offsets[hit]
        end = self.proj.offsets[hit + len(key) - 1] + 1
        return start, end


def _span_texts(doc: Document) -> dict[str, list[str]]:
    """Block id → the plain texts its findings' offsets index (one per list item)."""
    out: dict[str, list[str]] = {}
    for block in iter_blocks(doc.blocks):
        if isinstance(block, ListBlock):
            out[block.id] = [plain_text(item.content) for item, _ in iter_items(block)]
        elif getattr(block, "content", None) is not None:
            out[block.id] = [plain_text(block.content)]
    return out


def _occurrence(texts: list[str], item: int, start: int, key: str) -> int:
    """How many earlier matches of ``key`` the block has before the finding's own."""
    before = "".join(_key(t) for t in texts[:item]) + _key(texts[item][:start])
    whole = before + _key(texts[item][start:])
    n, at = 0, whole.find(key)
    while 0 <= at < len(before):
        n += 1
        at = whole.find(key, at + 1)
    return n


def refine(findings: Iterable[Finding], doc: Document, source: str) -> None:
    """Give each finding the exact line and span of its text in ``source`` (in place)."""
    smap = SourceMap(source)
    texts = _span_texts(doc)
    lines = {b.id: b.line for b in iter_blocks(doc.blocks)}
    title_line = next(
        (b.line for b in doc.blocks if isinstance(b, Heading) and b.level == 1 and b.line), None
    )
    for f in findings:
        loc = f.location
        block_line = lines.get(loc.block_id) if loc.block_id else None
        span = None
        if loc.block_id and loc.start is not None and loc.end is not None:
            parts = texts.get(loc.block_id)
            item = loc.item or 0
            if parts and item < len(parts) and loc.end <= len(parts[item]):
                needle = parts[item][loc.start : loc.end]
                key = _key(needle)
                if key:
                    n = _occurrence(parts, item, loc.start, key)
                    span = smap.find(needle, block_line or 1, n)
        elif loc.block_id is None and loc.excerpt:
            # Document-level findings (RL001, PL005) point at the title where the source has it.
            span = smap.find(loc.excerpt, title_line or 1)
        if span is None:
            line = loc.line or block_line or (title_line if loc.block_id is None else None) or 1
            f.location = dataclasses.replace(loc, line=line)
            continue
        (line, column), (end_line, end_column) = smap.position(span[0]), smap.position(span[1])
        f.location = dataclasses.replace(
            loc, line=line, column=column, end_line=end_line, end_column=end_column
        )
