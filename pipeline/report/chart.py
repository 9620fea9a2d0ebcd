"""The grade chart on the index: an SVG made at build time, readable without script."""

from __future__ import annotations

from html import escape

ROW = 28
LABEL_W = 260
PLOT_W = 420
PAD = 16


def grade_chart(rows: list[dict], target: float | None, max_grade: float = 18.0) -> str:
    """Horizontal bars, one per document, with the target grade as a dashed line.

    ``rows``: dicts with ``title``, ``grade`` (float or None) and ``passed``.
    Colour is never the only signal: each bar carries its grade as text and a pass/fail word.
    """
    graded = [r for r in rows if isinstance(r.get("grade"), int | float)]
    top = max([max_grade, *(r["grade"] for r in graded)], default=max_grade)
    height = PAD * 2 + ROW * max(1, len(graded)) + 24
    width = LABEL_W + PLOT_W + 120

    def x(grade: float) -> float:
        return LABEL_W + PLOT_W * max(0.0, min(grade, top)) / top

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="chart-title chart-desc" class="grade-chart">',
        '<title id="chart-title">Reading grade of each handout against the target</title>',
        f'<desc id="chart-desc">{len(graded)} handouts; target grade '
        f"{escape(f'{target:g}') if target is not None else 'not set'}. "
        "Bars longer than the dashed line are above the target. The table below has the same data."
        "</desc>",
    ]
    for i, row in enumerate(graded):
        y = PAD + i * ROW
        grade = float(row["grade"])
        label = str(row.get("title") or row.get("name") or "")
        if len(label) > 34:
            label = label[:33] + "…"
        ok = row.get("passed")
        cls = "bar-pass" if ok else "bar-fail"
        word = "pass" if ok else "fail"
        parts.append(
            f'<text x="{LABEL_W - 8}" y="{y + ROW * 0.65:.1f}" text-anchor="end" class="chart-label">'
            f"{escape(label)}</text>"
        )
        parts.append(
            f'<rect x="{LABEL_W}" y="{y + 4}" width="{x(grade) - LABEL_W:.1f}" height="{ROW - 8}" '
            f'class="{cls}"/>'
        )
        parts.append(
            f'<text x="{x(grade) + 6:.1f}" y="{y + ROW * 0.65:.1f}" class="chart-value">'
            f"{grade:.1f} ({word})</text>"
        )
    if target is not None:
        tx = x(float(target))
        parts.append(
            f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{PAD - 6}" y2="{height - 20}" class="target-line"/>'
        )
        parts.append(
            f'<text x="{tx:.1f}" y="{height - 6}" text-anchor="middle" class="chart-label">'
            f"target {float(target):g}</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)
