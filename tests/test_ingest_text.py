"""The plain-text path: markers, references, dates, decoding, and robustness (issues 2, 6).

The adversarial-input tests are hang detectors, not speed assertions: each case gets a
generous SIGALRM budget so catastrophic regex backtracking fails the test instead of
stalling the suite.
"""

from __future__ import annotations

import codecs
import signal
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from plainprint.pipeline.document import iter_inlines, plain_text
from plainprint.pipeline.document.nodes import (
    Citation,
    Heading,
    ListBlock,
    Paragraph,
    References,
    Text,
)
from plainprint.pipeline.errors import IngestError
from plainprint.pipeline.ingest import ingest_bytes
from plainprint.pipeline.ingest.citations import expand_marker
from plainprint.pipeline.ingest.decode import decode
from plainprint.pipeline.ingest.inline_text import squash_spaces, text_to_inlines
from plainprint.pipeline.ingest.references import parse_date, parse_reference
from plainprint.pipeline.ingest.text import parse_text
from tests.strategies import CHARS, SPECIAL_FRAGMENTS

TXT = Path("article.txt")


def kinds(nodes):
    return [(type(n).__name__, n.raw if isinstance(n, Citation) else n.text) for n in nodes]


# --------------------------------------------------------------------------- markers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cases.1", [("Text", "cases."), ("Citation", "1")]),
        ("lives.1,3 more", [("Text", "lives."), ("Citation", "1,3"), ("Text", " more")]),
        ("(ILP).1", [("Text", "(ILP)."), ("Citation", "1")]),
        ("under 5%.1 next", [("Text", "under 5%."), ("Citation", "1"), ("Text", " next")]),
        ("“quoted.”2 x", [("Text", "“quoted.”"), ("Citation", "2"), ("Text", " x")]),
        ("see [2–4] and [1, 3].", [("Text", "see "), ("Citation", "2–4"), ("Text", " and "),
                                    ("Citation", "1,3"), ("Text", ".")]),
    ],
)  # fmt: skip
def test_markers_are_recovered(text, expected):
    assert kinds(text_to_inlines(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "fewer than 5% of cases", "98%.", "a 5-year rate", "the 1950’s", "Accessed 7.23.19.",
        "2.5 mg daily", "Stage 3.", "Figure 2.", "in 2019.", "Table 2.1 here", "pH 7.4.",
        "the No.1 cause", "Vol.12 issue", "see p.23 and pp.23-25", "ratio 1:2", "Fig.2 shows",
    ],
)  # fmt: skip
def test_numbers_that_are_not_markers_stay_text(text):
    assert text_to_inlines(text) == (Text(text),)


def test_glued_markers_only_when_asked():
    assert text_to_inlines("cases.1", glued=False) == (Text("cases.1"),)


@pytest.mark.parametrize(
    ("raw", "refs"),
    [("1", ("1",)), ("1,3", ("1", "3")), ("2–4", ("2", "3", "4")), ("1, 3-5", ("1", "3", "4", "5")),
     ("5–2", ("5", "2")), ("1–200", ("1", "200")), ("007", ("7",)), ("1,1", ("1",)), ("[3]", ("3",))],
)  # fmt: skip
def test_expand_marker(raw, refs):
    assert expand_marker(raw) == refs


MARKER_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["cases.", "1", ",", "3", " ", "7.23.19", "[", "]", "–", "%", ").", "”"]),
        st.text(CHARS, max_size=5),
    ),
    max_size=20,
).map("".join)


@given(MARKER_TEXT)
@example("cases.0, 1")  # a glued "marker" with a space inside lost the space
def test_text_to_inlines_loses_nothing(text):
    """Walking the nodes over the input accounts for every character, in order."""
    pos = 0
    for node in text_to_inlines(text):
        if isinstance(node, Text):
            assert node.text and text.startswith(node.text, pos)
            pos += len(node.text)
        elif text.startswith("[", pos):
            end = text.index("]", pos)
            assert text[pos + 1 : end].replace(" ", "") == node.raw
            pos = end + 1
        else:
            assert text.startswith(node.raw, pos)
            pos += len(node.raw)
    assert pos == len(text)


