"""The report for one document: a typed, versioned contract (schema ``plainprint-report/1``).

Checks write it once; the editor's report, the index, the build summary and ``plainprint
check --from-reports`` read it back with :meth:`Report.from_dict`, so nothing downstream
segments the text or counts findings again. ``to_dict`` and ``from_dict`` round-trip
losslessly; the JSON Schema is ``checks/data/report.schema.json``. The schema string changes
its number only when a field is removed or changes meaning (an added field keeps ``/1``
and reads as its default from older reports).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from plainprint.checks.finding import SEVERITIES, SEVERITY_RANK, Finding, Location, Suggestion

if TYPE_CHECKING:
    from plainprint.checks.analysis.text import Unit

SCHEMA = "plainprint-report/1"
DIFFICULTIES = ("ok", "hard", "very_hard")

Scores = dict[str, float | None]
UnitKey = tuple[str | None, int | None]  # (block id, list item index or None)


class ReportError(ValueError):
    """A report JSON that does not follow the contract; the message names the field."""


# -- reading helpers: each names the field that is wrong ---------------------------------


def _get(data: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise ReportError(f"{where}: missing {key!r}")
    return data[key]


def _int(value: Any, where: str, *, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ReportError(f"{where}: expected an integer, found {value!r}")
    return value


def _req_int(data: Mapping[str, Any], key: str, where: str) -> int:
    value = _int(_get(data, key, where), f"{where}.{key}")
    assert value is not None
    return value


def _num(value: Any, where: str, *, optional: bool = False) -> float | None:
    """A JSON number as written (an int stays an int, so bytes round-trip)."""
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ReportError(f"{where}: expected a number, found {value!r}")
    return value


def _str(value: Any, where: str, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ReportError(f"{where}: expected a string, found {value!r}")
    return value


def _req_str(data: Mapping[str, Any], key: str, where: str) -> str:
    value = _str(_get(data, key, where), f"{where}.{key}")
    assert value is not None
    return value


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ReportError(f"{where}: expected true or false, found {value!r}")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise ReportError(f"{where}: expected a list, found {type(value).__name__}")
    return value


def _obj(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ReportError(f"{where}: expected an object, found {type(value).__name__}")
    return value


def _scores(value: Any, where: str) -> Scores:
    return {str(k): _num(v, f"{where}.{k}", optional=True) for k, v in _obj(value, where).items()}


# -- typed views -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportCounts:
    """Whole-document counts the formulas were computed from (checks' own segmentation)."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0
    polysyllables: int = 0
    monosyllables: int = 0
    letters: int = 0
    complex_words: int = 0
    difficult_words: int = 0
    passive_sentences: int = 0
    vocabulary_load: float = 0.0
    active_share: float | None = None  # share of sentences not in the passive voice
    units: int = 0  # paragraphs and list items scored
    headings: int = 0
    references: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: Any, where: str = "counts") -> ReportCounts:
        obj = _obj(data, where)
        values: dict[str, Any] = {}
        for f in fields(cls):
            value = _get(obj, f.name, where)
            optional = f.name == "active_share"
            values[f.name] = (
                _num(value, f"{where}.{f.name}", optional=optional)
                if f.name in ("vocabulary_load", "active_share")
                else _int(value, f"{where}.{f.name}")
            )
        return cls(**values)


@dataclass(frozen=True, slots=True)
class SectionScore:
    """One heading's section: its sentences, words and every score."""

    heading: str
    block_id: str | None
    level: int | None
    sentences: int
    words: int
    scores: Scores

    def to_dict(self) -> dict[str, Any]:
        return {
            "heading": self.heading,
            "block_id": self.block_id,
            "level": self.level,
            "sentences": self.sentences,
            "words": self.words,
            "scores": dict(self.scores),
        }

    @classmethod
    def from_dict(cls, data: Any, where: str) -> SectionScore:
        obj = _obj(data, where)
        return cls(
            heading=_req_str(obj, "heading", where),
            block_id=_str(_get(obj, "block_id", where), f"{where}.block_id", optional=True),
            level=_int(_get(obj, "level", where), f"{where}.level", optional=True),
            sentences=_req_int(obj, "sentences", where),
            words=_req_int(obj, "words", where),
            scores=_scores(_get(obj, "scores", where), f"{where}.scores"),
        )


