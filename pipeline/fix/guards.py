"""What a fix never touches: numbers, doses and units, drug names, quotations, markup.

Every rule's fixer proposes a replacement; these checks, shared by all rules, refuse the
ones that would touch something an editor (or a reader's safety) depends on.
"""

from __future__ import annotations

import re

_DIGIT = re.compile(r"\d")
_NUMBER_BEFORE = re.compile(r"\d[\d.,]*\s*(?:[-–]\s*)?$")
# Drug-name stems (WHO INN stems): a word ending in one is a medicine's name.
_DRUG = re.compile(
    r"(?:mab|nib|cillin|mycin|micin|cycline|statin|prazole|olol|pril|sartan|vir|azole|"
    r"dronate|platin|taxel|rubicin|phalan|parin|oxacin|tidine|semide|zepam|triptan|"
    r"gliptin|glitazone|formin|afil|lukast|setron)s?$",
    re.I,
)
_SENTENCE_END = re.compile(r"(?:^|[.!?:][\"'”’)]*)\s*$")
# Characters a replacement would need Markdown escapes for.
_MARKUP = re.compile(r"[\\*_`\[\]<>|#!]")


def refusal(
    text: str, start: int, end: int, replacement: str, *, acronym: bool = False
) -> str | None:
    """Why the fix of ``text[start:end]`` to ``replacement`` must not be applied, or None."""
    found = text[start:end]
    if _DIGIT.search(found) or _DIGIT.search(replacement):
        return "it would touch a number"
    if _NUMBER_BEFORE.search(text[:start]):
        return "it follows a number (a dose, unit or count)"
    if any(_DRUG.search(w) for w in re.findall(r"[A-Za-z]+", found)):
        return "it looks like a drug name"
    if (
        not acronym
        and found[:1].isupper()
        and not found.isupper()
        and not _SENTENCE_END.search(text[:start])
    ):
        return "it is capitalised inside a sentence (a name)"
    if _in_quotation(text, start):
        return "it is inside a quotation"
    if _MARKUP.search(replacement):
        return "the replacement would need Markdown escapes"
    return None


def _in_quotation(text: str, start: int) -> bool:
    before = text[:start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def in_block_quote(source: str, pos: int) -> bool:
    """Whether the source line holding ``pos`` is part of a Markdown block quote."""
    line_start = source.rfind("\n", 0, pos) + 1
    return source[line_start:pos].lstrip().startswith(">")
