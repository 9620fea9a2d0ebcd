"""The Jinja environment and stylesheets of the editor-facing pages (report and index)."""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

TEMPLATES = Path(__file__).parent.parent / "templates"


@functools.cache
def env() -> Environment:
    return Environment(
        loader=PackageLoader("plainprint.pipeline", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def stylesheet(page: str) -> str:
    """``templates/<page>/style.css``, inlined so each page is one self-contained file."""
    return (TEMPLATES / page / "style.css").read_text(encoding="utf-8")
