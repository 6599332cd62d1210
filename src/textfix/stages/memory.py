"""Correction memory: what editors decided, reused by later ``textfix check``/``fix`` runs.

An editor who fixed a phrase should never have to fix it again, and a flag an editor called a
false alarm should not come back in the same sentence. The memory holds two kinds of entries:

- ``fix``: ``phrase`` was replaced by ``replacement`` (an accepted suggestion, or the changed part
  of a sentence edited by hand). A later issue on the same phrase gets a ``memory`` suggestion
  ranked first; the guard still reviews it and the safe policy applies it only if the guard
  allows.
- ``reject``: the flag ``rule`` on ``phrase`` in the sentence ``context`` was a false alarm. The
  same rule on the same phrase in the same sentence is not raised again.

It is read from a workspace (its decisions plus any memory imported into it) or from a memory
file. File formats (both written and read by ``textfix review --export-memory/--import-memory``):

- JSON: ``{"format": "textfix-memory", "version": 1, "entries": [{"kind", "phrase",
  "replacement", "rule", "context", "editor", "decided_at"}, ...]}``
- TSV: a header line ``kind<TAB>phrase<TAB>replacement<TAB>rule<TAB>context<TAB>editor<TAB>
  decided_at`` then one entry per line; a tab, newline or backslash inside a field is written
  ``\\t``, ``\\n``, ``\\\\``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from ..errors import InputError
from ..records import Issue, Suggestion

MEMORY_FORMAT = "textfix-memory"
MEMORY_FORMAT_VERSION = 1
KINDS = ("fix", "reject")
FIELDS = ("kind", "phrase", "replacement", "rule", "context", "editor", "decided_at")
MEMORY_SCORE = 1.0
# An issue an editor already fixed is a confirmed problem: its confidence is lifted to this, and
# the remembered fix (held by no stage) is applied by the safe policy if the guard allows.
MEMORY_CONFIDENCE = 0.9
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class MemoryEntry:
    """One remembered decision."""

    kind: str  # fix | reject
    phrase: str
    replacement: str = ""
    rule: str = ""
    context: str = ""
    editor: str = ""
    decided_at: str = ""

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def normalise(text: str) -> str:
    """Phrases and sentences are compared with runs of whitespace collapsed."""
    return _SPACE.sub(" ", text).strip()


def phrase_change(before: str, after: str) -> tuple[str, str] | None:
    """The changed part of a sentence edited by hand, widened to whole words.

    ``"The organism reacts fast."`` → ``"The body reacts fast."`` gives ``("organism", "body")``.
    None when nothing changed.
    """
    if before == after:
        return None
    lead = 0
    while lead < min(len(before), len(after)) and before[lead] == after[lead]:
        lead += 1
    trail = 0
    while (trail < min(len(before), len(after)) - lead
           and before[len(before) - 1 - trail] == after[len(after) - 1 - trail]):
        trail += 1
    while lead > 0 and before[lead - 1].isalnum():
        lead -= 1
    while trail > 0 and before[len(before) - trail].isalnum():
        trail -= 1
    phrase = before[lead : len(before) - trail].strip()
    replacement = after[lead : len(after) - trail].strip()
    if not phrase:
        return None
    return phrase, replacement


class CorrectionMemory:
    """Remembered fixes and rejected flags, applied to a pipeline's merged issues."""

    def __init__(self, entries: Iterable[MemoryEntry] = ()) -> None:
        self.entries: list[MemoryEntry] = []
        self._fixes: dict[str, Counter[str]] = {}
        self._latest: dict[tuple[str, str], str] = {}
        self._spelling: dict[tuple[str, str], str] = {}
        self._rejects: set[tuple[str, str, str]] = set()
        seen: set[tuple[str, ...]] = set()
        for entry in entries:
            key = (entry.kind, entry.rule, normalise(entry.phrase), entry.replacement,
                   normalise(entry.context))
            if key in seen:
                continue
            seen.add(key)
            self.entries.append(entry)
            if entry.kind == "fix":
                # "The body" and "the body" are one choice: counted together, case adapted later
                phrase, choice = normalise(entry.phrase).casefold(), entry.replacement.casefold()
                self._fixes.setdefault(phrase, Counter())[choice] += 1
                latest = self._latest.get((phrase, choice), "")
                self._latest[(phrase, choice)] = max(latest, entry.decided_at)
                self._spelling[(phrase, choice)] = entry.replacement
            elif entry.kind == "reject":
                self._rejects.add((entry.rule, normalise(entry.phrase),
                                   normalise(entry.context)))

    def __len__(self) -> int:
        return len(self.entries)

    # -- loading ---------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path) -> CorrectionMemory:
        """Read a workspace (.db) or a memory file (JSON or TSV); refuse anything else clearly."""
        path = Path(path)
        if not path.is_file():
            raise InputError(f"memory file {path} not found")
        from ..store import Workspace, is_sqlite_file

        if is_sqlite_file(path):  # never open() a workspace a server may be using
            with Workspace.create_or_open(path) as ws:
                return cls(workspace_entries(ws.connection))
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"memory file {path} cannot be read: {exc}") from exc
        return cls(parse_memory(text, str(path)))

    # -- applying --------------------------------------------------------------------------
    def fix_for(self, phrase: str) -> str | None:
        """The remembered replacement of ``phrase``: the most frequent, then the most recent.

        Matching ignores case; the replacement takes the phrase's initial capital (or not).
        """
        choices = self._fixes.get(normalise(phrase).casefold())
        if not choices:
            return None
        key = normalise(phrase).casefold()
        best = max(choices, key=lambda r: (choices[r], self._latest.get((key, r), ""), r))
        return _match_initial_case(self._spelling[(key, best)], phrase)

    def is_rejected(self, issue: Issue, text: str) -> bool:
        return (issue.rule, normalise(issue.span_text(text)),
                normalise(issue.context)) in self._rejects

    def apply(self, issues: Sequence[Issue], text: str) -> list[Issue]:
        """Drop flags editors rejected in the same sentence; put remembered fixes first.

        Runs after ``merge_issues`` and before the guard, so the guard reviews memory
        suggestions like any other. Input issues are not modified.
        """
        out: list[Issue] = []
        for issue in issues:
            if self.is_rejected(issue, text):
                continue
            span = issue.span_text(text)
            fix = self.fix_for(span) if span.strip() else None
            if fix is not None and fix != span:
                others = [replace(s) for s in issue.suggestions if s.text != fix]
                issue = replace(
                    issue,
                    suggestions=[Suggestion(fix, "memory", MEMORY_SCORE), *others],
                    confidence=max(issue.confidence, MEMORY_CONFIDENCE),
                )
            out.append(issue)
        return out


