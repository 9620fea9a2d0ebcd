"""The PDF's fonts: Atkinson Hyperlegible first, then Noto faces for the scripts it lacks.

Every face comes from a pip package the project installs (``fontpkg-atkinson-hyperlegible``,
``fontpkg-noto-sans``, ``fontpkg-noto-sans-arabic``, ``justmytype-intl-rtl`` for Hebrew,
``justmytype-intl-cjk`` for Japanese, Chinese and Korean) and is named by ``@font-face`` with
file URLs into that package, so the embedded fonts never depend on what fontconfig finds on
the machine. Italic faces are deliberately not declared: large-print guidance forbids
italics, and emphasis is set in bold. The Noto files are variable fonts; bold comes from
their weight axis.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from plainprint.pipeline.errors import RenderError

FAMILY = "Atkinson Hyperlegible"
# The CSS family name used by our stylesheets; distinct from the font's own name so that a
# system copy of Atkinson Hyperlegible can never be picked instead of the packaged files.
CSS_FAMILY = "PlainprintAtkinson"
_FACES = {400: "AtkinsonHyperlegible-Regular.ttf", 700: "AtkinsonHyperlegible-Bold.ttf"}


@functools.cache
def font_dir() -> Path:
    try:
        root = resources.files("fontpkg_atkinson_hyperlegible").joinpath("files")
    except ModuleNotFoundError as exc:  # pragma: no cover - dependency missing
        raise RenderError(
            None,
            "the font package fontpkg-atkinson-hyperlegible is not installed",
            "run `make setup` to install plainprint's dependencies",
        ) from exc
    path = Path(str(root))
    for name in _FACES.values():
        if not (path / name).is_file():  # pragma: no cover - broken install
            raise RenderError(path / name, "font file missing", "reinstall with `make setup`")
    return path


def font_files() -> dict[int, Path]:
    """Weight → TTF path of the faces plainprint uses (regular and bold only)."""
    return {weight: font_dir() / name for weight, name in _FACES.items()}


@dataclass(frozen=True)
class Fallback:
    """A face for scripts the large-print font lacks, from a pip package."""

    family: str  # the CSS family name (ours, so a system copy is never picked instead)
    package: str  # the import name of the pip package that ships it
    path: str  # the font file inside that package
    langs: tuple[str, ...] = ()  # languages that put this face before the other CJK faces
    # Noto Sans Arabic's ccmp splits dotted letters into a dotless base and dots, and a PDF's
    # ToUnicode maps one glyph to one text, so ذ came back as غ: with ccmp off each letter
    # stays one glyph and the text reads back unchanged (the shapes are the same).
    features: str = ""
    script: str = ""  # "" = always declared; else only for documents with that script's text


# Where each large face's script lives in Unicode. Declaring a face costs its parse (the CJK
# files are tens of megabytes), so a document declares only the faces its text needs.
SCRIPT_RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "arabic": ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF),
               (0xFE70, 0xFEFF)),
    "hebrew": ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)),
    "cjk": ((0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x3000, 0x30FF), (0x3100, 0x9FFF),
            (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F),
            (0xFF00, 0xFFEF), (0x20000, 0x3134F)),
}  # fmt: skip

_CJK = "fonts/ofl/notosans{0}/NotoSans{1}[wght].ttf"
FALLBACKS = (
    Fallback("PlainprintNotoSans", "fontpkg_noto_sans", "files/NotoSans[wdth,wght].ttf"),
    Fallback(
        "PlainprintNotoArabic",
        "fontpkg_noto_sans_arabic",
        "files/NotoSansArabic[wdth,wght].ttf",
        features='"ccmp" 0',
        script="arabic",
    ),
    Fallback(
        "PlainprintNotoHebrew",
        "justmytype_intl_rtl",
        "fonts/ofl/notosanshebrew/NotoSansHebrew[wdth,wght].ttf",
        script="hebrew",
    ),
    Fallback(
        "PlainprintNotoJP", "justmytype_intl_cjk", _CJK.format("jp", "JP"), ("ja",), script="cjk"
    ),
    Fallback(
        "PlainprintNotoSC", "justmytype_intl_cjk", _CJK.format("sc", "SC"), ("zh",), script="cjk"
    ),
    Fallback(
        "PlainprintNotoTC",
        "justmytype_intl_cjk",
        _CJK.format("tc", "TC"),
        ("zh-Hant", "zh-TW", "zh-HK", "zh-MO"),
        script="cjk",
    ),
    Fallback(
        "PlainprintNotoKR", "justmytype_intl_cjk", _CJK.format("kr", "KR"), ("ko",), script="cjk"
    ),
)


def _package_file(package: str, path: str) -> Path:
    try:
        root = Path(str(resources.files(package)))
    except ModuleNotFoundError as exc:  # pragma: no cover - dependency missing
        name = package.replace("_", "-")
        raise RenderError(
            None,
            f"the font package {name} is not installed",
            "run `make setup` to install plainprint's dependencies",
        ) from exc
    file = root / path
    if not file.is_file():  # pragma: no cover - broken install
        raise RenderError(file, "font file missing", "reinstall with `make setup`")
    return file


@functools.cache
def fallback_files() -> dict[str, Path]:
    """CSS family → font file of every fallback face, in fallback order."""
    return {f.family: _package_file(f.package, f.path) for f in FALLBACKS}


def font_roots() -> tuple[Path, ...]:
    """Folders the PDF renderer may read fonts from (for the resource policy)."""
    return (font_dir(), *dict.fromkeys(p.parent for p in fallback_files().values()))


def fallbacks_for(text: str) -> tuple[Fallback, ...]:
    """The fallback faces a document needs: the always-declared ones, and each large face
    whose script occurs in ``text``."""
    points = {ord(c) for c in set(text) if c > "\u024f"}
    found = {
        script
        for script, ranges in SCRIPT_RANGES.items()
        if any(lo <= p <= hi for p in points for lo, hi in ranges)
    }
    return tuple(f for f in FALLBACKS if not f.script or f.script in found)


def family_stack(lang: str = "", fallbacks: tuple[Fallback, ...] = FALLBACKS) -> str:
    """The CSS ``font-family`` list: Atkinson first, then the fallbacks (own CJK face first)."""
    names = [f.family for f in fallbacks]
    # The most specific language match wins: zh-TW is Traditional, not the zh (Simplified) face.
    matches = [(len(x), f.family) for f in fallbacks for x in f.langs if _lang_matches(lang, x)]
    mine = [max(matches)[1]] if matches else []
    if mine:
        cjk = [f.family for f in fallbacks if f.langs]
        names = [n for n in names if n not in cjk] + mine + [n for n in cjk if n not in mine]
    return ", ".join(f'"{n}"' for n in [CSS_FAMILY, *names])


def _lang_matches(lang: str, want: str) -> bool:
    lang, want = lang.lower(), want.lower()
    return lang == want or lang.startswith(want + "-")


@functools.cache
def font_face_css(fallbacks: tuple[Fallback, ...] = FALLBACKS) -> str:
    rules = []
    for weight, path in font_files().items():
        rules.append(
            "@font-face {"
            f' font-family: "{CSS_FAMILY}"; font-style: normal; font-weight: {weight};'
            f' src: url("{path.as_uri()}") format("truetype"); }}'
        )
    for fallback in fallbacks:
        path = fallback_files()[fallback.family]
        features = f" font-feature-settings: {fallback.features};" if fallback.features else ""
        for weight in (400, 700):
            rules.append(
                "@font-face {"
                f' font-family: "{fallback.family}"; font-style: normal; font-weight: {weight};'
                f' src: url("{path.as_uri()}") format("truetype");{features} }}'
            )
    rules.append(f"html {{ font-family: {family_stack('', fallbacks)}; }}")
    # Han characters differ by language: each CJK language gets its own face first.
    for fallback in fallbacks:
        for lang in fallback.langs:
            rules.append(f":lang({lang}) {{ font-family: {family_stack(lang, fallbacks)}; }}")
    return "\n".join(rules) + "\n"
