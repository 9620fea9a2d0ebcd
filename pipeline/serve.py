"""The editor's live loop: serve the library and rebuild a source the moment it is saved.

Editors rewrite a handout while reading its report. ``plainprint serve`` builds the library
(incrementally, like ``plainprint build``), serves ``output/`` on 127.0.0.1, and watches the
sources, the configuration and the files it names with ``watchfiles``. A save rebuilds only
what changed (the build manifest decides), the report first so the new grade shows within a
second or two, then the handouts; each open page hears of it over server-sent events and
reloads, keeping the reader's place. The report page also shows the grade trend of this
editing session and the findings that went away.

Safe by default: loopback only, requests whose ``Host`` is not the server's own are refused
(DNS rebinding), only files under ``output/`` are served, no directory listings, no methods
but GET and HEAD. The live-reload script is added to pages as they are served; the files in
``output/`` stay exactly what ``plainprint build`` writes.
"""

from __future__ import annotations

import html
import json
import mimetypes
import re
import socket
import sys
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from plainprint.pipeline.build import Outcome, build_many
from plainprint.pipeline.config import Config
from plainprint.pipeline.layout import output_paths
from plainprint.pipeline.manifest import FILE_KEYS
from plainprint.pipeline.sources import Source, resolve

EVENTS = "/_plainprint/events"
SCRIPT = "/_plainprint/reload.js"
HEARTBEAT = 15.0  # seconds between keep-alive comments on an idle event stream

RELOAD_JS = """\
(() => {
  "use strict";
  const key = "plainprint-scroll:" + location.pathname;
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.scrollTo(0, Number(saved));
  }
  const me = document.currentScript;
  const since = me ? me.dataset.version : "0";
  const page = decodeURIComponent(location.pathname.split("/").pop() || "index.html");
  const name = page.replace(/\\.html$/, "");
  const events = new EventSource("/_plainprint/events?since=" + encodeURIComponent(since));
  events.onmessage = (event) => {
    const change = JSON.parse(event.data);
    if (page === "index.html" || change.names.includes(name)) {
      sessionStorage.setItem(key, String(window.scrollY));
      events.close();
      location.reload();
    }
  };
})();
"""


@dataclass
class Facts:
    """What the report said: the grade and the findings, by rule and excerpt."""

    grade: float | None
    target: float | None
    findings: list[tuple[str, str, str]]  # (rule, excerpt, message)

    @classmethod
    def read(cls, path: Path) -> Facts | None:
        try:
            report = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        findings = [
            (f["rule"], (f.get("location") or {}).get("excerpt") or "", f.get("message", ""))
            for f in report.get("findings", [])
        ]
        return cls(report.get("grade"), report.get("target"), findings)


@dataclass
class Session:
    """The library being served: builds, the change log the pages follow, the first reports."""

    inputs: list[Path]
    out: Path
    config: Config
    jobs: int = 1
    version: int = 0
    log: list[tuple[int, frozenset[str]]] = field(default_factory=list)
    first: dict[str, Facts] = field(default_factory=dict)
    changed: threading.Condition = field(default_factory=threading.Condition)
    stopping: threading.Event = field(default_factory=threading.Event)

    def sources(self) -> list[Source]:
        return resolve(list(self.inputs))

    def build(self, stages: tuple[str, ...]) -> list[Outcome]:
        outcomes = build_many(self.sources(), self.out, self.config, stages=stages, jobs=self.jobs)
        for o in outcomes:
            if not o.ok:
                print(f"plainprint: error: {o.error}", file=sys.stderr)
        return outcomes

    def start(self) -> None:
        """The first build; the reports as they stand are this session's starting point."""
        self.build(("document", "report", "render"))
        self.write_index()
        for source in self.sources():
            facts = Facts.read(output_paths(self.out, source.name)["report"])
            if facts:
                self.first[source.name] = facts

    def rebuild(self) -> set[str]:
        """After a save: reports first (the grade the editor waits for), then handouts."""
        names: set[str] = set()
        for stages in (("document", "report"), ("document", "report", "render")):
            done = {o.name for o in self.build(stages) if o.written or not o.ok}
            self.write_index()
            if done:
                self.announce(done)
            names |= done
        for name in names:
            if name not in self.first:
                facts = Facts.read(output_paths(self.out, name)["report"])
                if facts:
                    self.first[name] = facts
        return names

    def write_index(self) -> None:
        from plainprint.pipeline.report.index import write_index

        write_index(self.out, self.config, {s.name for s in self.sources()})

    def announce(self, names: set[str]) -> None:
        with self.changed:
            self.version += 1
            self.log.append((self.version, frozenset(names)))
            self.changed.notify_all()

    def changes_since(self, version: int) -> tuple[int, set[str]]:
        with self.changed:
            names: set[str] = set()
            for v, changed in self.log:
                if v > version:
                    names |= changed
            return self.version, names

    def watched(self) -> list[Path]:
        """Sources (their folders, so new files count), the configuration, the files it names."""
        paths = {p if p.is_dir() else p.parent for p in self.inputs}
        if self.config.path:
            paths.add(self.config.path)
            base = self.config.path.parent
            for key in FILE_KEYS:
                value = self.config.get(key)
                for item in [value] if isinstance(value, str) else list(value or []):
                    path = Path(item) if Path(item).is_absolute() else base / item
                    if path.exists():
                        paths.add(path)
        return sorted(p.resolve() for p in paths if p.exists())

    def watch(self) -> None:
        """Rebuild on every batch of changes until the server stops."""
        from watchfiles import watch

        out = self.out.resolve()
        for changes in watch(*self.watched(), stop_event=self.stopping, debounce=200):
            if all(Path(path).resolve().is_relative_to(out) for _, path in changes):
                continue  # our own outputs, when output/ sits inside a watched folder
            try:
                names = self.rebuild()
            except Exception as exc:  # a bad save must not stop the loop
                print(f"plainprint: rebuild failed: {exc}", file=sys.stderr)
                continue
            if names:
                print(f"plainprint: rebuilt {', '.join(sorted(names))}", file=sys.stderr)

    def trend(self, name: str) -> str:
        """The report page's session panel: grade first → now, and findings that went away."""
        first, now = self.first.get(name), Facts.read(output_paths(self.out, name)["report"])
        if not first or not now:
            return ""

        def grade(value):
            return f"{value:.1f}" if isinstance(value, int | float) else "–"

        gone = [f for f in first.findings if f not in set(now.findings)]
        new = [f for f in now.findings if f not in set(first.findings)]
        items = "".join(
            f"<li>{html.escape(rule)}: {html.escape(message)}"
            + (f" (“{html.escape(excerpt[:80])}”)" if excerpt else "")
            + "</li>"
            for rule, excerpt, message in gone[:20]
        )
        return (
            '<section class="session" aria-labelledby="session-title" style="border:2px solid;'
            'padding:0.5em 1em;margin:1em 0;max-width:100%;overflow-wrap:anywhere">'
            '<h2 id="session-title">This editing session</h2>'
            f"<p>Grade when you started: <strong>{grade(first.grade)}</strong>; now: "
            f'<strong data-grade-now="{grade(now.grade)}">{grade(now.grade)}</strong>'
            + (f" (target {grade(now.target)})" if now.target is not None else "")
            + f". Findings gone: {len(gone)}; new: {len(new)}.</p>"
            + (f"<ul>{items}</ul>" if items else "")
            + "</section>"
        )


