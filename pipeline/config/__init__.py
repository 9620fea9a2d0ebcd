"""Project configuration from ``plainprint.toml`` or ``[tool.plainprint]`` in pyproject.toml.

The keys, their defaults, types and valid values are ``pipeline.config.schema``; a bad key or
value is an error at load time that names the file, the line, the key and what to write.
Stages read ``config.typed`` (one dataclass per section) and never re-check values.
"""

from __future__ import annotations

import fnmatch
import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plainprint.pipeline.config import schema as config_schema
from plainprint.pipeline.config.schema import DEFAULT_RULES_URL, Settings
from plainprint.pipeline.errors import ConfigError

__all__ = ["DEFAULT_RULES_URL", "Config", "load_config", "parse_config"]


@dataclass(frozen=True)
class Config:
    """The raw tables (``data``, hashed by the build manifest) and their typed view."""

    data: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    text: str | None = field(default=None, repr=False, compare=False)  # for error lines

    @functools.cached_property
    def typed(self) -> Settings:
        """The configuration as the schema's dataclasses (validated on first use; a Config
        read from a file was validated at load)."""
        return config_schema.load(self.data, self.path, self.text)

    def get(self, dotted: str, default: Any = None) -> Any:
        """A raw value by dotted key, as written (``None``/``default`` when unset)."""
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def section(self, name: str) -> dict[str, Any]:
        value = self.get(name, {})
        return value if isinstance(value, dict) else {}

    def with_values(self, values: dict[str, Any]) -> Config:
        """This config with some dotted keys set (command-line flags over the file); the
        result is validated like the file."""
        merged = _deep_copy(self.data)
        for dotted, value in values.items():
            node = merged
            *parents, last = dotted.split(".")
            for part in parents:
                node = node.setdefault(part, {})
            node[last] = value
        out = Config(merged, self.path, self.text)
        out.typed  # noqa: B018  (validate now, naming the key)
        return out

    def for_source(self, source: str | Path) -> Config:
        """This config with every ``[[overrides]]`` whose ``glob`` matches ``source`` merged in."""
        merged = _deep_copy(self.data)
        name = str(source)
        for override in self.typed.overrides:
            if fnmatch.fnmatch(name, override.glob) or fnmatch.fnmatch(
                Path(name).name, override.glob
            ):
                _deep_merge(merged, _deep_copy(override.settings))
        return Config(merged, self.path, self.text)


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


def parse_config(text: str, path: Path, *, pyproject: bool = False) -> Config:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"TOML syntax error: {exc}", "fix the file and run again") from exc
    if pyproject:
        data = data.get("tool", {}).get("plainprint", {})
        if not data:
            return Config({}, None)
    config = Config(data, path, text)
    config.typed  # noqa: B018  (every key and value is checked at load)
    return config


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
