"""Highlight findings and hard sentences in place, in the document's own text.

Offsets index ``plain_text(content)`` (citations excluded), the canonical text view the
checks use. Citation markers are put back at their offsets so the editor sees the text
as written. Every highlight is followed by a numbered link to its explanation, so it is
reachable by keyboard and explained in words, not by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from plainprint.checks.analysis.text import HARD_GRADE, HARD_WORDS, VERY_HARD_GRADE, VERY_HARD_WORDS
from plainprint.pipeline.document.nodes import Inline
from plainprint.pipeline.document.walk import citations_at

# Rule code → highlight category shown in the legend.
CATEGORIES = {
    "PL006": "jargon",
    "PL013": "jargon",
    "PL004": "passive",
    "PL007": "undefined",
    "PL008": "undefined",
    "PL010": "uncited",
    "PL011": "uncited",
    "PL009": "number",
    "PL012": "wordy",
    "PL001": "long-sentence",
    "PL002": "long-sentence",
    "PL003": "long-paragraph",
}

LEGEND = [
    (
        "s-hard",
        "Hard sentence",
        f"Flesch-Kincaid grade {HARD_GRADE:g} or more, or over {HARD_WORDS} words; marked “hard” after it",
    ),
    (
        "s-very-hard",
        "Very hard sentence",
        f"grade {VERY_HARD_GRADE:g} or more, or over {VERY_HARD_WORDS} words; marked “very hard” after it",
    ),
    ("jargon", "Jargon", "a medical or rare word with a plainer alternative"),
    ("passive", "Passive voice", "a sentence that does not say who does what"),
    ("undefined", "Undefined term or acronym", "not explained where it first appears"),
    ("uncited", "Uncited statistic or claim", "a figure or claim with no citation marker"),
    ("number", "Confusing number", "a decimal, bare percentage or range"),
    ("wordy", "Wordy phrase", "has a shorter, plainer form"),
    ("long-sentence", "Long sentence", "more than 20 words"),
    ("long-paragraph", "Long paragraph", "boxed; more than 5 sentences or 120 words"),
    ("other", "Other finding", "see the finding's message"),
]


def category(rule: str) -> str:
    return CATEGORIES.get(rule, "other")


@dataclass
class Span:
    start: int
    end: int
    kind: str  # "sentence" or "finding"
    css: str
    ref: str  # unique id; the flag's own anchor is "at-<ref>"
    href: str  # where the flag links: the finding's explanation, or the legend
    label: str  # short visible label of the flag
    long_label: str  # what a screen reader hears


def _citations(content: tuple[Inline, ...]) -> list[tuple[int, str]]:
    """(offset in the citation-free text, marker as written) for each citation."""
    return [(pos, cite.raw) for pos, cite in citations_at(content)]


def highlight(text: str, content: tuple[Inline, ...], spans: list[Span]) -> str:
    """HTML for ``text`` with sentence and finding highlights, flags and citation markers."""
    cites = _citations(content)
    points = {0, len(text)}
    for s in spans:
        points.update((max(0, min(s.start, len(text))), max(0, min(s.end, len(text)))))
    points.update(off for off, _ in cites)
    cuts = sorted(points)
    flags_at: dict[int, list[Span]] = {}
    for s in spans:
        flags_at.setdefault(max(0, min(s.end, len(text))), []).append(s)
    cites_at: dict[int, list[str]] = {}
    for off, raw in cites:
        cites_at.setdefault(off, []).append(raw)

    out: list[str] = []
    for i, a in enumerate(cuts):
        for raw in cites_at.get(a, []):
            out.append(f'<sup class="cite">[{escape(raw)}]</sup>')
        for s in sorted(flags_at.get(a, []), key=lambda s: (s.kind != "finding", s.ref)):
            if a == 0 and s.end > 0:
                continue
            out.append(
                f'<a class="flag flag-{s.css}" href="#{s.href}" id="at-{s.ref}">'
                f'<span aria-hidden="true">{escape(s.label)}</span>'
                f'<span class="visually-hidden">{escape(s.long_label)}</span></a>'
            )
        if i + 1 >= len(cuts):
            break
        b = cuts[i + 1]
        if a >= b:
            continue
        piece = escape(text[a:b])
        active = [s for s in spans if s.start <= a and s.end >= b and s.start < s.end]
        sentence = next((s for s in active if s.kind == "sentence"), None)
        marks = sorted({s.css for s in active if s.kind == "finding"})
        if marks:
            piece = f'<mark class="{" ".join(marks)}">{piece}</mark>'
        if sentence is not None:
            piece = f'<span class="{sentence.css}">{piece}</span>'
        out.append(piece)
    return "".join(out)
