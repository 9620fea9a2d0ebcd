"""Issue 6: every bad input gets a correct result or one clear error line, exit 2, no traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from plainprint.pipeline.cli import main

CP1252 = "Caf\u00e9 \u201cquotes\u201d \u2013 dash\n\nA paragraph about caf\u00e9s and na\u00efve readers.\n"


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


ERRORS = [
    ("empty.txt", b"", "file is empty"),
    ("blank.md", b"   \n\t\n  ", "file is empty"),
    ("doc.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "file is a PDF"),
    ("noise.txt", bytes(range(256)) * 8, "binary data"),
    ("page.pdf", b"%PDF-1.7", "unsupported source type '.pdf'"),
    ("broken-front-matter.md", b"---\ntitle: [unclosed\n---\n# Hi\n\nText.\n", "front matter"),
]


@pytest.mark.parametrize(("name", "data", "message"), ERRORS, ids=[e[0] for e in ERRORS])
def test_bad_source_gives_one_line_naming_the_file(tmp_path, capsys, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = _run(capsys, "ingest", str(path))
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"plainprint: error: {path}: ")
    assert message in lines[0]
    assert "Traceback" not in err


def test_missing_file(tmp_path, capsys):
    code, _, err = _run(capsys, "ingest", str(tmp_path / "nope.txt"))
    assert code == 2 and "nope.txt: file not found" in err


def test_size_limit_gives_clear_error_not_a_stall(tmp_path, capsys):
    (tmp_path / "plainprint.toml").write_text("max_source_mb = 1\n")
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"word " * 420_000 + b"</p>")  # 2 MB
    code, _, err = _run(capsys, "--config", str(tmp_path / "plainprint.toml"), "ingest", str(big))
    assert code == 2
    assert "big.html: file is 2.0 MB, over the 1 MB limit" in err
    assert "max_source_mb" in err


def test_a_50_mb_page_is_refused_by_the_default_limit_before_reading(tmp_path, capsys):
    big = tmp_path / "huge.html"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, no time spent writing it
    code, _, err = _run(capsys, "ingest", str(big))
    assert code == 2
    assert "huge.html: file is 50.0 MB, over the 20 MB limit" in err


def test_debug_shows_the_traceback(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "-m", "plainprint", "--debug", "ingest", str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "Traceback" in result.stderr and "IngestError" in result.stderr


def test_config_with_unknown_key_names_key_and_line(tmp_path, capsys):
    cfg = tmp_path / "plainprint.toml"
    cfg.write_text("[render]\npage_size = 'A4'\npaper = 'A4'\n")
    src = tmp_path / "a.txt"
    src.write_text("Title\n\nSome text here.\n")
    code, _, err = _run(capsys, "--config", str(cfg), "ingest", str(src))
    assert code == 2
    assert "plainprint.toml: line 3: unknown key 'render.paper'" in err


@pytest.mark.parametrize(
    ("name", "data", "expect"),
    [
        ("cp1252.txt", CP1252.encode("cp1252"), "café"),
        (
            "latin1.txt",
            "Fi\u00e8vre\n\nLa fi\u00e8vre est fr\u00e9quente chez l'enfant.\n".encode("latin-1"),
            "fièvre",
        ),
        ("utf16.txt", "Flu\n\nFlu spreads fast in winter.\n".encode("utf-16"), "Flu spreads fast"),
        ("crlf.txt", b"Flu\r\n\r\nFlu spreads fast.\r\nRest at home.\r\n", "Rest at home"),
        ("bom.txt", b"\xef\xbb\xbfFlu\n\nFlu spreads fast.\n", "Flu spreads fast"),
        (
            "mixed.txt",
            "T\u200bitle\n\nZero\u200dwidth \x07bell \u05e9\u05dc\u05d5\u05dd \u4f60\u597d \U0001f600 text.\n".encode(),
            "\u4f60\u597d",
        ),
        ("long.txt", b"Title\n\n" + b"word " * 20_000 + b"\n", "word word"),
    ],
)
def test_odd_text_is_read_correctly(tmp_path, capsys, name, data, expect):
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = _run(capsys, "ingest", "--to", "text", str(path))
    assert code == 0, err
    assert expect in out
    assert "\r" not in out


def test_meta_charset_that_contradicts_the_bytes(tmp_path, capsys):
    page = tmp_path / "liar.html"
    html = (
        '<html lang="en"><head><meta charset="iso-8859-1"><title>Caf\u00e9 guide</title></head>'
        "<body><article><h1>Caf\u00e9 guide</h1><p>The caf\u00e9 serves na\u00efve "
        "customers every day of the week, and this paragraph is long enough to be content.</p>"
        "<p>Another paragraph with enough words to count as the main text of the page.</p>"
        "</article></body></html>"
    )
    page.write_bytes(html.encode("utf-8"))
    code, out, err = _run(capsys, "ingest", "--to", "text", str(page))
    assert code == 0, err
    assert "café" in out and "Ã©" not in out


HTML_CASES = [
    # (file name, page, expected: error text, or text that must be in the body)
    (
        "nav-only.html",
        '<html><body><nav><a href="/">Home</a> <a href="/a">About</a></nav></body></html>',
        "error: found no article text in the page",
    ),
    (
        "empty-body.html",
        "<html><head><title>Only a title</title></head><body></body></html>",
        "error: page has no text content",
    ),
    (
        "no-title.html",
        '<html lang="fr"><body><p>Un paragraphe sans titre ni intertitre, avec assez de mots pour '
        "être le contenu principal de la page.</p></body></html>",
        "Un paragraphe sans titre",
    ),
    (
        "truncated.html",
        "<html><head><title>Cut off</title></head><body><article><h1>Cut off</h1><p>This page was "
        "saved while loading and stops in the middle of a para",
        "stops in the middle of a para",
    ),
    (
        "nested.html",
        "<div>" * 10_000
        + "<p>Deep inside ten thousand elements there is text.</p>"
        + "</div>" * 10_000,
        "Deep inside ten thousand elements",
    ),
    (
        "no-punctuation.html",
        "<html><body><p>" + "word " * 20_000 + "</p></body></html>",
        "word word",
    ),
]


@pytest.mark.parametrize(("name", "page", "expect"), HTML_CASES, ids=[c[0] for c in HTML_CASES])
def test_odd_html_pages(tmp_path, capsys, name, page, expect):
    path = tmp_path / name
    path.write_text(page, encoding="utf-8")
    code, out, err = _run(capsys, "ingest", "--to", "text", str(path))
    assert "Traceback" not in err
    if expect.startswith("error: "):
        assert code == 2 and out == ""
        assert err.strip() == err.strip().splitlines()[0]
        assert f"{path}: {expect[7:]}" in err
    else:
        assert code == 0, err
        assert expect in out


def test_page_without_title_takes_it_from_the_file_name(tmp_path):
    from plainprint.pipeline.ingest import ingest_path

    path = tmp_path / "flu-shots.html"
    path.write_text(
        "<html><body><p>Get a flu shot every autumn. It is the best way to avoid the flu "
        "and it is free for most people.</p></body></html>",
        encoding="utf-8",
    )
    doc = ingest_path(path)
    assert doc.metadata.title == "Flu shots"
    assert doc.metadata.language == "en"


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        ('audince = "teens"\n', "unknown key 'audince'"),
        ('target_grade = "six"\n', "'target_grade' must be a number"),
        ("key_points = 5\n", "'key_points' must be a list of strings"),
        ("title = [\n", "sidecar is not valid TOML"),
    ],
)
def test_bad_sidecar_names_the_sidecar(tmp_path, capsys, sidecar, message):
    src = tmp_path / "flu.txt"
    src.write_text("Flu\n\nFlu spreads fast in winter.\n", encoding="utf-8")
    (tmp_path / "flu.toml").write_text(sidecar, encoding="utf-8")
    code, _, err = _run(capsys, "ingest", str(src))
    assert code == 2
    assert f"{tmp_path / 'flu.toml'}: " in err and message in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("list.json", b"[]", "not a plainprint Document JSON"),
        ("bad-levels.json", None, "heading level 9 outside 1-6"),
        ("date.md", b"---\nreviewed: 2023-02-30\n---\n# Hi\n\nText.\n", "impossible value"),
    ],
)
def test_more_broken_inputs_are_one_line(tmp_path, capsys, name, data, message):
    path = tmp_path / name
    if data is None:
        from plainprint.pipeline.document import to_json
        from plainprint.pipeline.document.build import doc, h, p

        text = to_json(doc(h(1, "T"), p("Text.")))
        path.write_text(text.replace('"level": 1', '"level": 9'), encoding="utf-8")
    else:
        path.write_bytes(data)
    code, _, err = _run(capsys, "check", str(path))
    assert code == 2 and "Traceback" not in err
    assert str(path) in err and message in err


def test_overrides_written_as_a_table_is_a_config_error(tmp_path, capsys):
    cfg = tmp_path / "plainprint.toml"
    cfg.write_text('[overrides]\nglob = "sources/x-*"\n')
    src = tmp_path / "a.txt"
    src.write_text("Title\n\nSome text here.\n")
    code, _, err = _run(capsys, "--config", str(cfg), "check", str(src))
    assert code == 2 and "overrides = " in err and "is not valid" in err
    cfg.write_text('[[overrides]]\nglob = "x-*"\ntargt_grade = 5\n')
    code, _, err = _run(capsys, "--config", str(cfg), "check", str(src))
    assert code == 2 and "unknown key 'targt_grade'" in err
