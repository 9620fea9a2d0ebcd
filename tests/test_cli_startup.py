"""Start-up cost of the command line: what ``plainprint --help`` and a command's parser import.

Speed is measured by ``bench/library.py``, never here; these tests pin the cause instead: the
heavy modules (WeasyPrint, the checks and their word table, the Document model, Jinja2, the
process pool) are imported only by the command that uses them, in its ``run``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sources" / "ili-ilp-melanoma.txt"
HEAVY = (
    "weasyprint",
    "jinja2",
    "plainprint.checks",
    "plainprint.checks.analysis.lexicon",
    "plainprint.pipeline.document",
    "plainprint.pipeline.ingest",
    "plainprint.pipeline.render",
    "plainprint.pipeline.build",
    "plainprint.pipeline.manifest",
    "concurrent.futures.process",
    "dateutil.parser",
    "charset_normalizer",
    "logging",
)


def imported_after(code: str) -> set[str]:
    """The modules a fresh interpreter has imported after running ``code``."""
    probe = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def test_help_parser_imports_no_heavy_module():
    modules = imported_after("from plainprint.pipeline.cli import build_parser\nbuild_parser()")
    assert not [m for m in HEAVY if m in modules]
    assert "plainprint.pipeline.commands.build" in modules  # every command's parser was built


@pytest.mark.parametrize("command", ["build", "check", "render", "ingest", "index", "rules"])
def test_command_help_imports_no_heavy_module(command):
    code = (
        "from plainprint.pipeline.cli import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    try: main([{command!r}, '--help'])\n"
        "    except SystemExit: pass"
    )
    modules = imported_after(code)
    assert not [m for m in HEAVY if m in modules]


def test_check_does_not_import_the_renderer_or_the_pool():
    code = (
        "from plainprint.pipeline.cli import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['check', {str(SEED)!r}])"
    )
    modules = imported_after(code)
    assert "plainprint.checks.analysis.lexicon" in modules  # it did run the checks
    assert not [m for m in ("weasyprint", "plainprint.pipeline.render.pdf", "concurrent.futures.process",
                            "charset_normalizer") if m in modules]  # fmt: skip


def test_the_build_command_offers_the_build_stages():
    from plainprint.pipeline import build
    from plainprint.pipeline.commands import build as command

    assert command.STAGES == build.STAGES
