"""PL001–PL003: sentence and paragraph length."""

from __future__ import annotations

from collections.abc import Iterator

from plainprint.checks.finding import Suggestion
from plainprint.checks.registry import Hit, rule

LONG_21_ES = (
    "Tome la pastilla blanca cada mañana con un vaso de agua y algo de comida, y llame a su "
    "médico si se siente mal."
)
LONG_21 = (
    "When you go home after the operation you should keep the wound clean and dry and you "
    "should not lift anything heavy for at least two weeks."
)
LONG_35 = (
    "When you go home after the operation you should keep the wound clean and dry, you should "
    "not lift anything heavy for at least two weeks, and you should call the clinic if the "
    "wound gets red or hot."
)


@rule(
    code="PL001",
    name="sentence-too-long",
    severity="warning",
    summary="A sentence has more than {max_words} words (up to {upper_words}; longer ones are PL002).",
    rationale=(
        "Long sentences are the main reason text scores a high grade, and readers with low "
        "literacy lose track of them. Plain-language guides advise 15–20 words on average. "
        "Words are counted after URLs, phone numbers and citation markers are removed."
    ),
    flagged=(f"# Title\n\n{LONG_21}", f"---\nlang: es\n---\n# Título\n\n{LONG_21_ES}"),
    languages=("en", "es"),
    clean=("# Title\n\nKeep the wound clean and dry. Do not lift anything heavy for two weeks.",),
    options={"max_words": 20},
    related_options={"upper_words": ("PL002", "max_words")},  # PL002 takes over there
    category="long-sentence",
    tags=("readability", "length"),
    references=("CDC CCI item 7", "SHeLL Editor long sentences", "Hemingway hard sentences"),
    fix="none",
)
def sentence_too_long(ctx, opts) -> Iterator[Hit]:
    limit = int(opts["max_words"])
    upper = int(opts["upper_words"])
    for _ui, _si, unit, sent in ctx.sentences():
        n = len(sent.words)
        if limit < n <= upper:
            yield Hit(
                ctx.t("Sentence has {n} words (more than {limit})", n=n, limit=limit),
                ctx.sentence_loc(unit, sent),
                Suggestion(ctx.t("Split it into shorter sentences")),
            )


@rule(
    code="PL002",
    name="sentence-far-too-long",
    severity="error",
    summary="A sentence has more than {max_words} words.",
    rationale="Sentences over 30 words are very hard for most readers (Hemingway's red).",
    flagged=(f"# Title\n\n{LONG_35}",),
    languages=("en", "es"),
    clean=(f"# Title\n\n{LONG_21}",),
    options={"max_words": 30},
    category="long-sentence",
    tags=("readability", "length"),
    references=("CDC CCI item 7", "Hemingway very hard sentences"),
)
def sentence_far_too_long(ctx, opts) -> Iterator[Hit]:
    limit = int(opts["max_words"])
    for _ui, _si, unit, sent in ctx.sentences():
        n = len(sent.words)
        if n > limit:
            yield Hit(
                ctx.t("Sentence has {n} words (more than {limit})", n=n, limit=limit),
                ctx.sentence_loc(unit, sent),
                Suggestion(ctx.t("Split it into two or three sentences")),
            )


@rule(
    code="PL003",
    name="paragraph-too-long",
    severity="warning",
    summary="A paragraph has more than {max_sentences} sentences or {max_words} words.",
    rationale=(
        "Short chunks are easier to read and to come back to (PEMAT item 8; SHeLL's text "
        "structure check). List items are not counted as paragraphs."
    ),
    flagged=("# Title\n\n" + " ".join(["Drink water every day."] * 6),),
    languages=("en", "es"),
    clean=("# Title\n\nDrink water. Eat fruit.\n\nSleep well. Walk every day.",),
    options={"max_sentences": 5, "max_words": 120},
    category="long-paragraph",
    pemat_item=8,
    tags=("structure", "length"),
    references=("PEMAT-P item 8", "CDC CCI item 9"),
)
def paragraph_too_long(ctx, opts) -> Iterator[Hit]:
    for ui, unit in enumerate(ctx.units):
        if unit.kind != "paragraph":
            continue
        c = ctx.unit_counts[ui]
        if c.sentences > int(opts["max_sentences"]) or c.words > int(opts["max_words"]):
            yield Hit(
                ctx.t(
                    "Paragraph has {sentences} sentences and {words} words "
                    "(limits {max_sentences} and {max_words})",
                    sentences=c.sentences,
                    words=c.words,
                    max_sentences=opts["max_sentences"],
                    max_words=opts["max_words"],
                ),  # fmt: skip
                ctx.loc(unit, 0, len(unit.text), unit.text[:80]),
                Suggestion(ctx.t("Break it into shorter paragraphs or a list")),
            )
