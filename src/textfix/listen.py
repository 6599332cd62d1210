"""The listening socket of textfix's two local servers (``review`` and ``serve``).

Bound before uvicorn starts so a busy port is one clear line, and so the port actually bound
(``--port 0``) is known before the URL is printed.
"""

from __future__ import annotations

import socket

from .errors import TextfixError


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
