"""``textfix serve``: the LanguageTool-compatible server on this machine (see ``server/app``).

The click binding is only ``add_commands`` and ``cmd_serve``; ``serve(...)`` does the work and
takes plain values, so any command-line library (or a script) can call it as it is.
"""

from __future__ import annotations

import os
from argparse import Namespace
from collections.abc import Sequence
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from ..cli_help import command, invoke, option
from ..errors import TextfixError
from ..listen import host_port_options, listening_socket
from .access import DEFAULT_MAX_BYTES, is_loopback

DEFAULT_PORT = 8081  # LanguageTool's own default, which clients suggest first
TOKEN_ENV = "TEXTFIX_SERVE_TOKEN"


def add_commands(group: click.Group) -> None:
    @command(group, "serve", short_help="serve LanguageTool's HTTP API to editors' add-ons",
             examples=(
                 "textfix serve   # http://localhost:8081/v2 for add-ons and LibreOffice",
                 "textfix serve --port 8010 --no-models",
                 f"{TOKEN_ENV}=s3cret textfix serve --host 0.0.0.0 --allow-host checker.lan",
             ))
    @host_port_options(DEFAULT_PORT)
    @option("--token", default=None, section="Security",
            help=f"require this token (Bearer header or apiKey field); default: {TOKEN_ENV}; "
                 "required when --host is not a loopback address")
    @option("--allow-host", multiple=True, metavar="NAME", section="Security",
            help="also answer requests whose Host is NAME (repeatable; loopback names and the "
                 "--host address always are)")
    @option("--cors-origin", multiple=True, metavar="ORIGIN", section="Security",
            help="origins browser pages may call it from (repeatable; default: any)")
    @option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
            show_default=True, section="Security", help="largest request body accepted")
    @option("--checks", section="Checks",
            help="comma-separated checks to run (default: every check; `textfix checks`)")
    @option("--disable", section="Checks", help="comma-separated checks to turn off")
    @option("--no-models", is_flag=True, section="Checks",
            help="run without the trained models (faster start, fewer checks)")
    def serve_command(**params: Any) -> int:
        """Answer LanguageTool's HTTP API v2 (POST /v2/check, GET /v2/languages) with
        textfix's checks, for LanguageTool browser add-ons, LibreOffice and
        language_tool_python. Listens on 127.0.0.1 unless --host says otherwise; beyond this
        machine it needs a token. Models load once at start and stay warm."""
        return invoke(cmd_serve, "serve", params)


def cmd_serve(args: Namespace, console: Console) -> int:
    return serve(args.host, args.port, args.token, args.allow_host, checks=args.checks,
                 disable=args.disable, no_models=args.no_models, max_bytes=args.max_bytes,
                 cors_origins=args.cors_origin, console=console)


def server_checks(checks: str | None, disable: str | None, no_models: bool) -> tuple[str, ...]:
    """The checks the server runs: every declared one (opt-in ones too, shown at level=picky)
    unless ``checks`` names them; less ``disable`` and, with ``no_models``, the model checks."""
    from ..catalogue import catalogue

    known = catalogue()
    chosen = known.validate(n.strip() for n in checks.split(",") if n.strip()) if checks \
        else known.names()
    off = set(known.validate(n.strip() for n in (disable or "").split(",") if n.strip()))
    if no_models:
        off |= set(known.model_checks())
    return tuple(n for n in chosen if n not in off)


def serve(host: str, port: int, token: str | None, allow_hosts: Sequence[str] = (), *,
          checks: str | None = None, disable: str | None = None, no_models: bool = False,
          max_bytes: int = DEFAULT_MAX_BYTES, cors_origins: Sequence[str] = (),
          console: Console | None = None) -> int:
    """Start the server and block until Ctrl+C; ``TextfixError`` for a setting it refuses."""
    console = console or Console(stderr=True)
    token = (token or os.environ.get(TOKEN_ENV, "")).strip() or None
    if not is_loopback(host) and not token:
        raise TextfixError(f"--host {host} reaches beyond this machine: set a token with "
                           f"--token or {TOKEN_ENV} (clients send it as 'apiKey')")
    if not 0 <= port <= 65535:
        raise TextfixError(f"--port must be between 0 and 65535, not {port}")
    if max_bytes <= 0:
        raise TextfixError(f"--max-bytes must be positive, not {max_bytes}")
    app = build_app(host, token, allow_hosts, checks=checks, disable=disable,
                    no_models=no_models, max_bytes=max_bytes, cors_origins=cors_origins)
    sock = listening_socket(host, port)
    shown = f"[{host}]" if ":" in host else host
    url = escape(f"http://{shown}:{sock.getsockname()[1]}/v2")
    try:
        console.print(f"[bold]textfix serve[/bold]: loading the checks for {url}", soft_wrap=True)
        app.state.engine.start()  # models load and warm here: a failure is one line, no traceback
        console.print(f"Ready: LanguageTool's API at {url}  (Ctrl+C to stop)", soft_wrap=True)
        if token:
            console.print("Requests need the token (Authorization: Bearer, or the apiKey field).")
        import uvicorn

        uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False)).run(
            sockets=[sock])
    finally:
        sock.close()
    return 0


def build_app(host: str, token: str | None, allow_hosts: Sequence[str] = (), *,
              checks: str | None = None, disable: str | None = None, no_models: bool = False,
              max_bytes: int = DEFAULT_MAX_BYTES, cors_origins: Sequence[str] = ()):
    """The app with its (not yet started) engine, as ``serve`` runs it; tests start it too."""
    from ..config import Config
    from .app import create_app
    from .engine import Engine

    config = Config(checks=server_checks(checks, disable, no_models), rank_with_lm=not no_models)
    return create_app(Engine(config), token=token, host=host, allow_hosts=allow_hosts,
                      max_bytes=max_bytes, cors_origins=tuple(cors_origins) or ("*",))