@dataclass(frozen=True, slots=True)
class UnitScore:
    """One paragraph or list item (a "unit" of prose) with its scores."""

    block_id: str
    item: int | None
    kind: str  # "paragraph" or "list_item"
    section: str
    line: int | None
    sentences: int
    words: int
    scores: Scores

    @property
    def key(self) -> UnitKey:
        return (self.block_id, self.item)

    def to_dict(self) -> dict[str, Any]:
        return {
            "block_id": self.block_id,
            "item": self.item,
            "kind": self.kind,
            "section": self.section,
            "line": self.line,
            "sentences": self.sentences,
            "words": self.words,
            "scores": dict(self.scores),
        }

    @classmethod
    def from_dict(cls, data: Any, where: str) -> UnitScore:
        obj = _obj(data, where)
        kind = _req_str(obj, "kind", where)
        if kind not in ("paragraph", "list_item"):
            raise ReportError(f"{where}.kind: {kind!r} is not paragraph or list_item")
        return cls(
            block_id=_req_str(obj, "block_id", where),
            item=_int(_get(obj, "item", where), f"{where}.item", optional=True),
            kind=kind,
            section=_req_str(obj, "section", where),
            line=_int(_get(obj, "line", where), f"{where}.line", optional=True),
            sentences=_req_int(obj, "sentences", where),
            words=_req_int(obj, "words", where),
            scores=_scores(_get(obj, "scores", where), f"{where}.scores"),
        )


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """One sentence as the checks segmented it: where it is and what makes it hard.

    ``start``/``end`` index ``plain_text`` of its block (or list item), citations excluded.
    """

    block_id: str
    item: int | None
    start: int
    end: int
    words: int
    grade: float  # Flesch-Kincaid grade of the sentence alone, floored at 0
    difficulty: str  # "ok", "hard" or "very_hard" (thresholds in checks.analysis.text)
    passive: bool

    @property
    def key(self) -> UnitKey:
        return (self.block_id, self.item)

    @property
    def hard(self) -> bool:
        return self.difficulty != "ok"

    def to_dict(self) -> dict[str, Any]:
        return {
            "block_id": self.block_id,
            "item": self.item,
            "start": self.start,
            "end": self.end,
            "words": self.words,
            "grade": self.grade,
            "difficulty": self.difficulty,
            "passive": self.passive,
        }

    @classmethod
    def from_dict(cls, data: Any, where: str) -> SentenceFacts:
        obj = _obj(data, where)
        difficulty = _req_str(obj, "difficulty", where)
        if difficulty not in DIFFICULTIES:
            raise ReportError(f"{where}.difficulty: {difficulty!r} is not one of {DIFFICULTIES}")
        grade = _num(_get(obj, "grade", where), f"{where}.grade")
        assert grade is not None
        return cls(
            block_id=_req_str(obj, "block_id", where),
            item=_int(_get(obj, "item", where), f"{where}.item", optional=True),
            start=_req_int(obj, "start", where),
            end=_req_int(obj, "end", where),
            words=_req_int(obj, "words", where),
            grade=grade,
            difficulty=difficulty,
            passive=_bool(obj.get("passive", False), f"{where}.passive"),
        )


@dataclass(frozen=True, slots=True)
class Polysyllable:
    """A word of three or more syllables (numbers excluded): what drives SMOG."""

    word: str  # as first written when an acronym, else lower case
    syllables: int
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"word": self.word, "syllables": self.syllables, "count": self.count}

    @classmethod
    def from_dict(cls, data: Any, where: str) -> Polysyllable:
        obj = _obj(data, where)
        return cls(
            _req_str(obj, "word", where),
            _req_int(obj, "syllables", where),
            _req_int(obj, "count", where),
        )


