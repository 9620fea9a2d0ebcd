"""RL: reading level."""

from __future__ import annotations

import collections
import math
from collections.abc import Iterable, Iterator

from plainprint.checks.analysis.formulas import SMOG_INTERCEPT, SMOG_SAMPLE, SMOG_SLOPE, Counts
from plainprint.checks.analysis.lang.es.formulas import SOL_INTERCEPT, SOL_SLOPE
from plainprint.checks.analysis.text import HARD_WORDS, Unit
from plainprint.checks.finding import Location, Suggestion
from plainprint.checks.registry import Hit, rule

HARD_EASY = "Take your pills with food. Drink water. Call us if you feel sick."
ES_HARD = (
    "---\nlang: es\n---\n# Presión arterial\n\n"
    "El tratamiento farmacológico de la hipertensión arterial requiere una consideración "
    "individualizada de las comorbilidades, las contraindicaciones y las potenciales "
    "interacciones adversas. La administración concomitante de medicamentos nefrotóxicos "
    "incrementa considerablemente la probabilidad de deterioro de la función renal."
)
ES_EASY = (
    "---\nlang: es\n---\n# Sus pastillas\n\n"
    "Tome sus pastillas con comida. Beba agua. Llame si se siente mal."
)
HARD_TEXT = (
    "Pharmacological management of hypertension necessitates individualised consideration of "
    "comorbidities, contraindications and potential adverse interactions. Concomitant "
    "administration of nephrotoxic medications substantially increases the probability of "
    "deterioration in renal function."
)


def grade_advice(ctx, units: Iterable[Unit], counts: Counts) -> Suggestion:
    """What drives the grade, in numbers an editor can act on.

    SMOG depends only on long words (three or more syllables) per sentence, so for SMOG the
    advice says how many long words the target allows at this length; for the other formulas,
    the averages they use. Then the long words used most, leaving out the topic word and the
    allow-list (they count, but the editor cannot change them), and the long sentences.
    """
    formula, target = ctx.settings.formula, ctx.settings.target_grade
    uses: collections.Counter[str] = collections.Counter()
    shown: dict[str, str] = {}
    long_sentences = 0
    for unit in units:
        for sentence in unit.sentences:
            long_sentences += len(sentence.words) > HARD_WORDS
            for i, w in enumerate(sentence.words):
                if w.syllables < 3 or w.is_number or w.lower in ctx.topic_words:
                    continue
                if ctx.allowed(w.lower):
                    continue
                uses[w.lower] += 1
                name = w.text.isupper() or (i > 0 and w.text[:1].isupper())
                shown.setdefault(w.lower, w.text if name else w.lower)
    if formula in ("smog", "sol"):
        smog_target = target if formula == "smog" else (target - SOL_INTERCEPT) / SOL_SLOPE
        per_30 = max(0.0, (smog_target - SMOG_INTERCEPT) / SMOG_SLOPE) ** 2
        allowed = math.floor(per_30 * counts.sentences / SMOG_SAMPLE)
        parts = [
            ctx.t(
                "Use fewer long words: {long} words of three or more syllables in "
                "{sentences} sentences, where grade {target:g} allows about {allowed}",
                long=counts.polysyllables,
                sentences=counts.sentences,
                target=target,
                allowed=allowed,
            )  # fmt: skip
        ]
    else:
        parts = [
            ctx.t(
                "Use shorter words and sentences: {words:.0f} words per sentence, "
                "{syllables:.2f} syllables per word",
                words=counts.words / max(1, counts.sentences),
                syllables=counts.syllables / max(1, counts.words),
            )
        ]
    if uses:
        top = (shown[w] + (f" ×{n}" if n > 1 else "") for w, n in uses.most_common(5))
        parts.append(ctx.t("long words used most: {words}", words=", ".join(top)))
    if long_sentences == 1:
        parts.append(ctx.t("split the sentence of more than {limit} words", limit=HARD_WORDS))
    elif long_sentences:
        parts.append(
            ctx.t(
                "split the {n} sentences of more than {limit} words",
                n=long_sentences,
                limit=HARD_WORDS,
            )  # fmt: skip
        )
    return Suggestion("; ".join(parts))


