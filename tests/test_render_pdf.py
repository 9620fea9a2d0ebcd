"""Acceptance tests for the large-print PDF (pikepdf + pypdf), both profiles."""

from __future__ import annotations

import io
import math
import os
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdf
import pytest

from plainprint.pipeline.config import Config
from plainprint.pipeline.document import Emphasis, Figure, Reference, References, Table, Text
from plainprint.pipeline.document.build import doc, h, p, ul
from plainprint.pipeline.errors import RenderError
from plainprint.pipeline.render import render_html, render_pdf
from plainprint.pipeline.render.api import DEFAULT_ICC
from tests.conftest import require_reproducible_fonts

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "ili-ilp-melanoma.txt"
PAINT = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh"}
TEXT_SHOW = {"Tj", "TJ", "'", '"'}
needs_icc = pytest.mark.skipif(
    not DEFAULT_ICC.is_file(), reason="needs libgs-common's CMYK profile (make print installs it)"
)

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082"
)


@pytest.fixture(scope="module")
def seed_pdfs(seed_doc):
    base = SEED.parent
    out = {"screen": render_pdf(seed_doc, Config(), base_dir=base)}
    if DEFAULT_ICC.is_file():
        out["print"] = render_pdf(seed_doc, Config(), profile="print", base_dir=base)
    return out


@pytest.fixture(scope="module")
def rich_pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rich")
    (folder / "pic.png").write_bytes(PNG)
    d = doc(
        h(1, "Caring for your drip"),
        p("Some words are ", Emphasis((Text("important"),)), " to know."),
        h(2, "Steps"),
        ul("Wash your hands.", "Check the tube."),
        Table(
            header=(((Text("Step"),), (Text("Time"),)),),
            rows=(((Text("Check"),), (Text("5 minutes"),)),),
            caption=(Text("How long each step takes"),),
        ),
        Figure(src="pic.png", alt="A drip stand", caption=(Text("A drip"),)),
        Figure(src="pic.png", alt=""),
        h(3, "Sources"),
        References(
            items=(
                Reference(
                    key="1", raw="Drips explained.", url="https://example.org/drips/explained"
                ),
                Reference(key="2", raw="A study.", doi="10.1000/xyz123"),
            )
        ),
        title="Caring for your drip",
    )
    return render_pdf(d, Config(), base_dir=folder)


# ------------------------------------------------------------------------ inspectors


def font_sizes(data: bytes) -> list[dict[float, int]]:
    """Effective font size (pt) → characters, per page (size × Tm scale × CTM scale)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = []
    for page in reader.pages:
        sizes: dict[float, int] = {}

        def visit(text, cm, tm, font, size, sizes=sizes):
            if not text.strip():
                return
            eff = size * math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
            key = round(eff, 1)
            sizes[key] = sizes.get(key, 0) + len(text.strip())

        page.extract_text(visitor_text=visit)
        pages.append(sizes)
    return pages


def reachable_elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    out, seen = [], set()

    def walk(node):
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid and kid.objgen not in seen:
                seen.add(kid.objgen)
                out.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return out


def marked_content_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Paint operators outside tagged/artifact content, and MCIDs not in the tree."""
    reachable = {e.objgen for e in reachable_elements(pdf)}
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    parent = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    problems = []
    for n, page in enumerate(pdf.pages, 1):
        arr = parent.get(int(page.obj.StructParents))
        stack: list[tuple[str, int | None]] = []
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op in ("BDC", "BMC"):
                mcid = None
                if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                    mcid = operands[1].get("/MCID")
                stack.append((str(operands[0]), None if mcid is None else int(mcid)))
                if mcid is not None:
                    elem = arr[int(mcid)] if arr is not None and int(mcid) < len(arr) else None
                    if not isinstance(elem, pikepdf.Dictionary) or elem.objgen not in reachable:
                        problems.append(f"page {n}: MCID {mcid} ({operands[0]}) not in the tree")
            elif op == "EMC":
                stack.pop()
            elif op in PAINT and not any(t == "/Artifact" or m is not None for t, m in stack):
                problems.append(f"page {n}: {op} outside marked content")
    return problems


def text_colours(pdf: pikepdf.Pdf) -> set[tuple[str, tuple[float, ...]]]:
    """(colour space, values) of the fill colour at every text-showing operator."""
    seen = set()
    for page in pdf.pages:
        state = ("/DeviceGray", (0.0,))
        saved = []
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op == "q":
                saved.append(state)
            elif op == "Q":
                state = saved.pop()
            elif op == "cs":
                state = (str(operands[0]), ())
            elif op in ("sc", "scn"):
                state = (state[0], tuple(float(v) for v in operands))
            elif op == "k":
                state = ("/DeviceCMYK", tuple(float(v) for v in operands))
            elif op == "rg":
                state = ("/DeviceRGB", tuple(float(v) for v in operands))
            elif op == "g":
                state = ("/DeviceGray", tuple(float(v) for v in operands))
            elif op in TEXT_SHOW:
                seen.add(state)
    return seen


# ----------------------------------------------------------------------------- tests


