"""How a command ends when something fails: one line on stderr, or quietly for a closed pipe.

The README's exit-code contract says every failure is exit 2 with one line a user can act on;
this module turns an exception into that line and handles ``textfix check ... | head``.
"""

from __future__ import annotations

import os
import sys
import traceback

from rich.console import Console
from rich.text import Text

from .errors import TextfixError, one_line

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a reader that stopped early


def describe_error(exc: BaseException) -> str:
    """The one line a user reads for ``exc``: a TextfixError's own message; for a fault of the
    machine (disk full, permission) what failed and where; anything else is a bug in textfix."""
    if isinstance(exc, TextfixError):
        return str(exc)
    if isinstance(exc, MemoryError):
        return "out of memory; try smaller inputs, a lower --max-bytes or fewer --jobs"
    if isinstance(exc, OSError) and exc.strerror:
        where = f"{exc.filename}: " if exc.filename is not None else ""
        return f"{where}{exc.strerror}"
    return (f"unexpected {type(exc).__name__}: {exc} (a bug in textfix; run again with --debug "
            "for the traceback)")


def print_error(exc: BaseException, debug: bool) -> None:
    err = Console(stderr=True, soft_wrap=True, highlight=False, emoji=False)
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    err.print(Text("textfix: error: ", style="red") + Text(one_line(describe_error(exc))))


def warn(message: str) -> None:
    """A note the run goes on after (a deprecated spelling): one line on stderr."""
    print(f"textfix: warning: {one_line(message)}", file=sys.stderr)


def stdout_broken() -> bool:
    """Whether stdout is the pipe that broke: what a failed write left in its buffer fails again."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return True
    except (OSError, ValueError):
        return False
    return False


def stdout_closed() -> int:
    """The reader of stdout stopped (``textfix check ... | head``): end quietly, as ``cat``
    does; later writes and the interpreter's final flush go to /dev/null."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_BROKEN_PIPE
