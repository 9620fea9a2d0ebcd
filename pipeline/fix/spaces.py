"""The doubled-spaces fix: two or more spaces between words inside a line become one.

Source-level, not a check rule (the Document never shows the extra spaces to a reader,
but editors' diffs do). Never the two trailing spaces of a Markdown hard line break, nor
indentation, list markers, block-quote markers or anything inside protected markup.
"""

from __future__ import annotations

import re

from plainprint.pipeline.fix.locate import Region, protected_spans

NAME = "doubled-space"
_PREFIX = re.compile(r"[ \t]*(?:>[ \t]?)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?")
_RUN = re.compile(r"(?<=\S) {2,}(?=\S)")


def doubled_spaces(source: str, regions: list[Region]) -> list[tuple[int, int, str]]:
    """(start, end, " ") for each run of spaces to collapse, in source order."""
    edits = []
    for region in sorted(regions, key=lambda r: r.start):
        chunk = source[region.start : region.end]
        blocked = protected_spans(chunk)
        pos = 0
        for line in chunk.split("\n"):
            body = _PREFIX.match(line).end()
            for m in _RUN.finditer(line, body):
                s, e = pos + m.start(), pos + m.end()
                if not any(a < e and s < b for a, b in blocked):
                    edits.append((region.start + s, region.start + e, " "))
            pos += len(line) + 1
    return edits
