"""The PEMAT-P understandability items that can be scored automatically, with evidence.

PEMAT-P (AHRQ, 2013; updated 2014) has 17 understandability items for print. Each is
Agree (1), Disagree (0) or N/A; the score is points ÷ applicable items × 100. Items a
machine cannot judge (purpose evident, logical sequence, ...) are listed for a person to
sign off and left out of the automatic score, which is therefore labelled partial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plainprint.checks.finding import Finding
from plainprint.checks.registry import rules_in
from plainprint.checks.report import Report
from plainprint.pipeline.document import Document, iter_blocks, iter_items, plain_text
from plainprint.pipeline.document.nodes import (
    Emphasis,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Strong,
    Table,
)
from plainprint.pipeline.document.walk import iter_inlines


@dataclass(frozen=True)
class Item:
    number: int
    text: str
    met: bool | None  # None: not applicable
    evidence: str


HUMAN_ITEMS = [
    (1, "The material makes its purpose completely evident."),
    (2, "The material does not include information or content that distracts from its purpose."),
    (10, "The material presents information in a logical sequence."),
    (15, "The material uses visual aids whenever they could make content more easily understood."),
    (16, "The material's visual aids reinforce rather than distract from the content."),
]

GENERIC_HEADINGS = {
    "more",
    "overview",
    "information",
    "details",
    "other",
    "misc",
    "introduction",
    "general",
}
SUMMARY_HEADINGS = re.compile(
    r"\b(summary|key (points|messages|facts)|in short|main points|what to remember)\b", re.I
)


def _item_hits(report: Report, item: int) -> list[Finding]:
    """Findings of the rules whose registry entry names this PEMAT-P item."""
    codes = {r.code for r in rules_in(pemat_item=item)}
    return [f for f in report.findings if f.rule in codes]


def assess(doc: Document, report: Report) -> dict:
    """The machine-scored items; word counts and the active share are the checks' own
    (``report.counts``), never counted again here."""
    items: list[Item] = []
    counts = report.counts
    words = counts.words or 1

    jargon = _item_hits(report, 3)
    rate = 100 * len(jargon) / words
    items.append(
        Item(
            3,
            "The material uses common, everyday language.",
            rate < 1.0,
            f"{len(jargon)} jargon or complex words flagged ({rate:.1f} per 100 words; agree under 1).",
        )
    )

    undefined = _item_hits(report, 4)
    items.append(
        Item(
            4,
            "Medical terms are used only to familiarize audience with the terms. When used, medical terms are defined.",
            not undefined,
            f"{len(undefined)} terms or acronyms not defined on first use.",
        )
    )

    active = counts.active_share
    if isinstance(active, int | float):
        share = active * 100 if active <= 1 else active
        items.append(
            Item(
                5,
                "The material uses the active voice.",
                share >= 80,
                f"{share:.0f}% of sentences are active (agree at 80% or more).",
            )
        )
    else:
        items.append(
            Item(
                5, "The material uses the active voice.", None, "Active-voice share not available."
            )
        )

    numbers = _item_hits(report, 6)
    has_numbers = any(
        re.search(r"\d", plain_text(b.content))
        for b in iter_blocks(doc.blocks)
        if isinstance(b, Paragraph)
    )
    items.append(
        Item(
            6,
            "Numbers appearing in the material are clear and easy to understand.",
            (not numbers) if has_numbers else None,
            f"{len(numbers)} confusing numbers flagged."
            if has_numbers
            else "No numbers in the text.",
        )
    )

    calc = [
        b.id
        for b in iter_blocks(doc.blocks)
        if isinstance(b, Paragraph)
        and re.search(
            r"\b(calculate|add up|multiply|divide|subtract|work out)\b|\d\s*[x×*/]\s*\d",
            plain_text(b.content),
            re.I,
        )
    ]
    items.append(
        Item(
            7,
            "The material does not expect the user to perform calculations.",
            not calc,
            f"Calculation cues in {', '.join(calc)}." if calc else "No calculation cues found.",
        )
    )

    long_paras = _item_hits(report, 8)
    headings = [b for b in doc.blocks if isinstance(b, Heading) and b.level > 1]
    chunked = bool(headings) and not long_paras
    items.append(
        Item(
            8,
            'The material breaks or "chunks" information into short sections.',
            chunked,
            f"{len(headings)} section headings; {len(long_paras)} long paragraphs or sections flagged.",
        )
    )

    generic = [
        plain_text(h.content)
        for h in headings
        if plain_text(h.content).strip().lower() in GENERIC_HEADINGS
    ]
    items.append(
        Item(
            9,
            "The material's sections have informative headers.",
            bool(headings) and not generic,
            ("Generic headings: " + ", ".join(generic))
            if generic
            else f"{len(headings)} headings, none generic.",
        )
    )

    summary = bool(doc.metadata.key_points) or any(
        SUMMARY_HEADINGS.search(plain_text(h.content)) for h in headings
    )
    items.append(
        Item(
            11,
            "The material provides a summary.",
            summary,
            "Key points or a summary section found."
            if summary
            else "No key points or summary section.",
        )
    )

    lists = [b for b in iter_blocks(doc.blocks) if isinstance(b, ListBlock)]
    bold = any(
        isinstance(n, Strong | Emphasis)
        for b in iter_blocks(doc.blocks)
        if isinstance(b, Paragraph)
        for n in iter_inlines(b.content)
    )
    cues = len(lists) + int(bold) + int(bool(doc.metadata.key_points))
    items.append(
        Item(
            12,
            "The material uses visual cues (e.g., arrows, boxes, bullets, bold, larger font, highlighting) to draw attention to key points.",
            cues > 0,
            f"{len(lists)} lists, {'some' if bold else 'no'} bold text, {'a' if doc.metadata.key_points else 'no'} key-points box.",
        )
    )

    figures = [b for b in iter_blocks(doc.blocks) if isinstance(b, Figure)]
    if figures:
        uncaptioned = [f.id for f in figures if not f.caption]
        items.append(
            Item(
                17,
                "Visual aids have clear titles or captions.",
                not uncaptioned,
                f"{len(figures)} figures; without caption: {', '.join(uncaptioned) or 'none'}.",
            )
        )
    else:
        items.append(
            Item(17, "Visual aids have clear titles or captions.", None, "No visual aids.")
        )

    tables = [b for b in iter_blocks(doc.blocks) if isinstance(b, Table)]
    if tables:
        headerless = [t.id for t in tables if not t.header]
        items.append(
            Item(
                19,
                "The material uses simple tables with short and clear row and column headings.",
                not headerless,
                f"{len(tables)} tables; without header row: {', '.join(headerless) or 'none'}.",
            )
        )
    else:
        items.append(
            Item(
                19,
                "The material uses simple tables with short and clear row and column headings.",
                None,
                "No tables.",
            )
        )

    applicable = [i for i in items if i.met is not None]
    score = round(100 * sum(i.met for i in applicable) / len(applicable)) if applicable else None
    list_items = sum(1 for lst in lists for _ in iter_items(lst))
    return {
        "items": sorted(items, key=lambda i: i.number),
        "human_items": HUMAN_ITEMS,
        "score": score,
        "applicable": len(applicable),
        "met": sum(bool(i.met) for i in applicable),
        "list_items": list_items,
    }
