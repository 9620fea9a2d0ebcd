"""Ingest: a source file (HTML, plain text or Markdown) → one Document.

``ingest_path`` is the edge that reads files; ``ingest_bytes`` is pure.
"""

from __future__ import annotations

import re
from pathlib import Path

from plainprint.pipeline.document import Document, validate
from plainprint.pipeline.document.validate import LanguageTagError
from plainprint.pipeline.errors import IngestError
from plainprint.pipeline.ingest.decode import decode
from plainprint.pipeline.ingest.sidecar import apply_sidecar

FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


# Control characters other than \t \n \v \f \r, C1 controls and the replacement character.
# One C-level scan: a per-character Python loop cost a millisecond a page.
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def _looks_binary(text: str) -> bool:
    """Over 5% control or undecodable characters in the first 10,000: not a text file."""
    sample = text[:10000]
    return len(_BINARY.findall(sample)) > 0.05 * len(sample)


def source_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise IngestError(
            path,
            f"unsupported source type {path.suffix or '(none)'!r}",
            "use .html, .htm, .txt or .md",
        )
    return fmt


def ingest_bytes(data: bytes, path: Path, fmt: str | None = None) -> Document:
    fmt = fmt or source_format(path)
    if not data.strip():
        raise IngestError(path, "file is empty", "save the article's content into it, or remove it")
    if data[:5] == b"%PDF-":
        raise IngestError(
            path, "file is a PDF, not " + fmt, "save the page as HTML or text instead"
        )
    text, _encoding = decode(data, html=fmt == "html")
    if _looks_binary(text):
        raise IngestError(
            path, "file looks like binary data, not " + fmt, "check it is the saved page"
        )
    if not text.strip():
        raise IngestError(
            path, "file has no text", "save the article's content into it, or remove it"
        )
    if fmt == "text":
        from plainprint.pipeline.ingest.text import parse_text

        doc = parse_text(text, path)
    elif fmt == "markdown":
        from plainprint.pipeline.ingest.markdown import parse_markdown

        doc = parse_markdown(text, path)
    else:
        from plainprint.pipeline.ingest.html import parse_html

        doc = parse_html(text, path)
    return _validated(doc, path)


def _validated(doc: Document, path: Path) -> Document:
    """``validate`` (which normalises the language), its language error naming the file."""
    try:
        return validate(doc)
    except LanguageTagError as exc:
        raise IngestError(
            path,
            f"the language {exc}",
            'write a tag such as "en", "pt-BR" or "zh-Hant" (front matter `lang`, sidecar `language`)',
        ) from None


def ingest_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    path = Path(path)
    fmt = source_format(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise IngestError(path, "file not found", "check the path") from None
    if size > max_bytes:
        raise IngestError(
            path,
            f"file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:g} MB limit",
            "raise max_source_mb in plainprint.toml if this page is genuine",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot read file: {exc.strerror}", "check permissions") from exc
    # Validated again after the sidecar: its language is normalised like the page's.
    return _validated(apply_sidecar(ingest_bytes(data, path, fmt), path), path)
