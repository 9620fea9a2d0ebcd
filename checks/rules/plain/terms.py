"""PL006–PL007: medical terms, replaced by plain words or explained at first use."""

from __future__ import annotations

import re
from collections.abc import Iterator

from plainprint.checks.analysis.swaps import match_case
from plainprint.checks.analysis.terms import (
    defined_at,
)
from plainprint.checks.finding import Suggestion
from plainprint.checks.registry import Hit, Unfixable, rule


def _term_at(ctx, unit, finding) -> tuple[str, str]:
    """(found text, glossary headword) of a term finding; Unfixable when it is no term."""
    loc = finding.location
    found = unit.text[loc.start : loc.end]
    for occ in ctx.matcher.find(found):
        if occ.start == 0 and occ.end == len(found):
            return found, occ.term
    raise Unfixable("the finding's text is not a glossary term")


def _fix_jargon(ctx, finding, unit) -> str:
    """The glossary's first plain alternative, in the term's case; unsafe because the
    alternative may need the sentence rewritten around it (an editor reviews it)."""
    found, term = _term_at(ctx, unit, finding)
    if re.match(r"\s*\(", unit.text[finding.location.end :]):
        raise Unfixable("the term is explained in parentheses right after it")
    if unit.text[: finding.location.start].rstrip().endswith("("):
        raise Unfixable("the term is itself an explanation in parentheses")
    if found.lower() != term.lower():
        raise Unfixable(f"“{found}” is an inflected form of “{term}”; rewrite it by hand")
    alts = ctx.settings.glossary[term].alternatives
    if not alts:
        raise Unfixable("the glossary has no plain alternative")
    return match_case(found, alts[0])


@rule(
    code="PL006",
    name="jargon-term",
    severity="warning",
    summary="A medical term has plainer words that most readers know.",
    rationale=(
        "Use the words your audience uses (PEMAT item 3, CDC CCI item 7). Each glossary term "
        "is reported once, at its first use in the body, with the glossary's plain "
        "alternatives. The document's topic word (a glossary term in the title used three or "
        "more times, e.g. “melanoma”) and words in `checks.allow` are not reported; a topic "
        "word must instead be explained (PL007). Spanish documents use the Spanish glossary "
        "(`checks/analysis/data/glossary_es.tsv` plus `[checks.es] glossary`)."
    ),
    flagged=(
        "# Skin care\n\nThe cancer is metastatic.",
        "---\nlang: es\n---\n# La piel\n\nEl cáncer tiene metástasis.",
    ),
    languages=("en", "es"),
    clean=(
        "# Skin care\n\nThe cancer has spread to other parts of the body.",
        "---\nlang: es\n---\n# La piel\n\nEl cáncer pasó a otras partes del cuerpo.",
    ),
    tags=("words",),
    references=("PEMAT-P item 3", "CDC CCI item 7", "WCAG 3.1.3 (G101, G55, G62)"),
    fix="sometimes",
    category="jargon",
    pemat_item=3,
    autofix="unsafe",
    fixer=_fix_jargon,
)
def jargon_term(ctx, opts) -> Iterator[Hit]:
    for term, (unit, sent, occ) in ctx.first_uses.items():
        entry = ctx.settings.glossary[term]
        if term in ctx.topic_words or ctx.allowed(term) or not entry.alternatives:
            continue
        s, e = sent.start + occ.start, sent.start + occ.end
        alts = "; ".join(entry.alternatives)
        yield Hit(
            ctx.t(
                "“{term}” is medical jargon; plain words: {plain}", term=unit.text[s:e], plain=alts
            ),
            ctx.loc(unit, s, e, sent.text),
            Suggestion(
                ctx.t("Use “{plain}”, or explain the term", plain=entry.alternatives[0]),
                entry.alternatives[0],
            ),
        )


def _defined_in_unit(ctx, unit, term: str) -> bool:
    """Explained in the paragraph of its first use ("…melanoma… Melanoma is a skin cancer")."""
    for sent in unit.sentences:
        for occ in ctx.terms(sent):
            if occ.term == term and defined_at(sent.clean, occ.start, occ.end):
                return True
    return False


def _fix_undefined_term(ctx, finding, unit) -> str:
    """The term followed by the glossary's definition in parentheses, at its first use."""
    found, term = _term_at(ctx, unit, finding)
    definition = ctx.settings.glossary[term].definition.strip().rstrip(".")
    if not definition:
        raise Unfixable(f"the glossary has no definition of “{term}”")
    first = definition.split()[0]
    if first == "A" or first[1:].islower():  # "A cancer that…" → "a cancer that…"
        definition = definition[0].lower() + definition[1:]
    return f"{found} ({definition})"


@rule(
    code="PL007",
    name="term-undefined",
    severity="warning",
    summary="A medical term the document keeps is not explained where it first appears.",
    rationale=(
        "When a medical term must stay — the topic of the handout, or a term with no plain "
        "equivalent — explain it at first use (PEMAT item 4; WCAG 3.1.3 G112). Explanations "
        "recognised anywhere in the paragraph of first use: “X (…)”, “… (X)”, “X, which…”, "
        "“X means…”, “X is a…” at the start of a sentence, “called X”, “known as X”."
    ),
    flagged=(
        "# Melanoma\n\nMelanoma can spread. See a doctor about melanoma. Melanoma is common.",
    ),
    languages=("en",),
    clean=(
        "# Melanoma\n\nMelanoma is a skin cancer. See a doctor about melanoma. Melanoma can spread.",
    ),
    tags=("words",),
    references=("PEMAT-P item 4", "WCAG 3.1.3 (G112)"),
    category="undefined",
    pemat_item=4,
    autofix="unsafe",
    fixer=_fix_undefined_term,
)
def term_undefined(ctx, opts) -> Iterator[Hit]:
    for term, (unit, sent, occ) in ctx.first_uses.items():
        entry = ctx.settings.glossary[term]
        kept = term in ctx.topic_words or not entry.alternatives
        if not kept or (ctx.allowed(term) and term not in ctx.topic_words):
            continue
        if _defined_in_unit(ctx, unit, term):
            continue
        s, e = sent.start + occ.start, sent.start + occ.end
        yield Hit(
            f"“{unit.text[s:e]}” is not explained where it first appears",
            ctx.loc(unit, s, e, sent.text),
            Suggestion(
                f"Explain it at first use, e.g.: {entry.definition}"
                if entry.definition
                else "Explain it at first use"
            ),
        )
