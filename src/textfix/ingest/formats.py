"""Turn decoded file text into Documents, one format at a time.

Record formats (``lines``, ``jsonl``, ``csv``) keep, per Document, what sits around its record in
the file (``prefix``: blank lines or the csv header before it; ``eol``: its line ending; ``raw``:
the record as written; ``suffix`` on the last one) so ``render_corrected`` can rebuild the file
byte for byte when nothing changed, and rewrite only the records that did.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import ConfigError, InputError
from ..records import Document, Segment
from .boilerplate import mark_boilerplate
from .html import extract
from .segment import LINE_BREAK, segment_text

FORMATS = ("text", "markdown", "html", "jsonl", "csv", "lines")
EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv",
}
_MARKUP = re.compile(
    r"<(/?)(script|style|iframe|html|body|div|span|p|a|b|i|u|em|strong|br|img|h[1-6]|ul|ol|li|"
    r"table|tr|td)\b[^<>]{0,200}>",
    re.IGNORECASE,
)


def detect_format(path: Path | None, head: str, forced: str | None, lines: bool) -> str:
    """The format to read: forced, else by extension, else by sniffing the first characters."""
    if forced is not None:
        if forced not in FORMATS:
            raise ConfigError(f"unknown input format {forced!r}; use one of {', '.join(FORMATS)}")
        fmt = forced
    elif path is not None and path.suffix.lower() in EXTENSIONS:
        fmt = EXTENSIONS[path.suffix.lower()]
    else:
        fmt = _sniff(head)
    if lines and fmt in ("text", "markdown"):
        return "lines"
    return fmt


def _sniff(head: str) -> str:
    start = head.lstrip("\ufeff \t\r\n")[:1024].lower()
    if start.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in start:
        return "html"
    first_lines = [line for line in head.splitlines()[:5] if line.strip()]
    if first_lines and all(line.lstrip().startswith("{") for line in first_lines):
        return "jsonl"
    return "text"


def analyse_structure(text: str, fmt: str = "text", captions: bool = True) -> list[Segment]:
    """Segments of a plain or markdown text, with boilerplate marked."""
    return mark_boilerplate(text, segment_text(text, markdown=fmt == "markdown"),
                            captions=captions)


def markup_warning(text: str) -> str | None:
    match = _MARKUP.search(text)
    if not match:
        return None
    return (f"contains HTML markup ({match.group()[:40]}); it is read as plain text — pass "
            "--format html to read it as a web page")


def title_of(text: str, segments: list[Segment]) -> str:
    for seg in segments:
        if seg.kind == "boilerplate":
            continue
        return text[seg.start : seg.end].strip() if seg.kind == "heading" else ""
    return ""


def text_document(text: str, doc_id: str, source: str, fmt: str) -> Document:
    """A whole .txt/.md file (or a string) as one Document."""
    segments = analyse_structure(text, fmt)
    doc = Document(id=doc_id, text=text, source=source, format=fmt, segments=segments,
                   metadata={"title": title_of(text, segments)})
    warning = markup_warning(text) if fmt == "text" else None
    if warning:
        doc.warnings.append(warning)
    return doc


def html_document(raw: str, doc_id: str, source: str) -> Document:
    """The page's main text as a Document; the raw HTML is kept for writing edits back."""
    extracted = extract(raw, source)
    if not extracted.text.strip():
        raise InputError(f"{source} has no readable text in its HTML (is it a script-only page?)")
    segments: list[Segment] = []
    for start, end, kind in extracted.blocks:
        if kind == "paragraph":
            segments.extend(segment_text(extracted.text, start, end))
        elif kind == "caption":
            segments.append(Segment(start, end, "boilerplate", "caption"))
        else:
            segments.append(Segment(start, end, "heading" if kind == "heading" else "list_item"))
    segments = mark_boilerplate(extracted.text, segments, captions=False)
    return Document(id=doc_id, text=extracted.text, source=source, format="html",
                    segments=segments, metadata={"title": extracted.title, "raw_html": raw},
                    warnings=list(extracted.warnings))  # text malformed markup hid or moved


def physical_lines(text: str) -> Iterator[tuple[int, str, str]]:
    """(line number, content, line ending) for every line; the last may have no ending."""
    cursor = 0
    lineno = 0
    for lineno, match in enumerate(LINE_BREAK.finditer(text), 1):
        yield lineno, text[cursor : match.start()], match.group()
        cursor = match.end()
    if cursor < len(text):
        yield lineno + 1, text[cursor:], ""


