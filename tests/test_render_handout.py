"""The HTML handout's plain-language aids and the `plainprint render` command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plainprint.pipeline.cli import main
from plainprint.pipeline.config import Config
from plainprint.pipeline.document.build import doc, h, p
from plainprint.pipeline.render import plain_language_notes, render_html
from plainprint.pipeline.render.plain import Aids

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "ili-ilp-melanoma.txt"


def _aids(swaps: dict[str, str], swaps_on: bool = True) -> Aids:
    aids = Aids.from_config(Config({"render": {"swaps": swaps_on}}))
    if swaps_on:
        aids.swaps.update(swaps)
    return aids


def test_glossary_terms_explained_once_with_words_to_know(seed_doc):
    html = render_html(seed_doc, Config(), base_dir=SEED.parent)
    assert html.count('<dfn id="term-metastatic">') == 1
    # The first use in running text carries the plain alternative in brackets...
    assert re.search(r'<dfn id="term-systemic">systemic</dfn> <span class="gloss">\(', html)
    # ...unless the source explains the term right there ("also called metastatic",
    # "melanocytes, the pigment-producing cells"): then a gloss would only repeat it.
    assert re.search(r'<dfn id="term-metastatic">metastatic</dfn>\.', html)
    assert re.search(r'<dfn id="term-melanocytes">melanocytes</dfn>, the pigment', html)
    words = html.split('id="words-to-know"', 1)[1]
    assert "<dt>" in words and "Cancer that has spread" in words
    # Words to know comes before the references, which keep their own heading.
    assert html.index("words-to-know") < html.index('id="references"')
    # Medical terms are never replaced: every use of the word is still there.
    assert html.lower().count("metastatic") >= 3


def test_key_points_box_only_when_given():
    plain = render_html(doc(h(1, "Title"), p("Text.")), Config())
    assert "Key points" not in plain
    with_points = render_html(
        doc(h(1, "Title"), p("Text."), key_points=("Sun causes most melanoma.",)), Config()
    )
    assert with_points.index("<h1") < with_points.index("Key points") < with_points.index("Text.")
    assert "<li>Sun causes most melanoma.</li>" in with_points


def test_swaps_are_applied_recorded_and_switchable_off():
    d = doc(h(1, "Title"), p("Prior to the test, utilize the cream. Do not utilize metastatic."))
    aids = _aids({"prior to": "before", "utilize": "use", "metastatic": "spread"})
    out = aids.annotate("Prior to the test, utilize the cream. Do not utilize metastatic.")
    assert out.startswith("Before the test, use the cream. Do not use ")
    assert aids.swapped == [("Prior to", "Before"), ("utilize", "use"), ("utilize", "use")]
    assert "metastatic" in out  # a medical term is explained, never swapped
    off = _aids({"utilize": "use"}, swaps_on=False)
    assert "utilize" in off.annotate("Please utilize it.") and off.swapped == []
    notes = plain_language_notes(d, Config({"render": {"swaps": False}}))
    assert notes.swaps == ()


def test_project_swaps_and_glossary_files_resolve_like_the_checks(tmp_path, monkeypatch):
    """Paths in [checks] are relative to the configuration file, for checks and render alike."""
    from plainprint.pipeline.config import load_config

    proj = tmp_path / "proj"
    (proj / "style").mkdir(parents=True)
    (proj / "style" / "swaps.tsv").write_text("commence\tstart\n", encoding="utf-8")
    (proj / "style" / "terms.tsv").write_text(
        "zorbitis\tswollen zorb\tA made-up swelling.\tmedical\n", encoding="utf-8"
    )
    cfg = proj / "plainprint.toml"
    cfg.write_text('[checks]\nswaps = ["style/swaps.tsv"]\nglossary = ["style/terms.tsv"]\n')
    monkeypatch.chdir(tmp_path)  # not the project folder
    aids = Aids.from_config(load_config(cfg))
    out = aids.annotate("We commence treatment for zorbitis.")
    assert "We start treatment" in out and '<dfn id="term-zorbitis">' in out


@given(st.text(max_size=300))
def test_annotate_never_loses_or_injects_markup(text):
    aids = _aids({"utilize": "use"})
    out = aids.annotate(text)
    assert "<script" not in out.lower()
    stripped = re.sub(r"<[^>]+>", "", out)
    assert "<" not in stripped  # every < from the source is escaped


def test_cli_writes_both_outputs_to_default_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["render", str(SEED)]) == 0
    pdf = tmp_path / "output" / "pdf" / "ili-ilp-melanoma.pdf"
    html = tmp_path / "output" / "html" / "ili-ilp-melanoma.html"
    assert pdf.read_bytes().startswith(b"%PDF-1.7")
    assert "<h1" in html.read_text(encoding="utf-8")
    assert not list(tmp_path.rglob("*.part"))


def test_cli_explicit_paths_and_print_profile(tmp_path, monkeypatch):
    from plainprint.pipeline.render.api import DEFAULT_ICC

    if not DEFAULT_ICC.is_file():
        pytest.skip("needs libgs-common's CMYK ICC profile (make print installs it)")
    monkeypatch.chdir(tmp_path)
    assert main(["render", str(SEED), "--profile", "print"]) == 0
    assert (tmp_path / "output" / "print" / "ili-ilp-melanoma.pdf").read_bytes()[:8] == b"%PDF-1.6"
    assert main(["render", str(SEED), "--html", "only.html"]) == 0
    assert (tmp_path / "only.html").is_file() and not (tmp_path / "only.pdf").exists()


def test_cli_render_error_is_one_line_and_leaves_no_file(tmp_path, capsys):
    src = tmp_path / "notitle.md"
    src.write_text("---\nlanguage: ''\n---\n\nJust a line of text.\n", encoding="utf-8")
    out = tmp_path / "out.pdf"
    code = main(["render", str(src), "--pdf", str(out), "--html", str(tmp_path / "o.html")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err and "notitle" in err
    assert not out.exists() and not (tmp_path / "o.html").exists()
    assert not list(tmp_path.glob("*.part"))