def _match_initial_case(replacement: str, phrase: str) -> str:
    if not replacement or not phrase or not phrase[0].isalpha() or not replacement[0].isalpha():
        return replacement
    if phrase[0].isupper():
        return replacement[0].upper() + replacement[1:]
    if phrase[0].islower() and not replacement[:2].isupper():  # keep acronyms ("MRI")
        return replacement[0].lower() + replacement[1:]
    return replacement


# -- reading and writing the stores ---------------------------------------------------------
_DECISION_ENTRIES = """
SELECT d.action, d.suggestion_text, d.final_text, d.editor, d.decided_at,
       i.rule, i.span_text, i.context
FROM decisions d JOIN issues i ON i.id = d.issue_id
WHERE d.undone_at IS NULL AND d.action IN ('accept', 'edit', 'reject')
ORDER BY d.id
"""


def workspace_entries(conn: sqlite3.Connection) -> list[MemoryEntry]:
    """Entries from a workspace: its standing decisions, then memory imported into it."""
    entries: list[MemoryEntry] = []
    for action, suggestion, final, editor, when, rule, span, context in conn.execute(
            _DECISION_ENTRIES):
        if action == "reject":
            entries.append(MemoryEntry("reject", span, "", rule, context, editor, when))
        elif action == "accept" and suggestion is not None:
            entries.append(MemoryEntry("fix", span, suggestion, rule, context, editor, when))
        elif action == "edit" and final is not None:
            change = phrase_change(context, final) if span in context else None
            if change:
                entries.append(MemoryEntry("fix", change[0], change[1], rule, context, editor,
                                           when))
    for row in conn.execute(f"SELECT {', '.join(FIELDS)} FROM memory ORDER BY id"):
        entries.append(MemoryEntry(*row))
    return entries


