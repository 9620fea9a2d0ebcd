"""The glossary: health terms with plain alternatives and short definitions, as data.

Shared by the plain-language rules (jargon, undefined terms) and the HTML handout
("Words to know", ``<dfn>`` at first use). Projects add their own TSV files in config.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from plainprint.pipeline.config import Config
from plainprint.pipeline.errors import ConfigError


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    term: str  # lower-case headword, e.g. "metastatic"
    alternatives: tuple[str, ...]  # plain words to use instead, e.g. ("spread to other parts",)
    definition: str  # one short sentence in plain words, our own
    kind: str = "medical"  # medical | wordy | acronym


def _read_tsv(text: str) -> dict[str, GlossaryEntry]:
    out: dict[str, GlossaryEntry] = {}
    rows = csv.reader(
        (line for line in text.splitlines() if line and not line.startswith("#")), delimiter="\t"
    )
    for row in rows:
        if len(row) < 3 or row[0] == "term":
            continue
        term = row[0].strip().lower()
        alts = tuple(a.strip() for a in row[1].split(";") if a.strip())
        kind = row[3].strip() if len(row) > 3 and row[3].strip() else "medical"
        out[term] = GlossaryEntry(term, alts, row[2].strip(), kind)
    return out


@functools.cache
def default_glossary(name: str = "glossary.tsv") -> dict[str, GlossaryEntry]:
    """A shipped glossary: ``glossary.tsv`` (English) or a language's (``glossary_es.tsv``)."""
    text = (
        resources.files("plainprint.checks.analysis")
        .joinpath(f"data/{name}")
        .read_text(encoding="utf-8")
    )
    return _read_tsv(text)


def config_files(config: Config, key: str) -> list[Path]:
    """Files a configuration key names (``checks.glossary``, ``checks.swaps``, …), resolved
    against the configuration file's folder, so checks and render read the same files."""
    value = config.get(key)
    items = [value] if isinstance(value, str) else list(value or [])
    base = config.path.parent if config.path else Path.cwd()
    out = []
    for item in items:
        path = Path(item)
        path = path if path.is_absolute() else base / path
        if not path.is_file():
            raise ConfigError(
                config.path, f"file not found: {item}", f"check {key} in the configuration"
            )
        out.append(path)
    return out


def load_glossary(
    extra_files: tuple[str | Path, ...] = (), default: str = "glossary.tsv"
) -> dict[str, GlossaryEntry]:
    """The default glossary plus a project's own TSV files (later files win)."""
    merged = dict(default_glossary(default))
    for path in extra_files:
        merged.update(_read_tsv(Path(path).read_text(encoding="utf-8")))
    return merged
