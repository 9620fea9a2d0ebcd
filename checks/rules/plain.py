"""PL: plain language — sentence and paragraph length, voice, words, numbers, citations."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from plainprint.checks.analysis.formulas import dale_chall_easy_words, is_easy_word
from plainprint.checks.analysis.lexicon import lexicon
from plainprint.checks.analysis.passive import passive_spans
from plainprint.checks.analysis.swaps import match_case
from plainprint.checks.analysis.terms import (
    PhraseMatcher,
    acronym_expanded,
    defined_at,
    find_acronyms,
)
from plainprint.checks.analysis.vocabulary import COMMON_ACRONYMS, word_zipf
from plainprint.checks.finding import Location, Suggestion
from plainprint.checks.registry import Hit, Unfixable, rule

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


# ----------------------------------------------------------------------- length


@rule(
    code="PL001",
    name="sentence-too-long",
    severity="warning",
    summary="A sentence has more than 20 words (up to 30; longer ones are PL002).",
    rationale=(
        "Long sentences are the main reason text scores a high grade, and readers with low "
        "literacy lose track of them. Plain-language guides advise 15–20 words on average. "
        "Words are counted after URLs, phone numbers and citation markers are removed."
    ),
    flagged=(f"# Title\n\n{LONG_21}", f"---\nlang: es\n---\n# Título\n\n{LONG_21_ES}"),
    languages=("en", "es"),
    clean=("# Title\n\nKeep the wound clean and dry. Do not lift anything heavy for two weeks.",),
    options={"max_words": 20},
    tags=("readability", "length"),
    references=("CDC CCI item 7", "SHeLL Editor long sentences", "Hemingway hard sentences"),
    fix="none",
)
def sentence_too_long(ctx, opts) -> Iterator[Hit]:
    limit = int(opts["max_words"])
    upper = int(ctx_option(ctx, "PL002", "max_words", 30))
    for _ui, _si, unit, sent in ctx.sentences():
        n = len(sent.words)
        if limit < n <= upper:
            yield Hit(
                ctx.t("Sentence has {n} words (more than {limit})", n=n, limit=limit),
                ctx.sentence_loc(unit, sent),
                Suggestion(ctx.t("Split it into shorter sentences")),
            )


def ctx_option(ctx, code: str, key: str, default):
    from plainprint.checks.registry import get_rule

    r = get_rule(code)
    cfg = (
        ctx.settings.rule_config.get(code)
        or (ctx.settings.rule_config.get(r.name) if r else None)
        or {}
    )
    return cfg.get(key, r.options.get(key, default) if r else default)


@rule(
    code="PL002",
    name="sentence-far-too-long",
    severity="error",
    summary="A sentence has more than 30 words.",
    rationale="Sentences over 30 words are very hard for most readers (Hemingway's red).",
    flagged=(f"# Title\n\n{LONG_35}",),
    languages=("en", "es"),
    clean=(f"# Title\n\n{LONG_21}",),
    options={"max_words": 30},
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
    summary="A paragraph has more than 5 sentences or 120 words.",
    rationale=(
        "Short chunks are easier to read and to come back to (PEMAT item 8; SHeLL's text "
        "structure check). List items are not counted as paragraphs."
    ),
    flagged=("# Title\n\n" + " ".join(["Drink water every day."] * 6),),
    languages=("en", "es"),
    clean=("# Title\n\nDrink water. Eat fruit.\n\nSleep well. Walk every day.",),
    options={"max_sentences": 5, "max_words": 120},
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


# ------------------------------------------------------------------------ voice


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
    summary="Fewer than 80% of the document's sentences are active.",
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


# ------------------------------------------------------------------------ words


def _first_uses(ctx):
    """First use in the scored text of each glossary term: term → (unit, sentence, occ)."""
    if "first_uses" in ctx.cache:
        return ctx.cache["first_uses"]
    first: dict = {}
    for _ui, _si, unit, sent in ctx.sentences():
        for occ in ctx.terms(sent):
            if occ.term not in first:
                first[occ.term] = (unit, sent, occ)
    ctx.cache["first_uses"] = first
    return first


def _term_at(ctx, unit, finding) -> tuple[str, str]:
    """(found text, glossary headword) of a term finding; Unfixable when it is no term."""
    loc = finding.location
    found = unit.text[loc.start : loc.end]
    for occ in ctx.matcher.find(found):
        if occ.start == 0 and occ.end == len(found):
            return found, occ.term
    raise Unfixable("the finding's text is not a glossary term")


def _fix_jargon(ctx, finding, unit) -> str:
    """The glossary's first plain alternative, in the term's case; unsafe because the
    alternative may need the sentence rewritten around it (an editor reviews it)."""
    found, term = _term_at(ctx, unit, finding)
    if re.match(r"\s*\(", unit.text[finding.location.end :]):
        raise Unfixable("the term is explained in parentheses right after it")
    if unit.text[: finding.location.start].rstrip().endswith("("):
        raise Unfixable("the term is itself an explanation in parentheses")
    if found.lower() != term.lower():
        raise Unfixable(f"“{found}” is an inflected form of “{term}”; rewrite it by hand")
    alts = ctx.settings.glossary[term].alternatives
    if not alts:
        raise Unfixable("the glossary has no plain alternative")
    return match_case(found, alts[0])


@rule(
    code="PL006",
    name="jargon-term",
    severity="warning",
    summary="A medical term has plainer words that most readers know.",
    rationale=(
        "Use the words your audience uses (PEMAT item 3, CDC CCI item 7). Each glossary term "
        "is reported once, at its first use in the body, with the glossary's plain "
        "alternatives. The document's topic word (a glossary term in the title used three or "
        "more times, e.g. “melanoma”) and words in `checks.allow` are not reported; a topic "
        "word must instead be explained (PL007). Spanish documents use the Spanish glossary "
        "(`checks/analysis/data/glossary_es.tsv` plus `[checks.es] glossary`)."
    ),
    flagged=(
        "# Skin care\n\nThe cancer is metastatic.",
        "---\nlang: es\n---\n# La piel\n\nEl cáncer tiene metástasis.",
    ),
    languages=("en", "es"),
    clean=(
        "# Skin care\n\nThe cancer has spread to other parts of the body.",
        "---\nlang: es\n---\n# La piel\n\nEl cáncer pasó a otras partes del cuerpo.",
    ),
    tags=("words",),
    references=("PEMAT-P item 3", "CDC CCI item 7", "WCAG 3.1.3 (G101, G55, G62)"),
    fix="sometimes",
    autofix="unsafe",
    fixer=_fix_jargon,
)
def jargon_term(ctx, opts) -> Iterator[Hit]:
    for term, (unit, sent, occ) in _first_uses(ctx).items():
        entry = ctx.settings.glossary[term]
        if term in ctx.topic_words or ctx.allowed(term) or not entry.alternatives:
            continue
        s, e = sent.start + occ.start, sent.start + occ.end
        alts = "; ".join(entry.alternatives)
        yield Hit(
            ctx.t(
                "“{term}” is medical jargon; plain words: {plain}", term=unit.text[s:e], plain=alts
            ),
            ctx.loc(unit, s, e, sent.text),
            Suggestion(
                ctx.t("Use “{plain}”, or explain the term", plain=entry.alternatives[0]),
                entry.alternatives[0],
            ),
        )


def _defined_in_unit(ctx, unit, term: str) -> bool:
    """Explained in the paragraph of its first use ("…melanoma… Melanoma is a skin cancer")."""
    for sent in unit.sentences:
        for occ in ctx.terms(sent):
            if occ.term == term and defined_at(sent.clean, occ.start, occ.end):
                return True
    return False


def _fix_undefined_term(ctx, finding, unit) -> str:
    """The term followed by the glossary's definition in parentheses, at its first use."""
    found, term = _term_at(ctx, unit, finding)
    definition = ctx.settings.glossary[term].definition.strip().rstrip(".")
    if not definition:
        raise Unfixable(f"the glossary has no definition of “{term}”")
    first = definition.split()[0]
    if first == "A" or first[1:].islower():  # "A cancer that…" → "a cancer that…"
        definition = definition[0].lower() + definition[1:]
    return f"{found} ({definition})"