def _record_document(
    text: str, doc_id: str, source: str, fmt: str, metadata: dict[str, Any]
) -> Document:
    # a line of MT output is one translated segment, never page furniture to delete
    segments = segment_text(text) if fmt == "lines" else analyse_structure(text, "text")
    doc = Document(id=doc_id, text=text, source=source, format=fmt, segments=segments,
                   metadata=metadata)
    warning = markup_warning(text)
    if warning:
        doc.warnings.append(warning)
    return doc


def _finish(docs: list[Document], suffix: str, source: str, what: str) -> list[Document]:
    if not docs:
        raise InputError(f"{source} contains no {what}")
    docs[-1].metadata["suffix"] = suffix
    return docs


def _content_lines(
    text: str, docs: list[Document]
) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """Non-blank lines with the metadata ``render_corrected`` needs to put them back: the blank
    lines before each (``prefix``), its line ending and its position among the documents."""
    prefix = ""
    for lineno, content, eol in physical_lines(text):
        if not content.strip():
            prefix += content + eol
            continue
        yield lineno, content, {"line": lineno, "index": len(docs), "prefix": prefix, "eol": eol,
                                "raw": content}
        prefix = ""


def _trailing_blank(text: str) -> str:
    """The blank lines after the last non-blank one, kept as the last document's suffix."""
    suffix = ""
    for _, content, eol in physical_lines(text):
        suffix = suffix + content + eol if not content.strip() else ""
    return suffix


def line_documents(text: str, stem: str, source: str) -> list[Document]:
    """One Document per non-blank line (MT output files), id ``stem:lineno``."""
    docs: list[Document] = []
    for lineno, content, meta in _content_lines(text, docs):
        docs.append(_record_document(content, f"{stem}:{lineno}", source, "lines", meta))
    return _finish(docs, _trailing_blank(text), source, "non-empty lines")


def jsonl_documents(text: str, stem: str, source: str) -> list[Document]:
    """One Document per JSON object with a string ``text`` field; ``id`` if present."""
    docs: list[Document] = []
    for lineno, content, meta in _content_lines(text, docs):
        record = _json_record(content, source, lineno)
        if not isinstance(record, dict):
            raise InputError(f"{source}: line {lineno} is a JSON {type(record).__name__}, not an "
                             'object like {"id": ..., "text": ...}')
        if not isinstance(record.get("text"), str):
            problem = "has no \"text\" field" if "text" not in record else \
                "has a \"text\" field that is not a string"
            raise InputError(f"{source}: line {lineno} {problem}")
        doc_id = _record_id(record.get("id"), stem, lineno)
        meta["fields"] = {k: v for k, v in record.items() if k != "text"}
        docs.append(_record_document(record["text"], doc_id, source, "jsonl", meta))
    return _finish(docs, _trailing_blank(text), source, "JSON records")


def _json_record(content: str, source: str, lineno: int) -> Any:
    """One JSONL line parsed, or an InputError for what ``json`` refuses with other exceptions
    than JSONDecodeError (deep nesting, numbers of thousands of digits) and for lone surrogates
    (``"\\ud800"``), which parse but can be neither analysed nor written back as UTF-8."""
    where = f"{source}: line {lineno}"
    try:
        record = json.loads(content)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where} is not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise InputError(f"{where} nests JSON arrays or objects too deeply to read") from None
    except ValueError as exc:  # e.g. "Exceeds the limit (4300 digits) for integer string ..."
        reason = str(exc).split(":", 1)[0]
        raise InputError(f"{where} cannot be read as JSON ({reason})") from None
    try:
        json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start : exc.end].encode("unicode_escape").decode("ascii")
        raise InputError(f"{where} holds {char}, half of a UTF-16 surrogate pair, which is not "
                         "valid Unicode text; fix the escape") from None
    return record


def _record_id(value: Any, stem: str, number: int) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return f"{stem}:{number}"
    return str(value)


def _csv_dialect(text: str, path: Path | None) -> tuple[str, str]:
    """The delimiter that makes the header name a ``text`` column (the most columns wins).

    Judged on the header alone: a sniffer reading the rows is fooled by commas in the text.
    """
    if path is not None and path.suffix.lower() == ".tsv":
        return "\t", '"'
    header = next((content for _, content, _ in physical_lines(text) if content.strip()), "")
    best, best_columns = ",", 0
    for delimiter in (",", ";", "\t", "|"):
        cells = next(csv.reader([header], delimiter=delimiter), [])
        names = [cell.strip().lstrip("\ufeff").lower() for cell in cells]
        if "text" in names and len(names) > best_columns:
            best, best_columns = delimiter, len(names)
    return best, '"'


