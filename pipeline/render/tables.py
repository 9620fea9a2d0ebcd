"""How a table without a header row is rendered (Matterhorn 15, WCAG 1.3.1).

A data table needs header cells. Scraped pages often mark none, so the first row or column
becomes the headers when it reads as headers (short labels, not numbers, every cell filled);
otherwise the table is laid out as rows of cells with no table semantics: a presentation
table in the HTML, plain ``Div`` elements in the PDF rather than a headerless ``/Table``.
"""

from __future__ import annotations

import re
from enum import Enum

from plainprint.pipeline.document import Table, plain_text

MAX_LABEL_WORDS = 6
_NUMBER = re.compile(r"^[\s$€£¥%+\-–<>≤≥~.,:/0-9]*\d[\s$€£¥%+\-–<>≤≥~.,:/0-9a-zA-Z]{0,4}$")


class Headers(Enum):
    GIVEN = "given"  # the Document has header rows
    FIRST_ROW = "first-row"
    FIRST_COLUMN = "first-column"
    NONE = "none"  # layout only


def _label(cell) -> bool:
    """A cell that reads as a header: a few words, not a number or an empty cell."""
    text = plain_text(cell).strip()
    return bool(text) and len(text.split()) <= MAX_LABEL_WORDS and not _NUMBER.match(text)


def _labels(cells) -> bool:
    texts = [plain_text(c).strip().lower() for c in cells]
    return all(_label(c) for c in cells) and len(set(texts)) == len(texts)


def headers(table: Table) -> Headers:
    """Where this table's headers are, or NONE when it is a layout."""
    if table.header:
        return Headers.GIVEN
    rows = [row for row in table.rows if row]
    width = max((len(r) for r in rows), default=0)
    if len(rows) < 2 or width < 2:
        return Headers.NONE
    if _labels(rows[0]) and len(rows[0]) == width:
        return Headers.FIRST_ROW
    if _labels([r[0] for r in rows]):
        return Headers.FIRST_COLUMN
    return Headers.NONE