@dataclass(frozen=True, slots=True)
class Note:
    """Why some checks did not run (for example, no rules for the document's language)."""

    code: str
    message: str
    language: str | None = None
    detected: bool | None = None
    rules_not_run: tuple[str, ...] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code}
        if self.language is not None:
            out["language"] = self.language
        if self.detected is not None:
            out["detected"] = self.detected
        if self.rules_not_run is not None:
            out["rules_not_run"] = list(self.rules_not_run)
        out["message"] = self.message
        return out

    @classmethod
    def from_dict(cls, data: Any, where: str) -> Note:
        obj = _obj(data, where)
        unknown = set(obj) - {"code", "message", "language", "detected", "rules_not_run"}
        if unknown:
            raise ReportError(f"{where}: unknown field {sorted(unknown)[0]!r}")
        rules = obj.get("rules_not_run")
        return cls(
            code=_req_str(obj, "code", where),
            message=_req_str(obj, "message", where),
            language=_str(obj.get("language"), f"{where}.language", optional=True),
            detected=None if "detected" not in obj else _bool(obj["detected"], f"{where}.detected"),
            rules_not_run=None
            if rules is None
            else tuple(
                _str(r, f"{where}.rules_not_run") or "" for r in _list(rules, f"{where}.rules")
            ),
        )


@dataclass(frozen=True, slots=True)
class SeveritySummary:
    """How many findings (not suppressed) there are at each severity."""

    error: int = 0
    warning: int = 0
    suggestion: int = 0

    def __getitem__(self, severity: str) -> int:
        if severity not in SEVERITIES:
            raise KeyError(severity)
        value: int = getattr(self, severity)
        return value

    @property
    def total(self) -> int:
        return self.error + self.warning + self.suggestion

    def to_dict(self) -> dict[str, int]:
        return {"error": self.error, "warning": self.warning, "suggestion": self.suggestion}

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> SeveritySummary:
        counts = dict.fromkeys(SEVERITIES, 0)
        for f in findings:
            counts[f.severity] += 1
        return cls(**counts)

    @classmethod
    def from_dict(cls, data: Any, where: str = "summary") -> SeveritySummary:
        obj = _obj(data, where)
        return cls(**{s: _req_int(obj, s, where) for s in SEVERITIES})


@dataclass(frozen=True, slots=True)
class ReportHead:
    """The few fields a listing needs (index, build summary), read without the rest."""

    source: str
    title: str
    grade: float | None
    target: float
    passed: bool
    summary: SeveritySummary

    @classmethod
    def from_dict(cls, data: Any) -> ReportHead:
        obj = _obj(data, "report")
        _check_schema(obj)
        return cls(
            source=_req_str(obj, "source", "report"),
            title=_req_str(obj, "title", "report"),
            grade=_num(_get(obj, "grade", "report"), "report.grade", optional=True),
            target=_num(_get(obj, "target", "report"), "report.target") or 0,
            passed=_bool(_get(obj, "passed", "report"), "report.passed"),
            summary=SeveritySummary.from_dict(_get(obj, "summary", "report")),
        )


def _check_schema(obj: Mapping[str, Any]) -> None:
    schema = obj.get("schema")
    if schema != SCHEMA:
        raise ReportError(
            f"schema {schema!r} is not {SCHEMA!r}; rebuild the report with this plainprint"
        )


# -- findings ----------------------------------------------------------------------------


