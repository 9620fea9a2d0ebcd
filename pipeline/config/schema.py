"""The configuration schema: one dataclass per section, with defaults, types and value checks.

This is the one place that reports a bad key or value, naming the file, the line, the key,
what was given and what is expected: a misspelt option that is silently ignored is worse than
no option, and five stages checking the same keys drifted apart. Stages read the typed values
(``config.typed``) and never re-check them. Checks that need facts from the checks layer (grade
formula names, rule codes and rule options) are made here too, with those facts passed in
(``validate_checks``): this module sits at the bottom layer and imports nothing above it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from plainprint.pipeline.errors import ConfigError

DEFAULT_RULES_URL = "https://plainprint.readthedocs.io/en/latest/rules/"
FAIL_ON = ("error", "warning", "suggestion", "never")
SEVERITY_SETTINGS = ("error", "warning", "suggestion", "off")
# Languages with a [checks.<code>] section: those with rules in checks.analysis.lang
# (tests/test_config.py keeps the two lists equal).
LANGUAGE_SECTIONS = ("es",)

# Kinds of value: (accepts, what to write instead, normalise).
NUMBER, TEXT, FLAG, TEXTS, LIST, DATE = "number", "text", "flag", "texts", "list", "date"


def _number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


_ACCEPTS: dict[str, Callable[[Any], bool]] = {
    NUMBER: _number,
    TEXT: lambda v: isinstance(v, str),
    FLAG: lambda v: isinstance(v, bool),
    # a list of strings, or one string for a list of one
    TEXTS: lambda v: (
        isinstance(v, str) or isinstance(v, list) and all(isinstance(i, str) for i in v)
    ),
    LIST: lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
    DATE: lambda v: isinstance(v, dt.date) or isinstance(v, str) and _iso_date(v) is not None,
}


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _normalise(kind: str, value: Any) -> Any:
    if kind == NUMBER:
        return float(value) if isinstance(value, float) else value
    if kind in (TEXTS, LIST):
        return (value,) if isinstance(value, str) else tuple(value)
    if kind == DATE:
        if isinstance(value, dt.datetime):
            return value.date()
        return value if isinstance(value, dt.date) else _iso_date(value)
    return value


def key(
    default: Any,
    kind: str,
    expect: str,
    doc: str,
    *,
    choices: tuple[str, ...] = (),
    minimum: float | None = None,
    files: bool = False,
) -> Any:
    """A configuration key: its default, kind of value, what to write, and what it does."""
    meta = {"kind": kind, "expect": expect, "doc": doc, "choices": choices, "minimum": minimum,
            "files": files}  # fmt: skip
    if isinstance(default, list | dict):
        return field(default_factory=lambda: type(default)(default), metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class ChecksConfig:
    """``[checks]``: the linter. Keys left unset fall back to the top level or the rule."""

    target_grade: float | None = key(None, NUMBER, "a number, e.g. 8",
        "the reading grade a handout must not exceed (default: the top-level target_grade)")  # fmt: skip
    formula: str = key("smog", TEXT, 'a formula name, e.g. "smog"',
        "the headline grade: smog, fkgl, dale_chall, …")  # fmt: skip
    fail_on: str | None = key(None, TEXT, '"error", "warning", "suggestion" or "never"',
        "lowest severity that fails `plainprint check` (default: the top-level fail_on)",
        choices=FAIL_ON)  # fmt: skip
    select: tuple[str, ...] = key((), TEXTS, 'a list of rule codes, e.g. ["PL", "HD001"]',
        "run only these rules, by code, name or family")  # fmt: skip
    ignore: tuple[str, ...] = key((), TEXTS, 'a list of rule codes, e.g. ["PL013"]',
        "rules to switch off, by code, name or family")  # fmt: skip
    glossary: tuple[str, ...] = key((), TEXTS, "a list of TSV files",
        "more terms: term<TAB>alternatives<TAB>definition", files=True)  # fmt: skip
    allow: tuple[str, ...] = key((), LIST, 'a list of words, e.g. ["melanoma"]',
        "words never flagged as jargon")  # fmt: skip
    allow_files: tuple[str, ...] = key((), TEXTS, "a list of text files",
        "files of words never flagged as jargon, one a line", files=True)  # fmt: skip
    swaps: tuple[str, ...] = key((), TEXTS, "a list of TSV files",
        "more wording swaps: phrase<TAB>replacement", files=True)  # fmt: skip
    baseline: str | None = key(None, TEXT, "a file name",
        "accept the findings recorded in this file (see --write-baseline)", files=True)  # fmt: skip
    stale_after_years: float | None = key(None, NUMBER, "a number of years, e.g. 3",
        "reference access dates older than this are flagged (CT005)")  # fmt: skip
    today: dt.date | None = key(None, DATE, "a date, YYYY-MM-DD",
        "the build date reports record and CT005 measures from (default: today)")  # fmt: skip
    check_links: bool = key(False, FLAG, "true or false",
        "follow reference URLs and DOIs (needs network)")  # fmt: skip
    rules_url: str = key(DEFAULT_RULES_URL, TEXT, f'a URL, e.g. "{DEFAULT_RULES_URL}"',
        "SARIF helpUri base")  # fmt: skip
    # [checks.rules.<code, name or family>]: severity, enabled and the rule's options; checked
    # against the rule registry by validate_checks.
    rules: dict[str, Any] = field(default_factory=dict, metadata={"table": True})


@dataclass(frozen=True)
class LanguageConfig:
    """``[checks.<lang>]``: a language's own target, grade formula and glossary files."""

    target_grade: float | None = key(None, NUMBER, "a number, e.g. 8",
        "the grade a handout in this language must not exceed (default: target_grade)")  # fmt: skip
    formula: str | None = key(None, TEXT, '"sol" (the Spanish SMOG)',
        "the language's headline grade (default: the language's own)")  # fmt: skip
    glossary: tuple[str, ...] = key((), TEXTS, "a list of TSV files (Spanish terms)",
        "more terms in this language, same TSV format", files=True)  # fmt: skip


