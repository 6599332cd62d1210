"""The LanguageTool-compatible ASGI app: ``POST``/``GET /v2/check`` and ``GET /v2/languages``.

``create_app(engine, ...)`` wraps a started or unstarted ``Engine``; the app's start-up loads
and warms it (uvicorn accepts connections only after that), its shutdown stops the worker.
Errors are LanguageTool's: a status and a plain-text body starting with ``Error:``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import TextfixError, one_line
from .access import DEFAULT_MAX_BYTES, AccessMiddleware, allowed_hosts, refusal, token_ok
from .annotated import AnnotatedText, AnnotationError, parse_data
from .engine import Engine
from .lt_format import LANGUAGES, response_json, views
from .options import RequestError, read_options


async def _fields(request: Request) -> dict[str, str]:
    """Query parameters and form fields (url-encoded or multipart), the form winning."""
    fields = dict(request.query_params)
    if request.method == "POST":
        form = await request.form()
        fields.update({k: v for k, v in form.items() if isinstance(v, str)})
    return fields


def _annotated(fields: dict[str, str]) -> AnnotatedText:
    if "data" in fields:
        return parse_data(fields["data"])
    if "text" in fields:
        return AnnotatedText.plain_text(fields["text"])
    raise RequestError("Error: Missing 'text' or 'data' parameter")


async def check(request: Request) -> Response:
    state = request.app.state
    fields = await _fields(request)
    if not token_ok(request, fields, state.token):
        return refusal(401, "Error: this server needs its token: send 'Authorization: Bearer "
                       "TOKEN' or the 'apiKey' field")
    try:
        options = read_options(fields, state.opt_in_checks)
        annotated = _annotated(fields)
    except (RequestError, AnnotationError) as exc:
        message = str(exc)
        return refusal(400, message if message.startswith("Error:") else f"Error: {message}")
    kept = []
    if annotated.plain.strip() and options.mode != "textLevelOnly":
        try:
            result = await asyncio.wrap_future(state.engine.submit(annotated.plain))
        except TextfixError as exc:
            return refusal(400, f"Error: {one_line(str(exc))}")
        except Exception as exc:  # noqa: BLE001 - the client gets one line, the server goes on
            reason = one_line(f"{type(exc).__name__}: {exc}")
            return refusal(500, f"Error: Internal Error: {reason}")
        kept = [v for v in views(result) if options.keeps(v)]
    body = await run_in_threadpool(response_json, options.language, annotated, kept)
    return JSONResponse(body)


async def languages(request: Request) -> Response:
    return JSONResponse(list(LANGUAGES))


def create_app(engine: Engine, *, token: str | None = None, host: str = "127.0.0.1",
               allow_hosts: Iterable[str] = (), max_bytes: int = DEFAULT_MAX_BYTES,
               cors_origins: Iterable[str] = ("*",)) -> Starlette:
    """The app; ``host`` is the bound address (accepted as a Host name, like ``allow_hosts``)."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        await run_in_threadpool(engine.start)  # models load once, and a first check warms them
        yield
        await run_in_threadpool(engine.close)

    middleware = [
        Middleware(CORSMiddleware, allow_origins=list(cors_origins),
                   allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"],
                   max_age=600),
        Middleware(AccessMiddleware, hosts=allowed_hosts(host, allow_hosts), max_bytes=max_bytes),
    ]
    routes = [Route("/v2/check", check, methods=["GET", "POST"]),
              Route("/v2/languages", languages, methods=["GET"])]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.engine = engine
    app.state.token = token or None
    app.state.opt_in_checks = _opt_in_checks(engine)
    return app


def _opt_in_checks(engine: Engine) -> frozenset[str]:
    """Checks the server runs that are off by default: reported only at ``level=picky``."""
    from ..catalogue import catalogue

    return frozenset(s.name for s in catalogue()
                     if not s.default and s.name in engine.checker.config.checks)
