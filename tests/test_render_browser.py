"""The HTML handout in headless Chromium: axe-core WCAG 2.2 A/AA, reflow at 320 px, text spacing.

Chromium is driven over the DevTools protocol (the `websockets` package); Debian's
/usr/bin/chromium is launched directly, never downloaded. Without Chromium the tests skip
with a reason, except in CI, where they fail.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from pipeline.config import Config
from pipeline.document import Figure, Table, Text
from pipeline.document.build import doc, h, p, refs, ul
from pipeline.render import render_html

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "tests" / "vendor" / "axe.min.js"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium") or ""):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


class Browser:
    """A minimal DevTools-protocol client: one page, commands and events."""

    def __init__(self, executable: str) -> None:
        from websockets.sync.client import connect

        self.profile = tempfile.mkdtemp(prefix="plainprint-chromium-")
        self.proc = subprocess.Popen(
            [
                executable,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-extensions",
                "--disable-sync",
                "--no-first-run",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.is_file() and len(port_file.read_text().splitlines()) >= 2):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.05)
        port, path = port_file.read_text().splitlines()[:2]
        self._conn = connect(f"ws://127.0.0.1:{port}{path}", max_size=None, open_timeout=20)
        self.ws = self._conn.__enter__()
        self.ids = itertools.count(1)
        self.events: list[dict] = []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]

    def send(self, method: str, session: bool = False, **params) -> dict:
        msg_id = next(self.ids)
        msg = {"id": msg_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        self.ws.send(json.dumps(msg))
        while True:
            reply = json.loads(self.ws.recv(timeout=60))
            if reply.get("id") == msg_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def page(self, method: str, **params) -> dict:
        return self.send(method, session=True, **params)

    def wait_event(self, name: str, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            for i, ev in enumerate(self.events):
                if ev.get("method") == name:
                    return self.events.pop(i)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(name)
            self.events.append(json.loads(self.ws.recv(timeout=remaining)))

    def evaluate(self, expression: str, await_promise: bool = False):
        result = self.page(
            "Runtime.evaluate",
            expression=expression,
            awaitPromise=await_promise,
            returnByValue=True,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(json.dumps(result["exceptionDetails"])[:500])
        return result["result"].get("value")

    def open(self, url: str, width: int = 1280, height: int = 900) -> None:
        self.viewport(width, height)
        self.events.clear()
        self.page("Page.enable")
        self.page("Network.enable")
        self.page("Page.navigate", url=url)
        self.wait_event("Page.loadEventFired")

    def viewport(self, width: int, height: int) -> None:
        self.page(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def close(self) -> None:
        try:
            if getattr(self, "_conn", None):
                self._conn.__exit__(None, None, None)
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    exe = _chromium()
    if exe is None:
        if IN_CI:
            pytest.fail("chromium is missing in CI; .ci/run installs it (apt-get install chromium)")
        pytest.skip("needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    b = Browser(exe)
    yield b
    b.close()


def _rich_doc(tmp_path: Path):
    """A handout exercising every block type, glossary terms and key points."""
    (tmp_path / "pic.png").write_bytes(_PNG)
    d = doc(
        h(1, "Treatment for metastatic melanoma"),
        p("Some melanoma is metastatic. Ask your care team before you start."),
        h(2, "What happens"),
        ul("You rest first.", "The team checks your blood."),
        Table(
            header=((tuple([Text("Step")]), tuple([Text("How long")])),),
            rows=((tuple([Text("Infusion")]), tuple([Text("30 minutes")])),),
            caption=(Text("Steps of the treatment"),),
        ),
        Figure(src="pic.png", alt="A nurse checks a drip", caption=(Text("The drip"),)),
        Figure(src="pic.png", alt=""),
        h(2, "References"),
        refs("Example source. https://example.org/a-very-long-path/that/keeps/going/on/and/on"),
        title="Treatment for metastatic melanoma",
        key_points=("Melanoma can spread.", "Treatment can help."),
    )
    return d


_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082"
)


def _handouts(seed_doc, tmp_path):
    rich = _rich_doc(tmp_path)
    out = []
    for name, d, base in (("seed", seed_doc, ROOT / "sources"), ("rich", rich, tmp_path)):
        path = tmp_path / f"{name}.html"
        path.write_text(render_html(d, Config(), base_dir=base), encoding="utf-8")
        out.append((name, path))
    return out


def test_axe_wcag22_aa_zero_violations_and_no_requests(browser, seed_doc, tmp_path):
    axe = AXE.read_text(encoding="utf-8")
    for name, path in _handouts(seed_doc, tmp_path):
        browser.open(path.as_uri())
        requests = [
            e["params"]["request"]["url"]
            for e in browser.events
            if e.get("method") == "Network.requestWillBeSent"
            and not e["params"]["request"]["url"].startswith("data:")
        ]
        assert requests == [path.as_uri()], f"{name}: unexpected requests {requests}"
        browser.evaluate(axe)
        result = browser.evaluate(
            f"axe.run(document, {{runOnly: {{type: 'tag', values: {json.dumps(TAGS)}}}}})"
            ".then(r => ({violations: r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.html)})),"
            " passes: r.passes.length}))",
            await_promise=True,
        )
        assert result["violations"] == [], f"{name}: {result['violations']}"
        assert result["passes"] >= 10  # axe really ran its rules
        assert browser.evaluate("document.querySelectorAll('h1').length") == 1
        assert browser.evaluate("document.querySelectorAll('script').length") == 0
        size = browser.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert size >= 18


def test_reflow_at_320_px_and_text_spacing(browser, seed_doc, tmp_path):
    spacing = (
        "var s=document.createElement('style');s.textContent='*{line-height:1.5!important;"
        "letter-spacing:0.12em!important;word-spacing:0.16em!important}"
        "p{margin-bottom:2em!important}';document.head.appendChild(s);"
    )
    clipped = (
        "Array.from(document.querySelectorAll('body *')).filter(e => {"
        "const s = getComputedStyle(e); return (s.overflow === 'hidden' || s.overflowY === 'hidden')"
        " && (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1);}).length"
    )
    for name, path in _handouts(seed_doc, tmp_path):
        browser.open(path.as_uri(), width=320, height=256)
        width = browser.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{name}: page is {width}px wide at a 320px viewport"
        browser.evaluate(spacing)
        assert browser.evaluate("document.documentElement.scrollWidth") <= 320, name
        assert browser.evaluate(clipped) == 0, f"{name}: text clipped with text-spacing overrides"
        # Measure: about 70 characters at desktop width.
        browser.viewport(1280, 900)
        main_width = browser.evaluate(
            "document.querySelector('main').getBoundingClientRect().width"
        )
        char = browser.evaluate(
            "(() => {const s=document.createElement('span');s.textContent='abcdefghij'.repeat(7);"
            "document.querySelector('main p').appendChild(s);const w=s.getBoundingClientRect().width;"
            "s.remove();return w/70;})()"
        )
        assert 55 <= main_width / char <= 85, f"{name}: measure {main_width / char:.0f} characters"
