"""Outputs made from pipeline results: JSON/JSONL (serialize), CSV (tables), HTML, terminal.

pandas is imported only by ``tables``, so importing this package stays cheap.
"""

from .html import render_report_html
from .serialize import to_json_document, to_jsonl_records, write_json, write_jsonl
from .terminal import print_summary

__all__ = [
    "print_summary",
    "render_report_html",
    "to_json_document",
    "to_jsonl_records",
    "write_json",
    "write_jsonl",
]
