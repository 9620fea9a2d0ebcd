"""PL (Spanish): plain-language rules that need Spanish facts: passive voice, rare words
from Spanish word frequencies, numbers written the Spanish way. Sentence length (PL001–
PL003) and jargon (PL006, with the Spanish glossary) are shared with English."""

from __future__ import annotations

import re
from collections.abc import Iterator

from plainprint.checks.analysis.lang.es.passive import passive_spans
from plainprint.checks.analysis.lang.es.vocabulary import word_zipf_es
from plainprint.checks.finding import Suggestion
from plainprint.checks.registry import Hit, rule

ES = "---\nlang: es\n---\n"


@rule(
    code="PL014",
    name="passive-voice-es",
    severity="suggestion",
    summary="A Spanish sentence uses the passive and does not say who acts.",
    rationale=(
        "Readers follow who does what (PEMAT item 5; CDC CCI item 6). Flags the passive "
        "with ser (“fue realizado”, “son administrados”, “ha sido tratada”) unless a “por” "
        "agent follows, and the reflexive passive that hides the actor (“se realiza”, "
        "“se recomienda”, “se deben tomar”). Say who acts: “el médico le hará la prueba”."
    ),
    flagged=(
        f"{ES}# La prueba\n\nLa prueba fue realizada en el hospital.",
        f"{ES}# La prueba\n\nSe recomienda tomar la pastilla con comida.",
    ),
    languages=("es",),
    clean=(
        f"{ES}# La prueba\n\nLa enfermera le hará la prueba en el hospital.",
        f"{ES}# La prueba\n\nLa prueba fue realizada por su médico.",
    ),
    tags=("voice",),
    references=("PEMAT-P item 5", "CDC CCI item 6"),
)
def passive_voice_es(ctx, opts) -> Iterator[Hit]:
    for _ui, _si, unit, sent in ctx.sentences():
        for s, e in passive_spans(sent.clean):
            yield Hit(
                ctx.t("Passive voice: “{text}” does not say who acts", text=sent.text[s:e]),
                ctx.loc(unit, sent.start + s, sent.start + e, sent.text),
                Suggestion(ctx.t("Say who does it: “su médico le hará…”, “tome…”")),
            )


@rule(
    code="PL015",
    name="rare-word-es",
    severity="suggestion",
    summary="A long Spanish word that is rare in everyday Spanish (reported once per word).",
    rationale=(
        "Rare words slow readers down more than long ones. A word of at least `min_letters` "
        "letters whose Zipf frequency in wordfreq's Spanish list is below `max_zipf` (about "
        "once in a million words) is reported once; glossary terms are PL006's, and names "
        "(capitalised inside a sentence), the topic word and `checks.allow` are skipped."
    ),
    flagged=(f"{ES}# Sus pastillas\n\nEvite la automedicación y la polifarmacia.",),
    languages=("es",),
    clean=(f"{ES}# Sus pastillas\n\nNo tome medicinas sin preguntar a su médico.",),
    options={"max_zipf": 2.6, "min_letters": 8},
    tags=("words",),
    references=("PEMAT-P item 3", "SHeLL Editor uncommon words"),
)
def rare_word_es(ctx, opts) -> Iterator[Hit]:
    seen: set[str] = set()
    glossary = ctx.settings.glossary
    for _ui, _si, unit, sent in ctx.sentences():
        for i, w in enumerate(sent.words):
            lower = w.text.lower()
            if (
                lower in seen
                or w.is_number
                or len(lower) < int(opts["min_letters"])
                or (i > 0 and w.text[:1].isupper())
                or w.text.isupper()
                or lower in glossary
                or re.sub(r"e?s$", "", lower) in glossary
                or lower in ctx.topic_words
                or ctx.allowed(lower)
            ):
                continue
            if word_zipf_es(lower) < float(opts["max_zipf"]):
                seen.add(lower)
                yield Hit(
                    ctx.t("“{word}” is a rare word in Spanish", word=w.text),
                    ctx.loc(unit, w.start, w.end, sent.text),
                    Suggestion(ctx.t("Use a more common word, or explain it")),
                )


_NUMBER_ES = re.compile(
    r"(?<![\w,.])(?:\d+,\d+)(?![\d])"  # decimal comma: 2,5
    r"|(?<![\w,.])\d+(?:,\d+)?\s?%"  # a percentage: 25 %, 2,5%
    r"|(?<![\w,.])\d+\s?[-–]\s?\d+(?![\d/])"  # a range: 10-20
)


@rule(
    code="PL016",
    name="confusing-number-es",
    severity="suggestion",
    summary="A Spanish number is hard to use: a decimal, a bare percentage or a range.",
    rationale=(
        "Numbers are where readers struggle (PEMAT item 6; CDC CCI items 15–17). Decimals "
        "written with a comma (“2,5 mg”), percentages not also given as “X de cada 100”, and "
        "ranges (“10-20”) are flagged; whole numbers, times, dates and doses such as “5 mg” "
        "are not."
    ),
    flagged=(
        f"{ES}# Su dosis\n\nTome 2,5 mg al día.",
        f"{ES}# Riesgo\n\nEl 25 % de las personas tiene dolor.",
    ),
    languages=("es",),
    clean=(
        f"{ES}# Su dosis\n\nTome 5 mg al día.",
        f"{ES}# Riesgo\n\nUna de cada 4 personas (25 de cada 100) tiene dolor.",
    ),
    tags=("numbers",),
    references=("PEMAT-P item 6", "CDC CCI items 15-17"),
)
def confusing_number_es(ctx, opts) -> Iterator[Hit]:
    for _ui, _si, unit, sent in ctx.sentences():
        for m in _NUMBER_ES.finditer(sent.clean):
            token = m.group()
            if "%" in token and re.search(r"de cada \d+", sent.clean):
                continue
            kind = (
                "percentage"
                if "%" in token
                else ("range" if re.search("[-–]", token) else "decimal")
            )
            s, e = sent.start + m.start(), sent.start + m.end()
            message, suggestion = {
                "percentage": (
                    ctx.t("Confusing number (percentage): “{number}”", number=token),
                    ctx.t("Also say it as “X de cada 100”"),
                ),
                "range": (
                    ctx.t("Confusing number (range): “{number}”", number=token),
                    ctx.t("Give one number, or say “entre 10 y 20”"),
                ),
                "decimal": (
                    ctx.t("Confusing number (decimal): “{number}”", number=token),
                    ctx.t("Round it, or use a whole number if you can"),
                ),
            }[kind]
            yield Hit(message, ctx.loc(unit, s, e, sent.text), Suggestion(suggestion))