@dataclass(frozen=True)
class RenderConfig:
    """``[render]``: the handouts."""

    page_size: str = key("letter", TEXT, '"letter" or "a4"', '"letter" or "a4"',
        choices=("letter", "a4"))  # fmt: skip
    profile: str = key("screen", TEXT, '"screen" or "print"',
        '"print": make and plainprint build also write output/print/<name>.pdf',
        choices=("screen", "print"))  # fmt: skip
    icc_profile: str | None = key(None, TEXT, "a file name",
        "the print shop's CMYK profile (default: Ghostscript's)", files=True)  # fmt: skip
    swaps: bool = key(True, FLAG, "true or false",
        'apply safe wording swaps ("utilize" -> "use") in the HTML')  # fmt: skip
    allow_hosts: tuple[str, ...] = key((), LIST, 'a list of host names, e.g. ["www.cdc.gov"]',
        "hosts remote images may come from (with remote_images = true)")  # fmt: skip
    remote_images: bool = key(False, FLAG, "true or false",
        "load images from allow_hosts over the network")  # fmt: skip
    base_font_pt: float = key(18, NUMBER, "a number of points, at least 18",
        "body text size; large print starts at 18 pt", minimum=18)  # fmt: skip


@dataclass(frozen=True)
class Override:
    """``[[overrides]]``: settings for the sources whose path matches ``glob``."""

    glob: str
    settings: dict[str, Any]  # top-level, [checks] or [render] keys, validated like the file's


@dataclass(frozen=True)
class Settings:
    """The whole file: top-level keys, then one field per section."""

    target_grade: float = key(8, NUMBER, "a number, e.g. 8",
        "headline reading grade a handout must not exceed")  # fmt: skip
    max_source_mb: float = key(20, NUMBER, "a number of megabytes, e.g. 20",
        "larger sources are refused with a clear error")  # fmt: skip
    language: str | None = key(None, TEXT, 'a language tag, e.g. "en"',
        "accepted for older files but not read: a source's language is declared or detected")  # fmt: skip
    sources: str = key("sources", TEXT, "a folder name", "where the sources are")
    output: str = key("output", TEXT, "a folder name", "where outputs go")
    fail_on: str = key("error", TEXT, '"error", "warning", "suggestion" or "never"',
        "the default of checks.fail_on", choices=FAIL_ON)  # fmt: skip
    checks: ChecksConfig = field(default_factory=ChecksConfig, metadata={"section": True})
    render: RenderConfig = field(default_factory=RenderConfig, metadata={"section": True})
    languages: dict[str, LanguageConfig] = field(default_factory=dict)  # [checks.<lang>]
    overrides: tuple[Override, ...] = ()

    @property
    def fail_level(self) -> str:
        """``checks.fail_on``, else the top-level ``fail_on``."""
        return self.checks.fail_on or self.fail_on

    def language_section(self, code: str) -> LanguageConfig:
        return self.languages.get(code) or LanguageConfig()

    def target_for(self, code: str) -> float:
        """The grade target for documents in ``code``: its own section, [checks], the top."""
        own = self.language_section(code).target_grade if code != "en" else None
        for value in (own, self.checks.target_grade, self.target_grade):
            if value is not None:
                return float(value)
        return float(self.target_grade)


# Sections and their dataclasses, by dotted prefix.
_SECTIONS: dict[str, type] = {"": Settings, "checks": ChecksConfig, "render": RenderConfig}
_SECTIONS.update({f"checks.{code}": LanguageConfig for code in LANGUAGE_SECTIONS})


