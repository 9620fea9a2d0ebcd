"""Highlight findings and hard sentences in place, in the document's own text.

Offsets index ``plain_text(content)`` (citations excluded), the canonical text view the
checks use. Citation markers are put back at their offsets so the editor sees the text
as written. Every highlight is followed by a numbered link to its explanation, so it is
reachable by keyboard and explained in words, not by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from plainprint.checks.analysis.text import HARD_GRADE, HARD_WORDS, VERY_HARD_GRADE, VERY_HARD_WORDS
from plainprint.checks.registry import category_of, rules_in
from plainprint.pipeline.document.nodes import Inline
from plainprint.pipeline.document.walk import citations_at


def _defaults(category: str) -> dict[str, Any]:
    """The default options of the first rule (code order) in a highlight category: the
    legend quotes its thresholds from the registry, the one place they are set."""
    return rules_in(category=category)[0].defaults


def _legend() -> list[tuple[str, str, str]]:
    long_sentence = _defaults("long-sentence")
    long_paragraph = _defaults("long-paragraph")
    return [
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
        ("long-sentence", "Long sentence", f"more than {long_sentence['max_words']} words"),
        (
            "long-paragraph",
            "Long paragraph",
            f"boxed; more than {long_paragraph['max_sentences']} sentences or "
            f"{long_paragraph['max_words']} words",
        ),
        ("other", "Other finding", "see the finding's message"),
    ]


def __getattr__(name: str) -> Any:
    """``LEGEND`` is built on first use: the rule registry loads only when a report needs it."""
    if name == "LEGEND":
        globals()["LEGEND"] = legend = _legend()
        return legend
    raise AttributeError(name)


def category(rule: str) -> str:
    """A finding's highlight category, declared in its rule's registry entry."""
    return category_of(rule)


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
