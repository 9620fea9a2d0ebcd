"""Issue 6: every HTML output (handout, report, index) is sanitised against well-known XSS vectors."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from plainprint.pipeline.build import build_many
from plainprint.pipeline.config import Config
from plainprint.pipeline.report.index import write_index
from plainprint.pipeline.sources import discover

VECTORS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)><script>alert(2)</script></svg>",
    '<a href="javascript:alert(1)">click me please</a>',
    '<a href="JaVaScRiPt:alert(1)">another link</a>',
    '<a href="data:text/html,<script>alert(1)</script>">data link</a>',
    "<iframe src=https://evil.example></iframe>",
    "<object data=evil.swf></object><embed src=evil.swf>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "<body onload=alert(1)>",
    '<div style="background:url(javascript:alert(1))">styled</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '"><script>alert(document.cookie)</script>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<details open ontoggle=alert(1)>",
    '<form action="javascript:alert(1)"><input type=submit></form>',
]
FORBIDDEN_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "form",
    "input",
    "frame",
    "frameset",
    "applet",
    "base",
}


class Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.in_svg = 0

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and any(
            k == "http-equiv" and (v or "").lower() == "refresh" for k, v in attrs
        ):
            self.problems.append("meta refresh")
        for key, value in attrs:
            v = (value or "").strip().lower().replace("\t", "").replace("\n", "")
            if key.startswith("on"):
                self.problems.append(f"{tag}[{key}]")
            if key in ("href", "src", "action", "formaction", "xlink:href") and (
                v.startswith("javascript:")
                or v.startswith("vbscript:")
                or (v.startswith("data:") and not (tag == "img" and v.startswith("data:image/")))
            ):
                self.problems.append(f"{tag}[{key}={value}]")
            if key == "style" and "javascript:" in v:
                self.problems.append(f"{tag}[style]")


def audit(html: str) -> list[str]:
    parser = Audit()
    parser.feed(html)
    return parser.problems


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("xss")
    src, out = root / "sources", root / "output"
    src.mkdir()
    body = "".join(
        f"<p>Paragraph {n} has enough plain words to be content: {v} and more words.</p>"
        for n, v in enumerate(VECTORS)
    )
    (src / "hostile.html").write_text(
        '<html lang="en"><head><title>Flu &lt;script&gt;alert(1)&lt;/script&gt; guide</title></head>'
        f"<body><article><h1>Flu <script>alert(1)</script> guide</h1>{body}"
        "<h2>References</h2><ol><li id='ref1'>Evil. <a href='javascript:alert(1)'>here</a>. "
        "Accessed 2024-01-01.</li></ol></article></body></html>",
        encoding="utf-8",
    )
    (src / "hostile.md").write_text(
        '---\ntitle: "Cold <script>alert(1)</script>"\nlang: en\n---\n\n# Cold\n\n'
        + "\n\n".join(f"Line {n}: {v} text." for n, v in enumerate(VECTORS))
        + "\n\n[link](javascript:alert(1)) and ![img](javascript:alert(1))\n",
        encoding="utf-8",
    )
    (src / "hostile.md").rename(src / "hostile-md.md")
    outcomes = build_many(discover(src), out, Config(), stages=["document", "report", "render"])
    assert all(o.ok for o in outcomes), [o.error for o in outcomes]
    write_index(out, Config())
    return out


@pytest.mark.parametrize(
    "rel",
    [
        "html/hostile.html",
        "html/hostile-md.html",
        "reports/hostile.html",
        "reports/hostile-md.html",
        "index.html",
    ],
)
def test_output_is_free_of_xss(hostile_build, rel):
    html = (hostile_build / rel).read_text(encoding="utf-8")
    assert audit(html) == []


def test_source_text_is_shown_escaped_not_run(hostile_build):
    index = (hostile_build / "index.html").read_text(encoding="utf-8")
    assert "Cold &lt;script&gt;alert(1)&lt;/script&gt;" in index
    handout = (hostile_build / "html" / "hostile-md.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in handout


def test_the_audit_itself_catches_vectors():
    assert audit("<img src=x onerror=alert(1)>") == ["img[onerror]"]
    assert audit('<a href=" JavaScript:alert(1)">x</a>')
    assert audit("<script>x</script>") == ["<script>"]
    assert audit('<img src="data:image/png;base64,AAAA" alt="">') == []