def _keys(cls: type) -> dict[str, dataclasses.Field]:
    return {f.name: f for f in dataclasses.fields(cls) if "kind" in f.metadata}


def schema_keys() -> list[str]:
    """Every dotted key the schema accepts (sections' keys; tables such as rules by name)."""
    out = []
    for prefix, cls in _SECTIONS.items():
        out += [f"{prefix}.{k}" if prefix else k for k in _keys(cls)]
    return [*out, "checks.rules", "overrides"]


def file_keys() -> tuple[str, ...]:
    """The keys whose values name files (their contents count in the build manifest)."""
    return tuple(
        f"{prefix}.{name}" if prefix else name
        for prefix, cls in _SECTIONS.items()
        for name, f in _keys(cls).items()
        if f.metadata["files"]
    )


def line_of(text: str | None, key: str) -> int | None:
    """The line of ``key = …`` or of a ``[table.key]`` header in the TOML text."""
    if not text:
        return None
    m = re.search(
        rf"^\s*{re.escape(key)}\s*=|^\s*\[+\s*(?:[\w.\"-]*\.)?{re.escape(key)}\s*\]", text, re.M
    )
    return text.count("\n", 0, m.start()) + 1 if m else None


def error(
    path: Path | None, text: str | None, dotted: str, problem: str, hint: str = ""
) -> ConfigError:
    """The one shape of a configuration error: ``FILE: line N: problem (hint)``."""
    line = line_of(text, dotted.rsplit(".", 1)[-1])
    where = f"line {line}: " if line else ""
    return ConfigError(path, f"{where}{problem}", hint)


def invalid(
    path: Path | None, text: str | None, dotted: str, value: Any, expect: str
) -> ConfigError:
    return error(path, text, dotted, f"{dotted} = {value!r} is not valid", f"use {expect}")


def _section(cls: type, data: Mapping[str, Any], prefix: str, path: Path | None,
             text: str | None) -> Any:  # fmt: skip
    """One section's dataclass from its table; the first bad key or value is an error."""
    fields = _keys(cls)
    children = {p.rsplit(".", 1)[-1] for p in _SECTIONS if p and p.rpartition(".")[0] == prefix}
    tables = {f.name for f in dataclasses.fields(cls) if f.metadata.get("table")}
    if cls is Settings:
        children |= {"overrides"}
    values: dict[str, Any] = {}
    for name, value in data.items():
        dotted = f"{prefix}.{name}" if prefix else name
        if name in fields:
            values[name] = _value(fields[name], dotted, value, path, text)
        elif name in children or name in tables:
            if name == "overrides":
                continue
            if not isinstance(value, dict):
                raise invalid(path, text, dotted, value, f"a table: [{dotted}]")
            if name in tables:
                values[name] = dict(value)
        else:
            known = ", ".join(sorted({*fields, *children, *tables}))
            raise error(path, text, name, f"unknown key {dotted!r}", f"known keys here: {known}")
    return cls(**values)


def _value(f: dataclasses.Field, dotted: str, value: Any, path: Path | None,
           text: str | None) -> Any:  # fmt: skip
    meta = f.metadata
    ok = _ACCEPTS[meta["kind"]](value)
    if ok and meta["choices"]:
        ok = str(value).lower() in meta["choices"]
    if ok and meta["minimum"] is not None:
        ok = value >= meta["minimum"]
    if not ok:
        raise invalid(path, text, dotted, value, meta["expect"])
    value = _normalise(meta["kind"], value)
    return value.lower() if meta["choices"] else value


def load(data: Mapping[str, Any], path: Path | None = None, text: str | None = None) -> Settings:
    """Validate a configuration table (the file's, or code's) and return it typed."""
    top = _section(Settings, data, "", path, text)
    checks_data = data.get("checks", {})
    checks = _section(ChecksConfig, checks_data, "checks", path, text)
    render = _section(RenderConfig, data.get("render", {}), "render", path, text)
    languages = {
        code: _section(LanguageConfig, checks_data[code], f"checks.{code}", path, text)
        for code in LANGUAGE_SECTIONS
        if code in checks_data
    }
    overrides = _overrides(data.get("overrides", []), path, text)
    return dataclasses.replace(
        top, checks=checks, render=render, languages=languages, overrides=overrides
    )