def finding_from_dict(data: Any, where: str, *, suppressed: bool = False) -> Finding:
    """A Finding from its JSON (``url`` is derived from the rule, so it is not read)."""
    obj = _obj(data, where)
    severity = _req_str(obj, "severity", where)
    if severity not in SEVERITIES:
        raise ReportError(f"{where}.severity: {severity!r} is not one of {SEVERITIES}")
    loc = _obj(_get(obj, "location", where), f"{where}.location")
    lw = f"{where}.location"
    location = Location(
        block_id=_str(loc.get("block_id"), f"{lw}.block_id", optional=True),
        section=_str(loc.get("section", ""), f"{lw}.section") or "",
        excerpt=_str(loc.get("excerpt", ""), f"{lw}.excerpt") or "",
        **{
            k: _int(loc.get(k), f"{lw}.{k}", optional=True)
            for k in ("start", "end", "line", "item", "column", "end_line", "end_column")
        },
        reference=_str(loc.get("reference"), f"{lw}.reference", optional=True),
    )
    sugg = obj.get("suggestion")
    suggestion = None
    if sugg is not None:
        s = _obj(sugg, f"{where}.suggestion")
        suggestion = Suggestion(
            _req_str(s, "title", f"{where}.suggestion"),
            _str(s.get("replacement"), f"{where}.suggestion.replacement", optional=True),
        )
    reason = _str(obj.get("reason"), f"{where}.reason", optional=True) if suppressed else None
    return Finding(
        rule=_req_str(obj, "rule", where),
        name=_req_str(obj, "name", where),
        severity=severity,
        message=_req_str(obj, "message", where),
        location=location,
        suggestion=suggestion,
        suppressed=reason,
    )


# -- the report --------------------------------------------------------------------------


