"""Loading lexicon files: YAML or TSV entries, validated into ``Entry`` objects with examples.

An error names the file, the entry's number and its id, so an editor finds it; a later file's
entry replaces an earlier one with the same id (users override shipped entries).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..example import parse_examples
from .entries import Context, Entry
from .pattern import compile_pattern
from .templates import check_template

# libyaml's loader when PyYAML was built with it: 7x faster on calques.yaml, the same data
FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
WINDOWS = ("sentence", "paragraph", "phrase")
SEVERITIES = ("info", "warning", "error")
ENTRY_KEYS = frozenset(
    {"id", "pattern", "message", "suggestions", "confidence", "hold", "context", "severity",
     "concept", "examples"}
)
CONTEXT_KEYS = frozenset({"require", "forbid", "window", "prev_not", "next_not"})
TSV_COLUMNS = ("id", "pattern", "message", "suggestions", "confidence", "require", "forbid",
               "window")


def shipped(name: str) -> Path:
    """Path of a data file shipped with the package."""
    return DATA_DIR / name


def _words(value: Any, where: str, key: str) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [v for v in re.split(r"[,\s]+", value) if v]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: context.{key} must be a list of words")
    return frozenset(v.strip() if v.strip().isupper() else v.strip().lower() for v in value)


def parse_context(raw: Any, where: str) -> Context | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: context must be a mapping with require/forbid/window")
    unknown = set(raw) - CONTEXT_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown context key(s) {', '.join(sorted(unknown))}")
    window = raw.get("window") or "sentence"
    if window not in WINDOWS:
        raise ConfigError(f"{where}: context.window must be one of {', '.join(WINDOWS)}")
    context = Context(
        *(_words(raw.get(key), where, key) for key in ("require", "forbid")),
        window,
        *(_words(raw.get(key), where, key) for key in ("prev_not", "next_not")),
    )
    return context if context != Context(window=window) else None


def checked_header(raw: Any, origin: str, what: str, keys: frozenset[str]) -> tuple[str, str]:
    """The id of a data-file item and the place to name in errors, once its shape is valid."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{origin}: {what} must be a mapping, got {type(raw).__name__}")
    item_id = raw.get("id")
    where = f"{origin} ({item_id})" if item_id else origin
    if not isinstance(item_id, str) or not ID_RE.match(item_id):
        raise ConfigError(f"{where}: id must be lower-case words joined by '-', got {item_id!r}")
    unknown = set(raw) - keys
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    return item_id, where


def parse_entry(raw: Any, origin: str, default_confidence: float = 0.7) -> Entry:
    """Validate one raw entry (a mapping from YAML or a TSV row) into an ``Entry``."""
    entry_id, where = checked_header(raw, origin, "an entry", ENTRY_KEYS)
    patterns = raw.get("pattern")
    patterns = [patterns] if isinstance(patterns, str) else patterns
    if not isinstance(patterns, list) or not patterns:
        raise ConfigError(f"{where}: pattern must be a string or a list of strings")
    compiled = tuple(seq for p in patterns for seq in compile_pattern(p, where))
    message = raw.get("message")
    if not isinstance(message, str) or not message.strip():
        raise ConfigError(f"{where}: message must be a non-empty sentence")
    suggestions = raw.get("suggestions") or []
    if isinstance(suggestions, str):
        suggestions = [suggestions]
    if not isinstance(suggestions, list) or not all(isinstance(s, str) for s in suggestions):
        raise ConfigError(f"{where}: suggestions must be a list of strings")
    confidence = raw.get("confidence", default_confidence)
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not (
        0.0 <= confidence <= 1.0
    ):
        raise ConfigError(f"{where}: confidence must be a number in [0, 1], got {confidence!r}")
    hold = raw.get("hold")
    if hold is not None and (not isinstance(hold, str) or not hold.strip()):
        raise ConfigError(f"{where}: hold must be a reason an editor reads, got {hold!r}")
    severity = raw.get("severity") or "warning"
    if severity not in SEVERITIES:
        raise ConfigError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
    concept = raw.get("concept") or ""
    if concept and (not isinstance(concept, str) or not ID_RE.match(concept)):
        raise ConfigError(f"{where}: concept must be an id like 'muscle-cramp'")
    entry = Entry(
        id=entry_id,
        patterns=tuple(patterns),
        message=message.strip(),
        suggestions=tuple(s.strip() for s in suggestions),
        confidence=float(confidence),
        hold=hold.strip() if hold else None,
        context=parse_context(raw.get("context"), where),
        severity=severity,
        concept=concept,
        origin=where,
        examples=parse_examples(raw.get("examples"), where),
        compiled=compiled,
    )
    for template in entry.suggestions:
        check_template(template, entry.slots, where)
    return entry


