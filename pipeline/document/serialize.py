"""Lossless JSON for the Document: every node is tagged with ``t`` like Pandoc's JSON.

The serialiser writes ``plainprint-document-version`` and refuses another major
version with a message saying which version it found and which it reads.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from plainprint.pipeline.document import nodes
from plainprint.pipeline.document.nodes import SCHEMA_VERSION, Document

# Tag ↔ class. Closed set: a new node type must be added here.
_TAGS: dict[str, type] = {
    "Text": nodes.Text,
    "Emph": nodes.Emphasis,
    "Strong": nodes.Strong,
    "Link": nodes.Link,
    "Cite": nodes.Citation,
    "Break": nodes.LineBreak,
    "Heading": nodes.Heading,
    "Para": nodes.Paragraph,
    "List": nodes.ListBlock,
    "Item": nodes.ListItem,
    "Quote": nodes.BlockQuote,
    "Table": nodes.Table,
    "Figure": nodes.Figure,
    "Refs": nodes.References,
    "Ref": nodes.Reference,
    "Removed": nodes.Removed,
    "Meta": nodes.Metadata,
    "Suppress": nodes.Suppression,
}
_NAMES = {cls: tag for tag, cls in _TAGS.items()}


class DocumentVersionError(ValueError):
    """The JSON was written by an incompatible version of plainprint."""


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {"t": _NAMES[type(value)]}
        for f in dataclasses.fields(value):
            out[f.name] = _encode(getattr(value, f.name))
        return out
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        cls = _TAGS.get(value.get("t", ""))
        if cls is None:
            raise ValueError(f"unknown node type {value.get('t')!r}")
        kwargs = {}
        for f in dataclasses.fields(cls):
            if f.name in value:
                kwargs[f.name] = _decode(value[f.name])
        return cls(**kwargs)
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    return value


def to_dict(doc: Document) -> dict[str, Any]:
    return {
        "plainprint-document-version": list(SCHEMA_VERSION),
        "metadata": _encode(doc.metadata),
        "blocks": _encode(doc.blocks),
        "removed": _encode(doc.removed),
        "suppressions": _encode(doc.suppressions),
    }


def from_dict(data: dict[str, Any]) -> Document:
    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object, found {type(data).__name__}")
    version = data.get("plainprint-document-version")
    if not isinstance(version, list) or not version or version[0] != SCHEMA_VERSION[0]:
        raise DocumentVersionError(
            f"document version {version!r} is not readable by this plainprint "
            f"(reads {SCHEMA_VERSION[0]}.x); re-run `plainprint ingest` on the source"
        )
    return Document(
        metadata=_decode(data["metadata"]),
        blocks=_decode(data["blocks"]),
        removed=_decode(data.get("removed", [])),
        suppressions=_decode(data.get("suppressions", [])),
    )


def to_json(doc: Document, *, indent: int | None = 2) -> str:
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=indent, sort_keys=False) + "\n"


def from_json(text: str) -> Document:
    return from_dict(json.loads(text))
