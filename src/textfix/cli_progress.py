"""A progress bar on stderr for ``check``/``fix`` over long inputs, never on a pipe.

A long run (800 lines took 5 minutes on a busy machine) should not look hung; a short one, or one
whose stderr is a file or a pipe (CI logs, ``2>log``), gets no bar: nothing is drawn there.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from .records import Document

LONG_SEGMENTS = 50  # a run this long (or LONG_CHARS) gets a bar
LONG_CHARS = 20_000


def stderr_console() -> Console:
    """The console the bar draws on (a seam for tests, which fake a terminal)."""
    return Console(stderr=True)


def is_long(documents: Sequence[Document]) -> bool:
    segments = sum(max(len(d.segments), 1) for d in documents)
    return segments > LONG_SEGMENTS or sum(len(d.text) for d in documents) > LONG_CHARS


class ProgressBar:
    """``bar(share done, stage)``: a callback for ``parallel.run_documents``; a context manager
    that removes the bar when the run ends (it is transient: the summary follows it)."""

    def __init__(self, console: Console, label: str) -> None:
        self._progress = Progress(
            TextColumn(f"[bold]{label}"), BarColumn(), TaskProgressColumn(),
            TextColumn("{task.fields[stage]}"), TimeElapsedColumn(),
            console=console, transient=True)
        self._task = self._progress.add_task(label, total=1.0, stage="loading models")

    def __call__(self, done: float, stage: str) -> None:
        self._progress.update(self._task, completed=min(max(done, 0.0), 1.0), stage=stage)

    def __enter__(self) -> ProgressBar:
        self._progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._progress.stop()


def progress_bar(documents: Sequence[Document], label: str, quiet: bool) -> ProgressBar | None:
    """A bar when the input is long, stderr is a terminal and ``quiet`` is off; else None."""
    if quiet or not is_long(documents):
        return None
    console = stderr_console()
    if not console.is_terminal:
        return None
    return ProgressBar(console, label)
