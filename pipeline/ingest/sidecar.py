"""Optional ``sources/<name>.toml`` with metadata the page lacks."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

from plainprint.pipeline.document.language import LanguageTagError, normalize_language
from plainprint.pipeline.document.nodes import Document, Metadata
from plainprint.pipeline.errors import IngestError

# Sidecar key → Metadata field.
SIDECAR_KEYS = {
    "title": "title",
    "language": "language",
    "lang": "language",
    "source_url": "canonical_url",
    "url": "canonical_url",
    "captured": "retrieved",
    "capture_date": "retrieved",
    "retrieved": "retrieved",
    "published": "published",
    "modified": "modified",
    "reviewed": "reviewed",
    "byline": "byline",
    "audience": "audience",
    "target_grade": "target_grade",
    "key_points": "key_points",
}


def _coerce(path: Path, key: str, field: str, value: object) -> object:
    """The sidecar value as the Metadata field wants it, or an error naming the key."""
    if field == "key_points":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise IngestError(path, f"{key!r} must be a list of strings", 'e.g. key_points = ["…"]')
        return tuple(value)
    if field == "target_grade":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise IngestError(path, f"{key!r} must be a number", "e.g. target_grade = 6")
        return float(value)
    if isinstance(value, dict | list):
        raise IngestError(path, f"{key!r} must be a single value, not a table or list")
    if field == "language":
        try:
            return normalize_language(str(value))
        except LanguageTagError as exc:
            raise IngestError(path, f"{key!r}: {exc}", 'e.g. language = "pt-BR"') from None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def sidecar_path(source: Path) -> Path:
    return source.with_suffix(".toml")


def apply_sidecar(doc: Document, source: Path) -> Document:
    path = sidecar_path(source)
    if not path.is_file():
        return doc
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise IngestError(path, f"sidecar is not valid TOML: {exc}", "fix the syntax") from exc
    updates: dict[str, object] = {}
    for key, value in data.items():
        field = SIDECAR_KEYS.get(key)
        if field is None:
            known = ", ".join(sorted(SIDECAR_KEYS))
            raise IngestError(path, f"unknown key {key!r}", f"known keys: {known}")
        updates[field] = _coerce(path, key, field, value)
    if "language" in updates:
        updates["language_detected"] = False
    meta: Metadata = dataclasses.replace(doc.metadata, **updates)
    return dataclasses.replace(doc, metadata=meta)
