"""Furniture inside the article: related-story cards and copies made for another screen.

Both extractors keep what a site inserts between the article's paragraphs, because it sits
inside the article's element: a "Related" card (a label, a linked headline, a one-line
teaser), a "Related: <linked headline>" line, and blocks that the page prints twice, once
for wide screens and once for narrow ones, with CSS choosing which one shows. Only these
exact shapes are removed, each into the audit with its reason.
"""

from __future__ import annotations

import re

from plainprint.pipeline.document.nodes import Block, Heading, Paragraph, Removed
from plainprint.pipeline.document.walk import block_lines, plain_text
from plainprint.pipeline.ingest.html_clean import removed
from plainprint.pipeline.ingest.html_vote import link_share

# A card's label is the whole paragraph: "Related", "Read more", "Also read:".
_CARD_LABEL = re.compile(
    r"^\s*(?:related(?: (?:articles?|stor(?:y|ies)|posts?|reading|content))?|read (?:more|next|also)"
    r"|also read|recommended(?: for you)?|you (?:may|might) also like|don'?t miss"
    r"|lee también|lire aussi|leia também|lesen sie auch|leggi anche)\s*[:.]?\s*$",
    re.I,
)
# "Related: Students aren't benefiting much from tutoring": a label, then a linked headline.
_INLINE_LABEL = re.compile(
    r"^\s*(?:related|read more|read also|also read|recommended|lee también)\s*:\s*\S",
    re.I,
)
_LINKED = 0.5  # share of a headline's text inside its link
_TEASER_WORDS = 25  # a card's one-line teaser is short
_INLINE_WORDS = 30
_MAX_COPY = 4  # blocks: the longest run looked at for a stutter
_COPY_WORDS = 6  # a repeated run shorter than this is not worth a rule


def drop_inserts(blocks: list[Block], audit: list[Removed]) -> list[Block]:
    """Remove related-story cards, "Related:" lines and stuttered copies from the body."""
    texts = _Texts()
    return _drop_stutter(_drop_cards(blocks, audit, texts), audit, texts)


class _Texts(dict):
    """Each block's text, worked out once per call (both passes read every block's)."""

    def __call__(self, block: Block) -> str:
        text = self.get(id(block))
        if text is None:
            text = self[id(block)] = " ".join(block_lines([block]))
        return text


def _audit(blocks: list[Block], why: str, audit: list[Removed], text: _Texts) -> None:
    entry = removed(" ".join(text(b) for b in blocks), why)
    if entry is not None:
        audit.append(entry)


def _drop_cards(blocks: list[Block], audit: list[Removed], text_of: _Texts) -> list[Block]:
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        text = text_of(block)
        if (
            isinstance(block, Paragraph)
            and _INLINE_LABEL.match(text)
            and len(text.split()) <= _INLINE_WORDS
            and link_share(block) >= _LINKED
        ):
            _audit([block], "related-story link inside the article", audit, text_of)
            i += 1
            continue
        if isinstance(block, Paragraph | Heading) and _CARD_LABEL.match(text):
            card = _card_after(blocks, i + 1, text_of)
            if card:
                why = "related-story card inside the article"
                _audit(blocks[i : i + 1 + card], why, audit, text_of)
                i += 1 + card
                continue
        out.append(block)
        i += 1
    return out


def _card_after(blocks: list[Block], start: int, text_of: _Texts) -> int:
    """How many blocks after a card's label make the card: a linked headline, then perhaps a
    short teaser that is not linked (0 when the label is not followed by a linked headline)."""
    if start >= len(blocks):
        return 0
    head = blocks[start]
    if not isinstance(head, Heading | Paragraph) or link_share(head) < _LINKED:
        return 0
    if len(text_of(head).split()) > _INLINE_WORDS:
        return 0
    nxt = blocks[start + 1] if start + 1 < len(blocks) else None
    if (
        isinstance(nxt, Paragraph)
        and isinstance(head, Heading)
        and len(plain_text(nxt.content).split()) <= _TEASER_WORDS
        and link_share(nxt) < _LINKED
        and not isinstance(blocks[start + 2] if start + 2 < len(blocks) else None, Paragraph)
    ):
        return 2  # the teaser under the headline, when the article goes on with a heading
    return 1


def _key(block: Block, text_of: _Texts) -> tuple[str, str]:
    return type(block).__name__, text_of(block).lower()  # block_lines squeezed the spaces


def _drop_stutter(blocks: list[Block], audit: list[Removed], text_of: _Texts) -> list[Block]:
    """A run of different blocks repeated at once (A B A B) is one run printed for two
    screen sizes."""
    keys = [_key(b, text_of) for b in blocks]
    out: list[Block] = []
    out_keys: list[tuple[str, str]] = []
    i = 0
    while i < len(blocks):
        size = _copy_size(keys, i, out_keys)
        if size:
            why = "printed twice (a copy for another screen size)"
            _audit(blocks[i : i + size], why, audit, text_of)
            i += size
            continue
        out.append(blocks[i])
        out_keys.append(keys[i])
        i += 1
    return out


def _copy_size(keys: list[tuple[str, str]], i: int, kept: list[tuple[str, str]]) -> int:
    """The length of the run starting at ``i`` that repeats the last blocks kept, or 0.

    The run has two to ``_MAX_COPY`` different blocks (a headline and its teaser): one
    paragraph said twice may be the writer's own repetition, and is left alone.
    """
    for size in range(2, min(_MAX_COPY, len(kept)) + 1):
        run = keys[i : i + size]
        if (
            run == kept[-size:]
            and len(set(run)) == size
            and sum(len(k[1].split()) for k in run) >= _COPY_WORDS
        ):
            return size
    return 0