class _LineFeeder:
    """Feeds csv.reader one physical line at a time and remembers which lines each row used."""

    def __init__(self, text: str) -> None:
        self.lines = list(physical_lines(text))
        self.position = 0

    def __iter__(self) -> _LineFeeder:
        return self

    def __next__(self) -> str:
        if self.position >= len(self.lines):
            raise StopIteration
        _, content, eol = self.lines[self.position]
        self.position += 1
        return content + eol


def csv_documents(text: str, stem: str, source: str, path: Path | None = None) -> list[Document]:
    """One Document per row of a csv with a header naming a ``text`` column (``id`` optional)."""
    delimiter, quotechar = _csv_dialect(text, path)
    if csv.field_size_limit() < len(text):  # a whole article in one cell is no error
        csv.field_size_limit(len(text) + 1)
    feeder = _LineFeeder(text)
    reader = csv.reader(feeder, delimiter=delimiter, quotechar=quotechar, strict=True)
    docs: list[Document] = []
    prefix = ""
    header: list[str] | None = None
    text_col = id_col = -1
    row_number = 0
    while True:
        first = feeder.position
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputError(f"{source}: line {feeder.position} is not valid CSV ({exc})") from None
        raw_lines = feeder.lines[first : feeder.position]
        raw = "".join(c + e for _, c, e in raw_lines)
        eol = raw_lines[-1][2] if raw_lines else ""
        lineno = raw_lines[0][0] if raw_lines else first + 1
        if not any(cell.strip() for cell in row):
            prefix += raw
            continue
        if header is None:
            header = [cell.strip().lstrip("\ufeff").lower() for cell in row]
            if "text" not in header:
                raise InputError(f"{source}: the header (line {lineno}) has no 'text' column; "
                                 f"found: {', '.join(header)}")
            text_col = header.index("text")
            id_col = header.index("id") if "id" in header else -1
            prefix += raw
            continue
        row_number += 1
        where = f"{source}: row {row_number} (line {lineno})"
        if len(row) > len(header):
            raise InputError(f"{where} has {len(row)} fields but the header has {len(header)}; "
                             f"quote text that contains {delimiter!r}")
        if len(row) <= text_col:
            raise InputError(f"{where} has no text field ({len(row)} of {len(header)} fields)")
        doc_id = _record_id(row[id_col] if 0 <= id_col < len(row) else None, stem, row_number)
        meta = {"line": lineno, "row": row_number, "index": len(docs), "prefix": prefix,
                "eol": eol, "raw": raw[: len(raw) - len(eol)],
                "csv": {"delimiter": delimiter, "quotechar": quotechar, "text_column": text_col},
                "fields": {name: row[i] for i, name in enumerate(header)
                           if i < len(row) and i != text_col}}
        docs.append(_record_document(row[text_col], doc_id, source, "csv", meta))
        prefix = ""
    if header is None:
        raise InputError(f"{source} has no header row naming a 'text' column")
    return _finish(docs, prefix, source, "rows below its header")


def rebuild_csv_row(raw: str, corrected: str, eol: str, dialect: dict[str, Any]) -> str:
    """The row ``raw`` with its text field replaced, written in the file's dialect."""
    row = next(csv.reader(io.StringIO(raw + eol), delimiter=dialect["delimiter"],
                          quotechar=dialect["quotechar"]))
    row[dialect["text_column"]] = corrected
    out = io.StringIO()
    csv.writer(out, delimiter=dialect["delimiter"], quotechar=dialect["quotechar"],
               lineterminator=eol).writerow(row)
    return out.getvalue()


def rebuild_jsonl_line(raw: str, corrected: str) -> str:
    """The record ``raw`` with ``text`` replaced, other fields and their order kept."""
    record = json.loads(raw)
    style = {"separators": (", ", ": "), "ensure_ascii": False}
    for separators in ((", ", ": "), (",", ":")):
        for ensure_ascii in (False, True):
            if json.dumps(record, separators=separators, ensure_ascii=ensure_ascii) == raw:
                style = {"separators": separators, "ensure_ascii": ensure_ascii}
    record["text"] = corrected
    return json.dumps(record, **style)
