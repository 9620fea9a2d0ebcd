"""Labels and boilerplate of the handouts and the editor's report, from gettext catalogues.

A translator adds a language by adding ``pipeline/locale/<lang>/LC_MESSAGES/plainprint.po``
(copy ``pipeline/locale/plainprint.pot``, the template of every message, and fill in each
``msgstr``); no Python changes. The ``.po`` is read directly at run time (a small reader
for the subset plainprint writes: ``msgid``/``msgstr`` with continued lines), so there is
no compiled ``.mo`` to keep in step; a compiled ``plainprint.mo`` beside it is used
instead when present (``msgfmt`` or Babel's ``pybabel compile``). An untranslated message,
or a language without a catalogue, falls back to the English text.
"""

from __future__ import annotations

import ast
import functools
import gettext
from importlib import resources
from pathlib import Path

DOMAIN = "plainprint"


def locale_dir() -> Path:
    return Path(str(resources.files("plainprint.pipeline").joinpath("locale")))


def read_po(text: str) -> dict[str, str]:
    """msgid → msgstr for every translated entry of a ``.po`` file (fuzzy ones skipped)."""
    catalog: dict[str, str] = {}
    entry: dict[str, str] = {}
    key = None
    fuzzy = False

    def flush() -> None:
        nonlocal entry, fuzzy
        if entry.get("msgid") and entry.get("msgstr") and not fuzzy:
            catalog[entry["msgid"]] = entry["msgstr"]
        entry, fuzzy = {}, False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            key = None
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith(("msgid ", "msgstr ")):
            if line.startswith("msgid ") and "msgid" in entry:
                flush()
            key, _, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
        elif line.startswith('"') and key:
            entry[key] += ast.literal_eval(line)
    flush()
    return catalog


class Messages(gettext.NullTranslations):
    def __init__(self, catalog: dict[str, str], language: str) -> None:
        super().__init__()
        self.catalog = catalog
        self.language = language

    def gettext(self, message: str) -> str:
        return self.catalog.get(message) or message


@functools.cache
def messages(language: str | None) -> gettext.NullTranslations:
    """The catalogue for a language tag ("es", "es-MX" → es); English text without one."""
    from plainprint.checks.analysis.lang import base

    code = base(language)
    folder = locale_dir() / code / "LC_MESSAGES"
    mo = folder / f"{DOMAIN}.mo"
    if mo.is_file():
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    po = folder / f"{DOMAIN}.po"
    if code and po.is_file():
        return Messages(read_po(po.read_text(encoding="utf-8")), code)
    return Messages({}, "en")


def translator(language: str | None):
    """``_`` for one document's language: ``_("Words to know")``."""
    return messages(language).gettext


def has_catalogue(language: str | None) -> bool:
    m = messages(language)
    return not isinstance(m, Messages) or bool(m.catalog)