def _overrides(value: Any, path: Path | None, text: str | None) -> tuple[Override, ...]:
    """``[[overrides]]``: each a glob plus any top-level, [checks] or [render] keys."""
    if not isinstance(value, list):
        raise invalid(path, text, "overrides", value, "a list of [[overrides]] tables")
    out = []
    for body in value:
        if not isinstance(body, dict):
            raise ConfigError(path, "each [[overrides]] entry must be a table", "see README")
        pattern = body.get("glob") or body.get("path")
        if not pattern:
            raise ConfigError(
                path, "an [[overrides]] entry has no glob", 'add glob = "sources/x-*"'
            )
        rest = {k: v for k, v in body.items() if k not in ("glob", "path")}
        if "overrides" in rest:
            raise ConfigError(path, "[[overrides]] cannot nest", "flatten them")
        load(rest, path, text)  # the same checks as the file's own keys
        out.append(Override(str(pattern), rest))
    return tuple(out)


# --- checks that need the checks layer's facts -------------------------------------------


class RuleFacts(Protocol):
    """What the rule-options validator reads from a registry entry (``checks.registry.Rule``)."""

    @property
    def code(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def options(self) -> dict[str, Any]: ...

    @property
    def family(self) -> str: ...


@dataclass(frozen=True)
class CheckFacts:
    """The checks layer's facts the configuration is validated against."""

    rules: Sequence[RuleFacts]
    unknown_selectors: Callable[[Iterable[str]], list[str]]
    selector_hint: str
    grade_formulas: tuple[str, ...]  # for [checks] formula (English)
    language_formulas: Mapping[str, tuple[str, ...]]  # for [checks.<lang>] formula


_KIND = {bool: "true or false", int: "a number", float: "a number", list: "a list",
         tuple: "a list", str: "text in quotes"}  # fmt: skip


def validate_checks(config: Any, facts: CheckFacts) -> dict[str, dict[str, Any]]:
    """Check the keys whose valid values the checks layer knows: formulas, select/ignore, and
    every ``[checks.rules.X]`` table against the registry's declared options and their types.
    Returns the rule tables normalised (``"off"`` → ``{"severity": "off"}``, a bool →
    ``{"enabled": …}``), with options typed."""
    s: Settings = config.typed
    path, text = config.path, config.text
    if s.checks.formula not in facts.grade_formulas:
        raise error(path, text, "checks.formula",
                    f"checks.formula {s.checks.formula!r} is not a grade formula",
                    "use one of " + ", ".join(facts.grade_formulas))  # fmt: skip
    for code, section in s.languages.items():
        allowed = facts.language_formulas.get(code, ())
        if section.formula is not None and section.formula not in allowed:
            raise error(path, text, f"checks.{code}.formula",
                        f"checks.{code}.formula {section.formula!r} is not a grade formula "
                        f"for {code}", "use one of " + ", ".join(allowed))  # fmt: skip
    for name in ("select", "ignore"):
        unknown = facts.unknown_selectors(getattr(s.checks, name))
        if unknown:
            raise error(path, text, f"checks.{name}",
                        f"checks.{name} entry {unknown[0]!r} matches no rule", facts.selector_hint)  # fmt: skip
    tables: dict[str, dict[str, Any]] = {}
    for selector, value in s.checks.rules.items():
        if facts.unknown_selectors([selector]):
            raise error(path, text, selector, f"checks.rules.{selector} names no rule",
                        facts.selector_hint)  # fmt: skip
        if not isinstance(value, dict):
            value = {"severity": value} if isinstance(value, str) else {"enabled": bool(value)}
        sev = value.get("severity")
        if sev is not None and sev not in SEVERITY_SETTINGS:
            raise error(path, text, "severity", f"checks.rules.{selector}.severity {sev!r} is not valid",
                        "use error, warning, suggestion or off")  # fmt: skip
        matched = [r for r in facts.rules if selector in (r.family, r.code, r.name)]
        for rule in matched:
            for option, given in value.items():
                if option in ("enabled", "severity"):
                    continue
                _rule_option(path, text, rule, option, given)
        tables[selector] = dict(value)
    return tables


def _rule_option(path: Path | None, text: str | None, rule: RuleFacts, option: str,
                 given: Any) -> None:  # fmt: skip
    """A rule option from the configuration, checked against its declared default's type."""
    if option not in rule.options:
        raise error(path, text, option, f"checks.rules.{rule.code}: unknown option {option!r}",
                    "options: " + (", ".join(sorted(rule.options)) or "none"))  # fmt: skip
    default = rule.options[option]
    if isinstance(default, bool):
        ok = isinstance(given, bool)
    elif isinstance(default, int | float):
        ok = _number(given)
    elif isinstance(default, list | tuple):
        ok = isinstance(given, list)
    elif isinstance(default, str):
        ok = isinstance(given, str)
    else:
        ok = True
    if not ok:
        expect = _KIND.get(type(default), "a value like the default")
        raise error(path, text, option, f"checks.rules.{rule.code}.{option} = {given!r} is not valid",
                    f"use {expect}; the default is {default!r}")  # fmt: skip