_CSP = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")', re.I)


def live_page(page: str, version: int, panel: str = "") -> str:
    """The page as served: its CSP lets in our own script and event stream, nothing else."""
    page = _CSP.sub(
        lambda m: m.group(1) + m.group(2) + "; script-src 'self'; connect-src 'self'" + m.group(3),
        page,
        count=1,
    )
    if panel:
        page = re.sub(r"(<main\b[^>]*>)", lambda m: m.group(1) + panel, page, count=1)
    script = f'<script src="{SCRIPT}" data-version="{version}"></script>'
    return page.replace("</body>", script + "</body>", 1) if "</body>" in page else page + script


class Handler(BaseHTTPRequestHandler):
    server: LiveServer
    server_version = "plainprint"
    sys_version = ""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass  # quiet: the terminal is for build messages

    def _host_ok(self) -> bool:
        host = (self.headers.get("Host") or "").lower()
        return host in self.server.allowed_hosts

    def _send(self, status: int, body: bytes, ctype: str = "text/plain; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        if not self._host_ok():
            self._send(HTTPStatus.MISDIRECTED_REQUEST, b"unknown Host\n")
            return
        url = urlsplit(self.path)
        if url.path == EVENTS:
            self._events(parse_qs(url.query).get("since", ["0"])[0])
            return
        if url.path == SCRIPT:
            self._send(200, RELOAD_JS.encode(), "text/javascript; charset=utf-8")
            return
        path = self._file(unquote(url.path))
        if path is None:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n")
            return
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        body = path.read_bytes()
        if path.suffix == ".html":
            session = self.server.session
            is_report = path.parent == (session.out / "reports").resolve()
            panel = session.trend(path.stem) if is_report else ""
            page = live_page(body.decode("utf-8"), session.version, panel)
            body, ctype = page.encode("utf-8"), "text/html; charset=utf-8"
        self._send(200, body, ctype)

    def _file(self, rel: str) -> Path | None:
        """A file under output/, never a folder listing or anything outside it."""
        root = self.server.session.out.resolve()
        rel = rel.lstrip("/") or "index.html"
        if "\0" in rel:
            return None
        path = (root / rel).resolve()
        if not path.is_relative_to(root) or not path.is_file() or path.name.startswith("."):
            return None
        return path

    def _events(self, since: str) -> None:
        session = self.server.session
        version = int(since) if since.isdigit() else 0
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            while not session.stopping.is_set():
                current, names = session.changes_since(version)
                if names:
                    data = json.dumps({"version": current, "names": sorted(names)})
                    self.wfile.write(f"data: {data}\n\n".encode())
                    self.wfile.flush()
                version = current
                with session.changed:
                    if session.version == version:
                        session.changed.wait(HEARTBEAT)
                if session.version == version:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return

    def _refuse(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"read-only server\n")

    do_POST = do_PUT = do_DELETE = do_PATCH = _refuse  # noqa: N815


class LiveServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str, port: int, session: Session) -> None:
        super().__init__((host, port), Handler)
        self.session = session
        bound = self.server_address[1]
        names = {host, "127.0.0.1", "localhost"}
        if host not in ("127.0.0.1", "localhost"):  # --host: the names others reach us by
            names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
        self.allowed_hosts = {f"{name}:{bound}" for name in names}

    @property
    def url(self) -> str:
        host = self.server_address[0]
        return f"http://{'localhost' if host in ('127.0.0.1', '0.0.0.0') else host}:{self.server_address[1]}/"


def serve(session: Session, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Build, then serve and watch until Ctrl-C."""
    session.start()
    server = LiveServer(host, port, session)
    watcher = threading.Thread(target=session.watch, name="plainprint-watch", daemon=True)
    watcher.start()
    print(f"plainprint: serving {session.out} at {server.url} (Ctrl-C stops)", file=sys.stderr)
    sys.stderr.flush()
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        session.stopping.set()
        with session.changed:
            session.changed.notify_all()
        server.server_close()
