"""The review app: FastAPI, server-rendered Jinja2 pages and a little plain JavaScript.

``create_app(workspace, token=...)`` opens (and, for an old file, upgrades) the workspace once
to refuse a file that is not a textfix workspace before serving anything; each worker thread
then keeps its own SQLite connection. Pages and ``/api/`` endpoints share the same functions
(``queue``, ``decisions``, ``export``, ``memory``); the pages' script only calls the API.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..catalogue import catalogue
from ..errors import TextfixError
from ..stages import memory
from ..store import Workspace
from . import decisions, queue
from .decisions import DecisionError
from .export import export_source, load_document, reviewed_result, word_diff
from .security import CSRF_HEADER, AccessGuard, make_token

HERE = Path(__file__).parent
_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"),
    autoescape=True,  # article text is untrusted: everything is escaped unless marked safe
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters["pct"] = lambda v: "–" if v is None else f"{float(v):.0%}"
_ENV.filters["basename"] = lambda v: Path(str(v)).name if v else ""
MAX_IMPORT_BYTES = 10 * 1024 * 1024
# Bounds of the numbers a request may carry: SQLite integers are 64-bit, and a value past them
# must be a clear 400, not an OverflowError from the driver.
MAX_PAGE = 1000
MAX_OFFSET = 10**9
MAX_VERSION = 2**62
_WHOLE = re.compile(r"[+-]?\d{1,19}")


def render_page(request: Request, name: str, context: dict[str, Any], status: int = 200
                ) -> HTMLResponse:
    state = request.app.state
    body = _ENV.get_template(name).render(
        request=request, csrf=state.guard.csrf_token, csrf_header=CSRF_HEADER,
        workspace=state.workspace_name, default_editor=state.editor, **context)
    return HTMLResponse(body, status_code=status)


class _Connections:
    """One SQLite connection per worker thread (sqlite3 objects must stay in their thread)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def get(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = Workspace.create_or_open(self.path).connection
            self._local.conn = conn
        return conn


def create_app(workspace: str | Path, *, token: str | None = None, editor: str = "",
               allowed_hosts: tuple[str, ...] = ()) -> FastAPI:
    """The app for one workspace file; ``TextfixError`` if it is not a textfix workspace."""
    path = Path(workspace)
    if not path.is_file():
        raise TextfixError(f"{path}: no such workspace; create one with "
                           f"'textfix check --save {path} ARTICLE'")
    Workspace.create_or_open(path).close()  # validates, and upgrades an older schema once
    app = FastAPI(title="textfix review", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.guard = AccessGuard(
        token or make_token(), allowed_hosts,
        refusal_page=lambda request, status, message: render_page(
            request, "token.html", {"message": message}, status=status))
    app.state.connections = _Connections(path)
    app.state.workspace_name = path.name
    app.state.editor = editor

    @app.get("/static/categories.css")  # before the mount, which would answer it otherwise
    def category_colours():
        """Category highlights from the check catalogue, the same as the HTML report's."""
        return Response(catalogue().category_css(), media_type="text/css")

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.middleware("http")
    async def security(request: Request, call_next):
        refusal = request.app.state.guard.check(request)
        if refusal is not None:
            return refusal
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'none'; form-action 'self'")
        return response

    _error_handlers(app)
    _pages(app)
    _api(app)
    return app


def _conn(request: Request) -> sqlite3.Connection:
    return request.app.state.connections.get()


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, message: str) -> Response:
    if _is_api(request) or request.method != "GET":
        return JSONResponse({"error": message}, status_code=status)
    return render_page(request, "error.html", {"status": status, "message": message},
                       status=status)


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DecisionError)
    async def decision_error(request: Request, exc: DecisionError):
        return _error(request, exc.status, str(exc))

    @app.exception_handler(TextfixError)
    async def textfix_error(request: Request, exc: TextfixError):
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'body'}: {e.get('msg')}"
            for e in exc.errors())
        return _error(request, 422, f"malformed request: {problems}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}"
        return _error(request, exc.status_code, message)

    @app.exception_handler(sqlite3.Error)
    async def database_error(request: Request, exc: sqlite3.Error):
        return _error(request, 503, f"the workspace database is busy or unreadable ({exc}); "
                      "try again")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        return _error(request, 500, f"internal error ({type(exc).__name__}); nothing was "
                      "changed by this request")


def _int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    """A whole-number query parameter within [low, high]; a clear 400 for anything else."""
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return default
    value = int(raw) if _WHOLE.fullmatch(raw) else None
    if value is None or not low <= value <= high:
        raise DecisionError(f"{name} must be a whole number from {low} to {high}, "
                            f"not {raw[:40]!r}")
    return value


def _filters(request: Request) -> queue.Filters:
    q = request.query_params
    raw = q.get("min_confidence", "").strip()
    try:
        min_conf = float(raw) if raw else None
    except ValueError:
        min_conf = math.nan
    if min_conf is not None and not 0.0 <= min_conf <= 1.0:  # NaN fails this too
        raise DecisionError(f"min_confidence must be a number from 0 to 1, not {raw[:40]!r}")
    status = q.get("status", "open") or "open"
    if status not in (*queue.STATUSES, "decided", "all"):
        raise DecisionError(f"unknown status {status!r}")
    return queue.Filters(category=q.get("category", ""), rule=q.get("rule", ""),
                         source=q.get("source", ""), min_confidence=min_conf,
                         doc=q.get("doc", ""), status=status)


def _pages(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse)
    def index(request: Request):
        conn = _conn(request)
        docs = queue.documents_overview(conn)
        totals = {k: sum(d[k] for d in docs) for k in ("open", "decided", "total")}
        return render_page(request, "index.html", {"documents": docs, "totals": totals,
                                                   "page": "articles"})

    @app.get("/queue", response_class=HTMLResponse)
    def queue_page(request: Request):
        conn = _conn(request)
        filters = _filters(request)
        issue_id = request.query_params.get("issue")
        after = request.query_params.get("after")
        if not issue_id:
            issue_id = queue.next_issue_id(conn, filters, after)
            if issue_id and after is not None:
                target = {**filters.query(), "issue": issue_id}
                return RedirectResponse("/queue?" + urlencode(target), status_code=303)
        issue = queue.issue_detail(conn, issue_id) if issue_id else None
        return render_page(request, "queue.html", {
            "issue": issue, "filters": filters, "filter_query": filters.query(),
            "facets": queue.facets(conn), "progress": queue.progress(conn, filters),
            "page": "queue",
        })

    @app.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document_page(request: Request, doc_id: str):
        conn = _conn(request)
        result = reviewed_result(conn, doc_id)
        overview = next(d for d in queue.documents_overview(conn) if d["id"] == doc_id)
        return render_page(request, "document.html", {
            "doc": overview, "diff": word_diff(result.document.text, result.corrected),
            "changed": result.corrected != result.document.text, "page": "articles",
        })

    @app.get("/memory", response_class=HTMLResponse)
    def memory_page(request: Request):
        entries, seen = [], set()
        for e in memory.workspace_entries(_conn(request)):
            key = (e.kind, e.rule, e.phrase, e.replacement, e.context if e.kind == "reject" else "")
            if key not in seen:  # one row per fix, however many sentences it was made in
                seen.add(key)
                entries.append(e)
        return render_page(request, "memory.html", {"entries": entries, "page": "memory"})

    @app.get("/favicon.ico")
    def favicon():
        return RedirectResponse("/static/favicon.svg")


async def _json_body(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise DecisionError("the request body must be a JSON object") from None
    if not isinstance(body, dict):
        raise DecisionError("the request body must be a JSON object")
    return body


def _field(body: dict[str, Any], name: str, kind: type, default: Any = None) -> Any:
    value = body.get(name, default)
    if value is None:
        return None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise DecisionError(f"{name!r} must be a {kind.__name__}")
    if kind is int and not 0 <= value <= MAX_VERSION:
        raise DecisionError(f"{name!r} must be a whole number from 0 to {MAX_VERSION}")
    return value


def _editor(request: Request, body: dict[str, Any]) -> str:
    editor = _field(body, "editor", str, "") or request.app.state.editor or "editor"
    return editor.strip()[:80] or "editor"


def _api(app: FastAPI) -> None:
    """The JSON API the page's script (and scripts of editors' own) use."""
    _queue_api(app)
    _decision_api(app)
    _document_api(app)
    _memory_api(app)


def _queue_api(app: FastAPI) -> None:
    @app.get("/api/documents")
    def api_documents(request: Request):
        return {"documents": queue.documents_overview(_conn(request))}

    @app.get("/api/issues")
    def api_issues(request: Request):
        limit = _int_param(request, "limit", 200, 1, MAX_PAGE)
        offset = _int_param(request, "offset", 0, 0, MAX_OFFSET)
        issues, total = queue.list_issues(_conn(request), _filters(request), limit=limit,
                                          offset=offset)
        return {"issues": issues, "total": total}

    @app.get("/api/next")
    def api_next(request: Request, after: str | None = None):
        return {"issue_id": queue.next_issue_id(_conn(request), _filters(request), after)}

    @app.get("/api/issues/{issue_id}")
    def api_issue(request: Request, issue_id: str):
        return queue.issue_detail(_conn(request), issue_id)


def _decision_api(app: FastAPI) -> None:
    @app.post("/api/issues/{issue_id}/decision")
    async def api_decide(request: Request, issue_id: str):
        body = await _json_body(request)
        action = _field(body, "action", str)
        if action is None:
            raise DecisionError("'action' is required: accept, edit or reject")
        kwargs = {"editor": _editor(request, body), "version": _field(body, "version", int),
                  "suggestion": _field(body, "suggestion", str)}
        conn = _conn(request)
        if _field(body, "all", bool, False):
            return decisions.decide_all(conn, issue_id, action, **kwargs)
        return decisions.decide(conn, issue_id, action, text=_field(body, "text", str),
                                **kwargs)

    @app.post("/api/issues/{issue_id}/undo")
    async def api_undo(request: Request, issue_id: str):
        body = await _json_body(request)
        return decisions.undo(_conn(request), issue_id, editor=_editor(request, body),
                              version=_field(body, "version", int))

    @app.post("/api/undo")
    async def api_undo_last(request: Request):
        body = await _json_body(request)
        return decisions.undo_last(_conn(request), editor=_editor(request, body))

    @app.get("/api/issues/{issue_id}/history")
    def api_history(request: Request, issue_id: str):
        return {"decisions": decisions.history(_conn(request), issue_id)}


def _document_api(app: FastAPI) -> None:
    @app.get("/api/documents/{doc_id}/diff")
    def api_diff(request: Request, doc_id: str):
        result = reviewed_result(_conn(request), doc_id)
        return {"id": doc_id, "before": result.document.text, "after": result.corrected,
                "diff": word_diff(result.document.text, result.corrected)}

    @app.get("/api/documents/{doc_id}/export")
    def api_export(request: Request, doc_id: str):
        conn = _conn(request)
        load_document(conn, doc_id)
        name, content = export_source(conn, doc_id)
        media = "text/html" if name.lower().endswith((".html", ".htm")) else "text/plain"
        safe_name = "".join(c if c.isalnum() or c in "._-" else "_" for c in name) or "export"
        return Response(content.encode("utf-8"), media_type=f"{media}; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{safe_name}"'})


def _memory_api(app: FastAPI) -> None:
    @app.get("/api/memory")
    def api_memory(request: Request, format: str = "json"):
        entries = memory.workspace_entries(_conn(request))
        content = memory.dump_memory(entries, format)
        media = "application/json" if format == "json" else "text/tab-separated-values"
        return Response(content.encode("utf-8"), media_type=f"{media}; charset=utf-8",
                        headers={"Content-Disposition":
                                 f'attachment; filename="textfix-memory.{format}"'})

    @app.post("/api/memory/import")
    async def api_memory_import(request: Request):
        raw = await request.body()
        if len(raw) > MAX_IMPORT_BYTES:
            raise DecisionError("memory file too large (10 MB at most)")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DecisionError("the memory file must be UTF-8 text (JSON or TSV)") from None
        name = request.headers.get("x-filename", "upload")[:200]
        entries = memory.parse_memory(text, name)
        added = memory.import_entries(_conn(request), entries, origin=name)
        return {"read": len(entries), "added": added}
