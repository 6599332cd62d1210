"""Report formats of ``textfix check``/``fix --output-format``, beside the terminal summary.

``concise`` and ``grouped`` are ruff's forms: ``file:line:col: rule message -> suggestion``, the
position 1-based and counted in characters, so editors' problem matchers (VS Code, vim's
quickfix, Emacs compile mode) jump to the flagged text. Positions are in the file for text,
Markdown and ``--lines`` inputs; for HTML, JSONL and CSV inputs (whose text is extracted) the line
is the record's and the column is in its text. ``lt-json`` is LanguageTool's ``/v2/check``
answer, one per document and line, made by the server's own ``server.lt_format``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence

from .errors import one_line
from .records import Result
from .report.positions import Grouped, display_path, file_position

REPORT_FORMATS = ("text", "concise", "grouped", "json", "jsonl", "csv", "html", "lt-json")
SUFFIXES = {"text": "txt", "concise": "txt", "grouped": "txt", "json": "json", "jsonl": "jsonl",
            "csv": "csv", "html": "html", "lt-json": "lt.jsonl"}


def report_name(fmt: str) -> str:
    """The file a report in ``fmt`` gets in an ``-o`` folder."""
    return f"report.{SUFFIXES[fmt]}"


def format_report(grouped: Grouped, fmt: str) -> str:
    """Every format but ``text`` (the terminal summary, ``report.terminal``)."""
    results = [r for _, rs in grouped for r in rs]
    if fmt in ("concise", "grouped"):
        return concise(grouped, grouped_by_file=fmt == "grouped")
    if fmt == "lt-json":
        return lt_json(results)
    from .report import serialize  # tables (pandas, ~0.3 s to import) only for CSV

    buffer = io.StringIO()
    if fmt == "json":
        serialize.write_json(results, buffer)
    elif fmt == "jsonl":
        serialize.write_jsonl(results, buffer)
    elif fmt == "csv":
        from .report import tables

        tables.write_csv(results, buffer)
    elif fmt == "html":
        from .report.html import render_report_html

        buffer.write(render_report_html(results))
    else:
        raise ValueError(f"unknown report format {fmt!r}")
    return buffer.getvalue()


def concise(grouped: Grouped, grouped_by_file: bool = False) -> str:
    """``path:line:col: rule message [-> suggestion]``, one line per issue in text order
    (``grouped_by_file``: a ``path:`` header, then ``  line:col rule message`` lines)."""
    from .api import CheckResult

    lines: list[str] = []
    for source, results in grouped:
        path = display_path(source)
        rows = []
        for result in results:
            for match in sorted(CheckResult(result), key=lambda m: (m.start, m.end)):
                line, col = file_position(result, match.line, match.column)
                fix = "" if not match.replacements else " -> (delete)" \
                    if not match.replacements[0] else f" -> {match.replacements[0]!r}"
                text = one_line(f"{match.rule} {match.message}{fix}")
                rows.append(f"  {line}:{col} {text}" if grouped_by_file
                            else f"{path}:{line}:{col}: {text}")
        if grouped_by_file and rows:
            lines += [f"{path}:", *rows, ""]
        else:
            lines += rows
    return "".join(f"{line}\n" for line in lines)


def lt_json(results: Sequence[Result], language: str = "en-US") -> str:
    """LanguageTool's ``/v2/check`` JSON for each document, one object per line (a single
    document is a single JSON object, as a LanguageTool client reads it)."""
    from .api import CheckResult
    from .server.annotated import AnnotatedText
    from .server.lt_format import response_json, views

    out = []
    for result in results:
        answer = response_json(language, AnnotatedText.plain_text(result.document.text),
                               views(CheckResult(result)))
        answer["textfix"] = {"document": result.document.id, "source": result.document.source}
        out.append(json.dumps(answer, ensure_ascii=False))
    return "".join(f"{line}\n" for line in out)
