"""Helpers shared by subcommands: the configuration and the executor."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from plainprint.pipeline.errors import PlainprintError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up
if TYPE_CHECKING:  # imported where used: `plainprint --help` imports every command module
    from concurrent.futures import Executor

    from plainprint.pipeline.config import Config


def config_from_args(args) -> Config:
    from plainprint.pipeline.config import load_config

    return load_config(getattr(args, "config", None))


@contextlib.contextmanager
def executor_for(url: str | None) -> Iterator[Executor | None]:
    """``dask://HOST:PORT``: a Dask cluster's concurrent.futures executor; None: local workers."""
    if not url:
        yield None
        return
    if not url.startswith("dask://"):
        raise PlainprintError(url, "unknown executor", "use dask://HOST:PORT")
    try:
        from distributed import Client
    except ImportError:
        raise PlainprintError(
            url, "the Dask executor needs the distributed package",
            "pip install 'plainprint[dask]'",
        ) from None  # fmt: skip
    try:
        client = Client("tcp://" + url.removeprefix("dask://"), timeout=10)
    except OSError as exc:
        raise PlainprintError(url, f"cannot reach the Dask scheduler ({exc})") from None
    try:
        yield client.get_executor()
    finally:
        client.close()
