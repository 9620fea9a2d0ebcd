"""PL010–PL011: statistics and claims that need a citation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from plainprint.checks.finding import Suggestion
from plainprint.checks.registry import Hit, rule
from plainprint.checks.rules.plain.numbers import is_statistic


@rule(
    code="PL010",
    name="uncited-statistic",
    severity="warning",
    summary="A sentence gives a statistic but has no citation marker.",
    rationale=(
        "Figures such as “a 5-year survival rate around 98%” need a source the reader (and the "
        "reviewer) can check (CDC CCI item 11). A marker in the sentence or right after it "
        "counts, and so does a link to another site within the sentence, which is how web "
        "pages cite (“[41%](https://…) of teens…”); a link within the page does not."
    ),
    flagged=(
        "# Title\n\nThe 5-year survival rate is around 98%.",
        "# Title\n\nThe 5-year survival rate is [around 98%](#facts).",
    ),
    languages=("en",),
    clean=(
        "# Title\n\nThe 5-year survival rate is around 98%.[1]\n\n[1]: Cancer facts | url=https://example.org/facts",
        "# Title\n\nThe 5-year survival rate is [around 98%](https://example.org/facts).",
    ),
    tags=("citations", "numbers"),
    category="uncited",
    references=("CDC CCI item 11",),
)
def uncited_statistic(ctx, opts) -> Iterator[Hit]:
    for _ui, _si, unit, sent in ctx.sentences():
        if not sent.citations and not sent.sources and is_statistic(sent.clean):
            yield Hit(
                "Statistic without a citation",
                ctx.sentence_loc(unit, sent),
                Suggestion("Add a citation marker pointing to the source of the figure"),
            )


_CLAIM = re.compile(
    r"\b(?:stud(?:y|ies)|research(?:ers)?(?: reports?)?|trials?|evidence|experts?|scientists|"
    r"data|surveys?)\s+(?:\w+\s+){0,2}(?:show(?:s|ed|n)?|suggests?|found|finds|indicates?|"
    r"proves?|says?|reports?|confirms?)\b|\baccording to\b|\bhas been shown\b|\bit is known\b",
    re.I,
)


@rule(
    code="PL011",
    name="uncited-claim",
    severity="suggestion",
    summary="A sentence appeals to research or an authority but has no citation marker.",
    rationale=(
        "“Studies show…” and “according to…” promise a source; give it, so the claim can be "
        "checked (CDC CCI item 11). A citation marker or a link to another site in the "
        "sentence counts."
    ),
    flagged=("# Title\n\nStudies show that sunscreen helps.",),
    languages=("en",),
    clean=(
        "# Title\n\nStudies show that sunscreen helps.[1]\n\n[1]: Sun study | doi=10.1000/xyz123",
        "# Title\n\n[Studies show](https://example.org/sun-study) that sunscreen helps.",
        "# Title\n\nSunscreen helps.",
    ),
    tags=("citations",),
    category="uncited",
    references=("CDC CCI item 11",),
)
def uncited_claim(ctx, opts) -> Iterator[Hit]:
    for _ui, _si, unit, sent in ctx.sentences():
        if sent.citations or sent.sources:
            continue
        m = _CLAIM.search(sent.clean)
        if m and not is_statistic(sent.clean):
            yield Hit(
                f"Claim without a citation: “{m.group()}”",
                ctx.sentence_loc(unit, sent),
                Suggestion("Add a citation marker pointing to the source"),
            )