@given(st.lists(st.sampled_from(["cases.", "1", ",", "3", " ", "7.23.19", "[", "]", "–", "%"])))
def test_citations_always_expand_from_their_raw(parts):
    for node in text_to_inlines("".join(parts)):
        if isinstance(node, Citation):
            assert node.refs == expand_marker(node.raw)
            assert node.refs and all(r.isdigit() for r in node.refs)


def test_squash_spaces():
    assert squash_spaces("  a \t\u00a0 b  ") == "a b"


# -------------------------------------------------------------------- references, dates


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("7.23.19", "2019-07-23"), ("23.7.19", "2019-07-23"), ("7/23/2019", "2019-07-23"),
        ("2019-07-23", "2019-07-23"), ("July 23, 2019", "2019-07-23"), ("13.13.13", None),
        ("2/30/2019", None), ("no date here", None), ("99", None),
        # A missing day or month is the first, never today's (reproducible builds).
        ("July 2019", "2019-07-01"), ("1999", "1999-01-01"),
    ],
)  # fmt: skip
def test_parse_date(written, iso):
    assert parse_date(written) == iso


def test_a_time_zone_name_in_a_date_is_ignored_quietly():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # dateutil warns about "PST" unless told to ignore it
        assert parse_date("July 4, 2019 10:00 PST") == "2019-07-04"


def test_parse_reference_fields():
    r = parse_reference(
        "4",
        "Smith J, Lee K, et al. Sun and skin. J Derm. 2019;12:1-9. doi:10.1000/abc.1 "
        "Available at: https://example.org/x. Accessed July 3, 2020.",
        line=9,
    )
    assert r.authors == ("Smith J", "Lee K", "et al.")
    assert r.title == "Sun and skin"
    assert r.container == "J Derm"
    assert r.year == 2019
    assert r.doi == "10.1000/abc.1"
    assert r.url == "https://example.org/x"
    assert (r.accessed, r.accessed_raw) == ("2020-07-03", "July 3, 2020")
    assert r.line == 9


@given(st.text(CHARS, max_size=200))
def test_parse_reference_never_crashes_and_keeps_raw(raw):
    r = parse_reference("1", raw)
    assert r.raw == " ".join(raw.split())
    assert r.accessed is None or len(r.accessed) == 10


# ------------------------------------------------------------------------ text ingest


SCRAPE = """\
Skip to Content
Share

How sun harms skin

Sun damage adds up over the years.1 Cover up.1,3
Wrapped lines join
into one paragraph.

What to do
  - Use sunscreen
  - Wear a hat
      - wide brim
  - Seek shade

References
1. Sun facts. Available at: https://example.org/sun. Accessed 7.23.19.
2. Skin and you. 2018.
3. Kroon, H. Thompson, J. Limb infusion. Accessed 7.27.19.
"""


def test_scrape_structure():
    d = parse_text(SCRAPE, Path("sun.txt"))
    assert d.metadata.title == "How sun harms skin"
    assert [(r.reason, r.line) for r in d.removed] == [("skip link", 1), ("share widget", 2)]
    heads = [(b.level, plain_text(b.content)) for b in d.blocks if isinstance(b, Heading)]
    assert heads == [(1, "How sun harms skin"), (2, "What to do"), (2, "References")]
    paras = [b for b in d.blocks if isinstance(b, Paragraph)]
    assert plain_text(paras[0].content) == "Sun damage adds up over the years. Cover up."
    assert plain_text(paras[1].content) == "Wrapped lines join into one paragraph."
    assert [c.raw for c in iter_inlines(paras[0].content) if isinstance(c, Citation)] == [
        "1",
        "1,3",
    ]
    lst = next(b for b in d.blocks if isinstance(b, ListBlock))
    assert [plain_text(i.content) for i in lst.items] == [
        "Use sunscreen",
        "Wear a hat",
        "Seek shade",
    ]
    assert plain_text(lst.items[1].sublists[0].items[0].content) == "wide brim"
    refs = d.blocks[-1]
    assert isinstance(refs, References)
    assert [(r.key, r.accessed, r.url) for r in refs.items] == [
        ("1", "2019-07-23", "https://example.org/sun"),
        ("2", None, None),
        ("3", "2019-07-27", None),
    ]
    assert refs.items[0].line == 17


