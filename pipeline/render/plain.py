"""Plain-language aids for the HTML handout: glossary terms at first use and wording swaps.

Medical terms are explained (``<dfn>`` plus the plain alternative in brackets, and a
"Words to know" list), never replaced. Swaps replace only non-medical wordiness
("utilize" → "use") from the project's list, and every swap made is recorded so the
check report can show it to the editor. Terms and swaps are found by the checks' one
phrase matcher (``checks.analysis.swaps.PhraseMatcher``), longest phrase first, so the
handout swaps exactly the phrases the wordy-phrase check reports.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from plainprint.checks.analysis.swaps import PhraseMatcher, match_case
from plainprint.pipeline.config import Config


@dataclass
class Aids:
    """Per-document state: which terms were explained, which swaps were made."""

    glossary: dict  # term -> GlossaryEntry
    swaps: dict[str, str]
    explained: list[str] = field(default_factory=list)
    swapped: list[tuple[str, str]] = field(default_factory=list)
    _matcher: PhraseMatcher[str] | None = None

    @classmethod
    def from_config(cls, config: Config, language: str = "en") -> Aids:
        """Aids in the document's language: English, or a language with a glossary of its
        own (Spanish: ``checks/analysis/data/glossary_es.tsv`` plus ``[checks.es] glossary``); other
        languages get none (English terms would be wrong there)."""
        from plainprint.checks.analysis.glossary import config_files, load_glossary
        from plainprint.checks.analysis.lang import base
        from plainprint.checks.analysis.lang import language as lang_facts
        from plainprint.checks.analysis.swaps import swap_rows

        code = base(language) or "en"
        facts = lang_facts(code)
        if facts is None:
            return cls(glossary={}, swaps={})
        if code == "en":
            entries = load_glossary(tuple(config_files(config, "checks.glossary")))
        else:
            files = tuple(config_files(config, f"checks.{code}.glossary"))
            entries = load_glossary(files, facts.glossary_file)
        glossary = {t: e for t, e in entries.items() if e.kind in ("medical", "acronym")}
        swaps: dict[str, str] = {}
        if code == "en" and config.get("render.swaps", True):
            medical = set(glossary)
            for phrase, replacement in swap_rows(tuple(config_files(config, "checks.swaps"))):
                if phrase not in medical:  # medical terms are explained, never replaced
                    swaps.setdefault(phrase, replacement.split(";")[0].strip())
        return cls(glossary=glossary, swaps=swaps)

    @property
    def matcher(self) -> PhraseMatcher[str]:
        """Glossary terms and swap phrases, longest first (the longer phrase wins a tie)."""
        if self._matcher is None:
            words = sorted(set(self.glossary) | set(self.swaps), key=len, reverse=True)
            self._matcher = PhraseMatcher((w, w) for w in words)
        return self._matcher

    def annotate(self, text: str) -> str:
        """Escaped HTML for ``text`` with swaps applied and first uses of terms explained."""
        out: list[str] = []
        pos = 0
        for m in self.matcher.finditer(text):
            found = m.group(0)
            key = re.sub(r"\s+", " ", found.lower())
            out.append(html.escape(text[pos : m.start()], quote=False))
            pos = m.end()
            if key in self.glossary:
                out.append(self._term(found, key, explained_here=_explained(text, m)))
            elif key in self.swaps:
                repl = match_case(found, self.swaps[key])
                self.swapped.append((found, repl))
                out.append(html.escape(repl, quote=False))
            else:  # pragma: no cover - pattern only holds known words
                out.append(html.escape(found, quote=False))
        out.append(html.escape(text[pos:], quote=False))
        return "".join(out)

    def _term(self, found: str, key: str, explained_here: bool = False) -> str:
        entry = self.glossary[key]
        if entry.kind == "acronym" and not found.isupper():
            return html.escape(found, quote=False)
        if key in self.explained:
            return html.escape(found, quote=False)
        self.explained.append(key)
        word = html.escape(found, quote=False)
        anchor = term_id(key)
        tag = "abbr" if entry.kind == "acronym" else "dfn"
        plain = entry.alternatives[0] if entry.alternatives else ""
        if explained_here:  # the source explains it already: no second explanation
            plain = ""
        tail = f' <span class="gloss">({html.escape(plain, quote=False)})</span>' if plain else ""
        return f'<{tag} id="{anchor}">{word}</{tag}>{tail}'

    def words_to_know(self) -> list[tuple[str, str]]:
        """(term, definition) for every explained term, in order of first use."""
        return [(t, self.glossary[t].definition) for t in self.explained]


def _explained(text: str, m: re.Match[str]) -> bool:
    """Whether the source explains the term where it stands ("X (…)", "X, which …",
    "X, the …"), so an added gloss would only repeat it."""
    from plainprint.checks.analysis.terms import defined_at

    start, end = m.span()
    return defined_at(text, start, end) or bool(re.match(r"\s*,\s*(?:the|a|an)\s", text[end:]))


def term_id(term: str) -> str:
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")
