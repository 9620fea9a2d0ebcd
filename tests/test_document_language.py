"""Language tags are BCP 47 whatever the input spelled (issue 10, point 6).

One normaliser (pipeline/document/language.py) serves every input: HTML ``lang``,
Markdown front matter, the sidecar and Document JSON; only an unreadable tag is an error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from plainprint.pipeline.document import to_json
from plainprint.pipeline.document.build import doc, h, p
from plainprint.pipeline.document.language import (
    LanguageTagError,
    language_or_none,
    normalize_language,
)
from plainprint.pipeline.errors import IngestError, PlainprintError
from plainprint.pipeline.ingest import ingest_bytes, ingest_path
from plainprint.pipeline.loading import load_document

SPELLINGS = [
    ("pt_BR", "pt-BR"),
    ("EN-us", "en-US"),
    ("en_US.UTF-8", "en-US"),
    ("de_DE@euro", "de-DE"),
    ("zh-hant-tw", "zh-Hant-TW"),
    (" fr ", "fr"),
    ("iw", "he"),  # deprecated code → its replacement
    ("en", "en"),
    ("es-419", "es-419"),
]
UNREADABLE = ["english", "C.UTF-8", "en-", "zz", "123", "", "pt__BR"]


@pytest.mark.parametrize(("given", "expected"), SPELLINGS)
def test_normalize_language(given, expected):
    assert normalize_language(given) == expected
    assert normalize_language(expected) == expected  # idempotent


@pytest.mark.parametrize("given", UNREADABLE)
def test_unreadable_tag_is_an_error(given):
    with pytest.raises(LanguageTagError):
        normalize_language(given)
    assert language_or_none(given) is None


def _html(lang: str, part: str = "") -> bytes:
    body = "<p>Sun cream protects the skin from burning on bright days.</p>" * 3
    extra = f'<p lang="{part}">Protetor solar protege a pele.</p>' if part else ""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><title>Sun safety</title></head>'
        f"<body><main><h1>Sun safety</h1>{body}{extra}</main></body></html>"
    ).encode()


@pytest.mark.parametrize(("given", "expected"), SPELLINGS[:5])
def test_html_lang_is_normalised(given, expected):
    d = ingest_bytes(_html(given), Path("page.html"))
    assert d.metadata.language == expected


def test_html_part_language_is_normalised():
    d = ingest_bytes(_html("en", part="pt_BR"), Path("page.html"))
    assert [b.lang for b in d.blocks if getattr(b, "lang", None)] == ["pt-BR"]


def test_html_unreadable_lang_falls_back_to_the_next_declaration():
    page = _html("english").replace(
        b"<head>", b'<head><meta http-equiv="content-language" content="pt_BR">'
    )
    assert ingest_bytes(page, Path("page.html")).metadata.language == "pt-BR"


def _markdown(lang: str) -> bytes:
    return f"---\ntitle: Sun safety\nlang: {lang}\n---\n\n# Sun safety\n\nWear a hat.\n".encode()


@pytest.mark.parametrize(("given", "expected"), SPELLINGS[:4])
def test_markdown_front_matter_lang_is_normalised(given, expected):
    assert ingest_bytes(_markdown(given), Path("a.md")).metadata.language == expected


def test_markdown_unreadable_lang_names_the_file():
    with pytest.raises(IngestError, match=r"a\.md: the language 'english' is not a BCP 47"):
        ingest_bytes(_markdown("english"), Path("a.md"))


@pytest.mark.parametrize(("given", "expected"), SPELLINGS[:4])
def test_sidecar_language_is_normalised(tmp_path, given, expected):
    src = tmp_path / "page.html"
    src.write_bytes(_html("en"))
    (tmp_path / "page.toml").write_text(f'language = "{given}"\n', encoding="utf-8")
    assert ingest_path(src).metadata.language == expected


def test_sidecar_unreadable_language_names_the_sidecar(tmp_path):
    src = tmp_path / "page.html"
    src.write_bytes(_html("en"))
    (tmp_path / "page.toml").write_text('language = "english"\n', encoding="utf-8")
    with pytest.raises(IngestError, match=r"page\.toml: 'language': 'english' is not"):
        ingest_path(src)


def test_document_json_language_is_normalised(tmp_path):
    data = json.loads(to_json(doc(h(1, "Sun safety"), p("Wear a hat."), language="en")))
    data["metadata"]["language"] = "pt_BR"
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_document(path).metadata.language == "pt-BR"
    data["metadata"]["language"] = "english"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(PlainprintError, match=r"doc\.json: the language 'english'"):
        load_document(path)


def test_pt_br_page_renders_with_a_bcp47_lang():
    """The issue's case: a page with lang="pt_BR" was refused at render ("no valid language")."""
    from plainprint.pipeline.config import Config
    from plainprint.pipeline.render import render_html

    d = ingest_bytes(_html("pt_BR"), Path("page.html"))
    assert '<html lang="pt-BR"' in render_html(d, Config())
