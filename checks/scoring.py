"""Counts and scores for units, sections and whole documents, and for raw text."""

from __future__ import annotations

import functools

from plainprint.checks.analysis.formulas import (
    Counts,
    count_sentence,
    dale_chall_easy_words,
    scores,
)
from plainprint.checks.analysis.passive import is_passive
from plainprint.checks.analysis.text import Sentence, Unit, prepare, segment
from plainprint.checks.analysis.vocabulary import Vocabulary
from plainprint.pipeline.document.nodes import Document


def sentence_counts(sentence: Sentence, vocab: Vocabulary) -> Counts:
    c = count_sentence(sentence, dale_chall_easy_words())
    c.vocabulary_load = vocab.sentence_load(sentence)
    c.passive_sentences = 1 if is_passive(sentence) else 0
    return c


def unit_counts(unit: Unit, vocab: Vocabulary) -> Counts:
    total = Counts()
    for s in unit.sentences:
        total += sentence_counts(s, vocab)
    return total


@functools.cache
def _default_vocabulary() -> Vocabulary:
    from plainprint.checks.analysis.glossary import default_glossary

    return Vocabulary(t for t, e in default_glossary().items() if e.kind == "medical")


def text_counts(text: str, vocab: Vocabulary | None = None) -> Counts:
    """Counts for plain text: each non-empty line is a paragraph (a unit of its own)."""
    vocab = vocab or _default_vocabulary()
    total = Counts()
    for line in text.splitlines():
        if line.strip():
            for s in segment(line):
                total += sentence_counts(s, vocab)
    return total


def document_counts(doc: Document, vocab: Vocabulary | None = None) -> Counts:
    """Counts for a Document, from the same units ``run_checks`` scores."""
    vocab = vocab or _default_vocabulary()
    total = Counts()
    for unit in prepare(doc):
        total += unit_counts(unit, vocab)
    return total


def score_text(text: str, vocab: Vocabulary | None = None) -> dict[str, float | None]:
    """Every score for plain text, as the benchmark and quick experiments need it."""
    return scores(text_counts(text, vocab))
