"""Spanish reading level (issue 16): text preparation, syllables, SOL / INFLESZ /
Fernández-Huerta, the Spanish vocabulary score, and the team's professional/lay pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from plainprint.checks.analysis.formulas import Counts
from plainprint.checks.analysis.glossary import load_glossary
from plainprint.checks.analysis.lang.es.counts import sentence_counts
from plainprint.checks.analysis.lang.es.formulas import fernandez_huerta, inflesz, inflesz_band, sol
from plainprint.checks.analysis.lang.es.syllables import count_word, syllables
from plainprint.checks.analysis.lang.es.text import SPANISH
from plainprint.checks.analysis.text import segment
from plainprint.checks.context import vocabulary_for

FIXTURES = Path(__file__).parent / "fixtures" / "es"

# Syllable counts by the RAE's rules (diphthongs, hiatus, accents, silent u, final y).
WORDS = {
    "casa": 2, "sol": 1, "médico": 3, "hipertensión": 4, "corazón": 3, "enfermedad": 4,
    "día": 2, "baúl": 2, "reúne": 3, "leer": 2, "paseo": 3, "caos": 2, "poeta": 3,
    "océano": 4, "aorta": 3, "oír": 2, "país": 2, "raíz": 2, "buey": 1, "averiguáis": 4,
    "hoy": 1, "muy": 1, "rey": 1, "y": 1, "que": 1, "guerra": 2, "guitarra": 3,
    "pingüino": 3, "cigüeña": 3, "ciudad": 2, "cuidado": 3, "agua": 2, "bien": 1,
    "tiempo": 2, "piedra": 2, "huevo": 2, "ahora": 3, "alcohol": 3, "chiita": 3,
    "farmacéutico": 5, "reumatología": 6, "arterial": 3, "presión": 2, "medicina": 4,
    "riñones": 3, "pastillas": 3, "diabetes": 3, "insulina": 4, "colesterol": 4,
    "quirúrgico": 4, "antiinflamatorio": 7, "electrocardiograma": 7, "oftalmólogo": 5,
}  # fmt: skip


@pytest.mark.parametrize("word, n", sorted(WORDS.items()))
def test_syllables(word, n):
    assert count_word(word) == n


@pytest.mark.parametrize(
    "token, n", [("TC", 2), ("1.000", 1), ("1.000,5", 3), ("25%", 3), ("anti-inflamatorio", 7)]
)
def test_tokens(token, n):
    assert syllables(token) == n


def _sentences(text: str) -> list[str]:
    return [s.text for s in segment(text, lang=SPANISH)]


@pytest.mark.parametrize(
    "text, n",
    [
        ("La Dra. Ruiz le atenderá. Traiga sus medicinas.", 2),
        ("El Dr. López y el Sr. Gómez llegaron. Luego se fueron.", 2),
        ("Coma frutas, p. ej. manzanas o peras. Beba agua.", 2),
        ("Traiga papeles, recetas, etc. y llegue temprano.", 1),
        ("Tome aprox. 1.000,5 mg al día. No tome más.", 2),
        ("¿Tiene fiebre? ¡Llame ya! Descanse.", 3),
        ("Si tiene dudas, ¿a quién puede llamar? Llame a su médico.", 2),
        ("Ver pág. 4 del folleto. Gracias.", 2),
    ],
)
def test_spanish_sentences(text, n):
    assert len(_sentences(text)) == n, _sentences(text)


def test_spanish_numbers_are_one_word():
    words = [
        w.text for s in segment("Tome 1.000,5 mg cada 8 horas.", lang=SPANISH) for w in s.words
    ]
    assert words == ["Tome", "1.000,5", "mg", "cada", "8", "horas"]


def test_formulas_on_known_counts():
    c = Counts(sentences=10, words=150, syllables=300, polysyllables=30)
    assert sol(c) == pytest.approx(
        -2.51 + 0.74 * (1.0430 * (30 * 30 / 10) ** 0.5 + 3.1291), abs=0.01
    )
    assert inflesz(c) == pytest.approx(206.835 - 62.3 * 2 - 15, abs=0.01)
    assert fernandez_huerta(c) == pytest.approx(206.84 - 120 - 1.02 * 15, abs=0.01)
    assert sol(Counts()) is None and inflesz(Counts()) is None


@pytest.mark.parametrize(
    "value, band",
    [
        (30, "muy difícil"),
        (45, "algo difícil"),
        (60, "normal"),
        (70, "bastante fácil"),
        (90, "muy fácil"),
    ],
)
def test_inflesz_scale(value, band):
    assert inflesz_band(value) == band


def _pairs() -> list[tuple[str, str]]:
    rows = []
    for line in (FIXTURES / "pairs.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            hard, easy = line.split("\t")
            rows.append((hard, easy))
    return rows


_VOCAB = vocabulary_for(load_glossary((), "glossary_es.tsv"), "es")


def _counts(text: str) -> Counts:
    total = Counts()
    for s in segment(text, lang=SPANISH):
        total += sentence_counts(s, _VOCAB)
    return total


def _scores(text: str) -> dict[str, float | None]:
    from plainprint.checks.analysis.lang import language

    return language("es").scores(_counts(text))


def _share(score: str, higher_is_harder: bool = True) -> float:
    pairs = _pairs()
    right = 0
    for hard, easy in pairs:
        h, e = _scores(hard)[score], _scores(easy)[score]
        right += (h > e) if higher_is_harder else (h < e)
    return right / len(pairs)


def test_pair_set_is_large_enough():
    assert len(_pairs()) >= 40


@pytest.mark.parametrize("score", ["sol", "health_vocabulary"])
def test_spanish_headline_and_vocabulary_rank_pairs(score):
    share = _share(score)
    print(f"{score}: harder text ranked harder in {share:.1%} of {len(_pairs())} pairs")
    assert share >= 0.95


def test_textstat_spanish_formulas_side_by_side():
    """textstat's Spanish Fernández-Huerta and Szigriszt-Pazos (pyphen syllables, its own
    sentences) on the same pairs, printed beside ours; ours must not rank worse."""
    textstat = pytest.importorskip("textstat")
    textstat.set_lang("es")
    try:
        pairs = _pairs()
        theirs = {
            "fernandez_huerta": sum(
                textstat.fernandez_huerta(h) < textstat.fernandez_huerta(e) for h, e in pairs
            ),
            "inflesz": sum(
                textstat.szigriszt_pazos(h) < textstat.szigriszt_pazos(e) for h, e in pairs
            ),
        }
        for name, n in theirs.items():
            ours = _share(name, higher_is_harder=False)
            print(f"{name}: textstat {n / len(pairs):.1%}, plainprint {ours:.1%}")
            assert ours >= n / len(pairs) - 0.05
        # Same formula, close values on one plain text (syllable counters differ slightly).
        text = "Tome sus pastillas con comida. Beba mucha agua. Llame si se siente mal."
        assert abs(_scores(text)["fernandez_huerta"] - textstat.fernandez_huerta(text)) < 15
    finally:
        textstat.set_lang("en")


def test_fixture_handout_reads_plain():
    from plainprint.checks.engine import run_checks
    from plainprint.pipeline.config import Config
    from plainprint.pipeline.ingest import ingest_path

    report = run_checks(ingest_path(FIXTURES / "presion-alta.md"), Config()).to_dict()
    assert report["language"] == "es" and report["formula"] == "sol"
    assert report["grade"] <= report["target"]
    assert report["bands"]["inflesz"] in ("bastante fácil", "muy fácil")
    assert report["scores"]["smog"] is None  # never an English formula on Spanish
    assert not [f for f in report["findings"] if f["rule"] == "RL001"]


def test_spanish_glossary_is_shipped_and_complete():
    from plainprint.checks.analysis.glossary import default_glossary

    glossary = default_glossary("glossary_es.tsv")
    medical = [e for e in glossary.values() if e.kind == "medical"]
    assert len(medical) >= 300
    for e in medical:
        assert e.alternatives and e.definition, e.term
        assert e.term not in (a.lower() for a in e.alternatives), e.term
        assert len(e.definition.split()) <= 25 and e.definition.endswith("."), e.term
    terms = [line.split("\t")[0] for line in _glossary_rows()]
    assert terms == sorted(terms)


def _glossary_rows() -> list[str]:
    path = Path(__file__).parents[1] / "checks" / "data" / "glossary_es.tsv"
    return [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith(("#", "term\t"))
    ]