@rule(
    code="PL007",
    name="term-undefined",
    severity="warning",
    summary="A medical term the document keeps is not explained where it first appears.",
    rationale=(
        "When a medical term must stay — the topic of the handout, or a term with no plain "
        "equivalent — explain it at first use (PEMAT item 4; WCAG 3.1.3 G112). Explanations "
        "recognised anywhere in the paragraph of first use: “X (…)”, “… (X)”, “X, which…”, "
        "“X means…”, “X is a…” at the start of a sentence, “called X”, “known as X”."
    ),
    flagged=(
        "# Melanoma\n\nMelanoma can spread. See a doctor about melanoma. Melanoma is common.",
    ),
    languages=("en",),
    clean=(
        "# Melanoma\n\nMelanoma is a skin cancer. See a doctor about melanoma. Melanoma can spread.",
    ),
    tags=("words",),
    references=("PEMAT-P item 4", "WCAG 3.1.3 (G112)"),
    autofix="unsafe",
    fixer=_fix_undefined_term,
)
def term_undefined(ctx, opts) -> Iterator[Hit]:
    for term, (unit, sent, occ) in _first_uses(ctx).items():
        entry = ctx.settings.glossary[term]
        kept = term in ctx.topic_words or not entry.alternatives
        if not kept or (ctx.allowed(term) and term not in ctx.topic_words):
            continue
        if _defined_in_unit(ctx, unit, term):
            continue
        s, e = sent.start + occ.start, sent.start + occ.end
        yield Hit(
            f"“{unit.text[s:e]}” is not explained where it first appears",
            ctx.loc(unit, s, e, sent.text),
            Suggestion(
                f"Explain it at first use, e.g.: {entry.definition}"
                if entry.definition
                else "Explain it at first use"
            ),
        )


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
    tags=("words",),
    references=("WCAG 3.1.4 (G97, G102, H28)", "PEMAT-P item 4"),
    autofix="unsafe",
    fixer=_fix_acronym,
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
    autofix="safe",
    fixer=_fix_wordy,
)
def wordy_phrase(ctx, opts) -> Iterator[Hit]:
    matcher = _swap_matcher(ctx.settings.swap_rows)
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


_SWAP_CACHE: dict[tuple, PhraseMatcher] = {}


def _swap_matcher(rows: list[tuple[str, str]]) -> PhraseMatcher:
    key = tuple(rows)
    if key not in _SWAP_CACHE:
        _SWAP_CACHE[key] = PhraseMatcher(rows)
    return _SWAP_CACHE[key]


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
    tags=("words",),
    references=("SHeLL Editor uncommon words", "De-Jargonizer"),
)
def complex_word(ctx, opts) -> Iterator[Hit]:
    limit = float(opts["max_zipf"])
    seen: set[str] = set()
    covered = {t for t in _first_uses(ctx)}
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


# ---------------------------------------------------------------------- numbers

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
        value = float(re.match(r"\d+(?:\.\d+)?", pct.group()).group())
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


# -------------------------------------------------------------------- citations

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
