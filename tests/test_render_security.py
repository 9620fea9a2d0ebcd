"""Render-side security: the sandboxed fetcher refuses everything outside the source's
folder and the project's assets, and every HTML output is sanitised (well-known XSS vectors)."""

from __future__ import annotations

import io
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pypdf
import pytest

from plainprint.pipeline.config import Config
from plainprint.pipeline.document import Figure, Link, Reference, References, Text
from plainprint.pipeline.document.build import doc, h, p
from plainprint.pipeline.errors import RenderError
from plainprint.pipeline.render import render_html, render_pdf
from plainprint.pipeline.render.fetcher import Policy, Refused
from plainprint.pipeline.render.pdf import PdfSettings, write_pdf
from plainprint.pipeline.render.sanitize import clean

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082"
)


@pytest.fixture
def site(tmp_path):
    """A source folder with one image, inside a parent holding a secret file."""
    folder = tmp_path / "site" / "article"
    folder.mkdir(parents=True)
    (folder / "ok.png").write_bytes(PNG)
    (tmp_path / "secret.txt").write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    (folder / "link-out.png").symlink_to(tmp_path / "secret.txt")
    (folder / "random.png").symlink_to("/dev/urandom")
    return folder


# ------------------------------------------------------------------- fetcher policy


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "outside"),
        ("file:///etc/hostname", "outside"),
        ("file:///dev/urandom", "outside"),
        ("http://example.com/x.png", "remote resources are off"),
        ("https://example.com/x.png", "remote resources are off"),
        ("ftp://example.com/x.png", "not allowed"),
        ("javascript:alert(1)", "not allowed"),
        ("file://evil.example/etc/passwd", "other hosts"),
    ],
)
def test_policy_refuses(site, url, reason):
    policy = Policy.create(roots=[site])
    with pytest.raises(Refused, match=reason):
        policy.check(url)


def test_policy_refuses_traversal_symlinks_and_devices(site):
    policy = Policy.create(roots=[site])
    with pytest.raises(Refused, match="outside"):
        policy.check((site / ".." / ".." / "secret.txt").as_uri())
    with pytest.raises(Refused, match="outside"):
        policy.check(f"file://{site}/../../secret.txt")
    with pytest.raises(Refused, match="outside"):
        policy.check((site / "link-out.png").as_uri())  # symlink escaping the folder
    with pytest.raises(Refused, match="outside|not a regular file"):
        policy.check((site / "random.png").as_uri())
    assert policy.check((site / "ok.png").as_uri())[1] == (site / "ok.png").resolve()
    assert policy.check("data:image/png;base64,AAAA") == ("data", None)


def test_policy_remote_needs_both_switches(site):
    only_hosts = Policy.create(roots=[site], allow_hosts=["cdn.example.org"])
    with pytest.raises(Refused, match="remote resources are off"):
        only_hosts.check("https://cdn.example.org/a.png")
    both = Policy.create(roots=[site], allow_hosts=["cdn.example.org"], remote=True)
    assert both.check("https://cdn.example.org/a.png") == ("https", None)
    with pytest.raises(Refused, match="not in render.allow_hosts"):
        both.check("https://evil.example.org/a.png")


# ----------------------------------------------------- WeasyPrint with raw, hostile HTML

