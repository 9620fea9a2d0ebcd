"""CK: problems with the checker's own inline suppressions (see checks.suppress)."""

from __future__ import annotations

from collections.abc import Iterator

from plainprint.checks.finding import Location, Suggestion
from plainprint.checks.registry import Hit, rule


@rule(
    code="CK001",
    name="suppression-without-reason",
    severity="error",
    summary="An inline suppression comment gives no reason, so it suppresses nothing.",
    rationale=(
        "Every exception should say why, so a reviewer can judge it later. Write "
        "`<!-- plainprint-disable PL006 -- the audience are nurses -->`."
    ),
    flagged=(),
    languages=("*",),
    clean=("# Title\n\nRest.",),
    tags=("suppressions",),
    references=("ruff RUF100", "markdownlint inline configuration"),
)
def suppression_without_reason(ctx, opts) -> Iterator[Hit]:
    for line, text in ctx.bad_suppressions:
        yield Hit(
            ctx.t("Suppression comment has no reason; it is ignored"),
            Location(excerpt=text, line=line),
            Suggestion(ctx.t("Add “-- reason” before the closing -->")),
        )
