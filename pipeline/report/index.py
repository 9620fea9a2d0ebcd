"""``output/index.html``: one row per source, sortable without a server or script.

Sorting uses pre-sorted copies of the table shown with CSS ``:target``, so the page
needs no script (every HTML output is sanitised and script-free).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from plainprint.pipeline.atomic import write_text
from plainprint.pipeline.config import Config
from plainprint.pipeline.layout import errors_for
from plainprint.pipeline.report.chart import grade_chart
from plainprint.pipeline.report.templating import env, stylesheet

SEVERITIES = ("error", "warning", "suggestion")


def collect_rows(out: Path, names: set[str] | None = None) -> list[dict]:
    """One row per source that has a report or an error in ``out`` (only ``names`` if given)."""
    only, names = names, set()
    reports = out / "reports"
    if reports.is_dir():
        names |= {p.stem for p in reports.glob("*.json")}
    errors = out / "errors"
    if errors.is_dir():  # <name>.<stage>.txt; a name may itself contain dots
        names |= {p.name.rsplit(".", 2)[0] for p in errors.glob("*.*.txt")}
    if only is not None:
        names &= only
    rows = []
    for name in sorted(names):
        row: dict = {
            "name": name,
            "title": name,
            "grade": None,
            "target": None,
            "passed": None,
            "counts": dict.fromkeys(SEVERITIES, 0),
            "error": None,
            "links": {},
        }
        err = errors_for(out, name)
        if err:
            row["error"] = err[0]
        report_path = reports / f"{name}.json"
        if report_path.exists():
            try:
                report = json.loads(report_path.read_text(encoding="utf-8"))
            except ValueError:
                report = {}
            row["title"] = report.get("title") or name
            row["grade"] = report.get("grade")
            row["target"] = report.get("target")
            row["passed"] = report.get("passed")
            for f in report.get("findings", []):
                if f.get("severity") in row["counts"]:
                    row["counts"][f["severity"]] += 1
        for kind, rel in (
            ("PDF", f"pdf/{name}.pdf"),
            ("Print PDF", f"print/{name}.pdf"),
            ("HTML", f"html/{name}.html"),
            ("Report", f"reports/{name}.html"),
        ):
            if (out / rel).exists():
                row["links"][kind] = rel
        rows.append(row)
    return rows


def _sort_key(by: str):
    def key(row):
        if by == "grade":
            return (row["grade"] is None, -(row["grade"] or 0), row["name"])
        if by == "findings":
            c = row["counts"]
            return (-c["error"], -c["warning"], -c["suggestion"], row["name"])
        return (row["title"].lower(), row["name"])

    return key


def render_index(rows: list[dict], target: float | None) -> str:
    views = [
        ("by-grade", "hardest first", sorted(rows, key=_sort_key("grade"))),
        ("by-findings", "most problems first", sorted(rows, key=_sort_key("findings"))),
        ("by-title", "title A–Z", sorted(rows, key=_sort_key("title"))),
    ]
    template = env().get_template("index/template.html.j2")
    css = stylesheet("index")
    failing = sum(1 for r in rows if r["passed"] is False)
    not_built = sum(1 for r in rows if r["error"])
    return template.render(
        rows=rows,
        views=views,
        target=target,
        css=css,
        chart=grade_chart(rows, target),
        failing=failing,
        not_built=not_built,
        severities=SEVERITIES,
    )


def write_index(out: Path, config: Config, names: set[str] | None = None) -> Path:
    """Write ``out/index.html``; ``names`` limits it to the current sources, so a deleted
    source's old outputs do not linger in the index."""
    rows = collect_rows(out, names)
    targets = {r["target"] for r in rows if r["target"] is not None}
    target = (
        targets.pop()
        if len(targets) == 1
        else config.get("checks.target_grade", config.get("target_grade", 8))
    )
    if isinstance(target, bool) or not isinstance(target, int | float):
        target = None  # only a number can be drawn as the target line
    html = render_index(rows, target)
    path = out / "index.html"
    write_text(path, html)
    os.utime(path)
    return path
