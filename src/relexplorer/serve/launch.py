"""Starting Datasette on a relexplorer database, read-only, on an address of the user's choosing.

Datasette opens the file as a *mutable* database, whose every read connection is
``mode=ro``: it cannot write, and each query sees the file as it is then, so documents that
another process ingests meanwhile show up at the next page. ``immutable`` would be wrong here:
SQLite then assumes that nothing changes the file and skips its locks and the WAL, so a
concurrent ingest would be missed or read half-written; ``nolock`` likewise drops the locks
that keep a reader's snapshot whole while an ingest checkpoints the WAL.

The socket is bound here rather than by uvicorn, so that a busy port is one clear line, port 0
picks a free port, and the URL printed is the one that answers.
"""

from __future__ import annotations

import errno
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

from relexplorer.errors import RelexplorerError

INSTALL_HINT = "pip install 'relexplorer[serve]'"
ALL_INTERFACES = ("0.0.0.0", "::", "")


class ServeError(RelexplorerError):
    """The database cannot be served (Datasette missing, address unusable)."""


@dataclass(frozen=True, slots=True)
class Listener:
    """A bound, listening socket and the base URL (no trailing slash) that reaches it."""

    socket: socket.socket
    url: str
    everywhere: bool  # listening on every interface: the URL names this machine


def require_datasette() -> None:
    """Raise a one-line :class:`ServeError` saying how to install Datasette when it is missing."""
    try:
        import datasette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise ServeError(f"serving needs Datasette, which is not installed: {INSTALL_HINT}") from None


def listen(host: str, port: int) -> Listener:
    """Bind and listen on ``host:port`` (port 0: any free port)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
    except (socket.gaierror, UnicodeError, ValueError) as exc:  # ValueError: a NUL in the name
        raise ServeError(f"cannot listen on {host!r}: unknown address ({exc})") from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        hint = "; choose another --port" if exc.errno in (errno.EADDRINUSE, 10048) else ""  # 10048: Windows
        raise ServeError(f"cannot listen on {host}:{port} ({exc.strerror or exc}){hint}") from None
    bound_port = sock.getsockname()[1]
    everywhere = host in ALL_INTERFACES
    name = socket.gethostname() if everywhere else host
    if ":" in name:
        name = f"[{name}]"
    return Listener(sock, f"http://{name}:{bound_port}", everywhere)


def database_name(path: Path) -> str:
    """The name Datasette gives a database file (and puts in its URLs): the file's stem."""
    return Path(path).stem


def make_datasette(path: Path, metadata: dict, settings: dict):
    """A Datasette instance serving ``path`` read-only with ``metadata``."""
    from datasette.app import Datasette

    return Datasette([str(path)], metadata=metadata, settings=settings)


def run(datasette, listener: Listener, stop_after: float | None = None) -> None:
    """Serve until Ctrl+C (or for ``stop_after`` seconds)."""
    import asyncio

    import uvicorn

    asyncio.run(datasette.invoke_startup())
    server = uvicorn.Server(uvicorn.Config(datasette.app(), log_level="warning", lifespan="on"))
    timer = None
    if stop_after is not None:
        timer = threading.Timer(stop_after, lambda: setattr(server, "should_exit", True))
        timer.daemon = True
        timer.start()
    try:
        server.run(sockets=[listener.socket])
    except KeyboardInterrupt:  # uvicorn stops cleanly on Ctrl+C, then passes the signal on
        pass
    finally:
        if timer is not None:
            timer.cancel()
        listener.socket.close()