def read_tsv(path: Path) -> list[dict[str, Any]]:
    """Rows of a TSV lexicon: columns ``TSV_COLUMNS`` in that order, '#' lines are comments.

    ``pattern`` and ``suggestions`` hold several values separated by ``;``; ``require`` and
    ``forbid`` hold words separated by commas; empty cells take the defaults. A first row
    starting with ``id`` is a header and is skipped.
    """
    rows: list[dict[str, Any]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.lstrip().startswith("#"))
        for number, cells in enumerate(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)):
            if number == 0 and cells and cells[0].strip().lower() == "id":
                continue
            if len(cells) < 3 or len(cells) > len(TSV_COLUMNS):
                raise ConfigError(
                    f"{path}: row {number + 1} has {len(cells)} columns; expected 3 to "
                    f"{len(TSV_COLUMNS)}: {', '.join(TSV_COLUMNS)}"
                )
            values = dict(zip(TSV_COLUMNS, (c.strip() for c in cells), strict=False))
            row: dict[str, Any] = {"id": values["id"], "message": values["message"]}
            row["pattern"] = [p.strip() for p in values["pattern"].split(";") if p.strip()]
            row["suggestions"] = [
                s.strip() for s in values.get("suggestions", "").split(";") if s.strip()
            ]
            if values.get("confidence"):
                try:
                    row["confidence"] = float(values["confidence"])
                except ValueError:
                    row["confidence"] = values["confidence"]  # refused with the entry's name
            context = {k: values[k] for k in ("require", "forbid", "window") if values.get(k)}
            if context:
                row["context"] = context
            rows.append(row)
    return rows


def read_raw(path: Path) -> tuple[list[Any], dict[str, Any]]:
    """The raw entries of a YAML or TSV file and the rest of a YAML file's top level."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: lexicon file not found")
    if path.suffix.lower() in (".tsv", ".tab"):
        return read_tsv(path), {}
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_SAFE_LOADER)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    if isinstance(data, list):
        return data, {}
    if not isinstance(data, dict) or not isinstance(data.get("entries", []), list):
        raise ConfigError(f"{path}: expected a list of entries or a mapping with 'entries:'")
    return data.get("entries") or [], data


def load_entries_from(raw_entries: Sequence[Any], path: Path) -> list[Entry]:
    """Validate one file's raw entries; an id may appear only once per file."""
    entries: list[Entry] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_entries, start=1):
        entry = parse_entry(raw, f"{path}, entry {index}")
        if entry.id in seen:
            raise ConfigError(f"{entry.origin}: duplicate id {entry.id!r} in the same file")
        seen.add(entry.id)
        entries.append(entry)
    return entries


def load_files(paths: Iterable[Path]) -> tuple[list[Entry], list[tuple[Path, dict[str, Any]]]]:
    """Entries of every file in order (an id repeated in a later file replaces the earlier one),
    and each YAML file's top level for what else it holds."""
    by_id: dict[str, Entry] = {}
    tops: list[tuple[Path, dict[str, Any]]] = []
    for path in paths:
        raw_entries, top = read_raw(Path(path))
        for entry in load_entries_from(raw_entries, path):
            by_id.pop(entry.id, None)
            by_id[entry.id] = entry
        tops.append((path, top))
    return list(by_id.values()), tops


def load_entries(paths: Iterable[Path]) -> list[Entry]:
    """Entries of every file in order; an id repeated in a later file replaces the earlier one."""
    return load_files(paths)[0]
