"""WCAG 3.1.2 language of parts: a paragraph in another language keeps its ``lang``
from the saved page through the Document to the HTML handout and the tagged PDF."""

from __future__ import annotations

import io

import pikepdf

from plainprint.pipeline.config import Config
from plainprint.pipeline.document import from_json, to_json
from plainprint.pipeline.document.nodes import Paragraph
from plainprint.pipeline.ingest import ingest_path
from plainprint.pipeline.render import render_html, render_pdf

PAGE = """<html lang="en"><head><title>Flu shots</title></head><body><article><h1>Flu shots</h1>
<p>Get a flu shot every autumn. It is the best way to avoid the flu and it is free.</p>
<p lang="es">Vacúnese contra la gripe cada otoño. Es la mejor manera de evitar la gripe.</p>
<div lang="es"><p>La vacuna es gratis para la mayoría de las personas.</p></div>
<p lang="en">Ask your nurse about the shot when you next visit the clinic near you.</p>
</article></body></html>"""


def _doc(tmp_path):
    page = tmp_path / "flu.html"
    page.write_text(PAGE, encoding="utf-8")
    return ingest_path(page)


def test_ingest_keeps_only_languages_that_differ(tmp_path):
    doc = _doc(tmp_path)
    paras = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert [p.lang for p in paras] == [None, "es", "es", None]
    assert from_json(to_json(doc)) == doc


def test_handout_and_pdf_mark_the_spanish_paragraphs(tmp_path):
    doc = _doc(tmp_path)
    html = render_html(doc, Config(), base_dir=tmp_path)
    assert html.count('<p lang="es">') == 2
    pdf = pikepdf.open(io.BytesIO(render_pdf(doc, Config(), base_dir=tmp_path)))
    langs = []

    def walk(node):
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if "/Lang" in node:
                langs.append((str(node.S), str(node.Lang)))
            walk(node.get("/K"))

    walk(pdf.Root.StructTreeRoot.K)
    assert langs == [("/P", "es"), ("/P", "es")]
    assert str(pdf.Root.Lang) == "en"
