"""Where an issue is in its input file: shared by the terminal summary and the concise reports."""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Result

Grouped = Sequence[tuple[str, Sequence[Result]]]  # (input path or "-", its results)


def file_position(result: Result, line: int, column: int) -> tuple[int, int]:
    """(line, column) in the input file of a position in ``result.document.text``: a record
    (a ``--lines`` line, a JSONL or CSV row) starts on its own line of the file."""
    first = int(result.document.metadata.get("line", 1) or 1)
    return first + line - 1, column


def display_path(source: str) -> str:
    return "<stdin>" if source == "-" else source
