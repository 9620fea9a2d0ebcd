"""The render entry points: checks the Document, writes the body, fills the template."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from plainprint.pipeline.config import Config
from plainprint.pipeline.document import Document
from plainprint.pipeline.errors import RenderError
from plainprint.pipeline.i18n.messages import translator
from plainprint.pipeline.render import sanitize
from plainprint.pipeline.render.fetcher import Policy
from plainprint.pipeline.render.html_writer import WriterOptions, write_body
from plainprint.pipeline.render.plain import Aids
from plainprint.pipeline.render.warn import grouped, warn

LOG = logging.getLogger("plainprint.render")
PROFILES = ("screen", "print")
DEFAULT_ICC = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
# Fallback dates for PDF/X when the Document has none: never the clock (reproducible bytes).
EPOCH = "2000-01-01T00:00:00Z"
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?)?)?$")
RTL = {"ar", "he", "fa", "ur", "yi", "ps", "dv"}


@functools.cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("plainprint.pipeline", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def warnings_once():
    """Group render warnings until the block ends: one line per source and kind (warn.py).

    The PDF and the HTML handout of one source meet the same missing images; inside the
    block they are said once, with a count."""
    return grouped()


def _report_warnings(doc: Document, options: WriterOptions) -> None:
    """Images the output leaves out (refused, missing, no folder) are said, never silent."""
    for kind, example in options.warnings:
        warn(_source(doc), kind, example)


def _source(doc: Document) -> str:
    return doc.metadata.source_path or doc.metadata.title or "document"


def _require(doc: Document) -> tuple[str, str]:
    """Title and language are required (PDF/UA); a document without them is an error."""
    meta = doc.metadata
    title = (meta.title or "").strip()
    lang = (meta.language or "").strip()
    if not title or title.lower() == "untitled":
        raise RenderError(
            _source(doc),
            "the document has no title",
            "add a title (an h1, or `title` in the sidecar)",
        )
    if not lang or not _LANG.match(lang):
        raise RenderError(
            _source(doc),
            f"the document has no valid language ({lang!r})",
            'set `language` in the sidecar or plainprint.toml, e.g. "en"',
        )
    return title, lang


def _dir(lang: str) -> str:
    return "rtl" if lang.split("-")[0].lower() in RTL else ""


def _date(value: str | None) -> str | None:
    return value if value and _DATE.match(value) else None


def _policy(config: Config, base_dir: Path | None, extra_files=()) -> Policy:
    from plainprint.pipeline.render.fonts import font_roots

    templates = Path(str(resources.files("plainprint.pipeline").joinpath("templates")))
    return Policy.create(
        roots=(base_dir, templates, *font_roots()),
        files=extra_files,
        allow_hosts=config.get("render.allow_hosts", []) or [],
        remote=bool(config.get("render.remote_images", False)),
    )


def _icc(config: Config, doc: Document) -> Path:
    raw = config.get("render.icc_profile")
    path = Path(raw).expanduser() if raw else DEFAULT_ICC
    if config.path is not None and not path.is_absolute():
        path = config.path.parent / path
    if not path.is_file():
        hint = (
            "install the Debian package libgs-common (`make print` does it) or set "
            "render.icc_profile to the print shop's CMYK profile"
        )
        raise RenderError(path, "CMYK ICC profile not found for the print profile", hint)
    head = path.read_bytes()[:20]
    if len(head) < 20 or head[16:20] != b"CMYK":
        raise RenderError(
            path, "not a CMYK ICC profile", "set render.icc_profile to a CMYK .icc file"
        )
    return path.resolve()


def _page_size(config: Config) -> str:
    size = str(config.get("render.page_size", "letter")).lower()
    if size not in ("letter", "a4"):
        raise RenderError(
            config.path, f"render.page_size {size!r} is not letter or a4", "use letter or a4"
        )
    return size


def _base_font(config: Config) -> float:
    try:
        size = float(config.get("render.base_font_pt", 18))
    except (TypeError, ValueError):
        size = -1
    if size < 18:
        raise RenderError(
            config.path, "render.base_font_pt must be at least 18", "large print starts at 18 pt"
        )
    return size


@dataclass(frozen=True)
class PdfJob:
    """Everything WeasyPrint needs for one PDF: the page HTML and how to render it."""

    html: str
    settings: object  # pdf.PdfSettings
    policy: Policy
    base_url: str | None
    source: str
    decorative_images: int
    inlined: dict[str, str] = field(default_factory=dict)  # data: URL -> image as written


def pdf_job(
    doc: Document, config: Config, *, profile: str = "screen", base_dir: Path | None = None
) -> PdfJob:
    """Check the Document and build the page HTML for the PDF (no WeasyPrint yet)."""
    from plainprint.pipeline.render.pdf import PdfSettings

    if profile not in PROFILES:
        raise RenderError(_source(doc), f"unknown profile {profile!r}", "use screen or print")
    title, lang = _require(doc)
    icc = _icc(config, doc) if profile == "print" else None
    settings = PdfSettings(
        profile=profile,
        page_size=_page_size(config),
        base_font_pt=_base_font(config),
        icc_profile=icc,
    )
    base = Path(base_dir).resolve() if base_dir else None
    policy = _policy(config, base, (icc,) if icc else ())
    options = WriterOptions("pdf", base, policy)
    body = write_body(doc, options)
    _report_warnings(doc, options)
    meta = doc.metadata
    created = _date(meta.published) or _date(meta.retrieved) or _date(meta.modified)
    modified = _date(meta.modified) or _date(meta.reviewed) or created
    if profile == "print" and not created:
        created = modified = EPOCH
    html = (
        _env()
        .get_template("pdf/template.html.j2")
        .render(
            lang=lang,
            dir=_dir(lang),
            title=title,
            author=meta.byline or "",
            description="",
            created=created or "",
            modified=modified or "",
            body=Markup(sanitize.clean(body.html, allow_file_images=True)),
        )
    )
    return PdfJob(
        html=html,
        settings=settings,
        policy=policy,
        base_url=base.as_uri() + "/" if base else None,
        source=_source(doc),
        decorative_images=body.decorative_images,
        inlined=options.inlined,
    )


def render_pdf(
    doc: Document,
    config: Config,
    *,
    profile: str = "screen",
    base_dir: Path | None = None,
    extra_css: str = "",
) -> bytes:
    """The large-print PDF: ``screen`` is PDF/UA-1, ``print`` is PDF/X-4 with bleed and marks.

    ``extra_css`` is appended after the templates' stylesheets (for tests and designers).
    """
    with grouped():
        return _render_pdf(doc, config, profile, base_dir, extra_css)


def _render_pdf(doc, config, profile, base_dir, extra_css) -> bytes:
    from plainprint.pipeline.render.pdf import BLEED_MM, write_pdf
    from plainprint.pipeline.render.postprocess import postprocess

    job = pdf_job(doc, config, profile=profile, base_dir=base_dir)
    try:
        data = write_pdf(
            job.html,
            settings=job.settings,
            policy=job.policy,
            base_url=job.base_url,
            source=job.source,
            decorative_images=job.decorative_images,
            extra_css=page_css(doc.metadata.language) + extra_css,
        )
    except RenderError as exc:  # name inlined images as the source wrote them
        for url, src in job.inlined.items():
            exc.problem = exc.problem.replace(url, src)
        raise RenderError(exc.path, exc.problem, exc.hint) from None
    seed = hashlib.sha256(f"{profile}\0{job.html}".encode()).hexdigest()
    out, _ = postprocess(data, seed=seed, bleed_mm=BLEED_MM if profile == "print" else None)
    return out


def page_css(language: str | None) -> str:
    """The page footer ("Page 1 of 6") in the document's language; the stylesheet's own
    footer is English, so only other languages override it."""
    template = translator(language)("Page {page} of {pages}")
    if template == "Page {page} of {pages}":
        return ""
    parts = re.split(r"(\{page\}|\{pages\})", template)
    content = " ".join(
        {"{page}": "counter(page)", "{pages}": "counter(pages)"}.get(p)
        or json.dumps(p, ensure_ascii=False)
        for p in parts
        if p
    )
    return f"@page {{ @bottom-right {{ content: {content}; }} }}\n"


@dataclass(frozen=True)
class PlainNotes:
    """What the handout changed or explained, for the check report."""

    swaps: tuple[tuple[str, str], ...]  # (as written, replaced by), in order
    explained: tuple[str, ...]  # glossary terms explained at first use


def _handout(doc: Document, config: Config, base_dir: Path | None) -> tuple[str, Aids]:
    title, lang = _require(doc)
    base = Path(base_dir).resolve() if base_dir else None
    aids = Aids.from_config(config, lang)
    options = WriterOptions("html", base, _policy(config, base), aids=aids)
    body = write_body(doc, options)
    _report_warnings(doc, options)
    meta = doc.metadata
    css = (
        Path(str(resources.files("plainprint.pipeline").joinpath("templates")))
        / "html"
        / "style.css"
    ).read_text(encoding="utf-8")
    source_url = (
        meta.canonical_url
        if meta.canonical_url and re.match(r"https?://", meta.canonical_url)
        else ""
    )
    _ = translator(lang)
    dates = [
        (_(label), value)
        for label, value in (
            ("Published", meta.published),
            ("Updated", meta.modified),
            ("Medically reviewed", meta.reviewed),
        )
        if value
    ]
    html = (
        _env()
        .get_template("html/template.html.j2")
        .render(
            lang=lang,
            dir=_dir(lang),
            title=title,
            masthead=meta.site_name or _("Patient information"),
            css=Markup(css),
            body=Markup(sanitize.clean(body.html)),
            source_url=source_url,
            source_label=meta.site_name
            or (source_url and re.sub(r"^https?://([^/]+).*", r"\1", source_url))
            or "",
            dates=dates,
            _=_,
        )
    )
    return html, aids


def render_html(doc: Document, config: Config, *, base_dir: Path | None = None) -> str:
    """The plain-language HTML handout: one self-contained file, no script."""
    with grouped():
        return _handout(doc, config, base_dir)[0]


def plain_language_notes(
    doc: Document, config: Config, *, base_dir: Path | None = None
) -> PlainNotes:
    """The wording swaps and glossary explanations :func:`render_html` applies to ``doc``."""
    _, aids = _handout(doc, config, base_dir)
    return PlainNotes(tuple(aids.swapped), tuple(aids.explained))
