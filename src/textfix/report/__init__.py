"""Outputs made from pipeline results: JSON/JSONL (serialize), CSV (tables), HTML, terminal.

The names below are imported on first use (PEP 562), so importing one module of this package
(the terminal summary, on every ``check``) does not import the others; pandas is imported only
by ``tables``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_HOMES = {
    "print_summary": "terminal",
    "render_report_html": "html",
    "to_json_document": "serialize",
    "to_jsonl_records": "serialize",
    "write_json": "serialize",
    "write_jsonl": "serialize",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_HOMES[name]}", __name__), name)
