"""`plainprint serve` (issue 15): safe by default, and a saved source shows in the open page."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from plainprint.pipeline.config import Config
from plainprint.pipeline.serve import LiveServer, Session, live_page
from tests.conftest import ROOT

HARD = (
    "Influenza and you\n\nInfluenza is a contagious respiratory illness precipitated by "
    "influenza viruses that infect the nasal passages, pharyngeal tissue and, occasionally, "
    "the pulmonary parenchyma, necessitating considerable physiological recuperation.\n"
)
PLAIN = (
    "Flu and you\n\nFlu is a common illness. Rest at home. Drink water. Call us if you are worse.\n"
)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A built library served in this process (no watcher), on a free port."""
    root = tmp_path_factory.mktemp("library")
    (root / "sources").mkdir()
    (root / "sources" / "flu.txt").write_text(HARD, encoding="utf-8")
    session = Session([root / "sources"], root / "output", Config())
    session.start()
    server = LiveServer("127.0.0.1", 0, session)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    yield server
    session.stopping.set()
    server.shutdown()
    server.server_close()


def _get(server, path: str, host: str | None = None, method: str = "GET"):
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    conn.putrequest(method, path, skip_host=True)
    conn.putheader("Host", f"127.0.0.1:{server.server_address[1]}" if host is None else host)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def test_binds_loopback_by_default(served):
    assert served.server_address[0] == "127.0.0.1"


@pytest.mark.parametrize("host", ["evil.example:80", "attacker.test", "", "127.0.0.1:1"])
def test_a_foreign_host_header_is_refused(served, host):
    status, _ = _get(served, "/", host=host)
    assert status == 421


def test_localhost_names_are_accepted(served):
    port = served.server_address[1]
    for host in (f"localhost:{port}", f"127.0.0.1:{port}"):
        assert _get(served, "/", host=host)[0] == 200


@pytest.mark.parametrize(
    "path",
    ["/pdf/", "/reports", "/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/.manifest.json",
     "/documents/missing.json"],
)  # fmt: skip
def test_only_files_under_output_are_served(served, path):
    assert _get(served, path)[0] == 404


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_no_write_methods(served, method):
    assert _get(served, "/index.html", method=method)[0] == 405


def test_pages_get_the_reload_script_and_files_on_disk_do_not(served):
    status, body = _get(served, "/reports/flu.html")
    assert status == 200
    page = body.decode()
    assert '<script src="/_plainprint/reload.js"' in page
    assert "script-src 'self'; connect-src 'self'" in page
    assert 'class="session"' in page and "Grade when you started" in page
    on_disk = (served.session.out / "reports" / "flu.html").read_text(encoding="utf-8")
    assert "<script" not in on_disk
    assert _get(served, "/pdf/flu.pdf")[1].startswith(b"%PDF")


def test_live_page_keeps_everything_else_in_the_csp():
    page = (
        '<html><head><meta http-equiv="Content-Security-Policy" content="default-src '
        "'none'\"></head><body><main>x</main></body></html>"
    )
    out = live_page(page, 3, "<p>panel</p>")
    assert "default-src 'none'; script-src 'self'; connect-src 'self'" in out
    assert "<main><p>panel</p>x</main>" in out
    assert out.endswith(
        '<script src="/_plainprint/reload.js" data-version="3"></script></body></html>'
    )


def test_the_event_stream_names_what_changed(served):
    session = served.session
    start = session.version
    session.announce({"flu"})
    conn = http.client.HTTPConnection("127.0.0.1", served.server_address[1], timeout=10)
    conn.request("GET", f"/_plainprint/events?since={start}")
    response = conn.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream"
    line = response.fp.readline().decode()
    conn.close()
    assert line.startswith("data: ") and '"names": ["flu"]' in line


def _start_server(root: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "plainprint", "serve", "--port", "0"],
        cwd=root, stderr=subprocess.PIPE, text=True, start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if match := re.search(r"at (http://\S+) ", line):
            return proc, match.group(1)
        assert proc.poll() is None, "serve exited before serving"
    raise AssertionError("serve did not start")


@pytest.mark.browser
@pytest.mark.slow
def test_an_edit_on_disk_shows_in_the_open_report(browser, tmp_path):
    from tests.browser import axe_violations

    (tmp_path / "sources").mkdir()
    source = tmp_path / "sources" / "flu.txt"
    source.write_text(HARD, encoding="utf-8")
    proc, url = _start_server(tmp_path)
    try:
        page = url + "reports/flu.html"
        assert axe_violations(browser, page) == []  # the reload script present
        grade = 'document.querySelector("[data-grade-now]").dataset.gradeNow'
        before = browser.evaluate(grade)
        report = tmp_path / "output" / "reports" / "flu.json"
        stamp = report.stat().st_mtime_ns
        source.write_text(PLAIN, encoding="utf-8")
        deadline = time.monotonic() + 60
        while report.stat().st_mtime_ns == stamp:
            assert time.monotonic() < deadline, "the report was not rebuilt"
            time.sleep(0.05)
        rebuilt = time.monotonic()
        now = before
        while now == before and time.monotonic() - rebuilt < 10:
            time.sleep(0.1)
            try:
                now = browser.evaluate(grade)
            except RuntimeError:  # mid-reload
                continue
        shown = time.monotonic() - rebuilt
        assert now != before, "the open page never showed the new grade"
        assert float(now) < float(before)
        assert shown < 2.0, f"the page showed the new grade {shown:.2f} s after the rebuild"
        assert "Grade when you started" in browser.evaluate("document.body.innerText")
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=20)
    assert proc.returncode == 130
