"""plainprint fix: each rule's fix before → after, what is never touched, the command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plainprint.checks.registry import all_rules, rule
from plainprint.pipeline.config import Config
from plainprint.pipeline.export.markdown import to_markdown
from plainprint.pipeline.fix import fix_markdown, parse
from plainprint.pipeline.fix.facts import facts
from plainprint.pipeline.fix.guards import refusal
from plainprint.pipeline.fix.locate import phrase_pattern
from plainprint.pipeline.fix.spaces import doubled_spaces
from tests.conftest import SEED
from tests.strategies import documents

HEAD = "---\ntitle: Care\n---\n\n# {title}\n\n"


def fix(body: str, tmp_path: Path, *, unsafe: bool = False, title: str = "Skin care", **kw):
    path = tmp_path / "doc.md"
    text = HEAD.format(title=title) + body + "\n"
    path.write_text(text, encoding="utf-8")
    out = fix_markdown(text, path, Config(), unsafe=unsafe, **kw)
    assert out.after.startswith(HEAD.format(title=title))
    return out, out.after[len(HEAD.format(title=title)) : -1]


# ------------------------------------------------------------------ before → after

SAFE = [
    ("We utilize a pump prior to surgery.", "We use a pump before surgery."),
    ("Prior to surgery, rest.", "Before surgery, rest."),
    ("Rest  well.  Drink water.", "Rest well. Drink water."),
    ("We *utilize* a pump.", "We *use* a pump."),
    ("Take approximately 5 mg a day.", "Take about 5 mg a day."),
    # the link's text is prose; its target is never touched
    ("We [utilize it](https://example.org/utilize) now.", "We [use it](https://example.org/utilize) now."),
    # a line wrapped inside the phrase is still found
    ("We rest\nprior to surgery.", "We rest\nbefore surgery."),
    # list items: the k-th occurrence in the list is the k-th in its source lines
    ("- Rest first.\n- We utilize a pump.\n- We utilize a bag.", "- Rest first.\n- We use a pump.\n- We use a bag."),
]  # fmt: skip


@pytest.mark.parametrize(("before", "after"), SAFE)
def test_safe_fixes(tmp_path, before, after):
    out, body = fix(before, tmp_path)
    assert body == after
    assert out.applied and not out.unsafe_hidden


UNSAFE = [
    ("The cancer is metastatic.", "The cancer is spread to other parts of the body.", "Skin care"),
    (
        "Melanoma can spread. See a doctor about melanoma. Melanoma is common.",
        "Melanoma (a cancer that starts in the cells that give skin its colour) can spread. "
        "See a doctor about melanoma. Melanoma is common.",
        "Melanoma",
    ),
    (
        "ILI is quick. Later, isolated limb infusion (ILI) is given.",
        "Isolated limb infusion (ILI) is quick. Later, isolated limb infusion (ILI) is given.",
        "Skin care",
    ),
    (
        "Your doctor may suggest ILI. Ask about ILI (isolated limb infusion) today.",
        "Your doctor may suggest isolated limb infusion (ILI). Ask about ILI (isolated limb "
        "infusion) today.",
        "Skin care",
    ),
]


@pytest.mark.parametrize(("before", "after", "title"), UNSAFE)
def test_unsafe_fixes_only_with_the_flag(tmp_path, before, after, title):
    out, body = fix(before, tmp_path, title=title)
    assert body == before and out.unsafe_hidden
    out, body = fix(before, tmp_path, unsafe=True, title=title)
    assert body == after
    assert sum(out.applied.values()) == 1


UNTOUCHED = [
    # (source, rule skipped, reason fragment)
    ("She said “we utilize pumps” at home.", "PL012", "quotation"),
    ("> We utilize a pump.", "PL012", "quotation"),
    ("Type `utilize` to start.", "PL012", "not located"),
    ("Ask the American Academy of Dermatology.", "PL006", "name"),
    ("Ask your doctor about ILI today.", "PL008", "never spells out"),
    ("Your tumors can shrink.", "PL006", "inflected"),
    ("Ultraviolet (UV) light burns.", "PL006", "parentheses"),
]


@pytest.mark.parametrize(("before", "code", "reason"), UNTOUCHED)
def test_fixes_that_are_skipped_and_reported(tmp_path, before, code, reason):
    out, body = fix(before, tmp_path, unsafe=True)
    assert body == before
    assert any(reason in why for why in out.skipped[code]), out.skipped


def test_a_hard_line_break_keeps_its_two_trailing_spaces(tmp_path):
    out, body = fix("Rest well.  \nDrink  water.", tmp_path)
    assert body == "Rest well.  \nDrink water."
    assert out.applied == {"doubled-space": 1}


def test_overlapping_fixes_skip_one_and_report_it(tmp_path):
    out, body = fix("Rest prior  to surgery.", tmp_path)
    assert body == "Rest before surgery."
    assert out.applied["PL012"] == 1
    assert out.skipped["doubled-space"] == {"overlaps another fix": 1}


def test_select_and_ignore(tmp_path):
    text = "We utilize  a pump. The cancer is metastatic."
    _, body = fix(text, tmp_path, unsafe=True, select=["PL006"])
    assert body == "We utilize  a pump. The cancer is spread to other parts of the body."
    _, body = fix(text, tmp_path, unsafe=True, ignore=["PL006", "doubled-space"])
    assert body == "We use  a pump. The cancer is metastatic."


@pytest.mark.parametrize(
    ("text", "start", "end", "new", "why"),
    [
        ("Take 5 units daily.", 7, 12, "doses", "follows a number"),
        ("Use 2 tablets.", 6, 13, "pills", "follows a number"),
        ("Take the rest.", 5, 8, "3 things", "number"),
        ("Ask about metformin now.", 10, 19, "a pill", "drug name"),
        ("Ask about imatinib now.", 10, 18, "a pill", "drug name"),
        ("He said “utilize it” once.", 9, 16, "use", "quotation"),
        ("We utilize it.", 3, 10, "*use*", "Markdown"),
    ],
)
def test_guards_refuse(text, start, end, new, why):
    assert why in refusal(text, start, end, new)


def test_guards_accept_ordinary_words():
    assert refusal("We utilize it.", 3, 10, "use") is None
    assert refusal("ILI is quick.", 0, 3, "Isolated limb infusion (ILI)", acronym=True) is None


def test_doubled_spaces_leave_indentation_and_list_markers():
    from plainprint.pipeline.fix.locate import Region

    src = "1.  First  item\n    continued  here"
    edits = doubled_spaces(src, [Region(0, len(src))])
    assert [src[s:e] for s, e, _ in edits] == ["  ", "  "]
    assert [s for s, _e, _ in edits] == [src.index("First") + 5, src.index("continued") + 9]


def test_phrase_pattern_is_whole_words():
    assert not phrase_pattern("use").search("reuse it")
    assert phrase_pattern("prior to").search("prior\n  to")


# ---------------------------------------------------------------------- registry


def test_every_fixable_rule_has_a_fixer_and_a_clear_safety():
    fixable = {r.code: r.autofix for r in all_rules() if r.autofix}
    assert fixable == {"PL006": "unsafe", "PL007": "unsafe", "PL008": "unsafe", "PL012": "safe"}
    assert all(r.fixer is not None for r in all_rules() if r.autofix)


@pytest.mark.parametrize(("autofix", "fixer"), [("safe", None), ("maybe", len), (None, len)])
def test_registry_refuses_an_unclear_fix(autofix, fixer):
    with pytest.raises(ValueError, match="autofix"):
        rule(code="PL999", name="x", severity="warning", summary="", rationale="",
             flagged=(), clean=(), languages=("en",), autofix=autofix,
             fixer=fixer)(lambda ctx, opts: iter(()))  # fmt: skip


# ------------------------------------------------------------------ properties

FRAGMENTS = st.sampled_from(
    ["utilize", "prior to", "approximately", "metastatic", "chemotherapy", "ILI", "tumor",
     "isolated limb infusion (ILI)", "in order to", "melanoma", "we", "rest", "the", "  ",
     "5 mg", "2.5", "98%", "[^1]", "[2]", "[utilize](https://example.org/utilize)",
     "“utilize it”", "*prior to*", "1 in 5", "*", "_", "(", ")", ".", ","]
)  # fmt: skip


@st.composite
def fixable_markdown(draw) -> str:
    paragraphs = draw(
        st.lists(st.lists(FRAGMENTS, min_size=1, max_size=14), min_size=1, max_size=4)
    )
    body = "\n\n".join(" ".join(p).replace(" .", ".") + "." for p in paragraphs)
    return HEAD.format(title="Skin care") + body + "\n\n[^1]: A reference.\n"


def _same_facts(text: str, path: Path) -> None:
    try:
        before = parse(text, path)
    except Exception:  # noqa: BLE001 - an input ingest refuses has nothing to fix
        return
    out = fix_markdown(text, path, Config(), unsafe=True)
    assert facts(parse(out.after, path)) == facts(before)


@settings(
    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(text=fixable_markdown())
def test_fix_never_changes_a_number_citation_or_link(tmp_path, text):
    _same_facts(text, tmp_path / "doc.md")


@settings(
    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(doc=documents())
def test_fix_keeps_the_facts_of_any_generated_document(tmp_path, doc):
    _same_facts(to_markdown(doc), tmp_path / "doc.md")


# ---------------------------------------------------------------------- command


def plainprint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "plainprint", *args], cwd=cwd, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def seed_md(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("seed")
    out = plainprint("ingest", str(SEED), "--to", "markdown", cwd=folder)
    assert out.returncode == 0, out.stderr
    path = folder / "seed.md"
    path.write_text(out.stdout, encoding="utf-8")
    return path


def _grades(summary: str) -> tuple[float, float]:
    head = summary.split("grade ", 1)[1].split(" (", 1)[0]
    before, after = head.split(" → ")
    return float(before), float(after)


@pytest.mark.parametrize("unsafe", [False, True])
def test_seed_grade_falls_and_every_fact_stays(seed_md, tmp_path, unsafe):
    copy = tmp_path / "seed.md"
    copy.write_text(seed_md.read_text(encoding="utf-8"), encoding="utf-8")
    out = plainprint("fix", str(copy), *(["--unsafe"] if unsafe else []), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    before, after = _grades(out.stdout)
    assert after < before
    assert "PL012 wordy-phrase: applied" in out.stdout
    assert ("PL006 jargon-term: applied" in out.stdout) == unsafe
    assert facts(parse(copy.read_text(encoding="utf-8"), copy)) == facts(
        parse(seed_md.read_text(encoding="utf-8"), copy)
    )


def test_diff_writes_nothing(seed_md, tmp_path):
    copy = tmp_path / "seed.md"
    original = seed_md.read_bytes()
    copy.write_bytes(original)
    out = plainprint("fix", "--diff", "--unsafe", str(copy), cwd=tmp_path)
    assert out.returncode == 1  # there are fixes to apply
    assert copy.read_bytes() == original
    assert out.stdout.startswith(f"--- {copy} (before)\n+++ {copy} (fixed)\n")
    assert "-A new treatment" in out.stdout and "+A new treatment" in out.stdout
    assert "grade" in out.stderr


def test_a_text_source_is_written_as_markdown_first(tmp_path):
    src = tmp_path / "care.txt"
    src.write_text("Care at home\n\nWe utilize a pump prior to surgery.\n", encoding="utf-8")
    out = plainprint("fix", str(src), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert f"wrote {tmp_path / 'care.md'}" in out.stderr
    md = (tmp_path / "care.md").read_text(encoding="utf-8")
    assert "We use a pump before surgery." in md
    assert src.read_text(encoding="utf-8").endswith("prior to surgery.\n")  # the source stays


def test_a_selector_that_matches_nothing_is_an_error(tmp_path):
    src = tmp_path / "a.md"
    src.write_text(HEAD.format(title="T") + "Rest.\n", encoding="utf-8")
    out = plainprint("fix", "--select", "XX9", str(src), cwd=tmp_path)
    assert out.returncode == 2 and "--select 'XX9' matches no rule" in out.stderr


def test_rules_lists_the_fix(tmp_path):
    out = plainprint("rules", cwd=tmp_path)
    line = next(x for x in out.stdout.splitlines() if x.startswith("PL012"))
    assert "fix: safe" in line
    assert "fix: unsafe" in next(x for x in out.stdout.splitlines() if x.startswith("PL006"))


def test_the_editors_report_marks_fixable_findings(seed_doc):
    import re

    from plainprint.checks import run_checks
    from plainprint.pipeline.report import render_report

    report = run_checks(seed_doc, Config()).to_dict()
    html = render_report(seed_doc, report)
    items = dict(re.findall(r'data-rule="(\w+)">(.*?)</li>', html, re.S))
    assert "fixable (safe): <code>plainprint fix</code>" in items["PL012"]
    assert "fixable (unsafe): <code>plainprint fix --unsafe</code>" in items["PL006"]
    assert "fixable" not in items["PL001"]
