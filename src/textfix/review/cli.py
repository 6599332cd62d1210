"""``textfix review WORKSPACE.db``: serve the review app, or export/import correction memory."""

from __future__ import annotations

import argparse
import socket
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from ..errors import InputError, TextfixError
from ..output_paths import check_outputs, write_text

DEFAULT_PORT = 8765


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    review = subparsers.add_parser(
        "review", help="review flagged sentences in the browser (local web app)",
        description="Serve the review app on a workspace written by 'textfix check --save'. "
                    "The app needs a token: TEXTFIX_REVIEW_TOKEN, or one generated and printed "
                    "in the start-up URL.")
    review.add_argument("workspace", type=Path, metavar="WORKSPACE.db")
    review.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: %(default)s, this machine only)")
    review.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help="port (default: %(default)s; 0 picks a free one)")
    review.add_argument("--editor", default="",
                        help="default editor name recorded with decisions")
    review.add_argument("--export-memory", metavar="FILE", type=Path,
                        help="write the correction memory to FILE (.json or .tsv) and exit")
    review.add_argument("--import-memory", metavar="FILE", type=Path,
                        help="add a memory file (JSON or TSV) to the workspace and exit")
    review.add_argument("--overwrite", action="store_true",
                        help="let --export-memory replace an existing file")
    review.set_defaults(handler=cmd_review)


def _open_existing(path: Path):
    from ..store import Workspace

    if not path.is_file():
        raise InputError(f"{path}: no such workspace; create one with "
                         f"'textfix check --save {path} ARTICLE'")
    return Workspace.create_or_open(path)


def cmd_review(args: argparse.Namespace, console: Console) -> int:
    from ..stages import memory

    if args.export_memory or args.import_memory:
        if args.export_memory:
            check_outputs([args.export_memory], [args.workspace, args.import_memory],
                          overwrite=args.overwrite)
        with _open_existing(args.workspace) as ws:
            if args.import_memory:
                entries = memory.CorrectionMemory.load(args.import_memory).entries
                added = memory.import_entries(ws.connection, entries, str(args.import_memory))
                console.print(f"Imported {added} new memory entries ({len(entries)} read) from "
                              f"{escape(str(args.import_memory))}")
            if args.export_memory:
                entries = memory.workspace_entries(ws.connection)
                fmt = memory.memory_format_for(args.export_memory)
                write_text(args.export_memory, memory.dump_memory(entries, fmt),
                           overwrite=args.overwrite)
                console.print(f"Wrote {len(entries)} memory entries to "
                              f"{escape(str(args.export_memory))} ({fmt})")
        return 0
    return serve(args.workspace, args.host, args.port, args.editor, console)


def serve(workspace: Path, host: str, port: int, editor: str, console: Console) -> int:
    import uvicorn

    from .app import create_app

    if not 0 <= port <= 65535:
        raise TextfixError(f"--port must be between 0 and 65535, not {port}")
    app = create_app(workspace, editor=editor, allowed_hosts=(host,))
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
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{bound}/?token={app.state.guard.token}"
    console.print(f"[bold]textfix review[/bold] on {escape(str(workspace))}")
    console.print(f"Open [link={url}]{escape(url)}[/link]  (Ctrl+C to stop)", soft_wrap=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print("[yellow]Listening beyond this machine: anyone who has the token can "
                      "review and change this workspace.[/yellow]")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    return 0
