"""Who may talk to the review app, and from where.

The app serves unpublished articles and writes decisions, so even on loopback every request
needs the token (any local process or web page could otherwise reach the port):

- the token comes from ``TEXTFIX_REVIEW_TOKEN`` or is generated and printed in the start-up URL;
- ``?token=...`` in a URL starts a session: a random session id, known only to this server
  process, goes into an HttpOnly, SameSite=Strict cookie (never the token itself, which would
  outlive the session and could be read from the browser's cookie store), and the browser is
  redirected to the same page without the token (so it does not stay in the history);
- scripts may send ``Authorization: Bearer <token>`` instead of the cookie;
- requests whose ``Host`` is not a loopback name (or the host the app was started on) are
  refused, against DNS rebinding;
- state-changing requests authenticated by the cookie must carry the ``X-CSRF-Token`` header the
  pages hold, and an ``Origin`` (or, when a browser sends none, a ``Referer``), when sent, must
  be this server: a cross-site page can neither read the CSRF token nor set the header.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
from collections.abc import Callable, Iterable
from urllib.parse import urlencode, urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

TOKEN_ENV = "TEXTFIX_REVIEW_TOKEN"
CSRF_HEADER = "x-csrf-token"
RefusalPage = Callable[[Request, int, str], Response]
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
PUBLIC_PREFIXES = ("/static/",)
MAX_SESSIONS = 256  # the oldest session ends when more browsers than this have logged in


def host_allowed(host_header: str | None, allowed: set[str]) -> bool:
    """Whether a request's ``Host`` names one of ``allowed`` (lower-case names; ``*``: any),
    port aside: a DNS-rebinding page reaches a loopback port under its own name."""
    host = (host_header or "").lower()
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    return name in allowed or "*" in allowed


def make_token() -> str:
    """The configured token, or a fresh random one."""
    return os.environ.get(TOKEN_ENV, "").strip() or secrets.token_urlsafe(24)


class AccessGuard:
    """Checks one request; ``check`` returns a refusal Response or None when it may pass."""

    def __init__(self, token: str, allowed_hosts: Iterable[str] = (),
                 refusal_page: RefusalPage | None = None) -> None:
        if not token:
            raise ValueError("the review app needs a non-empty token")
        self.token = token
        digest = hashlib.sha256(token.encode()).hexdigest()
        # per-token cookie name: two review servers on one machine keep separate sessions
        self.cookie_name = f"textfix_review_{digest[:10]}"
        self.csrf_token = hmac.new(token.encode(), b"csrf", hashlib.sha256).hexdigest()
        self.allowed_hosts = {h.lower() for h in (*LOOPBACK_HOSTS, *allowed_hosts) if h}
        # digests of the live session ids, oldest first (a dict keeps insertion order)
        self._sessions: dict[str, None] = {}
        self._lock = threading.Lock()
        # how a browser is told it was refused (the app's token page); scripts get JSON
        self.refusal_page = refusal_page

    def new_session(self) -> str:
        """A fresh random session id for one browser's cookie."""
        session = secrets.token_urlsafe(32)
        with self._lock:
            self._sessions[_digest(session)] = None
            while len(self._sessions) > MAX_SESSIONS:
                del self._sessions[next(iter(self._sessions))]
        return session

    def _session_ok(self, session: str | None) -> bool:
        if not session:
            return False
        with self._lock:
            return _digest(session) in self._sessions

    def _equal(self, given: str | None, expected: str) -> bool:
        return bool(given) and hmac.compare_digest(given.encode(), expected.encode())

    def _host_ok(self, request: Request) -> bool:
        return host_allowed(request.headers.get("host"), self.allowed_hosts)

    def _origin_ok(self, request: Request) -> bool:
        """``Origin``, or ``Referer`` when there is no Origin, names this server (if sent)."""
        origin = request.headers.get("origin")
        if origin is None:
            origin = request.headers.get("referer")
        if origin is None:
            return True
        return urlsplit(origin).netloc.lower() == (request.headers.get("host") or "").lower()

    def check(self, request: Request) -> Response | None:
        path = request.url.path
        if not self._host_ok(request):
            return self._refuse(request, 403, "requests must come to this server by its loopback "
                                "address (127.0.0.1 or localhost)")
        if path.startswith(PUBLIC_PREFIXES):
            return None
        given = request.query_params.get("token")
        if given is not None:
            if not self._equal(given, self.token):
                return self._refuse(request, 403, "wrong token: use the URL printed when "
                                    "'textfix review' started")
            rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
            target = path + ("?" + urlencode(rest) if rest else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(self.cookie_name, self.new_session(), httponly=True,
                                samesite="strict", path="/")
            return response
        bearer = request.headers.get("authorization", "")
        if bearer.lower().startswith("bearer ") and self._equal(bearer[7:].strip(), self.token):
            return None  # scripts: no cookie, so no cross-site request can ride on it
        if not self._session_ok(request.cookies.get(self.cookie_name)):
            return self._refuse(request, 401, "this review workspace needs its token: open the URL "
                                "printed when 'textfix review' started")
        if request.method not in SAFE_METHODS:
            if not self._origin_ok(request):
                return self._refuse(request, 403, "cross-site request refused")
            if not self._equal(request.headers.get(CSRF_HEADER), self.csrf_token):
                return self._refuse(request, 403, "missing or wrong CSRF token: reload the page "
                                    "and try again")
        return None


    def _refuse(self, request: Request, status: int, message: str) -> Response:
        wants_html = (request.method == "GET" and not request.url.path.startswith("/api/")
                      and "text/html" in request.headers.get("accept", ""))
        if wants_html and self.refusal_page is not None:
            return self.refusal_page(request, status, message)
        return JSONResponse({"error": message}, status_code=status)


def _digest(session: str) -> str:
    """Sessions are kept as digests: a lookup by hash, and no usable id sits in memory."""
    return hashlib.sha256(session.encode()).hexdigest()
