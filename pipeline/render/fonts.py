"""The project's own font: Atkinson Hyperlegible from the ``fontpkg-atkinson-hyperlegible`` package.

The PDF names the font by ``@font-face`` with file URLs into that package, so the embedded
font never depends on what fontconfig finds on the machine. Italic faces are deliberately
not declared: large-print guidance forbids italics, and emphasis is set in bold.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from ..errors import RenderError

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


@functools.cache
def font_face_css() -> str:
    rules = []
    for weight, path in font_files().items():
        rules.append(
            "@font-face {"
            f' font-family: "{CSS_FAMILY}"; font-style: normal; font-weight: {weight};'
            f' src: url("{path.as_uri()}") format("truetype"); }}'
        )
    return "\n".join(rules) + "\n"
