"""Every script prints (issue 10, points 4 and 5): packaged fallback fonts, no .notdef glyph,
the text reads back unchanged, and a script with no face is said once per source."""

from __future__ import annotations

import io
import logging
import re
import unicodedata

import pikepdf
import pypdf
import pytest
from fontTools.ttLib import TTFont

from plainprint.pipeline.config import Config
from plainprint.pipeline.document import Figure, Paragraph, Text
from plainprint.pipeline.document.build import doc, h, p
from plainprint.pipeline.render import render_html, render_pdf, warnings_once
from plainprint.pipeline.render.fonts import CSS_FAMILY, FALLBACKS, fallback_files, family_stack

SCRIPTS = {
    "ja": "日本語の文章です。ひらがなとカタカナ、漢字。",
    "zh": "这是中文的句子，简体字。",
    "zh-Hant": "這是繁體中文的句子。",
    "ko": "한국어 문장입니다. 피부암 치료.",
    "ar": "هذه جملة باللغة العربية.",
    "fa": "این یک جمله فارسی است.",
    "he": "זהו משפט בעברית.",
    "ru": "Это предложение на русском языке.",
    "el": "Αυτή είναι μια πρόταση στα ελληνικά.",
    "vi": "Đây là một câu tiếng Việt có dấu.",
}
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def scripts_pdf(tmp_path_factory) -> bytes:
    blocks = [Paragraph(content=(Text(t),), lang=lang) for lang, t in SCRIPTS.items()]
    return render_pdf(doc(h(1, "Scripts"), *blocks, title="Scripts"), Config())


def notdef_glyphs(pdf: pikepdf.Pdf) -> int:
    """Glyphs shown that the embedded font does not have: .notdef (CID 0) or, as WeasyPrint
    writes a missing character, a CID past the font's last glyph."""
    count = 0
    for page in pdf.pages:
        fonts = page.Resources.get("/Font", {})
        sizes = {}
        for key, f in fonts.items():
            if "/DescendantFonts" in f:  # Type0 fonts: two-byte CIDs
                embedded = f.DescendantFonts[0].FontDescriptor.FontFile2.read_bytes()
                sizes[str(key)] = TTFont(io.BytesIO(embedded))["maxp"].numGlyphs
        font = None
        for operands, op in pikepdf.parse_content_stream(page):
            if str(op) == "Tf":
                font = str(operands[0])
            elif str(op) in ("Tj", "TJ") and font in sizes:
                items = operands[0] if str(op) == "TJ" else [operands[0]]
                for item in items:
                    if isinstance(item, pikepdf.String):
                        raw = bytes(item)
                        cids = [
                            int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)
                        ]
                        count += sum(cid == 0 or cid >= sizes[font] for cid in cids)
    return count


def _letters(text: str) -> str:
    return "".join(c for c in _BIDI.sub("", text) if unicodedata.category(c)[0] in "LMN")


@pytest.mark.parametrize("lang", list(SCRIPTS))
def test_each_script_reads_back_unchanged(scripts_pdf, lang):
    text = pypdf.PdfReader(io.BytesIO(scripts_pdf)).pages[0].extract_text()
    lines = [_BIDI.sub("", line).strip() for line in text.splitlines()]
    want = SCRIPTS[lang]
    # Extractors give right-to-left lines in visual order: the final stop comes first.
    visual = "." + want[:-1] if want.endswith(".") else want
    assert want in lines or visual in lines, lines
    assert any(_letters(line) == _letters(want) for line in lines)


def test_no_notdef_glyph_and_every_font_is_a_packaged_one(scripts_pdf):
    pdf = pikepdf.open(io.BytesIO(scripts_pdf))
    assert notdef_glyphs(pdf) == 0
    names = {
        str(f.BaseFont).split("+", 1)[-1]
        for page in pdf.pages
        for f in page.Resources.Font.values()
    }
    ours = {CSS_FAMILY, *(f.family for f in FALLBACKS)}
    assert all(n.removesuffix("-Bold") in ours for n in names), names
    assert {"PlainprintNotoKR", "PlainprintNotoArabic", "PlainprintNotoHebrew"} <= names


def test_the_large_print_face_stays_first():
    assert family_stack().startswith(f'"{CSS_FAMILY}", "PlainprintNotoSans"')
    ko = family_stack("ko")
    assert ko.startswith(f'"{CSS_FAMILY}"') and ko.index("NotoKR") < ko.index("NotoJP")
    assert family_stack("zh-TW").index("NotoTC") < family_stack("zh-TW").index("NotoSC")
    assert all(path.is_file() for path in fallback_files().values())


def test_notdef_detector_sees_a_missing_glyph(caplog):
    """Ethiopic has no packaged face: one line names the script, not one per glyph."""
    d = doc(h(1, "T"), p("ሰላም ዓለም ሰላም " * 30), title="T", source_path="eth.md")
    with caplog.at_level(logging.WARNING, logger="plainprint.render"), warnings_once():
        data = render_pdf(d, Config())
    lines = [r.getMessage() for r in caplog.records if "Ethiopic" in r.getMessage()]
    if notdef_glyphs(pikepdf.open(io.BytesIO(data))) == 0:
        pytest.skip("a system font covers Ethiopic here, so nothing is missing")
    assert notdef_glyphs(pikepdf.open(io.BytesIO(data))) == 9 * 30  # every Ethiopic letter
    assert len(lines) == 1 and lines[0].startswith("eth.md: no packaged font for Ethiopic")
    assert not [r for r in caplog.records if ".notdef" in r.getMessage()]


def test_repeated_warnings_are_one_line_per_source_and_kind(caplog):
    figures = [Figure(src=f"missing{n}.png", alt=f"picture {n}") for n in range(7)]
    d = doc(h(1, "T"), p("Text."), *figures, title="T", source_path="pics.md")
    with caplog.at_level(logging.WARNING, logger="plainprint.render"), warnings_once():
        render_html(d, Config())
        render_pdf(d, Config())
    lines = [r.getMessage() for r in caplog.records]
    image_lines = [line for line in lines if "image" in line]
    assert len(image_lines) == 1, lines
    assert image_lines[0].startswith("pics.md: 7 images left out")
    assert "'missing0.png'" in image_lines[0] and image_lines[0].endswith("…")
    assert "missing6.png" not in image_lines[0]  # only the first examples


def test_a_line_already_said_is_not_repeated_by_the_print_step(caplog):
    d = doc(h(1, "T"), p("Text."), Figure(src="gone.png", alt="x"), title="T", source_path="re.md")
    with caplog.at_level(logging.WARNING, logger="plainprint.render"):
        with warnings_once():
            render_html(d, Config())
            render_pdf(d, Config())
        render_pdf(d, Config())  # the print stage of a batch renders the source again
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("re.md")]
    assert lines == ["re.md: 1 image left out or shown as text: 'gone.png' (no source folder)"]


@pytest.mark.parametrize("target", ["pdf", "html"])
def test_control_characters_from_mis_decoded_pages_are_dropped(target):
    d = doc(h(1, "T"), p("It\u0080\u0099s fine\u009d."), title="T")
    if target == "html":
        assert "Its fine." in render_html(d, Config())
    else:
        data = render_pdf(d, Config())
        assert notdef_glyphs(pikepdf.open(io.BytesIO(data))) == 0
        assert "Its fine." in pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
