"""Where a build puts each output in the output folder, and where it keeps each error.

Shared by the build, the manifest and the index, so none of them imports another for it.
"""

from __future__ import annotations

import glob
from pathlib import Path


def output_paths(out: Path, name: str) -> dict[str, Path]:
    return {
        "document": out / "documents" / f"{name}.json",
        "report": out / "reports" / f"{name}.json",
        "report_html": out / "reports" / f"{name}.html",
        "pdf": out / "pdf" / f"{name}.pdf",
        "print": out / "print" / f"{name}.pdf",
        "html": out / "html" / f"{name}.html",
    }


def error_path(out: Path, name: str, stage: str) -> Path:
    """Where a source's last error in one stage is kept, for summaries and the index."""
    return out / "errors" / f"{name}.{stage}.txt"


def errors_for(out: Path, name: str) -> list[str]:
    folder = out / "errors"
    if not folder.is_dir():
        return []
    return [
        p.read_text(encoding="utf-8").strip()
        for p in sorted(folder.glob(f"{glob.escape(name)}.*.txt"))
        if p.name[len(name) + 1 :].count(".") == 1
    ]
