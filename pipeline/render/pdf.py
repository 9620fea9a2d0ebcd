"""The large-print PDF: the only module that imports WeasyPrint.

One shared ``FontConfiguration`` and parsed stylesheets are kept for the life of the
process, so a batch parses the CSS and registers the packaged font once. WeasyPrint's
logger is captured during each render: an ERROR record fails the build (WeasyPrint logs
and carries on, and a PDF that claims PDF/UA must not), except the one for decorative
images, which the post-processor turns into artifacts.
"""

from __future__ import annotations

import atexit
import logging
import re
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from plainprint.pipeline.errors import RenderError
from plainprint.pipeline.render.fetcher import Policy, make_fetcher
from plainprint.pipeline.render.fonts import fallbacks_for, font_face_css, font_roots
from plainprint.pipeline.render.structure import recording
from plainprint.pipeline.render.warn import FONT, OTHER, warn

LOG = logging.getLogger("plainprint.render")
PAGE_SIZES = {"letter": "letter", "a4": "A4"}
# CSS bleed: room for WeasyPrint's crop marks outside the 3 mm BleedBox that
# postprocess.py sets (marks are drawn in the outer half of the CSS bleed).
CSS_BLEED = "12mm"
BLEED_MM = 3.0
_LOCK = threading.Lock()
_NOTDEF = re.compile(r'\.notdef glyph rendered for Unicode string unsupported by fonts: "(.+)"')
_STATE: dict[str, object] = {}


@atexit.register
def _release() -> None:
    """Drop the shared FontConfiguration before interpreter teardown (its __del__ needs modules)."""
    _STATE.clear()


def templates_dir() -> Path:
    return Path(str(resources.files("plainprint.pipeline").joinpath("templates")))


def asset_policy(extra_files: tuple[Path, ...] = ()) -> Policy:
    return Policy.create(roots=(templates_dir(), *font_roots()), files=extra_files)


def font_config():
    """The process-wide FontConfiguration (reused across documents in a batch)."""
    with _LOCK:
        if "font_config" not in _STATE:
            from weasyprint.text.fonts import FontConfiguration

            _STATE["font_config"] = FontConfiguration()
        return _STATE["font_config"]


def stylesheet(key: str, text: str, extra_files: tuple[Path, ...] = (), profiles=None):
    """A parsed ``weasyprint.CSS`` cached by ``key`` (stylesheets are the same for a batch).

    ``profiles`` collects the sheet's ``@color-profile`` rules: WeasyPrint fills the dict
    while parsing, so it is cached along with the sheet.
    """
    from weasyprint import CSS

    with _LOCK:
        cache = _STATE.setdefault("css", {})
        assert isinstance(cache, dict)
        entry = cache.get(key)
    if entry is None:
        found: dict = {}
        sheet = CSS(
            string=text,
            url_fetcher=make_fetcher(asset_policy(extra_files)),
            font_config=font_config(),
            base_url=templates_dir().as_uri() + "/pdf/",
            color_profiles=found,
        )
        entry = (sheet, found)
        if not found:
            # Sheets with @color-profile are parsed per render: WeasyPrint changes the
            # profile object when it writes it, so a reused one gives different bytes.
            with _LOCK:
                cache[key] = entry
    if profiles is not None:
        profiles.update(entry[1])
    return entry[0]


@dataclass(frozen=True)
class PdfSettings:
    profile: str = "screen"  # screen | print
    page_size: str = "letter"
    base_font_pt: float = 18.0
    icc_profile: Path | None = None


def profile_css(settings: PdfSettings) -> str:
    size = PAGE_SIZES[settings.page_size]
    css = [f":root {{ font-size: {settings.base_font_pt:g}pt; }}", f"@page {{ size: {size}; }}"]
    if settings.profile == "print":
        icc = settings.icc_profile
        assert icc is not None
        css.append(f"@page {{ bleed: {CSS_BLEED}; marks: crop; }}")
        css.append(
            "@color-profile device-cmyk {"
            f' src: url("{icc.as_uri()}"); components: cyan, magenta, yellow, black; }}'
        )
    return "\n".join(css) + "\n"


def stylesheets(settings: PdfSettings, extra_css: str = "", profiles=None, text: str = ""):
    """``text``: the page's text, so only the fallback faces it needs are declared."""
    pdf_dir = templates_dir() / "pdf"
    fallbacks = fallbacks_for(text)
    sheets = [
        stylesheet("fonts:" + ",".join(f.family for f in fallbacks), font_face_css(fallbacks)),
        stylesheet("style", (pdf_dir / "style.css").read_text(encoding="utf-8")),
    ]
    if settings.profile == "print":
        sheets.append(stylesheet("print", (pdf_dir / "print.css").read_text(encoding="utf-8")))
    files = (settings.icc_profile,) if settings.icc_profile else ()
    sheets.append(stylesheet(f"profile:{settings}", profile_css(settings), files, profiles))
    if extra_css:
        sheets.append(stylesheet(f"extra:{extra_css}", extra_css, files, profiles))
    return sheets


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def write_pdf(
    html: str,
    *,
    settings: PdfSettings,
    policy: Policy,
    base_url: str | None,
    source: str | None,
    decorative_images: int = 0,
    extra_css: str = "",
) -> bytes:
    """Render ``html`` with WeasyPrint and return the raw PDF bytes (before post-processing)."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    variant = "pdf/x-4" if settings.profile == "print" else "pdf/ua-1"
    wlog = logging.getLogger("weasyprint")
    capture = _Capture()
    wlog.addHandler(capture)
    old_propagate = wlog.propagate
    wlog.propagate = False
    try:
        # The variant must be given to both steps: render() applies its defaults (output
        # intent, PDF version), write_pdf() writes its metadata.
        options = {"pdf_variant": variant, "pdf_tags": True}
        profiles: dict = {}
        sheets = stylesheets(settings, extra_css, profiles, html)
        document = HTML(string=html, base_url=base_url, url_fetcher=make_fetcher(policy)).render(
            stylesheets=sheets,
            font_config=font_config(),
            color_profiles=profiles,
            **options,
        )
        with recording():  # stamps struct elements so postprocess can merge page splits
            data = document.write_pdf(**options)
    except FatalURLFetchingError as exc:
        url, why = policy.refused[-1] if policy.refused else ("a resource", str(exc))
        raise RenderError(
            source, f"refused to load {url}: {why}", "only the source's folder may be read"
        ) from None
    except RenderError:
        raise
    except Exception as exc:  # WeasyPrint bugs (e.g. @color-profile without components)
        raise RenderError(
            source,
            f"WeasyPrint failed: {type(exc).__name__}: {exc}",
            "check the stylesheet and configuration; run with --debug for details",
        ) from exc
    finally:
        wlog.removeHandler(capture)
        wlog.propagate = old_propagate
    if policy.refused:
        url, why = policy.refused[0]
        raise RenderError(
            source, f"refused to load {url}: {why}", "only the source's folder may be read"
        )
    errors = []
    for record in capture.records:
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            if decorative_images and "has no required alt description" in message:
                continue
            errors.append(message)
        else:
            notdef = _NOTDEF.search(message)
            if notdef:  # one line per source naming the script, not one per glyph
                warn(source or "document", FONT, notdef.group(1))
            else:
                warn(source or "document", OTHER, message)
    if errors:
        raise RenderError(
            source, f"WeasyPrint reported: {errors[0]}", "fix the input and render again"
        )
    return data
