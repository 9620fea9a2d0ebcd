"""PL004–PL005: passive voice, per sentence and as the document's share."""

from __future__ import annotations

from collections.abc import Iterator

from plainprint.checks.analysis.passive import passive_spans
from plainprint.checks.finding import Location, Suggestion
from plainprint.checks.registry import Hit, rule


@rule(
    code="PL004",
    name="passive-voice",
    severity="suggestion",
    summary="A sentence is in the passive voice.",
    rationale=(
        "Active sentences say who does what, which readers follow more easily (PEMAT item 5, "
        "CDC CCI item 6). Detected as a form of “be” or “get” followed by a past participle; "
        "states such as “is worried” or “are located” are not passive."
    ),
    flagged=("# Title\n\nThe medicine is infused through a vein.",),
    languages=("en",),
    clean=("# Title\n\nThe nurse gives the medicine through a vein. I am worried.",),
    tags=("voice",),
    references=("PEMAT-P item 5", "CDC CCI item 6"),
    category="passive",
    pemat_item=5,
)
def passive_voice(ctx, opts) -> Iterator[Hit]:
    for _ui, _si, unit, sent in ctx.sentences():
        for s, e in passive_spans(sent):
            yield Hit(
                f"Passive voice: “{unit.text[s:e]}”",
                ctx.loc(unit, s, e, sent.text),
                Suggestion("Say who does it: “The nurse gives…” rather than “… is given”"),
            )
            break


@rule(
    code="PL005",
    name="active-voice-share-low",
    severity="warning",
    summary="Fewer than {min_active_share:.0%} of the document's sentences are active.",
    rationale=(
        "PEMAT's active-voice item is met when at least 80% of sentences are active. The share "
        "is reported in every report as `counts.active_share`."
    ),
    flagged=("# Title\n\nThe drug is given. The arm is wrapped. The blood is cleaned. You rest.",),
    languages=("en",),
    clean=("# Title\n\nThe nurse gives the drug. She wraps your arm. You rest. You go home.",),
    options={"min_active_share": 0.8, "min_sentences": 4},
    tags=("voice",),
    references=("PEMAT-P item 5",),
    pemat_item=5,
)
def active_voice_share_low(ctx, opts) -> Iterator[Hit]:
    n = ctx.counts.sentences
    if n < int(opts["min_sentences"]):
        return
    share = 1 - ctx.counts.passive_sentences / n
    if share < float(opts["min_active_share"]):
        yield Hit(
            f"{share:.0%} of sentences are active (target {float(opts['min_active_share']):.0%})",
            Location(excerpt=ctx.doc.metadata.title),
            Suggestion("Rewrite passive sentences so they say who does what"),
        )
