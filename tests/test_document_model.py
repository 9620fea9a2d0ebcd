"""The Document model contract: lossless JSON, version refusal, structural validation."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given

from plainprint.pipeline.document import (
    SCHEMA_VERSION,
    DocumentSchemaError,
    DocumentVersionError,
    from_dict,
    from_json,
    iter_blocks,
    to_dict,
    to_json,
    validate,
)
from plainprint.pipeline.document.build import doc, h, p
from plainprint.pipeline.document.nodes import BlockQuote, Heading, Paragraph
from tests.strategies import any_documents, documents


@given(any_documents())
def test_json_round_trip_is_lossless(document):
    text = to_json(document)
    assert from_json(text) == document
    # Compact output reads back the same, and writing is deterministic.
    assert from_json(to_json(document, indent=None)) == document
    assert to_json(from_json(text)) == text


@given(documents())
def test_canonical_documents_are_valid_and_round_trip(document):
    assert validate(document) is document
    assert from_json(to_json(document)) == document


def test_json_names_the_schema_version():
    data = to_dict(doc(h(1, "T"), p("x")))
    assert data["plainprint-document-version"] == list(SCHEMA_VERSION)


@pytest.mark.parametrize("version", [[SCHEMA_VERSION[0] + 1, 0], [0, 9], None, "1.0", []])
def test_other_major_versions_are_refused_with_a_clear_message(version):
    data = to_dict(doc(h(1, "T")))
    if version is None:
        del data["plainprint-document-version"]
    else:
        data["plainprint-document-version"] = version
    with pytest.raises(DocumentVersionError) as err:
        from_dict(data)
    message = str(err.value)
    assert repr(version) in message
    assert f"reads {SCHEMA_VERSION[0]}.x" in message
    assert "plainprint ingest" in message


def test_a_newer_minor_version_is_read():
    data = to_dict(doc(h(1, "T"), p("x")))
    data["plainprint-document-version"] = [SCHEMA_VERSION[0], SCHEMA_VERSION[1] + 7]
    assert from_dict(data) == doc(h(1, "T"), p("x"))


def test_unknown_node_type_is_an_error():
    data = json.loads(to_json(doc(h(1, "T"))))
    data["blocks"][0]["t"] = "Marquee"
    with pytest.raises(ValueError, match="Marquee"):
        from_dict(data)


def _replace_first(document, cls, **changes):
    blocks = list(document.blocks)
    i = next(n for n, b in enumerate(blocks) if isinstance(b, cls))
    blocks[i] = dataclasses.replace(blocks[i], **changes)
    return dataclasses.replace(document, blocks=tuple(blocks))


@pytest.mark.parametrize("level", [0, 7, -1, 100])
def test_validate_rejects_heading_levels_outside_1_to_6(level):
    bad = _replace_first(doc(h(1, "T"), h(2, "S")), Heading, level=level)
    with pytest.raises(DocumentSchemaError, match=f"heading level {level}"):
        validate(bad)


def test_validate_rejects_missing_ids():
    bad = _replace_first(doc(h(1, "T"), p("x")), Paragraph, id="")
    with pytest.raises(DocumentSchemaError, match="without id: Paragraph"):
        validate(bad)


def test_validate_rejects_duplicate_ids_also_inside_block_quotes():
    good = doc(h(1, "T"), BlockQuote(blocks=(p("a"), p("b"))))
    validate(good)
    ids = [b.id for b in iter_blocks(good.blocks)]
    assert len(ids) == len(set(ids)) == 4
    quote = good.blocks[1]
    inner = (quote.blocks[0], dataclasses.replace(quote.blocks[1], id=quote.blocks[0].id))
    bad = dataclasses.replace(
        good, blocks=(good.blocks[0], dataclasses.replace(quote, blocks=inner))
    )
    with pytest.raises(DocumentSchemaError, match="duplicate block id"):
        validate(bad)


def test_validate_rejects_a_missing_title():
    good = doc(h(1, "T"))
    bad = dataclasses.replace(good, metadata=dataclasses.replace(good.metadata, title=None))
    with pytest.raises(DocumentSchemaError, match="no title"):
        validate(bad)


@given(any_documents())
def test_number_blocks_gives_unique_ids_in_document_order(document):
    ids = [b.id for b in iter_blocks(document.blocks)]
    assert len(ids) == len(set(ids))
    assert [int(i[1:]) for i in ids] == list(range(1, len(ids) + 1))
