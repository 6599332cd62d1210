"""Who may call the server: the Host check, the body-size limit and the token.

- ``Host`` must be a loopback name, the address the server is bound to, or a configured
  allowed host: a DNS-rebinding page reaches a loopback port under its own name and is refused
  (the review app's rule, ``review.security.host_allowed``).
- Request bodies over ``max_bytes`` are refused with 413 (LanguageTool's status for a text
  over its limit), from ``Content-Length`` or, for a streamed body, as soon as it passes.
- A token, when the server has one (always, off loopback), comes as ``Authorization: Bearer``
  or as LanguageTool's ``apiKey`` form field: browser add-ons cannot set headers.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Iterable, Mapping

from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..review.security import LOOPBACK_HOSTS, host_allowed

DEFAULT_MAX_BYTES = 256 * 1024


class _TooLarge(Exception):
    pass


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the server on this machine."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def allowed_hosts(bound: str, extra: Iterable[str] = ()) -> set[str]:
    names = {*LOOPBACK_HOSTS, bound, *extra}
    names |= {f"[{n}]" for n in names if ":" in n and not n.startswith("[")}
    return {n.lower() for n in names if n}


class AccessMiddleware:
    """ASGI middleware: the Host check and the body limit, before any route runs."""

    def __init__(self, app: ASGIApp, hosts: set[str], max_bytes: int) -> None:
        self.app = app
        self.hosts = hosts
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if not host_allowed(headers.get("host"), self.hosts):
            await refusal(403, "Error: this server answers only requests addressed to it by "
                          "its loopback or allowed host name")(scope, receive, send)
            return
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            await self._too_large(scope, receive, send)
            return
        seen = 0
        started = False

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise _TooLarge
            return message

        async def tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, tracking)
        except _TooLarge:
            if not started:
                await self._too_large(scope, receive, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        await refusal(413, f"Error: the request is larger than this server's limit of "
                      f"{self.max_bytes} bytes; send a shorter text")(scope, receive, send)


def refusal(status: int, message: str) -> PlainTextResponse:
    """Errors as LanguageTool sends them: a plain-text body starting with 'Error:'."""
    return PlainTextResponse(message, status_code=status)


def token_ok(request: Request, form: Mapping[str, str], token: str | None) -> bool:
    """No token configured: anyone who passed the Host check; else Bearer or ``apiKey``."""
    if not token:
        return True
    bearer = request.headers.get("authorization", "")
    given = bearer[7:].strip() if bearer.lower().startswith("bearer ") else form.get("apiKey")
    return bool(given) and hmac.compare_digest(given.encode(), token.encode())
