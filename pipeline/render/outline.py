"""Heading levels for the outputs: one H1, never a skipped level (Matterhorn 14-003, WCAG 1.3.1).

The Document keeps the source's levels, so the checks can still report a skip to the editor;
only the rendered handout is re-levelled. A heading sits one level below the nearest earlier
heading whose source level is lower, so relative nesting survives (H1 → H4 → H4 → H2 becomes
H1 → H2 → H2 → H2) and the PDF structure tree, the bookmarks and the HTML outline agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from plainprint.pipeline.document import BlockQuote, Heading


def headings(blocks: Iterable) -> Iterator[Heading]:
    """Headings in reading order, including those inside block quotes."""
    for block in blocks:
        if isinstance(block, Heading):
            yield block
        elif isinstance(block, BlockQuote):
            yield from headings(block.blocks)


def first_is_title(blocks: Iterable) -> bool:
    """Whether the first heading is an H1 that can be the handout's only H1."""
    first = next(headings(blocks), None)
    return first is not None and first.level == 1


def outline_levels(blocks: Iterable) -> dict[int, int]:
    """``id(heading)`` → output level (1–6) for every heading in ``blocks``.

    When the first heading is an H1 it is the handout's H1; otherwise the renderer adds the
    title as H1 and every source heading nests below it. Later source H1s become H2.
    """
    found = list(headings(blocks))
    levels: dict[int, int] = {}
    # (source level, output level) of the open headings; the title opens the outline.
    stack: list[tuple[int, int]] = [(0, 1)]
    for index, heading in enumerate(found):
        source = min(max(heading.level, 1), 6)
        if index == 0 and source == 1:
            levels[id(heading)] = 1
            stack = [(1, 1)]
            continue
        source = max(source, stack[0][0] + 1)
        while len(stack) > 1 and stack[-1][0] >= source:
            stack.pop()
        out = min(stack[-1][1] + 1, 6)
        levels[id(heading)] = out
        stack.append((source, out))
    return levels