def test_plain_prose_takes_the_title_from_the_file_name():
    text = "This is a sentence that starts the file\nand goes on.\n"
    d = parse_text(text, Path("my_notes-1.txt"))
    assert d.metadata.title == "My notes 1"
    assert isinstance(d.blocks[0], Heading) and plain_text(d.blocks[0].content) == "My notes 1"
    assert plain_text(d.blocks[1].content) == "This is a sentence that starts the file and goes on."


def test_no_reference_list_means_no_glued_markers():
    d = parse_text("Title here\n\nThere are 5 cases.1 Then more.\n", TXT)
    assert not [n for n in iter_inlines(d.blocks[1].content) if isinstance(n, Citation)]


def test_deeply_indented_list_is_capped_not_a_recursion_error():
    text = "Title\n\n" + "".join(" " * i + "- x\n" for i in range(0, 4000, 2))
    d = ingest_bytes(text.encode(), TXT)
    lst = next(b for b in d.blocks if isinstance(b, ListBlock))
    depth, node = 0, lst
    while node.items[0].sublists:
        node, depth = node.items[0].sublists[0], depth + 1
    assert depth == 8


TEXT_INPUT = st.lists(
    st.one_of(
        st.sampled_from(SPECIAL_FRAGMENTS + ["\n", "\n\n", "References\n", "1. ", "  - ", "\r\n"]),
        st.text(CHARS, max_size=12),
    ),
    max_size=40,
).map("".join)


@given(TEXT_INPUT)
def test_arbitrary_text_gives_a_document_or_an_ingest_error(text):
    try:
        d = ingest_bytes(text.encode("utf-8"), TXT)
    except IngestError as exc:
        assert str(exc).startswith(str(TXT))
        return
    assert d.metadata.title
    h1 = [b for b in d.blocks if isinstance(b, Heading) and b.level == 1]
    assert len(h1) == 1


@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_crash(data):
    for name in ("a.txt", "a.md"):
        with suppress(IngestError):
            ingest_bytes(data, Path(name))


# --------------------------------------------------------------- adversarial (linear)


@contextmanager
def hang_guard(seconds: int = 10):
    def fail(signum, frame):
        raise TimeoutError(f"ingest still running after {seconds}s: catastrophic backtracking?")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


ADVERSARIAL = {
    "commas": "1," * 50000,
    "open ranges": "[1–" * 20000,
    "abbreviations": "e.g." * 20000,
    "dates": "7.23.19" * 15000,
    "one word": "a" * 100000,
    "glued markers": "cases.1,3 " * 10000,
    "dotted digits": "1.1.1." * 20000,
    "long marker": "a.1" + ",1-2" * 30000,
    "brackets": "[" * 100000,
    "bracket lists": "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21" * 3000,
    "authors": "Smith J, " * 10000,
    "accessed": "Accessed " + "1 " * 40000,
    "spaces": "x" + " " * 100000 + "y",
    "heading lines": "Heading\n" * 30000,
    "list lines": "1. item\n" * 20000,
    "stars": "*" * 100000,
    "underscores": "_a" * 50000,
    "open links": "[a](" * 20000,
    "footnotes": "[^1]" * 20000,
    "emphasis": "*a **b " * 15000,
    "angles": "<" * 100000,
    "backticks": "`" * 50000,
    "quotes": ">" * 50000,
    "entities": "&#" * 50000,
    "pipes": "|" * 100000,
    "references": "References\n"
    + "".join(f"{n}. Ref {n}. Accessed 7.23.19.\n" for n in range(3000)),
}


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_input_completes(name, suffix):
    data = ADVERSARIAL[name].encode("utf-8")
    with hang_guard():
        try:
            d = ingest_bytes(data, Path("adversarial" + suffix))
        except IngestError:
            return
    assert d.blocks


