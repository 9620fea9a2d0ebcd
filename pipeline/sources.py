"""Finding the sources of a project and deciding which file wins when names collide.

Sources are flat files ``sources/<name>.{md,html,htm,txt}``. When two share a name the
Markdown file wins (it is the editor's rewrite of the scraped page) and the build says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Earlier wins: an editor's Markdown rewrite beats the scraped HTML it came from.
PRECEDENCE = (".md", ".markdown", ".html", ".htm", ".txt")


@dataclass(frozen=True)
class Source:
    name: str
    path: Path
    shadowed: tuple[Path, ...] = ()  # same-name files that lost to ``path``

    def note(self) -> str | None:
        if not self.shadowed:
            return None
        others = ", ".join(p.name for p in self.shadowed)
        why = (
            "the .md rewrite wins"
            if self.path.suffix.lower() in (".md", ".markdown")
            else ("sources of one name are used in the order .md, .html, .htm, .txt")
        )
        return f"{self.name}: using {self.path.name} (ignoring {others}; {why})"


def _rank(path: Path) -> int:
    return PRECEDENCE.index(path.suffix.lower())


def discover(folder: Path) -> list[Source]:
    """Every source in ``folder``, one per name, sorted by name."""
    by_name: dict[str, list[Path]] = {}
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if (
                path.is_file()
                and path.suffix.lower() in PRECEDENCE
                and not path.name.startswith(".")
            ):
                by_name.setdefault(path.stem, []).append(path)
    out = []
    for name in sorted(by_name):
        paths = sorted(by_name[name], key=_rank)
        out.append(Source(name, paths[0], tuple(paths[1:])))
    return out


def resolve(paths: list[Path]) -> list[Source]:
    """Explicit arguments: folders are discovered; files are taken as given (shadowing noted)."""
    out: list[Source] = []
    for path in paths:
        if path.is_dir():
            out.extend(discover(path))
            continue
        siblings = (
            tuple(
                p
                for ext in PRECEDENCE
                if (p := path.with_suffix(ext)) != path and p.is_file() and _rank(p) > _rank(path)
            )
            if path.suffix.lower() in PRECEDENCE
            else ()
        )
        name = path.stem
        out.append(Source(name, path, siblings))
    return out


def winner_note(path: Path) -> str | None:
    """For ``plainprint ingest``: a note when a same-name source takes precedence or is ignored."""
    if path.suffix.lower() not in PRECEDENCE:
        return None
    others = [p for ext in PRECEDENCE if (p := path.with_suffix(ext)) != path and p.is_file()]
    if not others:
        return None
    better = [p for p in others if _rank(p) < _rank(path)]
    if better:
        return f"note: {better[0]} also exists and is the one builds use"
    return f"note: using {path} (builds ignore {', '.join(str(p) for p in others)})"
