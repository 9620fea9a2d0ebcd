"""Citation markers: recognising them in text and expanding ``1,3`` / ``2–4`` to keys.

Every pattern here is linear-time (no nested quantifiers), since it runs on untrusted text.
"""

from __future__ import annotations

import re

from plainprint.pipeline.document.markers import expand_marker

__all__ = ["BRACKETED", "FOOTNOTE", "GLUED_AFTER_PUNCT", "MARKER_BODY", "expand_marker"]

# A marker body: numbers separated by commas or range dashes, e.g. "1", "1,3", "2–4", "1, 3-5".
MARKER_BODY = r"\d{1,3}(?:\s?[,–—-]\s?\d{1,3}){0,20}"
# Markers glued after sentence punctuation in plain-text scrapes: "cases.1", "lives.1,3",
# "(ILP).1". The dot must follow a letter or a closing bracket/quote (not a digit, so
# "7.23.19" and "2.5 mg" are safe; a closing quote may sit between: "quoted.”2"), and the
# marker must end the sentence: followed by
# whitespace, end of text or a closing quote. "Stage 3." and "Figure 2." have the digits
# *before* the dot, so they never match.
# No spaces inside a glued marker ("lives.1,3", not "cases.1, 3 people"): a space would
# also be lost from the text, since a marker keeps its numbers, not its spacing.
GLUED_BODY = r"\d{1,3}(?:[,–—-]\d{1,3}){0,20}"
GLUED_AFTER_PUNCT = re.compile(
    r"(?<=[A-Za-z\)\]’”'\"%])([.,;:!?][’”\"]?)(" + GLUED_BODY + r")(?=\s|$)"
)

# Words whose abbreviation dot is followed by a number that is not a marker: "No.1",
# "Vol.12", "p.23", "pp.23-25", "Fig.2".
ABBREVIATIONS = frozenset(
    [
        "no",
        "nos",
        "vol",
        "vols",
        "p",
        "pp",
        "fig",
        "figs",
        "ch",
        "chap",
        "sec",
        "ref",
        "refs",
        "tab",
        "eq",
        "eqs",
        "art",
        "para",
        "ver",
        "vs",
    ]
)
_WORD_BEFORE = re.compile(r"([A-Za-z]{1,6})$")


def abbreviation_before(text: str, pos: int) -> bool:
    """Whether ``text[:pos]`` ends with a word from ``ABBREVIATIONS``."""
    m = _WORD_BEFORE.search(text[max(0, pos - 7) : pos])
    return bool(m) and m.group(1).lower() in ABBREVIATIONS


# Bracketed markers: "[1]", "[1–3]", "[1, 4]".
BRACKETED = re.compile(r"\[(" + MARKER_BODY + r")\]")

# Footnote-style markers in Markdown: "[^1]" or "[^note]".
FOOTNOTE = re.compile(r"\[\^([A-Za-z0-9_-]{1,40})\]")
