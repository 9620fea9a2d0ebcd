"""PL012–PL013: wordy phrases and rare words."""

from __future__ import annotations

from collections.abc import Iterator

from plainprint.checks.analysis.swaps import match_case, phrase_matcher
from plainprint.checks.analysis.vocabulary import word_zipf
from plainprint.checks.finding import Suggestion
from plainprint.checks.registry import Hit, Unfixable, rule


def _fix_wordy(ctx, finding, unit) -> str:
    """The swap table's replacement; safe because every row of ``swaps.tsv`` (and of a
    project's ``checks.swaps`` files) is, by that table's contract, a same-meaning swap."""
    if finding.suggestion is None or not finding.suggestion.replacement:
        raise Unfixable("the finding has no replacement")
    return finding.suggestion.replacement


@rule(
    code="PL012",
    name="wordy-phrase",
    severity="suggestion",
    summary="A wordy phrase has a shorter, plainer form.",
    rationale=(
        "Plain-language guides replace wordy phrases with short everyday words. The pairs "
        "are the safe swaps in `checks/analysis/data/swaps.tsv` (plus `checks.swaps` files); the HTML "
        "handout applies them."
    ),
    flagged=("# Title\n\nWe utilize a pump prior to surgery.",),
    languages=("en",),
    clean=("# Title\n\nWe use a pump before surgery.",),
    tags=("words",),
    references=("plainlanguage.gov word list", "retext-simplify"),
    fix="always",
    category="wordy",
    autofix="safe",
    fixer=_fix_wordy,
)
def wordy_phrase(ctx, opts) -> Iterator[Hit]:
    matcher = phrase_matcher(tuple(ctx.settings.swap_rows))
    for _ui, _si, unit, sent in ctx.sentences():
        for start, end, replacement in matcher.find(sent.clean):
            found = sent.text[start:end]
            s, e = sent.start + start, sent.start + end
            new = match_case(found, replacement)
            yield Hit(
                f"“{found}” is wordy; use “{new}”",
                ctx.loc(unit, s, e, sent.text),
                Suggestion(f"Replace with “{new}”", new),
            )


@rule(
    code="PL013",
    name="complex-word",
    severity="suggestion",
    summary="A long, rare word most readers will not know (reported once per word).",
    rationale=(
        "Rare words make text hard even when sentences are short (Kauchak & Leroy 2016). A "
        "word is reported when it has three or more syllables and is rarer than "
        "`max_zipf` in the wordfreq English list (3.0 ≈ once per million words), is not in "
        "the glossary (PL006 covers those) and is not a name (capitalised inside a sentence "
        "anywhere in the document). These words drive the "
        "`health_vocabulary` score."
    ),
    flagged=("# Title\n\nThe treatment was efficacious.",),
    languages=("en",),
    clean=("# Title\n\nThe treatment worked well.",),
    options={"max_zipf": 3.0},
    category="jargon",
    pemat_item=3,
    tags=("words",),
    references=("SHeLL Editor uncommon words", "De-Jargonizer"),
)
def complex_word(ctx, opts) -> Iterator[Hit]:
    limit = float(opts["max_zipf"])
    seen: set[str] = set()
    covered = set(ctx.first_uses)
    # A capitalised word inside a sentence is a name; so is the same word starting one
    # ("Rosenblum says…" when "Dr. Rosenblum" appears elsewhere).
    names = {
        w.lower
        for _ui, _si, _unit, sent in ctx.sentences()
        for i, w in enumerate(sent.words)
        if i > 0 and w.text[:1].isupper()
    }
    for _ui, _si, unit, sent in ctx.sentences():
        glossary_spans = [(o.start, o.end) for o in ctx.terms(sent)]
        for w in sent.words:
            lower = w.lower
            if lower in seen or w.syllables < 3 or w.is_number or not w.text.isalpha():
                continue
            if w.text[:1].isupper() and lower in names or w.text.isupper():
                continue
            rel = w.start - sent.start
            if (
                any(s <= rel < e for s, e in glossary_spans)
                or lower in covered
                or ctx.allowed(lower)
            ):
                continue
            if word_zipf(lower) >= limit:
                continue
            seen.add(lower)
            yield Hit(
                f"“{w.text}” is a rare word most readers will not know",
                ctx.loc(unit, w.start, w.end, sent.text),
                Suggestion("Use a common word, or explain it"),
            )
