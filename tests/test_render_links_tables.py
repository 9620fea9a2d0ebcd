"""Links and tables as PDF/UA and WCAG want them (issue 10, point 3)."""

from __future__ import annotations

import io
import logging
import re

import pikepdf
import pytest

from plainprint.pipeline.config import Config
from plainprint.pipeline.document import Link, Strong, Table, Text
from plainprint.pipeline.document.build import doc, h, p
from plainprint.pipeline.render import render_html, render_pdf, warnings_once
from plainprint.pipeline.render.tables import Headers, headers
from tests.test_render_pdf import reachable_elements

LONG = "the full guide to caring for your skin after treatment at the clinic " * 4


def row(*cells: str) -> tuple:
    return tuple((Text(c),) for c in cells)


def table(*rows: tuple) -> Table:
    return Table(header=(), rows=rows)


@pytest.fixture(scope="module")
def link_pdf() -> pikepdf.Pdf:
    d = doc(
        h(1, "Links"),
        p("Read ", Link("https://example.org/a", (Text(LONG),)), " today."),
        p("And ", Link("https://example.org/b", (Strong((Text(LONG),)),)), "."),
        p("Empty ", Link("https://example.org/empty", (Text(" "),)), "."),
        # Enough text that the next link crosses a page break.
        *[p(f"Paragraph {n}. " + LONG) for n in range(8)],
        p("Last ", Link("https://example.org/c", (Text(LONG * 2),)), "."),
        title="Links",
    )
    return pikepdf.open(io.BytesIO(render_pdf(d, Config())))


def _parent_of(pdf: pikepdf.Pdf, annot) -> pikepdf.Dictionary:
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    entries = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    return entries[int(annot.StructParent)]


def _annots(pdf: pikepdf.Pdf) -> list:
    return [a for page in pdf.pages for a in page.obj.get("/Annots", [])]


def test_every_annotation_prints(link_pdf):
    annots = _annots(link_pdf)
    assert annots
    assert all(int(a.get("/F", 0)) & 4 for a in annots)


def test_one_link_element_holds_every_annotation_of_its_link(link_pdf):
    holders: dict[str, set] = {}
    for annot in _annots(link_pdf):
        parent = _parent_of(link_pdf, annot)
        assert pikepdf.Name.Link == parent.S
        objrs = [k for k in parent.K if isinstance(k, pikepdf.Dictionary) and "/Obj" in k]
        assert any(k.Obj.objgen == annot.objgen for k in objrs)
        holders.setdefault(str(annot.A.URI), set()).add(parent.objgen)
    assert all(len(v) == 1 for v in holders.values()), holders
    # The long links wrapped: several annotations each, still one /Link.
    counts = {}
    for annot in _annots(link_pdf):
        counts[str(annot.A.URI)] = counts.get(str(annot.A.URI), 0) + 1
    assert counts["https://example.org/a"] > 1 and counts["https://example.org/c"] > 1
    pages = {
        n for n, page in enumerate(link_pdf.pages) for a in page.obj.get("/Annots", [])
        if str(a.A.URI) == "https://example.org/c"
    }  # fmt: skip
    assert len(pages) == 2, "the fixture's last link should cross a page break"
    links = [e for e in reachable_elements(link_pdf) if pikepdf.Name.Link == e.S]
    assert all(not (isinstance(e.P, pikepdf.Dictionary) and pikepdf.Name.Link == e.P.S)
               for e in links)  # fmt: skip


@pytest.mark.parametrize("target", ["html", "pdf"])
def test_link_without_text_shows_its_address(target):
    d = doc(h(1, "T"), p("See ", Link("https://example.org/x", (Text("  "),)), "."), title="T")
    if target == "html":
        assert '<a href="https://example.org/x">https://example.org/x</a>' in render_html(
            d, Config()
        )
    else:
        pdf = pikepdf.open(io.BytesIO(render_pdf(d, Config())))
        text = b"".join(page.obj.Contents.read_bytes() for page in pdf.pages)
        assert _annots(pdf) and b"BDC" in text  # the address is real text inside the link
        (link,) = [e for e in reachable_elements(pdf) if pikepdf.Name.Link == e.S]
        assert any(isinstance(k, int) for k in link.K)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ((row("Drug", "Dose"), row("Aspirin", "100 mg"), row("Paracetamol", "1 g")),
         Headers.FIRST_ROW),
        ((row("Dose", "5 mg"), row("Age", "12 years"), row("Weight", "40 kg")),
         Headers.FIRST_COLUMN),
        ((row("12", "14"), row("", "3")), Headers.NONE),
        ((row("Only", "one row"),), Headers.NONE),
        ((row("a"), row("b")), Headers.NONE),
        ((row("Same", "Same"), row("1", "2")), Headers.NONE),
        ((row("A very long first cell that reads like a sentence, not a label", "x"),
          row("1", "2")), Headers.NONE),
    ],
)  # fmt: skip
def test_header_detection(rows, expected):
    assert headers(table(*rows)) is expected