@dataclass
class Report:
    source: str
    title: str
    language: str
    formula: str
    grade: float | None
    indicative: bool
    target: float
    fail_on: str
    scores: Scores
    counts: ReportCounts
    sections: list[SectionScore]
    paragraphs: list[UnitScore]
    sentences: list[SentenceFacts]
    findings: list[Finding]
    suppressed: list[Finding] = field(default_factory=list)
    today: str = ""
    language_detected: bool = False
    notes: list[Note] = field(default_factory=list)
    polysyllables: list[Polysyllable] = field(default_factory=list)

    def refresh(self) -> None:
        """Move findings marked as suppressed (inline or baseline) out of ``findings``."""
        self.suppressed += [f for f in self.findings if f.suppressed]
        self.findings = [f for f in self.findings if not f.suppressed]

    def failing(self, fail_on: str | None = None) -> list[Finding]:
        level = fail_on or self.fail_on
        if level == "never":
            return []
        rank = SEVERITY_RANK[level]
        return [f for f in self.findings if SEVERITY_RANK[f.severity] >= rank]

    @property
    def passed(self) -> bool:
        return not self.failing()

    @property
    def within_target(self) -> bool:
        return self.grade is not None and self.grade <= self.target

    def summary(self) -> SeveritySummary:
        return SeveritySummary.of(self.findings)

    def sentences_by_unit(self) -> dict[UnitKey, list[SentenceFacts]]:
        """Sentences grouped by (block id, item), in text order."""
        out: dict[UnitKey, list[SentenceFacts]] = {}
        for s in self.sentences:
            out.setdefault(s.key, []).append(s)
        return out

    def difficulty_counts(self) -> dict[str, int]:
        """How many sentences are ok, hard and very hard."""
        out = dict.fromkeys(DIFFICULTIES, 0)
        for s in self.sentences:
            out[s.difficulty] += 1
        return out

    def _bands(self) -> dict[str, Any]:
        if "inflesz" not in self.scores:
            return {}
        from plainprint.checks.analysis.lang.es.formulas import inflesz_band

        return {"bands": {"inflesz": inflesz_band(self.scores["inflesz"])}}

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "source": self.source,
            "title": self.title,
            "language": self.language,
            "language_detected": self.language_detected,
            "notes": [n.to_dict() for n in self.notes],
            "formula": self.formula,
            "grade": self.grade,
            "grade_indicative": self.indicative,
            "target": self.target,
            "grade_within_target": self.within_target,
            "fail_on": self.fail_on,
            "passed": self.passed,
            "build_date": self.today,
            "scores": dict(self.scores),
            **self._bands(),
            "counts": self.counts.to_dict(),
            "summary": self.summary().to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "sentences": [s.to_dict() for s in self.sentences],
            "polysyllables": [p.to_dict() for p in self.polysyllables],
            "findings": [f.to_dict() for f in self.findings],
            "suppressed": [{**f.to_dict(), "reason": f.suppressed} for f in self.suppressed],
        }

    @classmethod
    def from_dict(cls, data: Any) -> Report:
        """The report ``to_dict`` wrote (derived fields — passed, summary, bands — are
        recomputed, and must agree); raises ReportError naming the field that is wrong."""
        obj = _obj(data, "report")
        _check_schema(obj)
        w = "report"
        fail_on = _req_str(obj, "fail_on", w) if "fail_on" in obj else "error"
        if fail_on not in (*SEVERITIES, "never"):
            raise ReportError(f"report.fail_on: {fail_on!r} is not valid")
        target = _num(_get(obj, "target", w), "report.target")
        assert target is not None
        report = cls(
            source=_req_str(obj, "source", w),
            title=_req_str(obj, "title", w),
            language=_req_str(obj, "language", w),
            formula=_req_str(obj, "formula", w),
            grade=_num(_get(obj, "grade", w), "report.grade", optional=True),
            indicative=_bool(_get(obj, "grade_indicative", w), "report.grade_indicative"),
            target=target,
            fail_on=fail_on,
            scores=_scores(_get(obj, "scores", w), "report.scores"),
            counts=ReportCounts.from_dict(_get(obj, "counts", w)),
            sections=[
                SectionScore.from_dict(s, f"report.sections[{i}]")
                for i, s in enumerate(_list(_get(obj, "sections", w), "report.sections"))
            ],
            paragraphs=[
                UnitScore.from_dict(p, f"report.paragraphs[{i}]")
                for i, p in enumerate(_list(_get(obj, "paragraphs", w), "report.paragraphs"))
            ],
            sentences=[
                SentenceFacts.from_dict(s, f"report.sentences[{i}]")
                for i, s in enumerate(_list(_get(obj, "sentences", w), "report.sentences"))
            ],
            findings=[
                finding_from_dict(f, f"report.findings[{i}]")
                for i, f in enumerate(_list(_get(obj, "findings", w), "report.findings"))
            ],
            suppressed=[
                finding_from_dict(f, f"report.suppressed[{i}]", suppressed=True)
                for i, f in enumerate(_list(_get(obj, "suppressed", w), "report.suppressed"))
            ],
            today=_str(obj.get("build_date", ""), "report.build_date") or "",
            language_detected=_bool(obj.get("language_detected", False), "language_detected"),
            notes=[
                Note.from_dict(n, f"report.notes[{i}]")
                for i, n in enumerate(_list(obj.get("notes", []), "report.notes"))
            ],
            polysyllables=[
                Polysyllable.from_dict(p, f"report.polysyllables[{i}]")
                for i, p in enumerate(_list(obj.get("polysyllables", []), "report.polysyllables"))
            ],
        )
        if "summary" in obj and SeveritySummary.from_dict(obj["summary"]) != report.summary():
            raise ReportError("report.summary: does not match the findings; rebuild the report")
        return report


def polysyllables_of(units: Iterable[Unit]) -> list[Polysyllable]:
    """The polysyllabic words of segmented ``units`` (``checks.analysis.text.Unit``), most
    frequent first: computed once by the checks so the editor's report need not re-segment."""
    counts: dict[str, int] = {}
    syllables: dict[str, int] = {}
    shown: dict[str, str] = {}  # as first written, so acronyms stay upper case
    for unit in units:
        for sentence in unit.sentences:
            for w in sentence.words:
                if w.syllables >= 3 and not w.is_number:
                    counts[w.lower] = counts.get(w.lower, 0) + 1
                    syllables[w.lower] = w.syllables
                    shown.setdefault(w.lower, w.text if w.text.isupper() else w.lower)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [Polysyllable(shown[w], syllables[w], c) for w, c in ranked]
