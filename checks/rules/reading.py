"""RL: reading level."""

from __future__ import annotations

from collections.abc import Iterator

from ..finding import Location
from ..formulas import SMOG_SAMPLE, Counts, scores
from ..registry import Hit, rule

HARD_EASY = "Take your pills with food. Drink water. Call us if you feel sick."
HARD_TEXT = (
    "Pharmacological management of hypertension necessitates individualised consideration of "
    "comorbidities, contraindications and potential adverse interactions. Concomitant "
    "administration of nephrotoxic medications substantially increases the probability of "
    "deterioration in renal function."
)


@rule(
    code="RL001",
    name="grade-above-target",
    severity="error",
    summary="The document's headline reading grade is above the target grade.",
    rationale=(
        "Health information should be written at grade 8 or lower (CDC, NIH; AMA advises 6). "
        "The headline grade is SMOG unless `checks.formula` names another formula. Scored text "
        "is body paragraphs and list items; headings, reference lists, captions, URLs, e-mail "
        "addresses, phone numbers and citation markers are left out."
    ),
    flagged=(f"# Blood pressure\n\n{HARD_TEXT}",),
    clean=(f"# Your pills\n\n{HARD_EASY}",),
    options={},
    tags=("readability",),
    references=("WCAG 3.1.5 (G86, G153)", "PEMAT-P item 3", "SAM literacy demand"),
)
def grade_above_target(ctx, opts) -> Iterator[Hit]:
    grade = ctx.grade
    target = ctx.settings.target_grade
    if grade is None or grade <= target:
        return
    note = ""
    if ctx.counts.sentences < SMOG_SAMPLE and ctx.settings.formula == "smog":
        note = f" (indicative: {ctx.counts.sentences} sentences, fewer than {SMOG_SAMPLE})"
    yield Hit(
        f"Reading grade {grade:.1f} ({ctx.settings.formula}) is above the target {target:g}{note}",
        Location(excerpt=ctx.doc.metadata.title),
        None,
    )


@rule(
    code="RL002",
    name="section-grade-above-target",
    severity="warning",
    summary="A section's reading grade is well above the target grade.",
    rationale=(
        "A document can pass on average while one section is much harder; readers meet the "
        "hard section, not the average. Flags sections with at least `min_sentences` "
        "sentences whose grade exceeds the target by more than `margin`."
    ),
    flagged=(f"# Title\n\n{HARD_EASY}\n\n## Kidneys\n\n{HARD_TEXT}",),
    clean=(f"# Title\n\n{HARD_EASY}\n\n## Food\n\nEat fruit. Eat greens. Drink milk.",),
    options={"min_sentences": 2, "margin": 2.0},
    tags=("readability",),
    references=("WCAG 3.1.5",),
)
def section_grade_above_target(ctx, opts) -> Iterator[Hit]:
    by_section: dict[str, tuple[Counts, object]] = {}
    for ui, unit in enumerate(ctx.units):
        c, first = by_section.get(unit.section_id, (Counts(), unit))
        c += ctx.unit_counts[ui]
        by_section[unit.section_id] = (c, first)
    if len(by_section) < 2:
        return
    target = ctx.settings.target_grade
    for c, first in by_section.values():
        if c.sentences < opts["min_sentences"]:
            continue
        grade = scores(c)[ctx.settings.formula]
        if grade is not None and grade > target + float(opts["margin"]):
            name = first.section or "(before the first heading)"
            yield Hit(
                f"Section “{name}” reads at grade {grade:.1f}, above the target {target:g}",
                Location(
                    block_id=first.block_id,
                    section=first.section,
                    excerpt=name,
                    line=first.line,
                    item=first.item,
                ),
                None,
            )


@rule(
    code="RL003",
    name="grade-sample-short",
    severity="suggestion",
    summary="The SMOG grade rests on fewer than 30 sentences, so it is indicative only.",
    rationale=(
        "McLaughlin normed SMOG on 30-sentence samples. For shorter texts plainprint scales the "
        "polysyllable count to 30 sentences (McLaughlin's short-text procedure) and marks the "
        "result indicative; treat small differences as noise."
    ),
    flagged=("# Title\n\nRest. Drink fluids. Call us.",),
    clean=("# Title\n\n" + " ".join(["Rest well."] * 30),),
    options={},
    tags=("readability",),
    references=("McLaughlin 1969", "NCI Pink Book SMOG"),
)
def grade_sample_short(ctx, opts) -> Iterator[Hit]:
    n = ctx.counts.sentences
    if 0 < n < SMOG_SAMPLE and ctx.settings.formula == "smog":
        yield Hit(
            f"Only {n} scored sentences: the SMOG grade is indicative (normed on {SMOG_SAMPLE})",
            Location(excerpt=ctx.doc.metadata.title),
            None,
        )
