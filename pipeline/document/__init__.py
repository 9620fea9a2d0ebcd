"""The Document model: the contract every stage shares. Re-exports the public names."""

from .build import number_blocks
from .nodes import *  # noqa: F403
from .nodes import SCHEMA_VERSION, Document
from .serialize import DocumentVersionError, from_dict, from_json, to_dict, to_json
from .validate import DocumentSchemaError, validate
from .walk import iter_blocks, iter_inlines, iter_items, plain_text, sections

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
