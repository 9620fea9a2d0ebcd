"""PL008: acronyms spelled out at first use."""

from __future__ import annotations

import re
from collections.abc import Iterator

from plainprint.checks.analysis.formulas import dale_chall_easy_words, is_easy_word
from plainprint.checks.analysis.lexicon import lexicon
from plainprint.checks.analysis.terms import (
    acronym_expanded,
    find_acronyms,
)
from plainprint.checks.analysis.vocabulary import COMMON_ACRONYMS
from plainprint.checks.finding import Suggestion
from plainprint.checks.registry import Hit, Unfixable, rule

# Abbreviations readers know better than their full form, and the credentials after a name
# ("Jane Doe, MD"), which are titles rather than terms to explain.
BETTER_KNOWN = frozenset({"COVID", "COVID-19", "DNA"})
CREDENTIALS = frozenset(
    {"MD", "PhD", "RN", "NP", "MPH", "DNP", "MSN", "BSN", "RD", "RDN", "PharmD", "DDS", "DMD",
     "MBBS", "MBChB", "FACP", "FACS", "FRCP", "LCSW", "MSW", "CNM", "CRNA", "DPT", "PsyD"}
)  # fmt: skip


# Medical acronyms spelled like everyday words, which the emphasis test below would pass.
WORD_LIKE = frozenset({"AIDS", "ACE", "CAT", "PET", "SAD"})


def _not_an_acronym(token: str, letters: str, easy: frozenset[str]) -> bool:
    """Capitals for emphasis or a label ("Do NOT", "NEVER", "TIP:"), or an identifier."""
    if sum(c.isdigit() for c in token) >= 3:  # NCT03891810, ISRCTN12345678
        return True
    return (
        token == letters
        and letters.isupper()
        and token not in WORD_LIKE
        and is_easy_word(letters.lower(), easy)
    )


_SMALL_WORDS = frozenset({"of", "and", "the", "for", "to", "in", "with", "on", "by", "a", "an"})


def _initials(words: list[str], split_hyphens: bool) -> str:
    parts = [p for w in words for p in (w.split("-") if split_hyphens else [w]) if p]
    return "".join(p[0] for p in parts if p.lower() not in _SMALL_WORDS).upper()


def _matches(words: list[str], letters: str) -> bool:
    return (
        bool(words)
        and words[0].lower() not in _SMALL_WORDS
        and any(_initials(words, split) == letters.upper() for split in (False, True))
    )


def acronym_expansions(texts, acro: str) -> set[str]:
    """Full forms the text itself gives for ``acro``: "isolated limb infusion (ILI)" or
    "ILI (isolated limb infusion)", where the initials of the words spell the acronym."""
    letters = re.sub(r"[^A-Za-z]", "", acro)
    found: set[str] = set()
    before = re.compile(r"((?:[A-Za-z][\w'’-]*[ \t]+){1,12})\(\s*" + re.escape(acro) + r"\s*\)")
    after = re.compile(r"(?<![\w-])" + re.escape(acro) + r"\s*\(([A-Za-z][^()]{2,80})\)")
    for text in texts:
        for m in before.finditer(text):
            words = m.group(1).split()
            for j in range(1, len(words) + 1):
                if _matches(words[-j:], letters):
                    found.add(" ".join(words[-j:]))
                    break
        for m in after.finditer(text):
            words = m.group(1).split()
            if _matches(words, letters):
                found.add(" ".join(words))
    return found


def _fix_acronym(ctx, finding, unit) -> str:
    """The full form, then the acronym in parentheses; only a full form the document
    itself gives (with matching initials) is used."""
    loc = finding.location
    acro = unit.text[loc.start : loc.end]
    forms = acronym_expansions((u.text for u in ctx.units), acro)
    if not forms:
        raise Unfixable(f"the document never spells out “{acro}”")
    if len({f.lower() for f in forms}) > 1:
        raise Unfixable(f"the document spells out “{acro}” in more than one way")
    form = sorted(forms)[0]
    starts_sentence = not unit.text[: loc.start].strip() or re.search(
        r"[.!?][\"'”’)]*\s+$", unit.text[: loc.start]
    )
    first, _, rest = form.partition(" ")
    if starts_sentence:
        form = form[0].upper() + form[1:]
    elif first[:1].isupper() and first[1:].islower() and rest == rest.lower():
        form = first.lower() + (" " + rest if rest else "")  # capitalised only at a sentence start
    return f"{form} ({acro})"


@rule(
    code="PL008",
    name="acronym-undefined",
    severity="warning",
    summary="An acronym is used without its full form at first use.",
    rationale=(
        "Spell out an abbreviation the first time (WCAG 3.1.4, G97): “isolated limb infusion "
        "(ILI)” or “ILI (isolated limb infusion)”. Not reported: common ones (US, UK, TV…), "
        "those better known than their full form (DNA, COVID-19), credentials after a name "
        "(MD, PhD, RN), everyday words in capitals for emphasis (“Do NOT”, “TIP:”), "
        "identifiers with digits (NCT03891810), the rule's `known` option and `checks.allow`."
    ),
    flagged=(
        "# Title\n\nThe doctor may suggest ILI for your arm.",
        "# Title\n\nDo NOT stop taking your NSAID.",
    ),
    languages=("en",),
    clean=(
        "# Title\n\nThe doctor may suggest isolated limb infusion (ILI). ILI is quick.",
        "# Title\n\nDo NOT drive. TIP: ask Jane Doe, MD, about trial NCT03891810.",
    ),
    options={"known": []},
    category="undefined",
    pemat_item=4,
    tags=("words",),
    references=("WCAG 3.1.4 (G97, G102, H28)", "PEMAT-P item 4"),
    autofix="unsafe",
    fixer=_fix_acronym,
    fix_keeps_capitals=True,
)
def acronym_undefined(ctx, opts) -> Iterator[Hit]:
    known = COMMON_ACRONYMS | BETTER_KNOWN | CREDENTIALS | {str(k) for k in opts.get("known", [])}
    easy = dale_chall_easy_words()
    seen: set[str] = set()
    for _ui, _si, unit, sent in ctx.sentences():
        masked = unit.masked
        for m in find_acronyms(sent.clean):
            if any(a <= sent.start + m.start() < b for a, b in masked):
                continue
            acro = m.group()
            letters = re.sub(r"[^A-Za-z]", "", acro)
            if len(letters) < 2 or acro in seen:
                continue
            seen.add(acro)
            if (
                acro in known
                or _not_an_acronym(acro, letters, easy)
                or ctx.allowed(acro)
                or lexicon().zipf.get(acro.lower(), 0) >= 500
                and not letters.isupper()
            ):
                continue
            if acronym_expanded("", sent.clean, m.start(), m.end(), acro):
                continue
            s, e = sent.start + m.start(), sent.start + m.end()
            yield Hit(
                f"Acronym “{acro}” is not spelled out at first use",
                ctx.loc(unit, s, e, sent.text),
                Suggestion(f"Write the full words, then “({acro})”"),
            )
