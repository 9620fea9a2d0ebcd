"""Body text only, one block per paragraph: for comparing extraction with other tools.

The body of an article does not repeat its title: the level-1 heading that Documents open
with (the title, see ``pipeline.ingest.html._ensure_title``) is left out. A standfirst under
it is body text and stays. The reference list is body text too, one line per entry as
written (both libraries the extraction bench compares with keep it, and so does the
Readability ground truth; WCXB's health pages mostly leave it out).
"""

from __future__ import annotations

import re

from plainprint.pipeline.document.nodes import Document, Heading, References
from plainprint.pipeline.document.walk import block_lines, plain_text

_TITLE_WORDS = 30


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _is_title(block, title: str) -> bool:
    """The level-1 heading that is the title (or the page's headline inside a longer title)."""
    if not isinstance(block, Heading) or block.level != 1:
        return False
    got, want = _norm(plain_text(block.content)), _norm(title)
    if not want or len(got.split()) > _TITLE_WORDS:
        return False  # a heading this long is a caption or a paragraph, not a headline
    return got == want or (len(got) > 10 and (got in want or want in got))


def to_text(doc: Document) -> str:
    """The body text, without the title heading at its top (a kicker may come before it);
    each reference-list entry is a line of its own."""
    blocks = list(doc.blocks)
    for n, block in enumerate(blocks[:3]):
        if _is_title(block, doc.metadata.title):
            del blocks[n]
            break
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, References):
            lines.extend(" ".join(ref.raw.split()) for ref in block.items if ref.raw.strip())
        else:
            lines.extend(block_lines([block]))
    return "\n\n".join(lines) + "\n"
