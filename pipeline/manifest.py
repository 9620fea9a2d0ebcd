"""The build manifest: what every output was made from, so a rebuild does only what changed.

``output/.manifest.json`` keeps, per source and stage, a key: a hash of everything the stage
reads. The document stage reads the source, its sidecar, the configuration it uses and the
ingest code; report, render and print read the Document (by the hash of its JSON, so a source
edit that does not change the Document rebuilds nothing after ingest), the configuration they
use, every file that configuration names (glossaries, swap lists, allow-lists, the baseline,
the ICC profile), the images the handout embeds, their code and templates, and plainprint's
version. A stage whose key is unchanged and whose outputs exist is skipped, so a no-op build
writes nothing; ``make`` is a thin front end over the same logic.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plainprint.pipeline import __version__
from plainprint.pipeline.atomic import write_text
from plainprint.pipeline.config import Config
from plainprint.pipeline.layout import errors_for, output_paths

FILE = ".manifest.json"
FORMAT = 1

_PIPELINE = Path(__file__).resolve().parent
_CHECKS = _PIPELINE.parent / "checks"
_MODEL = ("pipeline/document", "pipeline/config.py", "pipeline/errors.py", "pipeline/atomic.py")

# The code and templates each stage runs, as paths from the repository (or site-packages) root.
# Render reads the glossary, swaps and term finder from checks, so it hashes checks as well.
CODE: dict[str, tuple[str, ...]] = {
    "document": (*_MODEL, "pipeline/ingest", "pipeline/sources.py", "pipeline/i18n"),
    "report": (*_MODEL, "checks", "pipeline/report", "pipeline/templates/report",
               "pipeline/i18n", "pipeline/locale"),
    "render": (*_MODEL, "checks", "pipeline/render", "pipeline/templates/html",
               "pipeline/templates/pdf", "pipeline/i18n", "pipeline/locale"),
    "index": ("pipeline/report", "pipeline/templates/index", "pipeline/build.py"),
}  # fmt: skip
CODE["print"] = CODE["render"]

# Configuration keys a stage does not read, so changing them rebuilds nothing there.
_NOT_READ = {
    "document": lambda key: key.startswith(("checks.", "render.")) or key in _BATCH_KEYS,
    "report": lambda key: key.startswith("render.") or key in _BATCH_KEYS,
    "render": lambda key: (
        (key.startswith("checks.") and key not in _RENDER_CHECKS) or key in _BATCH_KEYS
    ),
}
_NOT_READ["print"] = _NOT_READ["render"]
_BATCH_KEYS = {"sources", "output", "fail_on", "overrides"}
_RENDER_CHECKS = {"checks.glossary", "checks.swaps", "checks.es.glossary"}
# Keys whose values are files: their contents count, not only their names.
FILE_KEYS = ("checks.glossary", "checks.swaps", "checks.allow_files", "checks.baseline",
             "render.icc_profile", "checks.es.glossary")  # fmt: skip


def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


@functools.cache
def code_hash(stage: str) -> str:
    """One hash of the code and templates a stage runs, with plainprint's version."""
    parts: list[str] = [__version__]
    for rel in CODE[stage]:
        top, _, rest = rel.partition("/")
        base = (_PIPELINE if top == "pipeline" else _CHECKS) / rest if rest else _CHECKS
        files = sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else [base]
        for path in files:
            if "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            parts += [rel + "/" + path.relative_to(base).as_posix(), file_hash(path)]
    return _digest(*parts)


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, dotted + "."))
        else:
            flat[dotted] = value
    return flat


def config_hash(stage: str, config: Config) -> str:
    """The configuration one stage reads, and the contents of the files it names."""
    flat = _flatten(config.data)
    used = {k: v for k, v in flat.items() if not _NOT_READ[stage](k)}
    parts = [json.dumps(used, sort_keys=True, default=str)]
    base = config.path.parent if config.path else Path.cwd()
    for key in FILE_KEYS:
        if key not in used:
            continue
        value = used[key]
        for item in [value] if isinstance(value, str) else list(value or []):
            path = Path(item) if Path(item).is_absolute() else base / item
            parts += [str(item), file_hash(path)]
    return _digest(*parts)


def sidecar_of(source: Path) -> Path:
    return source.with_suffix(".toml")


def document_key(source: Path, config: Config) -> str:
    return _digest(
        "document",
        code_hash("document"),
        config_hash("document", config),
        file_hash(source),
        file_hash(sidecar_of(source)),
    )


def stage_key(stage: str, document_sha: str, config: Config, assets: Iterable[Path]) -> str:
    """``assets`` are the images the handout embeds; only render and print read them."""
    images = sorted(assets) if stage in ("render", "print") else []
    return _digest(
        stage,
        code_hash(stage),
        config_hash(stage, config),
        document_sha,
        *(f"{p}:{file_hash(p)}" for p in images),
    )


@dataclass
class Entry:
    """What one source's outputs were last built from, and its summary for the table."""

    source: str = ""
    keys: dict[str, str] = field(default_factory=dict)
    document_sha: str | None = None
    assets: list[str] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "keys": dict(sorted(self.keys.items())),
            "document_sha": self.document_sha,
            "assets": self.assets,
            "summary": self.summary,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entry:
        return cls(
            source=str(data.get("source", "")),
            keys=dict(data.get("keys") or {}),
            document_sha=data.get("document_sha"),
            assets=list(data.get("assets") or []),
            summary=dict(data.get("summary") or {}),
        )


@dataclass
class Manifest:
    entries: dict[str, Entry] = field(default_factory=dict)
    index_key: str | None = None

    @classmethod
    def load(cls, out: Path) -> Manifest:
        """The last build's manifest; a missing or unreadable one means "build everything"."""
        with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
            data = json.loads((out / FILE).read_text(encoding="utf-8"))
            if data.get("format") == FORMAT:
                return cls(
                    {name: Entry.from_dict(e) for name, e in data.get("sources", {}).items()},
                    data.get("index"),
                )
        return cls()

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "plainprint": __version__,
            "index": self.index_key,
            "sources": {name: self.entries[name].to_dict() for name in sorted(self.entries)},
        }
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    def save(self, out: Path) -> None:
        """Write the manifest, unless it is unchanged (a no-op build writes nothing)."""
        text = self.to_json()
        path = out / FILE
        with contextlib.suppress(OSError):
            if path.read_text(encoding="utf-8") == text:
                return
        write_text(path, text)


def index_key(manifest: Manifest, names: Iterable[str], out: Path, config: Config) -> str:
    """The index reads each listed source's report or error, which outputs exist, the target
    and its own code; the same key means the same index."""
    target = config.get("checks.target_grade", config.get("target_grade"))
    parts = [code_hash("index"), json.dumps(target)]
    for name in sorted(names):
        entry = manifest.entries.get(name)
        paths = output_paths(out, name)
        kinds = [k for k in ("report", "pdf", "print", "html") if paths[k].exists()]
        parts += [name, entry.keys.get("report", "") if entry else "", ",".join(kinds)]
        parts += errors_for(out, name)
    return _digest(*parts)
