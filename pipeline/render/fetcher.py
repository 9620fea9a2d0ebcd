"""A sandboxed URL fetcher for WeasyPrint: the only way a render can read anything.

WeasyPrint's default fetcher reads any ``file:`` URL (``<link rel="attachment"
href="file:///etc/passwd">`` embeds the file in the PDF) and any web address. This one
allows ``data:`` URLs, regular files under the source's own folder or the project's assets
(templates, the packaged font, the configured ICC profile), and ``http(s)`` only for hosts
on the ``render.allow_hosts`` list when ``render.remote_images`` is true. Every refusal is
recorded and aborts the render, so a blocked resource can never be skipped silently.

Kept free of any WeasyPrint import at module level so the policy can be unit-tested alone.
"""

from __future__ import annotations

import mimetypes
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

MAX_RESOURCE_BYTES = 25 * 1024 * 1024


class Refused(Exception):
    """Raised by :meth:`Policy.check` with the reason a URL may not be loaded."""


@dataclass
class Policy:
    """What may be loaded. Roots are folders; files are single allowed files."""

    roots: tuple[Path, ...] = ()
    files: tuple[Path, ...] = ()
    allow_hosts: frozenset[str] = frozenset()
    remote: bool = False
    refused: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def create(
        cls,
        roots: Iterable[Path | None],
        files: Iterable[Path | None] = (),
        allow_hosts: Iterable[str] = (),
        remote: bool = False,
    ) -> Policy:
        return cls(
            roots=tuple(Path(r).resolve() for r in roots if r is not None),
            files=tuple(Path(f).resolve() for f in files if f is not None),
            allow_hosts=frozenset(h.lower().strip() for h in allow_hosts if h.strip()),
            remote=bool(remote),
        )

    def check(self, url: str) -> tuple[str, Path | None]:
        """Return ``(scheme, local path or None)`` or raise :class:`Refused`."""
        try:
            parts = urlsplit(url)
        except ValueError as exc:
            raise Refused("not a valid URL") from exc
        scheme = parts.scheme.lower()
        if scheme == "data":
            return scheme, None
        if scheme == "file":
            if parts.netloc not in ("", "localhost"):
                raise Refused("file URLs on other hosts are not allowed")
            return scheme, self._local(Path(unquote(parts.path)))
        if scheme in ("http", "https"):
            host = (parts.hostname or "").lower()
            if not self.remote:
                raise Refused("remote resources are off (set render.remote_images = true)")
            if host not in self.allow_hosts:
                raise Refused(f"host {host!r} is not in render.allow_hosts")
            return scheme, None
        raise Refused(f"the {scheme or 'empty'!r} scheme is not allowed")

    def _local(self, path: Path) -> Path:
        if not path.is_absolute():
            raise Refused("relative file path")
        real = Path(os.path.realpath(path))
        inside = real in self.files or any(
            real == root or root in real.parents for root in self.roots
        )
        if not inside:
            raise Refused("outside the source's folder and the project's assets")
        try:
            info = real.stat()
        except OSError as exc:
            raise Refused("file not found") from exc
        if not stat.S_ISREG(info.st_mode):
            raise Refused("not a regular file")
        if info.st_size > MAX_RESOURCE_BYTES:
            raise Refused(f"larger than {MAX_RESOURCE_BYTES // (1024 * 1024)} MB")
        return real


def make_fetcher(policy: Policy):
    """A WeasyPrint ``URLFetcher`` enforcing ``policy``; refusals raise FatalURLFetchingError."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class SandboxFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(
                timeout=10,
                allowed_protocols=("data", "http", "https"),
                allow_redirects=False,
                fail_on_errors=True,
            )
            self.policy = policy

        def fetch(self, url, headers=None):
            try:
                scheme, path = policy.check(url)
            except Refused as exc:
                policy.refused.append((url, str(exc)))
                raise FatalURLFetchingError(f"refused to load {url}: {exc}") from None
            if path is not None:
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(
                    path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime}
                )
            response = super().fetch(url, headers)
            if scheme != "data":
                body = response.read(MAX_RESOURCE_BYTES + 1)
                response.close()
                if len(body) > MAX_RESOURCE_BYTES:
                    policy.refused.append((url, "too large"))
                    raise FatalURLFetchingError(f"refused to load {url}: too large")
                return URLFetcherResponse(
                    response.url, body=body, headers=response.headers, status=response.status
                )
            return response

    return SandboxFetcher()