HOSTILE = {
    "attachment": '<link rel="attachment" href="file:///etc/hostname">',
    "img passwd": '<img src="file:///etc/passwd" alt="x">',
    "traversal": '<img src="../../secret.txt" alt="x">',
    "urandom": '<img src="file:///dev/urandom" alt="x">',
    "css url": '<p style="background: url(file:///etc/hostname)">x</p>',
    "css import": "<style>@import url(file:///etc/passwd);</style>",
    "css import relative": '<style>@import "../../secret.txt";</style>',
    "http": '<img src="http://127.0.0.1:9/x.png" alt="x">',
    "stylesheet link": '<link rel="stylesheet" href="file:///etc/passwd">',
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_weasyprint_refuses_hostile_resources(site, name):
    html = (
        f'<!DOCTYPE html><html lang="en"><head><title>T</title>{HOSTILE[name]}</head>'
        f"<body><h1>T</h1>{HOSTILE[name]}<p>Body</p></body></html>"
    )
    policy = Policy.create(roots=[site])
    with pytest.raises(RenderError, match="refused to load") as info:
        write_pdf(
            html,
            settings=PdfSettings(),
            policy=policy,
            base_url=site.as_uri() + "/",
            source="hostile.html",
        )
    assert "hostile.html" in str(info.value)
    assert policy.refused


def test_extra_css_outside_is_refused(site):
    d = doc(h(1, "T"), p("Body."))
    for css in (
        "@import url(file:///etc/passwd);",
        "body { background: url(file:///etc/hostname) }",
    ):
        with pytest.raises(RenderError, match="refused to load"):
            render_pdf(d, Config(), base_dir=site, extra_css=css)


def test_document_images_outside_the_folder_never_reach_the_pdf(site):
    d = doc(
        h(1, "Images"),
        Figure(src="ok.png", alt="Allowed picture"),
        Figure(src="file:///etc/passwd", alt="Passwd"),
        Figure(src="../../secret.txt", alt="Secret"),
        Figure(src="link-out.png", alt="Symlink"),
        Figure(src="/dev/urandom", alt="Random"),
        Figure(src="http://127.0.0.1:9/x.png", alt="Remote"),
        p("Body."),
    )
    data = render_pdf(d, Config(), base_dir=site)
    pdf = pikepdf.open(io.BytesIO(data))
    assert len(pdf.attachments) == 0
    images = [
        obj
        for page in pdf.pages
        for obj in page.Resources.get("/XObject", {}).values()
        if obj.get("/Subtype") == pikepdf.Name.Image
    ]
    assert len(images) == 1  # only ok.png
    text = "".join(pg.extract_text() for pg in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "TOP-SECRET" not in text and "root:" not in text
    assert "Image: Passwd" in text  # the refused image is described, not loaded
    assert b"TOP-SECRET" not in data
    html = render_html(d, Config(), base_dir=site)
    assert html.count("<img") == 1 and "data:image/png;base64," in html
    assert "file:" not in html and "127.0.0.1" not in html


def test_a_json_document_cannot_escape_with_absolute_paths(site):
    d = doc(h(1, "T"), Figure(src=str(site.parent.parent / "secret.txt"), alt="S"))
    data = render_pdf(d, Config(), base_dir=site)
    assert b"TOP-SECRET" not in data
    assert "TOP-SECRET" not in render_html(d, Config(), base_dir=site)


# ------------------------------------------------------------------------ sanitiser

XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)><script>alert(2)</script></svg>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="evil.swf"></object>',
    '<embed src="evil.swf">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<body onload="alert(1)">',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="data:text/html,<script>alert(1)</script>">',
    '<form action="https://evil.example"><input name=x></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "<details open ontoggle=alert(1)>",
    '<base href="https://evil.example/">',
    "<<script>script>alert(1)<</script>/script>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<style>@import 'https://evil.example/x.css';</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
]


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "embed", "svg", "math", "form", "input",
                   "base", "link", "frame", "details"}:  # fmt: skip
            self.bad.append(f"<{tag}>")
        if tag == "meta" and any(
            k == "http-equiv" and (v or "").lower() == "refresh" for k, v in attrs
        ):
            self.bad.append("meta refresh")
        if tag == "style" and self.getpos():
            self.bad.append("<style> in body")
        for key, value in attrs:
            v = (value or "").strip().lower()
            if key.startswith("on"):
                self.bad.append(f"{tag} {key}")
            if key == "style":
                self.bad.append(f"{tag} style attribute")
            if key in ("href", "src", "action", "xlink:href", "formaction"):
                if v.startswith("javascript:") or v.startswith("vbscript:"):
                    self.bad.append(f"{tag} {key}={v}")
                if v.startswith("data:") and not (
                    tag == "img" and key == "src" and v.startswith("data:image/")
                ):
                    self.bad.append(f"{tag} {key}=data:")


