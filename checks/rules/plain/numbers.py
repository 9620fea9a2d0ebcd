"""PL009: numbers readers can use (natural frequencies, no bare percentages), and what
counts as a statistic (PL010 asks)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from plainprint.checks.finding import Suggestion
from plainprint.checks.registry import Hit, rule

_PCT = re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|percent\b|per cent\b)", re.I)
_DECIMAL = re.compile(r"(?<![\d.])\d+\.\d+(?![\d.])")
_RANGE = re.compile(
    r"\bbetween\s+\d+(?:\.\d+)?\s*%?\s+and\s+\d+(?:\.\d+)?|(?<![\d.])\d+(?:\.\d+)?\s?(?:–|—|-|to)\s?\d+(?:\.\d+)?\s?(?:%|percent|per cent)",
    re.I,
)
_ONE_IN = re.compile(r"\b(?:1|one|\d+)\s+(?:in|out of)\s+(?:every\s+)?(\d[\d,]*)\b", re.I)
_NATURAL = re.compile(r"\b(?:out of|in every|in)\s+(?:100|1,?000|10)\b", re.I)
_RELATIVE = re.compile(
    r"\b(?:twice|double[sd]?|triple[sd]?|half|\d+(?:\.\d+)?\s?(?:times|-fold))\s+(?:as\s+)?(?:the\s+|more\s+|less\s+)?(?:risk|likely|chance|high|higher|lower|common)"
    r"|\b\d+(?:\.\d+)?\s?%\s+(?:higher|lower|more|less|increase|decrease|reduction|drop|rise)\b",
    re.I,
)


_DIGIT = re.compile(r"\d")


_SIMPLE = sorted(
    {(k, d) for d in (2, 3, 4, 5, 10) for k in range(1, d) if math.gcd(k, d) == 1},
    key=lambda kd: (kd[1], kd[0]),
)


def natural_frequency(percent: float) -> str:
    """A percentage as readers understand it best: ``21`` → "“21 out of 100” or “about 1 in
    5”"; ``0.5`` → "“5 out of 1,000”"."""
    if percent < 1:
        per_thousand = round(percent * 10)
        return f"“{per_thousand} out of 1,000”" if per_thousand >= 1 else "“fewer than 1 in 1,000”"
    words = f"“{round(percent)} out of 100”"
    for k, d in _SIMPLE:
        if abs(percent - 100 * k / d) <= 1.5:
            return f"{words} or “about {k} in {d}”"
    return words


def number_problems(text: str) -> list[str]:
    problems = []
    if not _DIGIT.search(text):  # only a worded relative change ("twice as likely") is left
        if _RELATIVE.search(text):
            problems.append("a relative change without the base risk (say what it changes from)")
        return problems
    if _DECIMAL.search(text):
        problems.append("a decimal (use whole numbers where you can)")
    if _RANGE.search(text):
        problems.append("a range (give one number or say what the range means)")
    elif (pct := _PCT.search(text)) and not _NATURAL.search(text):
        number = re.match(r"\d+(?:\.\d+)?", pct.group())
        assert number is not None  # _PCT matches digits first
        value = float(number.group())
        problems.append(
            f"a percentage without a natural frequency (say {natural_frequency(value)} "
            f"rather than “{pct.group()}”)"
        )
    bases = {m.group(1).replace(",", "") for m in _ONE_IN.finditer(text)}
    if len(bases) > 1:
        problems.append("“1 in N” figures with different bases (use the same base)")
    if _RELATIVE.search(text) and not _ONE_IN.search(text):
        problems.append("a relative change without the base risk (say what it changes from)")
    return problems


@rule(
    code="PL009",
    name="confusing-number",
    severity="suggestion",
    summary="A number is hard to use: a decimal, a bare percentage, a range, mixed “1 in N” "
    "bases, or a relative change without a base.",
    rationale=(
        "Many readers struggle with decimals, percentages and relative risks (PEMAT items 6–7, "
        "CDC CCI items 15–17). Natural frequencies (“2 out of 100 people”) with one base are "
        "understood best. Dates and phone numbers are not flagged."
    ),
    flagged=(
        "# Title\n\nThe risk is 2.5 times higher.",
        "# Title\n\nAbout 98% of people recover.",
        "# Title\n\nThe rate ranged between 54 and 84 percent.",
        "# Title\n\nIt affects 1 in 50 men and 1 in 200 women.",
    ),
    languages=("en",),
    clean=("# Title\n\nAbout 98 out of 100 people recover. Take 2 pills a day.",),
    tags=("numbers",),
    category="number",
    pemat_item=6,
    references=("PEMAT-P items 6–7", "CDC CCI items 15–17, 20"),
)
def confusing_number(ctx, opts) -> Iterator[Hit]:
    for _ui, _si, unit, sent in ctx.sentences():
        problems = number_problems(sent.clean)
        if problems:
            yield Hit(
                "Number may confuse: " + "; ".join(problems),
                ctx.sentence_loc(unit, sent),
                Suggestion("Use whole numbers and natural frequencies such as “2 out of 100”"),
            )


_STAT_WORD = re.compile(
    r"\b(?:rates?|risks?|odds|ratio|survival|mortality|incidence|prevalence|likely|chance|"
    r"response rate|times (?:more|less|higher|lower)|CI|p\s?[<=>])\b",
    re.I,
)
_ANY_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")


def is_statistic(text: str) -> bool:
    if not _DIGIT.search(text):  # every branch below needs a digit
        return False
    if _PCT.search(text) or _ONE_IN.search(text):
        return True
    return bool(_STAT_WORD.search(text) and _ANY_NUMBER.search(text))
