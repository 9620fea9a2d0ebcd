"""Safe wording swaps for wordy, non-medical phrases ("utilize" → "use"), and the one
phrase matcher that finds them.

The data is ``checks/analysis/data/swaps.tsv`` plus a project's own files. The HTML renderer
applies the swaps; the checks report them (the wordy-phrase rule) with the replacement as
the suggestion. Medical terms are not here: they belong to the glossary, because replacing
them needs an editor's judgement.

``PhraseMatcher`` is the only phrase-swap engine: the wordy-phrase rule, ``apply_swaps`` and
the handout's glossary-and-swap annotation (``pipeline.render.plain.Aids``) all call it, so
a phrase matches the same words everywhere.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Generic, TypeVar

V = TypeVar("V")


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


def _phrase_regex(phrase: str) -> str:
    return r"\s+".join(re.escape(w) for w in phrase.split())


def compile_phrase(phrase: str) -> re.Pattern[str]:
    """One phrase as whole words, case-insensitively, any run of spaces between its words."""
    return re.compile(r"(?<![\w-])" + _phrase_regex(phrase) + r"(?![\w-])", re.I)


class PhraseMatcher(Generic[V]):
    """Whole-word, case-insensitive phrase finder; at each place the earliest row wins.

    Rows are ``(phrase, value)`` in priority order. A phrase matches as whole words (not
    inside a hyphenated word), with any run of whitespace between its words. One compiled
    alternation (one group per row) keeps a search linear in the text's length; matches
    do not overlap and are found left to right.
    """

    def __init__(self, rows: Iterable[tuple[str, V]]):
        self.rows: tuple[tuple[str, V], ...] = tuple((p, v) for p, v in rows if p.split())
        alts = "|".join(f"({_phrase_regex(p)})" for p, _ in self.rows)
        self.pattern = re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.I) if alts else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches in ``text``; ``value_of(match)`` is the matching row's value."""
        if self.pattern is not None:
            yield from self.pattern.finditer(text)

    def value_of(self, m: re.Match[str]) -> V:
        return self.rows[(m.lastindex or 1) - 1][1]

    def find(self, text: str) -> list[tuple[int, int, V]]:
        """(start, end, value) of every match in ``text``."""
        return [(m.start(), m.end(), self.value_of(m)) for m in self.finditer(text)]


@functools.lru_cache(maxsize=32)
def phrase_matcher(rows: tuple[tuple[str, str], ...]) -> PhraseMatcher[str]:
    """One compiled matcher per set of rows (the rows of a run rarely change)."""
    return PhraseMatcher(rows)


@functools.cache
def _default_rows() -> tuple[tuple[str, str], ...]:
    text = (
        resources.files("plainprint.checks.analysis")
        .joinpath("data/swaps.tsv")
        .read_text(encoding="utf-8")
    )
    return tuple(_read(text))


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
    """``text`` with every swap applied in one pass, earlier rows first where phrases overlap
    (what the HTML renderer shows)."""
    matcher = phrase_matcher(tuple(swaps if swaps is not None else load_swaps()))
    out: list[str] = []
    pos = 0
    for start, end, replacement in matcher.find(text):
        out += [text[pos:start], match_case(text[start:end], replacement)]
        pos = end
    return "".join(out) + text[pos:]