def test_adversarial_reference_entries_complete():
    with hang_guard():
        for raw in ["Smith J, " * 5000, "accessed " + "1 ," * 5000 + "x", "7.23.19 " * 5000,
                    "http://" + "a" * 100000, "10.1234/" + "x" * 100000, "A. B. " * 20000]:  # fmt: skip
            assert parse_reference("1", raw).raw


# ------------------------------------------------------------------------- encodings

SAMPLE = "Café • naïve “quotes” — 5 µg\nSecond line é\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("utf-8"), "utf-8"),
    ],
)
def test_decode_boms_and_utf16(data, encoding):
    text, used = decode(data)
    assert text == SAMPLE
    assert used == encoding


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_legacy_single_byte_text_decodes(codec):
    sample = "Les cafés de Noël sont très appréciés à Paris, déjà. Ça coûte 5 €." * 3
    if codec == "latin-1":
        sample = sample.replace("€", "euros")
    d = ingest_bytes(("Titre du café\n\n" + sample + "\n").encode(codec), TXT)
    body = plain_text(d.blocks[1].content)
    assert "cafés de Noël" in body and "déjà" in body
    assert "\ufffd" not in body


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_crlf_and_bom_give_the_same_document_as_lf(suffix):
    text = "Sun and skin\n\nCover up in the sun.\nWrapped line.\n\nWhat to do\n\nUse shade.\n"
    plain = ingest_bytes(text.encode(), Path("a" + suffix))
    crlf = ingest_bytes(codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode(), Path("a" + suffix))
    assert crlf == plain


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_odd_characters_survive(suffix):
    body = (
        "Zero\u200bwidth\u200d joiners, control\x07 bell, RTL עברית العربية \u202eabc\u202c, "
        "CJK 中文字 日本語, emoji 👩🏽‍⚕️😀."
    )
    title = "# Odd characters" if suffix == ".md" else "Odd characters"
    d = ingest_bytes(f"{title}\n\n{body}\n".encode(), Path("a" + suffix))
    text = plain_text(d.blocks[1].content)
    for piece in ["Zero\u200bwidth", "עברית", "العربية", "中文字", "👩🏽‍⚕️😀", "\u202eabc"]:
        assert piece in text


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "file is empty"),
        (b"  \n\t\r\n ", "file is empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "file is a PDF"),
        (bytes(range(256)) * 20, "file looks like binary data"),
    ],
)
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_bad_input_is_an_ingest_error_naming_the_file(data, problem, suffix):
    path = Path("bad" + suffix)
    with pytest.raises(IngestError) as err:
        ingest_bytes(data, path)
    assert str(err.value).startswith(f"{path}: {problem}")


def test_a_dash_after_a_line_cut_mid_sentence_continues_the_paragraph(tmp_path):
    src = tmp_path / "baby.txt"
    src.write_text(
        "Royal baby\n\n"
        "A notice was put on an easel – the same easel used in 1982\n"
        "– in front of the Palace just before 9pm. Crowds came.\n\n"
        "What to bring:\n"
        "- a hat\n"
        "- water\n",
        encoding="utf-8",
    )
    doc = ingest_bytes(src.read_bytes(), src)
    paras = [plain_text(b.content) for b in doc.blocks if isinstance(b, Paragraph)]
    assert paras[0] == (
        "A notice was put on an easel – the same easel used in 1982 – in front of the "
        "Palace just before 9pm. Crowds came."
    )
    (items,) = [b for b in doc.blocks if isinstance(b, ListBlock)]
    assert [plain_text(i.content) for i in items.items] == ["a hat", "water"]
