"""Issue 6: entity-expansion attacks (billion laughs) in HTML or SVG are refused without memory blow-up."""

from __future__ import annotations

import subprocess
import sys

import pytest

LAUGHS = ['<!ENTITY lol "lol">']
for _i in range(1, 10):
    LAUGHS.append(f'<!ENTITY lol{_i} "' + f"&lol{_i - 1 if _i > 1 else ''};" * 10 + '">')
DTD = "\n".join(LAUGHS).replace("&lol0;", "&lol;")
SVG = (
    f'<?xml version="1.0"?>\n<!DOCTYPE svg [\n{DTD}\n]>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
    '<text x="0" y="20">&lol9;</text></svg>\n'
)
HTML = (
    f"<!DOCTYPE html [\n{DTD}\n]>\n"
    '<html lang="en"><head><title>Entity page</title></head><body><article>'
    "<h1>Entity page</h1><p>Entity: &lol9; end of the entity.</p>"
    "<p>This page has enough words in a paragraph to count as the main content of the page.</p>"
    "{figure}</article></body></html>"
)
LIMIT_KB = 600 * 1024  # a billion "lol"s would need gigabytes


# A fresh parent for each run: RUSAGE_CHILDREN of pytest itself would report the largest
# child any earlier test started (a corpus build, say), not this one.
_MEASURE = (
    "import resource, subprocess, sys; "
    "r = subprocess.run(sys.argv[1:]); "
    "sys.stderr.write(f'\\nmaxrss_kb={resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}'); "
    "sys.exit(r.returncode)"
)


def _run(*args: str) -> tuple[subprocess.CompletedProcess, int]:
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, sys.executable, "-m", "plainprint", *args],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    stderr, _, peak = result.stderr.rpartition("\nmaxrss_kb=")
    result.stderr = stderr
    return result, int(peak)


def test_html_entity_bomb_is_not_expanded(tmp_path):
    page = tmp_path / "bomb.html"
    page.write_text(HTML.format(figure=""), encoding="utf-8")
    result, peak_kb = _run("ingest", "--to", "text", str(page))
    assert result.returncode == 0, result.stderr
    assert "lollollol" not in result.stdout
    assert "end of the entity" in result.stdout
    assert peak_kb < LIMIT_KB


@pytest.mark.parametrize("target", ["--pdf", "--html"])
def test_svg_entity_bomb_is_refused_with_a_clear_error(tmp_path, target):
    (tmp_path / "bomb.svg").write_text(SVG, encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(
        HTML.format(
            figure='<figure><img src="bomb.svg" alt="A chart"><figcaption>Chart</figcaption></figure>'
        ),
        encoding="utf-8",
    )
    out = tmp_path / ("out.pdf" if target == "--pdf" else "out.html")
    result, peak_kb = _run("render", str(page), target, str(out))
    assert peak_kb < LIMIT_KB
    assert "Traceback" not in result.stderr
    if result.returncode == 0:
        # Rendered: the bomb was not expanded into the output.
        assert b"lollollol" not in out.read_bytes()
    else:
        assert result.returncode == 2
        assert "page.html" in result.stderr and "bomb.svg" in result.stderr
        assert not out.exists()
