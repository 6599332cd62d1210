"""``textfix review WORKSPACE.db``: serve the review app, or export/import correction memory."""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from ..cli_help import command, invoke, option
from ..errors import InputError, TextfixError
from ..listen import host_port_options, listening_socket
from ..output_paths import check_outputs, write_text

DEFAULT_PORT = 8765
_FILE = click.Path(path_type=Path, dir_okay=False)


def add_commands(group: click.Group) -> None:
    @command(group, "review", short_help="review flagged sentences in the browser (local web app)",
             examples=(
                 "textfix check --save ws.db article.txt && textfix review ws.db",
                 "textfix review ws.db --port 0 --editor anna",
                 "textfix review ws.db --export-memory memory.json",
                 "textfix review ws.db --import-memory colleague.tsv",
             ))
    @click.argument("workspace", type=_FILE, metavar="WORKSPACE.db")
    @host_port_options(DEFAULT_PORT)
    @option("--editor", default="", section="Server",
            help="default editor name recorded with decisions")
    @option("--export-memory", metavar="FILE", type=_FILE, section="Memory",
            help="write the correction memory to FILE (.json or .tsv) and exit")
    @option("--import-memory", metavar="FILE", type=_FILE, section="Memory",
            help="add a memory file (JSON or TSV) to the workspace and exit")
    @option("--overwrite", is_flag=True, section="Memory",
            help="let --export-memory replace an existing file")
    def review(**params: Any) -> int:
        """Serve the review app on a workspace written by 'textfix check --save', or move its
        correction memory in or out. The app needs a token: TEXTFIX_REVIEW_TOKEN, or one
        generated and printed in the start-up URL."""
        return invoke(cmd_review, "review", params)


def _open_existing(path: Path):
    from ..store import Workspace

    if not path.is_file():
        raise InputError(f"{path}: no such workspace; create one with "
                         f"'textfix check --save {path} ARTICLE'")
    return Workspace.create_or_open(path)


def cmd_review(args: Namespace, console: Console) -> int:
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
    sock = listening_socket(host, port)
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
