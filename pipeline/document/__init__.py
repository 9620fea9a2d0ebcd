"""The Document model: the contract every stage shares. Re-exports the public names."""

from plainprint.pipeline.document.build import number_blocks
from plainprint.pipeline.document.nodes import *  # noqa: F403
from plainprint.pipeline.document.nodes import SCHEMA_VERSION, Document
from plainprint.pipeline.document.serialize import (
    DocumentVersionError,
    from_dict,
    from_json,
    to_dict,
    to_json,
)
from plainprint.pipeline.document.validate import DocumentSchemaError, validate
from plainprint.pipeline.document.walk import (
    iter_blocks,
    iter_inlines,
    iter_items,
    plain_text,
    sections,
)

__all__ = [
    "SCHEMA_VERSION",
    "Document",
    "DocumentSchemaError",
    "DocumentVersionError",
    "from_dict",
    "from_json",
    "iter_blocks",
    "iter_inlines",
    "iter_items",
    "number_blocks",
    "plain_text",
    "sections",
    "to_dict",
    "to_json",
    "validate",
]