def import_entries(conn: sqlite3.Connection, entries: Iterable[MemoryEntry], origin: str) -> int:
    """Store imported entries in the workspace (duplicates ignored); return how many are new."""
    rows = [(e.kind, e.rule, e.phrase, e.replacement, e.context, e.editor, e.decided_at, origin)
            for e in entries]
    conn.execute("BEGIN IMMEDIATE")
    try:
        before = conn.total_changes
        conn.executemany(
            "INSERT OR IGNORE INTO memory (kind, rule, phrase, replacement, context, editor, "
            "decided_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        added = conn.total_changes - before
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return added


def dump_memory(entries: Sequence[MemoryEntry], fmt: str) -> str:
    """The entries as a memory file: ``fmt`` is ``json`` or ``tsv``."""
    if fmt == "json":
        return json.dumps({"format": MEMORY_FORMAT, "version": MEMORY_FORMAT_VERSION,
                           "entries": [e.to_dict() for e in entries]},
                          ensure_ascii=False, indent=1) + "\n"
    if fmt == "tsv":
        lines = ["\t".join(FIELDS)]
        lines += ["\t".join(_tsv_escape(getattr(e, f)) for f in FIELDS) for e in entries]
        return "\n".join(lines) + "\n"
    raise InputError(f"unknown memory format {fmt!r}; use json or tsv")


def memory_format_for(path: str | Path) -> str:
    return "tsv" if str(path).lower().endswith((".tsv", ".txt")) else "json"


def parse_memory(text: str, source: str = "memory file") -> list[MemoryEntry]:
    """Entries from a JSON or TSV memory file; InputError names what is wrong and where."""
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{source} is not valid JSON: {exc}") from exc
        if not isinstance(data, dict) or data.get("format") != MEMORY_FORMAT:
            raise InputError(f"{source} is not a textfix memory file "
                             f"(expected \"format\": \"{MEMORY_FORMAT}\")")
        raw = data.get("entries")
        if not isinstance(raw, list):
            raise InputError(f"{source}: \"entries\" must be a list")
        return [_entry(item, f"{source} entry {k + 1}") for k, item in enumerate(raw)]
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or [c.strip() for c in rows[0]][: len(FIELDS)] != list(FIELDS):
        raise InputError(f"{source} is not a textfix memory file: expected JSON or a TSV header "
                         f"'{chr(9).join(FIELDS)}'")
    entries = []
    for k, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2:
            raise InputError(f"{source} line {k}: expected {len(FIELDS)} tab-separated fields")
        values = [_tsv_unescape(c) for c in row] + [""] * (len(FIELDS) - len(row))
        entries.append(_entry(dict(zip(FIELDS, values, strict=False)), f"{source} line {k}"))
    return entries


def _entry(item: object, where: str) -> MemoryEntry:
    if not isinstance(item, dict):
        raise InputError(f"{where}: expected an object")
    values = {f: item.get(f, "") for f in FIELDS}
    if any(not isinstance(v, str) for v in values.values()):
        raise InputError(f"{where}: every field must be a string")
    if values["kind"] not in KINDS:
        raise InputError(f"{where}: kind must be one of {', '.join(KINDS)}, "
                         f"not {values['kind']!r}")
    if not values["phrase"].strip():
        raise InputError(f"{where}: phrase is empty")
    return MemoryEntry(**values)


def _tsv_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace(
        "\r", "\\r")


def _tsv_unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r"}.get(m.group(1),
                                                                              m.group(1)), value)
