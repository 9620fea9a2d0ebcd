"""Project configuration from ``plainprint.toml`` or ``[tool.plainprint]`` in pyproject.toml.

Unknown keys are errors that name the key and its line, because a misspelt option that is
silently ignored is worse than no option. Each stage declares its keys in ``SCHEMA``.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plainprint.pipeline.errors import ConfigError

# section → allowed keys ("*" allows any key: used for per-rule tables).
SCHEMA: dict[str, set[str]] = {
    "": {"target_grade", "language", "sources", "output", "max_source_mb", "fail_on"},
    "checks": {
        "target_grade",
        "formula",
        "fail_on",
        "select",
        "ignore",
        "glossary",
        "allow",
        "baseline",
        "stale_after_years",
        "today",
        "swaps",
        "allow_files",
        "check_links",
        "rules_url",
    },
    "checks.rules": {"*"},
    # A language's own settings (a language with rules in checks.analysis.lang): its target grade,
    # its grade formula and its glossary files. [checks] keys stay English's.
    "checks.es": {"target_grade", "formula", "glossary"},
    "render": {
        "profile",
        "page_size",
        "icc_profile",
        "allow_hosts",
        "remote_images",
        "swaps",
        "base_font_pt",
    },
    "overrides": {"*"},
}


# Where `plainprint check` output links each rule's documentation (`checks.rules_url`).
DEFAULT_RULES_URL = "https://plainprint.readthedocs.io/en/latest/rules/"

_NUMBER = (int, float)
# Types of the keys whose values the code uses directly; a wrong type is an error at load.
TYPES: dict[str, tuple[type | tuple[type, ...], str]] = {
    "target_grade": (_NUMBER, "a number, e.g. 8"),
    "max_source_mb": (_NUMBER, "a number of megabytes, e.g. 20"),
    "language": (str, 'a language tag, e.g. "en"'),
    "sources": (str, "a folder name"),
    "output": (str, "a folder name"),
    "fail_on": (str, '"error", "warning", "suggestion" or "never"'),
    "checks.target_grade": (_NUMBER, "a number, e.g. 8"),
    "checks.stale_after_years": (_NUMBER, "a number of years, e.g. 3"),
    "checks.formula": (str, 'a formula name, e.g. "smog"'),
    "checks.fail_on": (str, '"error", "warning", "suggestion" or "never"'),
    "checks.select": ((list, str), 'a list of rule codes, e.g. ["PL", "HD001"]'),
    "checks.ignore": ((list, str), 'a list of rule codes, e.g. ["PL013"]'),
    "checks.glossary": ((list, str), "a list of TSV files"),
    "checks.swaps": ((list, str), "a list of TSV files"),
    "checks.allow": (list, 'a list of words, e.g. ["melanoma"]'),
    "checks.allow_files": ((list, str), "a list of text files"),
    "checks.baseline": (str, "a file name"),
    "checks.check_links": (bool, "true or false"),
    "checks.rules_url": (str, 'a URL, e.g. "https://plainprint.readthedocs.io/en/latest/rules/"'),
    "checks.es": (dict, "a table: [checks.es]"),
    "checks.es.target_grade": (_NUMBER, "a number, e.g. 8"),
    "checks.es.formula": (str, '"sol" (the Spanish SMOG)'),
    "checks.es.glossary": ((list, str), "a list of TSV files (Spanish terms)"),
    "render.profile": (str, '"screen" or "print"'),
    "render.page_size": (str, '"letter" or "a4"'),
    "render.icc_profile": (str, "a file name"),
    "render.allow_hosts": (list, 'a list of host names, e.g. ["www.cdc.gov"]'),
    "render.remote_images": (bool, "true or false"),
    "render.swaps": (bool, "true or false"),
    "render.base_font_pt": (_NUMBER, "a number of points, at least 18"),
    "overrides": (list, "a list of [[overrides]] tables"),
}


@dataclass(frozen=True)
class Config:
    data: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def get(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def section(self, name: str) -> dict[str, Any]:
        value = self.get(name, {})
        return value if isinstance(value, dict) else {}

    def for_source(self, source: str | Path) -> Config:
        """This config with every ``[[overrides]]`` whose ``glob`` matches ``source`` merged in."""
        merged = _deep_copy(self.data)
        name = str(source)
        for override in self.data.get("overrides", []) or []:
            pattern = override.get("glob") or override.get("path")
            if pattern and (
                fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(Path(name).name, pattern)
            ):
                body = {k: v for k, v in override.items() if k not in ("glob", "path")}
                _deep_merge(merged, body)
        return Config(merged, self.path)


def _deep_copy(d: Any) -> Any:
    if isinstance(d, dict):
        return {k: _deep_copy(v) for k, v in d.items()}
    if isinstance(d, list):
        return [_deep_copy(v) for v in d]
    return d


def _deep_merge(into: dict[str, Any], other: dict[str, Any]) -> None:
    for k, v in other.items():
        if isinstance(v, dict) and isinstance(into.get(k), dict):
            _deep_merge(into[k], v)
        else:
            into[k] = v


def _line_of(text: str, key: str) -> int | None:
    m = re.search(
        rf"^\s*{re.escape(key)}\s*=|^\s*\[+\s*(?:[\w.]*\.)?{re.escape(key)}\s*\]", text, re.M
    )
    return text.count("\n", 0, m.start()) + 1 if m else None


def _check_keys(data: dict[str, Any], text: str, path: Path, prefix: str = "") -> None:
    allowed = SCHEMA.get(prefix)
    if allowed is None or "*" in allowed:
        return
    for key, value in data.items():
        dotted = f"{prefix}.{key}" if prefix else key
        if key in allowed:
            _check_type(dotted, value, text, path)
            continue
        if dotted in SCHEMA:
            _check_type(dotted, value, text, path)
            if isinstance(value, dict):
                _check_keys(value, text, path, dotted)
            elif dotted == "overrides":
                for body in value:
                    _check_override(body, text, path)
            continue
        line = _line_of(text, key)
        where = f"line {line}: " if line else ""
        children = {
            s.rsplit(".", 1)[-1]
            for s in SCHEMA
            if s and (s.rsplit(".", 1)[0] if "." in s else "") == prefix
        }
        known = ", ".join(sorted(allowed | children))
        raise ConfigError(path, f"{where}unknown key {dotted!r}", f"known keys here: {known}")


def _check_override(body: Any, text: str, path: Path) -> None:
    """An [[overrides]] table: a glob plus any top-level, [checks] or [render] keys."""
    if not isinstance(body, dict):
        raise ConfigError(path, "each [[overrides]] entry must be a table", "see README")
    if not (body.get("glob") or body.get("path")):
        raise ConfigError(path, "an [[overrides]] entry has no glob", 'add glob = "sources/x-*"')
    rest = {k: v for k, v in body.items() if k not in ("glob", "path")}
    _check_keys({k: v for k, v in rest.items() if k != "overrides"}, text, path)
    if "overrides" in rest:
        raise ConfigError(path, "[[overrides]] cannot nest", "flatten them")


def _check_type(dotted: str, value: Any, text: str, path: Path) -> None:
    expected = TYPES.get(dotted)
    if expected is None:
        return
    kinds, what = expected
    if isinstance(value, bool) and bool not in (kinds if isinstance(kinds, tuple) else (kinds,)):
        ok = False
    else:
        ok = isinstance(value, kinds)
    if not ok:
        line = _line_of(text, dotted.rsplit(".", 1)[-1])
        where = f"line {line}: " if line else ""
        raise ConfigError(path, f"{where}{dotted} = {value!r} is not valid", f"use {what}")


def parse_config(text: str, path: Path, *, pyproject: bool = False) -> Config:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"TOML syntax error: {exc}", "fix the file and run again") from exc
    if pyproject:
        data = data.get("tool", {}).get("plainprint", {})
        if not data:
            return Config({}, None)
    _check_keys(data, text, path)
    return Config(data, path)


def load_config(explicit: str | Path | None = None, start: Path | None = None) -> Config:
    """Read the explicit file, else ``plainprint.toml``, else ``[tool.plainprint]``, else defaults."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(path, "configuration file not found", "check the --config path")
        return parse_config(
            path.read_text(encoding="utf-8"), path, pyproject=path.name == "pyproject.toml"
        )
    base = start or Path.cwd()
    own = base / "plainprint.toml"
    if own.is_file():
        return parse_config(own.read_text(encoding="utf-8"), own)
    pyproject = base / "pyproject.toml"
    if pyproject.is_file():
        return parse_config(pyproject.read_text(encoding="utf-8"), pyproject, pyproject=True)
    return Config({}, None)