def audit(fragment: str) -> list[str]:
    parser = _Audit()
    parser.feed(fragment)
    return parser.bad


@pytest.mark.parametrize("vector", XSS)
def test_sanitiser_strips_xss_vectors(vector):
    out = clean(f"<p>before</p>{vector}<p>after</p>")
    assert audit(out) == [], out
    assert "alert(1)</script>" not in out.replace("&lt;", "<") or "<script" not in out


def _body(html: str) -> str:
    return html.split("<body>", 1)[1]


@pytest.mark.parametrize("vector", XSS)
def test_source_text_is_escaped_everywhere_in_the_handout(vector, tmp_path):
    d = doc(
        h(1, "Title " + vector),
        p(vector, Link(href="javascript:alert(1)", children=(Text(vector),))),
        p(Link(href="https://example.org/?q=" + vector, children=(Text("ok"),))),
        Figure(src=vector, alt=vector, caption=(Text(vector),)),
        References(items=(Reference(key="1", raw=vector, url="javascript:alert(1)"),)),
        title="T " + vector,
        key_points=(vector,),
        site_name=vector,
        canonical_url="javascript:alert(1)",
    )
    html = render_html(d, Config(), base_dir=tmp_path)
    assert audit(_body(html)) == [], html
    # The head holds only our own elements: the title is escaped text.
    head = html.split("<body>", 1)[0]
    assert head.count("<script") == 0 and head.count("<meta") == 5
    assert not any(u.lower().lstrip().startswith("javascript:") for u in _urls(html))
    # And the PDF renders the same hostile text as plain text, with no attachments.
    data = render_pdf(d, Config(), base_dir=tmp_path)
    assert len(pikepdf.open(io.BytesIO(data)).attachments) == 0


def _urls(html: str) -> list[str]:
    """Every href/src attribute value, as a browser's parser sees them."""
    found: list[str] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend(v or "" for k, v in attrs if k in ("href", "src"))

    Collect().feed(html)
    return found


def test_handout_has_csp_and_no_script_or_external_urls(seed_doc):
    html = render_html(seed_doc, Config(), base_dir=Path(seed_doc.metadata.source_path).parent)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "<script" not in html
    for url in _urls(html):
        assert url.startswith(("data:image/", "#", "https://", "http://", "mailto:")), url


def test_metadata_is_escaped_in_pdf_template(tmp_path):
    d = doc(h(1, "T"), p("x"), title='</title><link rel="attachment" href="file:///etc/hostname">')
    data = render_pdf(d, Config(), base_dir=tmp_path)
    pdf = pikepdf.open(io.BytesIO(data))
    assert len(pdf.attachments) == 0 and "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
    assert str(pdf.docinfo.Title).startswith("</title><link")  # kept as text, not markup


def test_a_refused_image_is_named_in_a_warning_not_dropped_silently(tmp_path, caplog):
    import logging

    from plainprint.pipeline.document import Figure
    from plainprint.pipeline.document.build import doc, h, p
    from plainprint.pipeline.render import render_html

    d = doc(h(1, "Eyes"), p("Text."), Figure(src="../../../etc/passwd", alt="A chart"))
    with caplog.at_level(logging.WARNING, logger="plainprint.render"):
        html = render_html(d, Config(), base_dir=tmp_path)
    assert "Image: A chart" in html
    assert any("../../../etc/passwd" in r.getMessage() for r in caplog.records)


def test_percent_encoded_image_names_load(tmp_path):
    from plainprint.pipeline.document import Figure
    from plainprint.pipeline.document.build import doc, h, p
    from plainprint.pipeline.render import render_html

    folder = tmp_path / "page_files"
    folder.mkdir()
    (folder / "my image.png").write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082"
        )
    )
    d = doc(h(1, "Eyes"), p("Text."), Figure(src="page_files/my%20image.png", alt="An eye"))
    html = render_html(d, Config(), base_dir=tmp_path)
    assert 'src="data:image/png;base64,' in html and 'alt="An eye"' in html
