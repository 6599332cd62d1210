"""Write corrected documents back in the format they came in.

Applying no edit gives the input back byte for byte (text, markdown, lines, csv, jsonl, html),
so a diff of the output against the input shows exactly the corrections and nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..records import Result
from ..stages.apply import apply_edits
from .formats import rebuild_csv_row, rebuild_jsonl_line
from .html import render_corrected_html

RECORD_FORMATS = ("lines", "jsonl", "csv")


def corrected_filename(path: Path) -> str:
    """The input's own name: corrected files go to their own folder, so ``diff -r`` pairs them.

    Same name, same extension, so every tool that opened the input opens the output.
    """
    path = Path(path)
    if str(path) == "-":
        return "stdin.txt"
    return path.name


def render_corrected(results: Sequence[Result]) -> str:
    """The corrected content of one input file, from all the Results read from that file."""
    if not results:
        raise ValueError("render_corrected needs at least one Result")
    first = results[0].document
    if any(r.document.source != first.source or r.document.format != first.format
           for r in results):
        raise ValueError("render_corrected got Results from different inputs or formats")
    if first.format in RECORD_FORMATS:
        body = _render_records(results)
    else:
        if len(results) != 1:
            raise ValueError(f"a {first.format} input holds one document, got {len(results)}")
        result = results[0]
        doc = result.document
        if doc.format == "html" and "raw_html" in doc.metadata:
            body = render_corrected_html(doc.metadata["raw_html"], doc.text, result.edits,
                                         doc.source)
        else:
            body = apply_edits(doc.text, result.edits)
    return ("\ufeff" + body) if first.metadata.get("bom") else body


def _render_records(results: Sequence[Result]) -> str:
    ordered = sorted(results, key=lambda r: r.document.metadata.get("index", 0))
    parts: list[str] = []
    for result in ordered:
        doc = result.document
        meta = doc.metadata
        corrected = apply_edits(doc.text, result.edits)
        eol = meta.get("eol", "\n")
        parts.append(meta.get("prefix", ""))
        if corrected == doc.text and "raw" in meta:
            parts.append(meta["raw"] + eol)
        elif doc.format == "jsonl" and "raw" in meta:
            parts.append(rebuild_jsonl_line(meta["raw"], corrected) + eol)
        elif doc.format == "csv" and "raw" in meta:
            parts.append(rebuild_csv_row(meta["raw"], corrected, eol, meta["csv"]))
        else:
            parts.append(corrected + eol)
    parts.append(ordered[-1].document.metadata.get("suffix", ""))
    return "".join(parts)
