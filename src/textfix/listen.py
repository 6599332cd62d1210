"""The listening socket of textfix's two local servers (``review`` and ``serve``), and the same
servers run in a thread for the benchmarks and tests.

Bound before uvicorn starts so a busy port is one clear line, and so the port actually bound
(``--port 0``) is known before the URL is printed.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .errors import TextfixError


def host_port_options(default_port: int) -> Callable[[Callable], Callable]:
    """The ``--host`` and ``--port`` options both servers' commands take."""
    import click

    from .cli_help import option

    def decorate(f: Callable) -> Callable:
        f = option("--port", type=click.IntRange(0, 65535), default=default_port,
                   show_default=True, section="Server", help="port (0 picks a free one)")(f)
        return option("--host", default="127.0.0.1", show_default=True, section="Server",
                      help="address to listen on (the default is this machine only)")(f)
    return decorate


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (IPv6 when the host has a colon) and listening."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise TextfixError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; "
                           "choose another --port") from None
    sock.listen(128)
    return sock


@contextmanager
def serving_in_thread(app: Any, *, timeout: float = 120.0, backlog: int = 256
                      ) -> Iterator[str]:
    """Serve an ASGI ``app`` with uvicorn in a daemon thread on a free loopback port until the
    block ends; yields its base URL. For the benchmarks and tests: the real server, in-process.
    Waits up to ``timeout`` seconds for start-up (``textfix serve`` loads and warms its models)."""
    import uvicorn

    sock = listening_socket("127.0.0.1", 0)
    sock.listen(backlog)
    server = uvicorn.Server(uvicorn.Config(app, log_level="error", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        if not server.started:
            raise TextfixError("the server did not start")
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()
