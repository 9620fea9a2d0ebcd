"""Map a finding back to the Markdown source it came from.

A finding names a block (and list item) and offsets in that unit's plain text; inline
markup (emphasis, links, footnote markers) makes source offsets differ. So the phrase is
found again: it is the k-th occurrence in the block's plain text, and it must be the k-th
occurrence, outside markup, in the block's source lines. When the counts differ the phrase
cannot be located unambiguously and the fix is skipped, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plainprint.pipeline.document import iter_blocks
from plainprint.pipeline.document.nodes import Document, Heading, ListBlock, Paragraph

# Source text no fix may touch and whose characters are not the block's words: HTML
# comments (suppressions), raw HTML and autolinks, code spans, link targets and labels,
# footnote and bracketed citation markers, heading anchors, bare URLs. Each branch is
# bounded by a character class, so matching stays linear in the source length.
PROTECTED = re.compile(
    r"<!--(?:[^-]|-(?!->))*-->"
    r"|\]\(<(?:[^<>\n\\]|\\.)*>(?:\s+\"[^\"\n]*\")?\)"
    r"|<[^<>\n]*>"
    r"|(?P<ticks>`+)[^`]+(?P=ticks)"
    r"|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"\n]*\")?\)"
    r"|\]\[[^\]\n]*\]"
    r"|\[\^[^\]\s]*\]"
    r"|\[\d[\d,\s–—-]*\]"
    r"|\{#[^}\n]*\}"
    r"|(?:https?://|www\.)[^\s<>()]+"
)
_DEFINITION = re.compile(r"^\s{0,3}\[\^?[^\]\n]+\]:")


class NotLocated(Exception):
    """The finding's phrase cannot be found, once and unambiguously, in the source."""


@dataclass(frozen=True)
class Region:
    """A block's source: character offsets ``start:end`` in the whole Markdown text."""

    start: int
    end: int


def line_offsets(text: str) -> list[int]:
    """Character offset of the start of each line (1-based line n is index n - 1)."""
    offsets = [0]
    for m in re.finditer("\n", text):
        offsets.append(m.end())
    return offsets


def block_regions(doc: Document, text: str) -> dict[str, Region]:
    """Source region of every prose block (paragraph, list, heading) that has a line."""
    offsets = line_offsets(text)
    lines = text.split("\n")
    starts = sorted({b.line for b in iter_blocks(doc.blocks) if getattr(b, "line", None)})
    regions: dict[str, Region] = {}
    for block in iter_blocks(doc.blocks):
        line = getattr(block, "line", None)
        if not line or not isinstance(block, Paragraph | ListBlock | Heading) or line > len(lines):
            continue
        later = [s for s in starts if s > line]
        last = min(later) - 1 if later else len(lines)
        end = line
        while end < last:  # the line numbered `end + 1` still belongs to the block?
            nxt = lines[end]
            if isinstance(block, Paragraph | Heading) and not nxt.strip():
                break
            if _DEFINITION.match(nxt):
                break
            end += 1
        if isinstance(block, Heading):
            end = line
        stop = offsets[end] - 1 if end < len(offsets) else len(text)
        regions[block.id] = Region(offsets[line - 1], stop)
    return regions


def protected_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in PROTECTED.finditer(text)]


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """The phrase as written, any run of white space between its words (a line may wrap)."""
    body = r"\s+".join(re.escape(t) for t in phrase.split())
    lead = r"(?<!\w)" if re.match(r"\w", phrase) else ""
    trail = r"(?!\w)" if re.search(r"\w$", phrase) else ""
    return re.compile(lead + body + trail)


def _outside(span: tuple[int, int], blocked: list[tuple[int, int]]) -> bool:
    s, e = span
    return not any(a < e and s < b for a, b in blocked)


def locate(
    source: str,
    region: Region,
    units: list[tuple[str, list[tuple[int, int]]]],
    index: int,
    start: int,
    end: int,
) -> tuple[int, int]:
    """Source span of ``units[index].text[start:end]``.

    ``units`` are the block's units in order (one for a paragraph, each item of a list), as
    (plain text, masked spans): URLs and markers masked in the text are not counted.
    """
    phrase = units[index][0][start:end]
    if not phrase.strip():
        raise NotLocated("the finding has no text to replace")
    pattern = phrase_pattern(phrase)
    k = None
    total = 0
    for i, (text, masked) in enumerate(units):
        for m in pattern.finditer(text):
            if not _outside(m.span(), masked):
                continue
            if i == index and m.start() == start and m.end() == end:
                k = total
            total += 1
    if k is None:
        raise NotLocated(f"“{phrase}” is not a whole phrase in the text")
    chunk = source[region.start : region.end]
    blocked = protected_spans(chunk)
    found = [m.span() for m in pattern.finditer(chunk) if _outside(m.span(), blocked)]
    if len(found) != total:
        raise NotLocated(f"“{phrase}” is {len(found)}× in the source but {total}× in the text")
    s, e = found[k]
    return region.start + s, region.start + e