def test_every_text_is_at_least_18pt_on_every_page(seed_pdfs, rich_pdf):
    for name, data in [*seed_pdfs.items(), ("rich", rich_pdf)]:
        pages = font_sizes(data)
        assert pages, name
        for n, sizes in enumerate(pages, 1):
            assert sizes, f"{name} page {n} has no text"
            assert min(sizes) >= 18.0, f"{name} page {n}: {sizes}"
        # Headings are larger than the body.
        assert max(max(s) for s in pages) > 24


def test_page_n_of_m_on_every_page(seed_pdfs):
    reader = pypdf.PdfReader(io.BytesIO(seed_pdfs["screen"]))
    total = len(reader.pages)
    assert total >= 2
    for n, page in enumerate(reader.pages, 1):
        assert f"Page {n} of {total}" in page.extract_text()


def test_fonts_are_the_packaged_font_embedded_subset_with_tounicode(seed_pdfs, rich_pdf):
    for data in [*seed_pdfs.values(), rich_pdf]:
        pdf = pikepdf.open(io.BytesIO(data))
        fonts = {}
        for page in pdf.pages:
            for _name, font in page.Resources.get("/Font", {}).items():
                fonts[font.objgen] = font
        assert fonts
        for font in fonts.values():
            base = str(font.BaseFont).lstrip("/")
            assert "PlainprintAtkinson" in base, base  # never a system font
            assert "Italic" not in base and "Oblique" not in base
            assert "/ToUnicode" in font, base
            descriptor = font.DescendantFonts[0].FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), base
            assert base.split("+")[0].isupper() and len(base.split("+")[0]) == 6  # subset tag
        names = {str(f.BaseFont).split("+")[1] for f in fonts.values()}
        assert any("Bold" in n for n in names)  # headings bold


def test_pdf_ua_catalog(seed_pdfs):
    pdf = pikepdf.open(io.BytesIO(seed_pdfs["screen"]))
    root = pdf.Root
    assert "/StructTreeRoot" in root
    assert bool(root.MarkInfo.Marked) is True
    assert str(root.Lang) == "en"
    assert bool(root.ViewerPreferences.DisplayDocTitle) is True
    assert str(pdf.docinfo.Title) == "ILI and ILP Treatment for Metastatic Melanoma"
    xmp = root.Metadata.read_bytes().decode()
    assert "pdfuaid:part" in xmp and "ILI and ILP Treatment" in xmp
    assert pdf.pdf_version == "1.7"


def test_figures_have_alt_and_decorative_images_are_artifacts(rich_pdf):
    pdf = pikepdf.open(io.BytesIO(rich_pdf))
    figures = [e for e in reachable_elements(pdf) if pikepdf.Name.Figure == e.S]
    assert len(figures) == 1  # the decorative image left the tree
    assert str(figures[0].Alt) == "A drip stand"
    # Both images are still drawn: one tagged, one as an artifact.
    draws = 0
    for page in pdf.pages:
        stack = []
        for operands, op in pikepdf.parse_content_stream(page):
            if str(op) in ("BDC", "BMC"):
                stack.append(str(operands[0]))
            elif str(op) == "EMC":
                stack.pop()
            elif str(op) == "Do":
                draws += 1
                assert stack and stack[-1] in ("/Figure", "/Artifact"), stack
    assert draws == 2


def test_no_marked_content_outside_tree_or_artifact(seed_pdfs, rich_pdf):
    for data in [*seed_pdfs.values(), rich_pdf]:
        pdf = pikepdf.open(io.BytesIO(data))
        assert marked_content_problems(pdf) == []


def test_headings_nest_without_skipping(seed_pdfs, rich_pdf):
    for data in [*seed_pdfs.values(), rich_pdf]:
        pdf = pikepdf.open(io.BytesIO(data))
        levels = [
            int(str(e.S)[2:])
            for e in reachable_elements(pdf)
            if str(e.S) in {f"/H{i}" for i in range(1, 7)}
        ]
        assert levels[0] == 1
        for a, b in zip(levels, levels[1:], strict=False):
            assert b <= a + 1, levels


def test_references_print_full_url_and_doi_and_links_are_live(rich_pdf):
    reader = pypdf.PdfReader(io.BytesIO(rich_pdf))
    text = "".join(pg.extract_text() for pg in reader.pages).replace("\n", "")
    assert "https://example.org/drips/explained" in text
    assert "https://doi.org/10.1000/xyz123" in text
    uris = {
        a.get_object()["/A"]["/URI"]
        for pg in reader.pages
        for a in pg.get("/Annots", []) or []
        if "/A" in a.get_object()
    }
    assert {"https://example.org/drips/explained", "https://doi.org/10.1000/xyz123"} <= uris


def test_missing_title_or_language_is_a_render_error():
    no_title = doc(p("Body text."), title="")
    with pytest.raises(RenderError, match="no title"):
        render_pdf(no_title, Config())
    with pytest.raises(RenderError, match="no title"):
        render_html(no_title, Config())
    no_lang = doc(h(1, "T"), p("Body."), language="")
    with pytest.raises(RenderError, match="language"):
        render_pdf(no_lang, Config())