@rule(
    code="RL001",
    name="grade-above-target",
    severity="error",
    summary="The document's headline reading grade is above the target grade.",
    rationale=(
        "Health information should be written at grade 8 or lower (CDC, NIH; AMA advises 6). "
        "The headline grade is SMOG unless `checks.formula` names another formula. Scored text "
        "is body paragraphs and list items; headings, reference lists, captions, URLs, e-mail "
        "addresses, phone numbers and citation markers are left out. The suggestion says what "
        "drives the grade: for SMOG, how many long words (three or more syllables) the target "
        "allows at this number of sentences; the long words used most (not the topic word or "
        "the allow-list); and how many sentences have more than 20 words. For Spanish the "
        "headline grade is SOL (Contreras et al. 1999), the SMOG of the Spanish text with "
        "Spanish syllables converted to the English grade scale: SOL = −2.51 + 0.74 × SMOG; "
        "its target is `[checks.es] target_grade` (else `target_grade`). INFLESZ and "
        "Fernández-Huerta are reported beside it."
    ),
    flagged=(f"# Blood pressure\n\n{HARD_TEXT}", ES_HARD),
    languages=("en", "es"),
    clean=(f"# Your pills\n\n{HARD_EASY}", ES_EASY),
    options={},
    tags=("readability",),
    references=(
        "WCAG 3.1.5 (G86, G153)",
        "PEMAT-P item 3",
        "SAM literacy demand",
        "Contreras et al. 1999, J Health Commun 4(1):21-29 (SOL)",
        "Barrio-Cantalejo et al. 2008, An Pediatr 68(6):596-602 (INFLESZ)",
    ),
)
def grade_above_target(ctx, opts) -> Iterator[Hit]:
    grade = ctx.grade
    target = ctx.settings.target_grade
    if grade is None or grade <= target:
        return
    note = ""
    if ctx.counts.sentences < SMOG_SAMPLE and ctx.settings.formula in ("smog", "sol"):
        note = ctx.t(
            " (indicative: {n} sentences, fewer than {sample})",
            n=ctx.counts.sentences, sample=SMOG_SAMPLE,
        )  # fmt: skip
    yield Hit(
        ctx.t(
            "Reading grade {grade:.1f} ({formula}) is above the target {target:g}{note}",
            grade=grade,
            formula=ctx.settings.formula,
            target=target,
            note=note,
        ),  # fmt: skip
        Location(excerpt=ctx.doc.metadata.title),
        grade_advice(ctx, ctx.units, ctx.counts),
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
    languages=("en", "es"),
    clean=(f"# Title\n\n{HARD_EASY}\n\n## Food\n\nEat fruit. Eat greens. Drink milk.",),
    options={"min_sentences": 2, "margin": 2.0},
    tags=("readability",),
    references=("WCAG 3.1.5",),
)
def section_grade_above_target(ctx, opts) -> Iterator[Hit]:
    by_section: dict[str, tuple[Counts, list[Unit]]] = {}
    for ui, unit in enumerate(ctx.units):
        c, units = by_section.setdefault(unit.section_id, (Counts(), []))
        c += ctx.unit_counts[ui]
        units.append(unit)
    if len(by_section) < 2:
        return
    target = ctx.settings.target_grade
    for c, units in by_section.values():
        if c.sentences < opts["min_sentences"]:
            continue
        grade = ctx.score(c)[ctx.settings.formula]
        if grade is not None and grade > target + float(opts["margin"]):
            first = units[0]
            name = first.section or ctx.t("(before the first heading)")
            yield Hit(
                ctx.t(
                    "Section “{name}” reads at grade {grade:.1f}, above the target {target:g}",
                    name=name,
                    grade=grade,
                    target=target,
                ),
                Location(
                    block_id=first.block_id,
                    section=first.section,
                    excerpt=name,
                    line=first.line,
                    item=first.item,
                ),
                grade_advice(ctx, units, c),
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
    languages=("en", "es"),
    clean=("# Title\n\n" + " ".join(["Rest well."] * 30),),
    options={},
    tags=("readability",),
    references=("McLaughlin 1969", "NCI Pink Book SMOG"),
)
def grade_sample_short(ctx, opts) -> Iterator[Hit]:
    n = ctx.counts.sentences
    if 0 < n < SMOG_SAMPLE and ctx.settings.formula in ("smog", "sol"):
        yield Hit(
            ctx.t(
                "Only {n} scored sentences: the {formula} grade is indicative (normed on {sample})",
                n=n,
                formula=ctx.settings.formula.upper(),
                sample=SMOG_SAMPLE,
            ),
            Location(excerpt=ctx.doc.metadata.title),
            None,
        )