def test_given_headers_are_kept():
    t = Table(header=(row("A", "B"),), rows=(row("1", "2"),))
    assert headers(t) is Headers.GIVEN


def test_first_row_and_column_become_header_cells_in_both_outputs():
    d = doc(
        h(1, "T"),
        table(row("Drug", "Dose"), row("Aspirin", "100 mg")),
        table(row("Dose", "5 mg"), row("Age", "12 years")),
        title="T",
    )
    html = render_html(d, Config())
    assert '<th scope="col">Drug</th>' in html and "<td>Aspirin</td>" in html
    assert '<th scope="row">Dose</th><td>5 mg</td>' in html
    pdf = pikepdf.open(io.BytesIO(render_pdf(d, Config())))
    ths = [e for e in reachable_elements(pdf) if e.S == pikepdf.Name.TH]
    scopes = sorted(str(e.A.Scope) for e in ths)
    assert scopes == ["/Column", "/Column", "/Row", "/Row"]


def test_layout_table_is_not_a_data_table_and_warns_once(caplog):
    d = doc(h(1, "T"), table(row("12", "14"), row("", "3")), title="T")
    with caplog.at_level(logging.WARNING, logger="plainprint.render"), warnings_once():
        html = render_html(d, Config())
        data = render_pdf(d, Config())
    assert '<table role="presentation"' in html and "<th" not in html
    pdf = pikepdf.open(io.BytesIO(data))
    kinds = {str(e.S) for e in reachable_elements(pdf)}
    assert "/Table" not in kinds and "/TD" not in kinds
    lines = [r.getMessage() for r in caplog.records if "shown as layout" in r.getMessage()]
    assert len(lines) == 1, lines


def test_wide_table_scrolls_in_a_focusable_labelled_region():
    d = doc(h(1, "T"), table(row("Drug", "Dose"), row("Aspirin", "100 mg")), title="T")
    html = render_html(d, Config())
    assert re.search(
        r'<div class="table-wrap" role="region" tabindex="0" aria-label="Table 1"><table>', html
    )
    css = html.split("<style>", 1)[1]
    assert re.search(r"\.table-wrap \{[^}]*overflow-x: auto", css)


def test_ragged_rows_close_the_grid():
    d = doc(
        h(1, "T"),
        Table(
            header=(row("Meal", "Food", "Amount"),),
            rows=(row("Breakfast"), row("Oats", "Milk", "1 cup"), row("Tea", "Water")),
        ),
        title="T",
    )
    html = render_html(d, Config())
    assert '<td colspan="3">Breakfast</td>' in html
    assert "<td>Tea</td><td>Water</td><td></td></tr>" in html
    pdf = pikepdf.open(io.BytesIO(render_pdf(d, Config())))
    rows = [e for e in reachable_elements(pdf) if e.S == pikepdf.Name.TR]
    widths = []
    for tr in rows:
        cells = [k for k in tr.K if isinstance(k, pikepdf.Dictionary) and "/S" in k]
        widths.append(sum(int(c.get("/A", {}).get("/ColSpan", 1)) for c in cells))
    assert widths == [3, 3, 3, 3], widths


def test_addresses_printed_in_references_are_links():
    from plainprint.pipeline.document import Reference
    from plainprint.pipeline.document.build import refs

    raw = "Smith J. Sleep. Anxiety 2020;3:1. https://dx.doi.org/10.1002/da.1 and see https://example.org/a."
    d = doc(h(1, "T"), p("Text."), refs(Reference(key="1", raw=raw, doi="10.1002/da.1")), title="T")
    html = render_html(d, Config())
    assert (
        '<a class="url" href="https://dx.doi.org/10.1002/da.1">https://dx.doi.org/10.1002/da.1</a>'
        in html
    )
    assert '<a class="url" href="https://example.org/a">https://example.org/a</a>.' in html
    assert 'href="https://dx.doi.org/"' not in html  # the DOI inside the address is not split off
    bare = refs(Reference(key="1", raw="Lee K. Diet. 2021. doi:10.1/x", doi="10.1/x"))
    html = render_html(doc(h(1, "T"), p("Text."), bare, title="T"), Config())
    assert 'doi:<a class="url" href="https://doi.org/10.1/x">10.1/x</a>' in html
    missing = refs(Reference(key="1", raw="Lee K. Diet. 2021.", url="https://example.org/p"))
    html = render_html(doc(h(1, "T"), p("Text."), missing, title="T"), Config())
    assert (
        'Diet. 2021. <a class="url" href="https://example.org/p">https://example.org/p</a>' in html
    )
