"""Saved HTML pages → Document. (Being built: see issue 2.)"""

from __future__ import annotations

from pathlib import Path

from ..document.nodes import Document
from ..errors import IngestError


def parse_html(text: str, path: Path) -> Document:
    raise IngestError(path, "HTML ingest is not available yet", "use a .txt or .md source")
