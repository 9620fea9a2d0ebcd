"""Safe wording swaps for wordy, non-medical phrases ("utilize" → "use").

The data is ``checks/analysis/data/swaps.tsv`` plus a project's own files. The HTML renderer
applies the swaps; the checks report them (PL012 wordy-phrase) with the replacement as the
suggestion. Medical terms are not here: they belong to the glossary, because replacing
them needs an editor's judgement.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path


def _read(text: str) -> list[tuple[str, str]]:
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, _, replacement = line.partition("\t")
        if phrase == "phrase" or not replacement:
            continue
        rows.append((phrase.strip().lower(), replacement.strip()))
    return rows


def compile_phrase(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])", re.I)


@functools.cache
def _default_rows() -> tuple[tuple[str, str], ...]:
    text = (
        resources.files("plainprint.checks.analysis")
        .joinpath("data/swaps.tsv")
        .read_text(encoding="utf-8")
    )
    return tuple(_read(text))


@functools.cache
def _compiled(rows: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((compile_phrase(p), r) for p, r in rows)


def swap_rows(extra_files: tuple[str | Path, ...] = ()) -> list[tuple[str, str]]:
    """Ordered (phrase, replacement) rows: a project's files first, then the defaults."""
    rows: list[tuple[str, str]] = []
    for path in extra_files:
        rows.extend(_read(Path(path).read_text(encoding="utf-8")))
    seen = {p for p, _ in rows}
    rows.extend(r for r in _default_rows() if r[0] not in seen)
    return rows


def load_swaps(extra_files: tuple[str | Path, ...] = ()) -> list[tuple[str, str]]:
    """Ordered (pattern, replacement) pairs; the pattern is a lower-case phrase.

    Match a phrase as whole words, case-insensitively, with any run of spaces between its
    words (``compile_phrase`` gives that regex). Rows from a project's files come first and
    replace a default row for the same phrase; longer phrases come before shorter ones
    that they contain, so apply the pairs in order.
    """
    return swap_rows(extra_files)


def match_case(found: str, replacement: str) -> str:
    """Keep a capital first letter ("Prior to" → "Before")."""
    if found[:1].isupper() and replacement:
        return replacement[0].upper() + replacement[1:]
    return replacement


def apply_swaps(text: str, swaps: list[tuple[str, str]] | None = None) -> str:
    """``text`` with every swap applied, in order (what the HTML renderer shows)."""
    rows = tuple(swaps if swaps is not None else load_swaps())
    for pattern, replacement in _compiled(rows):
        text = pattern.sub(lambda m, r=replacement: match_case(m.group(), r), text)
    return text
