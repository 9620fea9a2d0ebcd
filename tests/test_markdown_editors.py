"""Markdown as editors write it (issue 17): comments private, raw HTML parsed, quotes as
structure, HD001 on a file without its own H1, foreign front matter kept; and the
footnote-only export other tools read (issue 11, point 8)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plainprint.checks import run_checks
from plainprint.pipeline.config import Config
from plainprint.pipeline.document import iter_blocks, plain_text, to_json
from plainprint.pipeline.document.nodes import BlockQuote, Citation, Heading, ListBlock, Paragraph
from plainprint.pipeline.errors import IngestError
from plainprint.pipeline.export.markdown import round_trip_view, to_markdown
from plainprint.pipeline.export.text import to_text
from plainprint.pipeline.ingest.markdown import parse_markdown

MD = Path("article.md")


def parse(text: str):
    return parse_markdown(text, MD)


def texts(doc) -> str:
    return to_json(doc.__class__(doc.metadata, doc.blocks))


# ------------------------------------------------------------------------- comments


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("# T\n\nRest at home. <!-- editor: check with Dr. Lee -->\n", ["Rest at home."]),
        ("# T\n\n<!-- TODO: add vaccine section -->\n\nRest.\n", ["Rest."]),
        ("# T\n\nRest <!-- a\nmulti-line\nnote --> at home.\n", ["Rest at home."]),
        ("# T\n\n- Rest <!-- note --> now\n- <!-- only a note -->\n", ["Rest now"]),
        ("# T\n\n> Quoted <!-- note -->\n>\n> <!-- block note -->\n", ["Quoted"]),
    ],
)
def test_comments_never_reach_the_text(before, after):
    d = parse(before)
    assert "<!--" not in texts(d) and "note" not in texts(d) and "TODO" not in texts(d)
    found = [plain_text(b.content) for b in iter_blocks(d.blocks) if isinstance(b, Paragraph)]
    found += [plain_text(i.content) for b in d.blocks if isinstance(b, ListBlock) for i in b.items]
    assert [t for t in found if t] == after


def test_suppressions_are_read_into_the_document_and_still_work(tmp_path):
    src = tmp_path / "s.md"
    src.write_text(
        "# Care\n\n<!-- plainprint-disable-next-line PL013 -- quoted from the consent form -->\n"
        "The treatment was efficacious.\n\n<!-- plainprint-disable PL006 -->\nRest.\n",
        encoding="utf-8",
    )
    d = parse_markdown(src.read_text(encoding="utf-8"), src)
    assert [(s.kind, s.rules, s.reason, s.line, s.target) for s in d.suppressions] == [
        ("disable-next-line", ("PL013",), "quoted from the consent form", 3, 4),
        ("disable", ("PL006",), "", 6, 7),
    ]
    src.unlink()  # the checks must not need the source file
    report = run_checks(d, Config())
    assert "PL013" in [f.rule for f in report.suppressed]
    assert "PL013" not in [f.rule for f in report.findings]
    assert [f.rule for f in report.findings if f.rule == "CK001"] == ["CK001"]
    assert "consent form" not in texts(d) and "consent form" not in to_text(d)


WORDS = st.text(st.sampled_from("abcdefghij"), min_size=3, max_size=8)


@given(st.lists(WORDS, min_size=1, max_size=4), st.lists(WORDS, min_size=1, max_size=3))
def test_no_comment_words_in_any_text_output(body, secret):
    note = "zz" + "zz".join(secret)  # a word the body cannot contain
    text = "# Title\n\n" + " ".join(body) + f" <!-- {note} -->\n\n<!-- {note}\n{note} -->\n\n"
    text += f"- item <!-- {note} -->\n\n> quote <!-- {note} -->\n\n"
    text += f"<!-- plainprint-disable PL001 -- {note} -->\n"
    d = parse(text)
    for out in (texts(d), to_text(d), to_markdown(d)):
        assert note not in out and "<!--" not in out


def _visible(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# PDF rendering takes about a second an example: few examples, the same generator as above.
@settings(max_examples=10)
@given(st.lists(WORDS, min_size=1, max_size=4), st.lists(WORDS, min_size=1, max_size=3))
def test_no_comment_words_in_the_pdf_html_or_the_reports_handout_text(body, secret):
    import io

    import pypdf

    from plainprint.pipeline.render import render_html, render_pdf
    from plainprint.pipeline.report import render_report

    note = "zz" + "zz".join(secret)
    words = " ".join(body)
    text = f"# Title\n\n{words} <!-- {note} -->\n\n<!-- {note}\n{note} -->\n\n"
    text += f"- item <!-- {note} -->\n\n> quote <!-- {note} -->\n\n"
    text += f"<!-- plainprint-disable-next-line PL001 -- {note} -->\nRest.\n"
    d = parse(text)
    pdf = pypdf.PdfReader(io.BytesIO(render_pdf(d, Config())))
    pdf_text = " ".join(page.extract_text() for page in pdf.pages)
    html = _visible(render_html(d, Config()))
    report = render_report(d, run_checks(d, Config()).to_dict())
    handout = _visible(report.split('<section id="text"', 1)[1].split("</section>", 1)[0])
    for out in (pdf_text, html, handout):
        assert words.split()[0] in out  # the body is there, so the text was really read
        assert note not in out and "<!--" not in out and "&lt;!--" not in out


def test_comments_appear_in_no_rendered_output(tmp_path):
    from plainprint.pipeline.render import render_html

    d = parse(
        "# Title\n\nRest at home. <!-- zzsecret -->\n\n<!-- plainprint-disable PL001 -- zzwhy -->\n"
    )
    html = render_html(d, Config())
    visible = re.sub(r"<[^>]+>", " ", html)
    assert "zzsecret" not in visible and "zzwhy" not in visible and "&lt;!--" not in visible


# ------------------------------------------------------------------------ raw HTML


def test_raw_html_is_parsed_with_the_html_mapping():
    d = parse(
        "# T\n\nMelanoma is rare.<sup>1</sup> Rest<br>well, <b>really</b>.\n\n"
        "<p>\n###### not a heading\n</p>\n\n"
        "<details><summary>More</summary>\n\nHidden text\n\n</details>\n\n"
        "<table><tr><th>Dose</th></tr><tr><td>5 mg</td></tr></table>\n\n"
        "<script>alert(1)</script>\n\n[^1]: Ref.\n"
    )
    out = texts(d)
    assert "<sup>" not in out and "<b>" not in out and "alert" not in out
    first = d.blocks[1]
    assert isinstance(first, Paragraph)
    assert Citation(refs=("1",), raw="1") in first.content
    assert [type(b).__name__ for b in d.blocks[1:]] == [
        "Paragraph", "Paragraph", "Paragraph", "Paragraph", "Table", "References"
    ]  # fmt: skip
    assert plain_text(d.blocks[2].content) == "###### not a heading"
    assert not any(isinstance(b, Heading) and b.level == 6 for b in d.blocks)


# ----------------------------------------------------------------------- blockquotes


def test_quotes_are_structure_and_their_headings_count():
    d = parse("# T\n\n> ## Warning\n> Hot.\n>\n> > Nested.\n\n- item\n  > quote in item\n- next\n")
    quote = d.blocks[1]
    assert isinstance(quote, BlockQuote) and isinstance(quote.blocks[0], Heading)
    assert isinstance(quote.blocks[-1], BlockQuote)
    kinds = [type(b).__name__ for b in d.blocks[2:]]
    assert kinds == ["ListBlock", "BlockQuote", "ListBlock"]  # kept, in order
    assert not d.removed
    skipped = parse("# T\n\n> ### Warning\n> Hot.\n")
    assert "HD003" in [f.rule for f in run_checks(skipped, Config()).findings]


# ---------------------------------------------------------------------------- HD001


@pytest.mark.parametrize(
    ("source", "fires"),
    [
        ("## Care at home\n\nRest.\n", True),
        ("# Care at home\n\nRest.\n", False),
        ("---\ntitle: Care\n---\n\n## Rest\n\nRest.\n", False),
    ],
)
def test_hd001_fires_on_a_markdown_file_without_its_own_h1(source, fires):
    d = parse(source)
    assert d.metadata.title_derived is fires
    assert ("HD001" in [f.rule for f in run_checks(d, Config()).findings]) is fires


# ---------------------------------------------------------------------- front matter


def test_front_matter_from_other_tools_is_kept_with_one_warning(caplog):
    d = parse("---\ntitle: T\nlayout: post\nweight: 3\ndraft: false\n---\n# T\n")
    assert d.metadata.extras == (("layout", "post"), ("weight", "3"), ("draft", "false"))
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings == [
        "article.md: front matter keys plainprint does not use, kept as extras: layout, weight, draft"
    ]
    back = parse(to_markdown(d))
    assert back.metadata.extras == d.metadata.extras


def test_toml_front_matter_reads_and_errors_stay_clear():
    d = parse('+++\ntitle = "Care"\ntarget_grade = 6\nweight = 2\n+++\n\nRest.\n')
    assert d.metadata.title == "Care" and d.metadata.target_grade == 6.0
    assert d.metadata.extras == (("weight", "2"),)
    with pytest.raises(IngestError, match=r"article\.md: front matter is not valid TOML"):
        parse("+++\ntitle = \n+++\n")
    with pytest.raises(IngestError, match="not a mapping"):
        parse("---\n- a\n- b\n---\n# T\n")


# ------------------------------------------------------------- export for other tools


def test_export_writes_footnote_references_only(seed_doc):
    md = to_markdown(seed_doc)
    body = md.split("---\n", 2)[2]
    assert not re.search(r"(?<!\^)\[\d+(?:[,–-]\d+)*\](?!:)", body)
    assert "[^1][^3]" in md
    back = parse(md)
    assert round_trip_view(back) == round_trip_view(seed_doc)


def test_pandoc_links_every_cited_reference(seed_doc, tmp_path):
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.skip("needs Debian's pandoc (apt-get install pandoc)")
    src = tmp_path / "seed.md"
    src.write_text(to_markdown(seed_doc), encoding="utf-8")
    html = subprocess.run(
        [pandoc, "-f", "markdown", "-t", "html", "--wrap=none", str(src)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    cited = {k for b in iter_blocks(seed_doc.blocks) for k in _cites(b)}
    raws = {r.key: r.raw for r in seed_doc.references}
    assert cited and cited <= set(raws)
    anchors = re.findall(r'<a href="#(fn\d+)" class="footnote-ref"', html)
    notes = dict(re.findall(r'<li id="(fn\d+)"[^>]*>(.*?)</li>', html, re.S))
    assert anchors and set(anchors) == set(notes)  # every marker links to a note, and back
    note_text = [" ".join(re.sub(r"<[^>]+>", " ", t).split()) for t in notes.values()]
    for key in cited:  # every cited reference is one of the linked notes
        words = " ".join(raws[key].split())[:40]
        assert any(t.startswith(words) for t in note_text), key
    body = re.sub(r"<[^>]+>", "", html.split('<section id="footnotes"')[0])
    assert not re.search(r"\[\d+(?:,\d+)*\]", body)  # no marker left as plain text


def _cites(block):
    from plainprint.pipeline.document import iter_inlines

    if isinstance(block, Paragraph | Heading):
        return [k for n in iter_inlines(block.content) if isinstance(n, Citation) for k in n.refs]
    if isinstance(block, ListBlock):
        return [
            k
            for i in block.items
            for n in iter_inlines(i.content)
            if isinstance(n, Citation)
            for k in n.refs
        ]
    return []


# ---------------------------------------------------------------------- CT008 can fire


@pytest.mark.parametrize(
    ("note", "doi", "fires"),
    [
        ("Sun facts. doi: 10.1000.", "10.1000", True),
        ("Sun facts. doi:10/abc", "10/abc", True),
        ("Sun facts. DOI 10.1234/ 2019.", "10.1234/", True),
        ("Sun facts. https://doi.org/10.12/x", "10.12/x", True),
        ("Sun facts. doi:10.1016/j.sapharm.2012.05.009.", "10.1016/j.sapharm.2012.05.009", False),
        ("Sun facts. DOI: not available.", None, False),
    ],
)
def test_a_malformed_doi_is_kept_so_ct008_reports_it(note, doi, fires):
    d = parse(f"# Title\n\nSun is hot.[^1]\n\n[^1]: {note}\n")
    assert [r.doi for r in d.references] == [doi]
    assert d.references[0].title == "Sun facts"
    assert ("CT008" in [f.rule for f in run_checks(d, Config()).findings]) is fires
