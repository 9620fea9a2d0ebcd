"""Spanish handouts (issue 16): labels and boilerplate from the gettext catalogue, lang="es",
Spanish terms in Words to know, the editor's report labels in Spanish."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plainprint.checks.engine import run_checks
from plainprint.pipeline.config import Config
from plainprint.pipeline.i18n.messages import locale_dir, messages, read_po, translator
from plainprint.pipeline.ingest import ingest_path

HANDOUT = Path(__file__).parent / "fixtures" / "es" / "presion-alta.md"
# Every English label or boilerplate sentence the handouts and the PDF footer use.
ENGLISH_LABELS = (
    "Page ", "Words to know", "References", "Key points", "Skip to main content",
    "Adapted from", "This handout gives general information", "Patient information",
    "Published", "Updated", "Medically reviewed",
)  # fmt: skip


@pytest.fixture(scope="module")
def doc():
    d = ingest_path(HANDOUT)
    assert d.metadata.language == "es"
    return d


def _catalogue_ids(path: Path) -> list[str]:
    return [m for m in re.findall(r'^msgid "(.*)"$', path.read_text("utf-8"), re.M) if m]


def test_spanish_catalogue_translates_every_message_of_the_template():
    pot = _catalogue_ids(locale_dir() / "plainprint.pot")
    es = read_po((locale_dir() / "es" / "LC_MESSAGES" / "plainprint.po").read_text("utf-8"))
    assert len(pot) >= 40
    missing = [m for m in pot if m.replace('\\"', '"') not in es]
    assert not missing


def test_po_reader_handles_continued_lines_and_fuzzy_entries():
    text = (
        'msgid ""\nmsgstr "Language: xx\\n"\n\n'
        'msgid "Words to know"\nmsgstr ""\n"Palabras "\n"clave"\n\n'
        '#, fuzzy\nmsgid "References"\nmsgstr "Refs?"\n\n'
        'msgid "Table"\nmsgstr ""\n'
    )
    assert read_po(text) == {"Words to know": "Palabras clave"}


def test_translator_falls_back_to_english():
    assert translator("es")("Words to know") == "Palabras que debe conocer"
    assert translator("es-MX")("References") == "Referencias"
    assert translator("pt")("References") == "References"  # no catalogue: English
    assert translator("es")("A message nobody translated") == "A message nobody translated"
    assert messages("en") is messages("en")


def test_spanish_html_has_no_english_labels(doc):
    from plainprint.pipeline.render import render_html

    html = render_html(doc, Config(), base_dir=HANDOUT.parent)
    assert '<html lang="es"' in html
    visible = re.sub(r"<[^>]+>", " ", html)
    for label in ENGLISH_LABELS:
        assert label not in visible, label
    assert "Palabras que debe conocer" in html
    assert "Esta hoja da información general" in html
    # Words to know: Spanish terms with Spanish definitions from glossary_es.tsv.
    words = html.split('id="words-to-know"')[1]
    assert "diurético" in words and "Una medicina que hace orinar más" in words


def test_spanish_pdf_has_no_english_labels(doc):
    pypdf = pytest.importorskip("pypdf")
    from io import BytesIO

    from plainprint.pipeline.render import render_pdf

    data = render_pdf(doc, Config(), base_dir=HANDOUT.parent)
    reader = pypdf.PdfReader(BytesIO(data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    n = len(reader.pages)
    assert f"Página 1 de {n}" in text
    for label in ENGLISH_LABELS:
        assert label not in text, label
    assert reader.trailer["/Root"]["/Lang"] == "es"


def test_page_footer_css_only_for_translated_languages():
    from plainprint.pipeline.render.api import page_css

    assert page_css("en") == "" and page_css("pt") == ""
    assert (
        page_css("es")
        == '@page { @bottom-right { content: "Página " counter(page) " de " counter(pages); } }\n'
    )


def test_pyphen_has_spanish_hyphenation():
    pyphen = pytest.importorskip("pyphen")
    assert "es" in pyphen.LANGUAGES
    assert "-" in pyphen.Pyphen(lang="es").inserted("hipertensión")


def test_editor_report_labels_in_spanish(doc):
    from plainprint.pipeline.report.editor import render_report

    report = run_checks(doc, Config()).to_dict()
    html = render_report(doc, report, Config())
    assert '<html lang="es"' in html
    for label in ("Resumen de puntuaciones", "Todos los hallazgos", "Nivel SOL", "INFLESZ"):
        assert label in html, label
    for label in ("Scorecard", "All findings", "SMOG grade", "Flesch-Kincaid"):
        assert label not in html, label
    assert "Revisiones no realizadas" in html  # the note on English-only rules


def test_editor_report_of_language_without_catalogue_stays_english():
    from plainprint.pipeline.report.editor import render_report
    from tests.test_spanish_language import PT, _report

    pt_doc, report = _report(PT, "pt.md")
    html = render_report(pt_doc, report, Config())
    assert '<html lang="en"' in html and "Checks not run" in html
    assert "no reading grade for this language" in html


def test_spanish_pdf_is_tagged_like_the_english_one(doc):
    """The PDF/UA checks of tests/test_render_pdf.py on the Spanish handout."""
    import io

    import pikepdf

    from plainprint.pipeline.render import render_pdf
    from tests.test_render_pdf import marked_content_problems

    pdf = pikepdf.open(io.BytesIO(render_pdf(doc, Config(), base_dir=HANDOUT.parent)))
    root = pdf.Root
    assert "/StructTreeRoot" in root and bool(root.MarkInfo.Marked)
    assert str(root.Lang) == "es"
    assert str(pdf.docinfo.Title) == "La presión arterial alta"
    assert "pdfuaid:part" in root.Metadata.read_bytes().decode()
    assert marked_content_problems(pdf) == []


@pytest.mark.browser
def test_axe_on_the_spanish_handout(browser, doc, tmp_path):
    import json

    from plainprint.pipeline.render import render_html
    from tests.browser import AXE, TAGS

    path = tmp_path / "es.html"
    path.write_text(render_html(doc, Config(), base_dir=HANDOUT.parent), encoding="utf-8")
    browser.open(path.as_uri())
    browser.evaluate(AXE.read_text(encoding="utf-8"))
    result = browser.evaluate(
        f"axe.run(document, {{runOnly: {{type: 'tag', values: {json.dumps(TAGS)}}}}})"
        ".then(r => ({violations: r.violations.map(v => v.id), passes: r.passes.length}))",
        await_promise=True,
    )
    assert result["violations"] == [] and result["passes"] >= 10
    assert browser.evaluate("document.documentElement.lang") == "es"


@pytest.mark.parametrize("profile", ["screen", "print"])
def test_spanish_pdf_passes_both_independent_checkers(doc, tmp_path, profile):
    """The corpus conformance test's checkers (outloud, pdfua) on the Spanish handout."""
    from bench.conformance import CHECKERS, check_pdfs, pdf_errors
    from plainprint.pipeline.render import render_pdf
    from plainprint.pipeline.render.api import DEFAULT_ICC
    from tests.conftest import require_icc_profile

    if profile == "print":
        require_icc_profile()
        assert DEFAULT_ICC.is_file()
    pdf = tmp_path / f"presion-alta-{profile}.pdf"
    pdf.write_bytes(render_pdf(doc, Config(), profile=profile, base_dir=HANDOUT.parent))
    results = check_pdfs([pdf], jobs=1)
    for checker in CHECKERS:
        assert results[0][checker]["error"] is None, results[0][checker]["error"]
        assert pdf_errors(results, checker) == {}, checker
