"""readability-lxml's text length, computed without its three regex passes.

readability-lxml 0.9 measures every candidate and every link with
``text_length(el) = len(clean(el.text_content()))``, where ``clean`` squeezes whitespace
with three ``re.sub`` passes and a strip. Candidates nest, so the same text is cleaned once
per ancestor: the passes were a third of readability-lxml's time in ingest. Only the length
is ever used, and it follows from the whitespace runs alone:

* the runs at either end go (``strip``);
* an inner run holding a newline, or 255 characters or more, becomes one character;
* any other inner run is what ``clean``'s last pass (``\\t|[ \\t]{2,}`` → space) makes of it,
  which is one character unless the run holds a tab or a space other than U+0020.

So the length is that of the text with every run squeezed to one space
(``" ".join(text.split())``, C speed), corrected for the rare runs of the last kind. ``re``'s
``\\s`` and ``str.split``/``strip`` share one definition of whitespace (``str.isspace``).
Tests compare it with readability-lxml's own on generated whitespace and on real pages.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

_ODD_SPACE = re.compile(r"[^\S \n]")  # whitespace other than U+0020 and newline
_INNER_RUN = re.compile(r"(?<=\S)[^\S\n]+(?=\S)")  # an inner run without a newline
_LAST_PASS = re.compile(r"\t|[ \t]{2,}")  # readability-lxml's ``clean``, third pass


def clean_length(text: str) -> int:
    """``len(readability.readability.clean(text))``."""
    n = len(" ".join(text.split()))
    if _ODD_SPACE.search(text) is None:
        return n
    for run in _INNER_RUN.findall(text):
        if len(run) < 255 and run.strip(" "):
            n += len(_LAST_PASS.sub(" ", run)) - 1
    return n


def text_length(el) -> int:
    """``readability.readability.text_length(el)``."""
    return clean_length(el.text_content() or "")


@contextlib.contextmanager
def fast_text_length() -> Iterator[None]:
    """readability-lxml uses ``text_length`` above while the block runs.

    Scoped rather than patched for good, so other callers in the process (the extraction
    bench times readability-lxml itself) run the library as shipped. The two functions
    return the same numbers, so threads interleaving here cannot change any result.
    """
    import readability.readability as module

    saved = module.text_length
    module.text_length = text_length
    try:
        yield
    finally:
        module.text_length = saved
