"""Headless Chromium over the DevTools protocol, shared by the browser tests.

Debian's /usr/bin/chromium is launched directly, never downloaded. Without Chromium the
``browser`` fixture (tests/conftest.py) skips with a reason, except in CI, where it fails.
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

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "tests" / "vendor" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def chromium_executable() -> str | None:
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
        # No keepalive pings: a local DevTools socket needs none, and the ping thread draws
        # from the global `random` while later hypothesis tests generate data (it warns).
        self._conn = connect(
            f"ws://127.0.0.1:{port}{path}", max_size=None, open_timeout=20, ping_interval=None
        )
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


def axe_violations(browser: Browser, url: str) -> list[dict]:
    """Open ``url`` and run axe-core with the WCAG 2.2 A/AA tags; return the violations."""
    browser.open(url)
    browser.evaluate(AXE.read_text(encoding="utf-8"))
    result = browser.evaluate(
        f"axe.run(document, {{runOnly: {{type: 'tag', values: {json.dumps(TAGS)}}}}})"
        ".then(r => r.violations.map(v => ({id: v.id, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.html)})))",
        await_promise=True,
    )
    return result


def axe_and_reflow(browser: Browser, url: str, width: int = 320) -> tuple[list[dict], int]:
    """One load of ``url``: axe violations at desktop width, then the page's scroll width at
    ``width`` CSS px (WCAG 1.4.10 reflow: it must not exceed ``width``)."""
    violations = axe_violations(browser, url)
    browser.viewport(width, 256)
    return violations, browser.evaluate("document.documentElement.scrollWidth")
