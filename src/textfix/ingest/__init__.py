"""Read inputs into Documents (text, markdown, html, jsonl, csv, one-document-per-line files).

Every refusal is an ``InputError`` with a one-line message that names the file and says what to
do, because the CLI prints it as is. Documents carry segments with boilerplate already marked.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError, InputError
from ..records import Document
from .decode import decode_bytes, refuse_binary
from .formats import (
    csv_documents,
    detect_format,
    html_document,
    jsonl_documents,
    line_documents,
    text_document,
)
from .output import corrected_filename, render_corrected

__all__ = [
    "InputOptions",
    "read_path",
    "document_from_text",
    "render_corrected",
    "corrected_filename",
]


@dataclass
class InputOptions:
    lines: bool = False  # each line of a text file is one document (MT output files)
    format: str | None = None  # force: text | markdown | html | jsonl | csv ; None = detect
    max_bytes: int = 20 * 1024 * 1024


def human_size(size: int) -> str:
    """``31.2 MB``, ``20 MB``, ``512 KB``, ``100 bytes``: sizes as a user reads them."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def _too_big(source: str, size: int | str, limit: int) -> InputError:
    shown = human_size(size) if isinstance(size, int) else size
    return InputError(f"{source} is {shown}, above the {human_size(limit)} limit; raise it "
                      "with --max-bytes")


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    if not path.exists():
        if path.is_symlink():
            raise InputError(f"{path} is a broken symbolic link")
        raise InputError(f"{path}: file not found")
    if path.is_dir():
        raise InputError(f"{path} is a directory; pass the files in it (e.g. {path}/*.txt)")
    if not path.is_file():
        raise InputError(f"{path} is not a regular file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_big(str(path), size, max_bytes)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError(f"{path} cannot be read: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:  # it grew while we looked
        raise _too_big(str(path), len(data), max_bytes)
    return data


def _read_stdin(max_bytes: int) -> bytes:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_big("standard input", f"more than {human_size(max_bytes)}", max_bytes)
    return data


def read_path(path: str | Path, options: InputOptions | None = None) -> list[Document]:
    """Read one input (``"-"`` is stdin) into Documents; refuse bad input with InputError."""
    options = options or InputOptions()
    if options.max_bytes <= 0:
        raise ConfigError(f"--max-bytes must be positive, got {options.max_bytes}")
    if str(path) == "-":
        file_path, source, stem = None, "<stdin>", "stdin"
        data = _read_stdin(options.max_bytes)
    else:
        file_path = Path(path)
        source, stem = str(file_path), file_path.stem
        data = _read_bytes(file_path, options.max_bytes)
    if not data:
        raise InputError(f"{source} is empty")
    refuse_binary(data, source)
    fmt = detect_format(file_path, data[:4096].decode("utf-8", "replace"), options.format,
                        options.lines)
    decoded = decode_bytes(data, source, html=fmt == "html")
    if not decoded.text.strip():
        raise InputError(f"{source} contains only whitespace")
    docs = _documents(decoded.text, fmt, stem, source, file_path)
    for doc in docs:
        doc.warnings[:0] = decoded.warnings
        doc.metadata["encoding"] = decoded.encoding
        doc.metadata["bom"] = decoded.bom
    return docs


def _documents(text: str, fmt: str, stem: str, source: str, path: Path | None) -> list[Document]:
    if fmt == "lines":
        return line_documents(text, stem, source)
    if fmt == "jsonl":
        return jsonl_documents(text, stem, source)
    if fmt == "csv":
        return csv_documents(text, stem, source, path)
    if fmt == "html":
        return [html_document(text, stem, source)]
    return [text_document(text, stem, source, fmt)]


def document_from_text(text: str, doc_id: str = "text", fmt: str = "text") -> Document:
    """A Document for the Python API (``textfix.check(text)``): segmented, no file."""
    if fmt == "html":
        return html_document(text, doc_id, "<text>")
    if fmt not in ("text", "markdown"):
        raise ConfigError(f"document_from_text reads text, markdown or html, not {fmt!r}")
    return text_document(text, doc_id, "<text>", fmt)
