"""Loading a Document for a later stage: a source (ingested now) or a Document JSON.

Shared by the build and the subcommands, below both. Heavy modules load only when used, so
the command line starts fast.
"""

from __future__ import annotations

from pathlib import Path

from plainprint.pipeline.errors import IngestError, PlainprintError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up
if TYPE_CHECKING:
    from plainprint.pipeline.config import Config
    from plainprint.pipeline.document import Document


def source_folder(given: Path, doc: Document) -> Path:
    """The source's own folder: images resolve (and may only load) from there.

    For a Document JSON it is the folder of the source the JSON was ingested from, when
    that file still exists, else the JSON's own folder.
    """
    if given.suffix.lower() == ".json" and doc.metadata.source_path:
        original = Path(doc.metadata.source_path)
        if original.is_file():
            return original.resolve().parent
    return given.resolve().parent


def config_for(config: Config, given: Path, doc: Document) -> Config:
    """Per-source configuration: ``[[overrides]]`` match the original source's path, also
    when the Makefile passes the Document JSON in output/documents/."""
    return config.for_source(doc.metadata.source_path or given)


def max_bytes(config: Config) -> int:
    mb = config.get("max_source_mb", 20)
    return int(float(mb) * 1024 * 1024)


def load_document(path: str | Path, config: Config | None = None) -> Document:
    """A source file (ingested now) or a Document JSON written by ``plainprint ingest``."""
    from plainprint.pipeline.config import Config
    from plainprint.pipeline.document import DocumentVersionError, from_json, validate
    from plainprint.pipeline.document.language import LanguageTagError
    from plainprint.pipeline.ingest import ingest_path

    path = Path(path)
    if path.suffix.lower() == ".json":
        try:
            return validate(from_json(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise IngestError(path, "file not found", "check the path") from None
        except DocumentVersionError as exc:
            raise PlainprintError(path, str(exc)) from exc
        except LanguageTagError as exc:
            raise PlainprintError(path, f"the language {exc}", 'e.g. "language": "pt-BR"') from None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise PlainprintError(
                path,
                f"not a plainprint Document JSON ({exc})",
                "run `plainprint ingest` on the source",
            ) from exc
    return ingest_path(path, max_bytes=max_bytes(config or Config()))