def test_config_limits_are_errors():
    d = doc(h(1, "T"), p("Body."))
    with pytest.raises(RenderError, match="at least 18"):
        render_pdf(d, Config({"render": {"base_font_pt": 12}}))
    with pytest.raises(RenderError, match="page_size"):
        render_pdf(d, Config({"render": {"page_size": "tabloid"}}))
    with pytest.raises(RenderError, match="ICC"):
        render_pdf(d, Config({"render": {"icc_profile": "/nonexistent.icc"}}), profile="print")


def test_a4_and_larger_base_font(tmp_path):
    d = doc(h(1, "T"), p("Body."))
    data = render_pdf(d, Config({"render": {"page_size": "a4", "base_font_pt": 20}}))
    pdf = pikepdf.open(io.BytesIO(data))
    box = [float(v) for v in pdf.pages[0].MediaBox]
    assert round(box[2] - box[0], 1) == 595.3 and round(box[3] - box[1], 1) == 841.9
    assert min(font_sizes(data)[0]) == 20.0


@needs_icc
def test_print_profile_boxes_output_intent_and_k_only_text(seed_pdfs):
    pdf = pikepdf.open(io.BytesIO(seed_pdfs["print"]))
    assert pdf.pdf_version == "1.6"
    mm3 = 3 * 72 / 25.4
    for page in pdf.pages:
        trim = [float(v) for v in page.TrimBox]
        bleed = [float(v) for v in page.BleedBox]
        media = [float(v) for v in page.MediaBox]
        assert trim == [0, 0, 612, 792]  # Letter
        for t, b, sign in zip(trim, bleed, (-1, -1, 1, 1), strict=True):
            assert abs((b - t) * sign - mm3) < 0.01
        # Room for the crop marks outside the bleed.
        assert media[0] < bleed[0] and media[2] > bleed[2]
    intent = pdf.Root.OutputIntents[0]
    assert pikepdf.Name("/GTS_PDFX") == intent.S
    assert int(intent.DestOutputProfile.N) == 4
    xmp = pdf.Root.Metadata.read_bytes().decode()
    assert "<pdfxid:GTS_PDFXVersion>PDF/X-4<" in xmp
    assert text_colours(pdf) == {("/DeviceCMYK", (0.0, 0.0, 0.0, 1.0))}
    assert "/StructTreeRoot" in pdf.Root  # still tagged
    assert marked_content_problems(pdf) == []


@needs_icc
def test_color_profile_without_components_does_not_crash():
    d = doc(h(1, "T"), p("Body."))
    bad = f'@color-profile device-cmyk {{ src: url("{DEFAULT_ICC.as_uri()}") }}'
    try:
        data = render_pdf(d, Config(), profile="print", extra_css=bad)
    except RenderError as exc:  # a clean error is acceptable, a TypeError is not
        assert "WeasyPrint" in str(exc)
    else:
        assert "/OutputIntents" in pikepdf.open(io.BytesIO(data)).Root


def test_screen_profile_has_no_output_intent_and_print_needs_cmyk_profile(seed_pdfs, tmp_path):
    assert "/OutputIntents" not in pikepdf.open(io.BytesIO(seed_pdfs["screen"])).Root
    rgb = tmp_path / "rgb.icc"
    rgb.write_bytes(b"\0" * 16 + b"RGB " + b"\0" * 200)
    with pytest.raises(RenderError, match="not a CMYK"):
        render_pdf(doc(h(1, "T")), Config({"render": {"icc_profile": str(rgb)}}), profile="print")


def test_reproducible_bytes_across_processes(seed_doc, seed_pdfs, tmp_path):
    """Two builds, one in another process with another time zone, give identical bytes."""
    require_reproducible_fonts()
    html = render_html(seed_doc, Config(), base_dir=SEED.parent)
    assert render_html(seed_doc, Config(), base_dir=SEED.parent) == html
    for profile, data in seed_pdfs.items():
        assert render_pdf(seed_doc, Config(), profile=profile, base_dir=SEED.parent) == data
        out = tmp_path / f"{profile}.pdf"
        out_html = tmp_path / f"{profile}.html"
        env = {**os.environ, "TZ": "Pacific/Kiritimati"}
        subprocess.run(
            [sys.executable, "-m", "plainprint", "render", str(SEED), "--pdf", str(out),
             "--html", str(out_html), "--profile", profile],
            check=True, cwd=ROOT, env=env, capture_output=True,
        )  # fmt: skip
        assert out.read_bytes() == data, profile
        assert out_html.read_text(encoding="utf-8") == html


def test_emoji_are_left_out_of_the_pdf_not_printed_as_boxes(caplog):
    import logging

    from plainprint.pipeline.render import render_html

    d = doc(h(1, "Sun safety"), p("Wear a hat ⭐ and sunscreen 🌞🌞 every day ⚠️ even in winter."))
    with caplog.at_level(logging.WARNING):
        pdf = render_pdf(d, Config())
    assert not [r for r in caplog.records if ".notdef" in r.getMessage()]
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Wear a hat and sunscreen every day even in winter." in " ".join(text.split())
    assert "🌞" in render_html(d, Config())  # the HTML handout keeps them
