"""Articles as the editors left them: the reviewed edits, the before/after diff, the export.

The reviewed text starts from what the safe policy applied at check time (``documents.edits``)
and then follows the standing decisions in the order they were made:

- ``accept`` replaces the flagged span with the chosen suggestion;
- ``edit`` replaces the whole sentence with the editor's text;
- ``reject`` takes back the automatic edit that carried the flag's suggestion, if any.

A decided edit replaces any automatic edit it overlaps, except that an automatic deletion (a
run of boilerplate blocks deleted as one) keeps deleting what lies outside the decided span:
edits that merely touch are both kept. When a later accepted span lies inside
a sentence edited by hand earlier, it is applied inside that edited sentence if the phrase is
still there once; otherwise the later decision wins. Export reuses ``render_corrected``, so
every format comes out as it came in (HTML markup kept, CSV/JSONL rows rebuilt).
"""

from __future__ import annotations

import difflib
import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..ingest import corrected_filename, render_corrected
from ..records import Document, Edit, Result, Segment
from ..stages.apply import apply_edits
from .decisions import NotFound


def load_document(conn: sqlite3.Connection, doc_id: str) -> tuple[Document, list[Edit]]:
    """The stored document and the edits applied automatically at check time."""
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise NotFound(f"no document {doc_id!r} in this workspace")
    segments = [Segment(s["start"], s["end"], s["kind"], s["reason"]) for s in conn.execute(
        'SELECT "start", "end", kind, reason FROM segments WHERE doc_id = ? ORDER BY idx',
        (doc_id,))]
    doc = Document(row["id"], row["text"], row["source"], row["format"], segments,
                   json.loads(row["metadata_json"]), json.loads(row["warnings_json"]))
    auto = [Edit(e["start"], e["end"], e["replacement"]) for e in json.loads(row["edits_json"])]
    return doc, auto


def sentence_bounds(text: str, start: int, end: int, context: str) -> tuple[int, int]:
    """Where the issue's sentence (its stored ``context``) lies in ``text``; the span if lost."""
    if context:
        lo = max(0, end - len(context))
        at = text.find(context, lo, start + len(context))
        while at != -1 and at <= start:
            if at + len(context) >= end:
                return at, at + len(context)
            at = text.find(context, at + 1, start + len(context))
    return start, end


def _occupied(edit: Edit) -> tuple[int, int]:
    return edit.start, max(edit.end, edit.start + 1)


def _overlap(a: Edit, b: Edit) -> bool:
    (a0, a1), (b0, b1) = _occupied(a), _occupied(b)
    return a0 < b1 and b0 < a1


def _carve(edit: Edit, start: int, end: int, text: str, *, kept: bool) -> list[Edit]:
    """What stays of an automatic edit once ``[start, end)`` is decided otherwise.

    A deletion (of a run of boilerplate blocks, whose replacement is at most the text's final
    line break) still deletes the characters on either side of the decided span, so deciding
    one teaser of a run leaves its neighbours deleted. Any other replacement cannot be cut and
    gives way whole. ``kept``: the decided span comes back as it was (a rejected block), so a
    run that reached the end of the text gives back the blank lines before the block, and the
    final line break is not added twice.
    """
    if not _overlap(edit, Edit(start, end, "")):
        return [edit]
    if edit.replacement.strip() or edit.end <= edit.start:
        return []
    left_start = edit.start
    if kept and edit.end == len(text):  # the policy took the blank lines before the run too
        while left_start < start and text[left_start] in "\r\n \t":
            left_start += 1
    pieces = []
    if left_start < start:
        pieces.append(Edit(left_start, start, ""))
    if end < edit.end:
        ending = "" if kept and text[:end].endswith(("\n", "\r")) else edit.replacement
        pieces.append(Edit(end, edit.end, ending))
    elif pieces and not kept:
        pieces[-1] = Edit(pieces[-1].start, pieces[-1].end, edit.replacement)
    return pieces


def _carve_all(edits: list[Edit], start: int, end: int, text: str, *,
               kept: bool = False) -> list[Edit]:
    return [piece for edit in edits for piece in _carve(edit, start, end, text, kept=kept)]


@dataclass
class _Decided:
    edit: Edit
    issue_id: str


def _standing_decisions(conn: sqlite3.Connection, doc_id: str) -> list[sqlite3.Row]:
    return conn.execute(
        'SELECT d.id, d.action, d.suggestion_text, d.final_text, i.id AS issue_id, i."start", '
        'i."end", i.context, i.category, i.applied, i.span_text FROM decisions d '
        "JOIN issues i ON i.id = d.issue_id "
        "WHERE i.doc_id = ? AND d.undone_at IS NULL AND i.status IN ('accepted', 'edited', "
        "'rejected') AND d.action IN ('accept', 'edit', 'reject') ORDER BY d.id",
        (doc_id,)).fetchall()


def reviewed_edits(conn: sqlite3.Connection, doc: Document, auto: list[Edit],
                   *, exclude_issue: str | None = None) -> list[Edit]:
    """The edits that make the reviewed article (see the module docstring).

    ``exclude_issue`` leaves one issue's decision out: the queue uses it to show an editor the
    sentence as it stands without the decision being changed.
    """
    automatic = list(auto)
    decided: list[_Decided] = []
    for row in _standing_decisions(conn, doc.id):
        if row["issue_id"] == exclude_issue:
            continue
        start, end = row["start"], row["end"]
        if row["action"] == "reject":
            if row["category"] == "boilerplate":  # only this block comes back, not its run
                automatic = _carve_all(automatic, start, end, doc.text, kept=True)
                continue
            texts = {r[0] for r in conn.execute(
                "SELECT text FROM suggestions WHERE issue_id = ?", (row["issue_id"],))}
            automatic = [e for e in automatic if not (
                e.start <= start and end <= e.end and e.replacement in texts)]
            continue
        if row["action"] == "accept":
            edit = Edit(start, end, row["suggestion_text"] or "")
        else:
            s0, s1 = sentence_bounds(doc.text, start, end, row["context"])
            edit = Edit(s0, s1, row["final_text"] or "")
        automatic = _carve_all(automatic, edit.start, edit.end, doc.text)
        kept: list[_Decided] = []
        merged = False
        for earlier in decided:
            if not _overlap(earlier.edit, edit):
                kept.append(earlier)
                continue
            old = earlier.edit
            phrase = doc.text[edit.start:edit.end]
            if (not merged and old.start <= edit.start and edit.end <= old.end and phrase
                    and old.replacement.count(phrase) == 1):
                kept.append(_Decided(Edit(old.start, old.end,
                                          old.replacement.replace(phrase, edit.replacement)),
                                     earlier.issue_id))
                merged = True
            # otherwise the later decision wins and the earlier overlapping edit is dropped
        decided = kept if merged else [*kept, _Decided(edit, row["issue_id"])]
    return sorted([*automatic, *(d.edit for d in decided)], key=lambda e: (e.start, e.end))


def reviewed_result(conn: sqlite3.Connection, doc_id: str) -> Result:
    """The document with the reviewed edits applied (issues left empty: not needed to render)."""
    doc, auto = load_document(conn, doc_id)
    edits = reviewed_edits(conn, doc, auto)
    return Result(doc, [], edits, apply_edits(doc.text, edits))


def export_source(conn: sqlite3.Connection, doc_id: str) -> tuple[str, str]:
    """``(file name, content)`` of the corrected input file that holds ``doc_id``.

    Line, JSONL and CSV inputs hold many documents: all of them are rendered together so the
    exported file has every row, in order, like the input.
    """
    row = conn.execute("SELECT source, format FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise NotFound(f"no document {doc_id!r} in this workspace")
    ids = [r[0] for r in conn.execute(
        "SELECT id FROM documents WHERE source = ? AND format = ? ORDER BY rowid",
        (row["source"], row["format"]))]
    results = [reviewed_result(conn, i) for i in ids]
    source = row["source"] or f"{doc_id}.txt"
    name = corrected_filename(Path("stdin.txt" if source in ("-", "<stdin>") else source))
    return name, render_corrected(results)


_TOKEN = re.compile(r"\s+|[^\W_]+|.", re.S)


def word_diff(before: str, after: str) -> list[dict[str, Any]]:
    """Word-level diff pieces ``{"op": "same"|"del"|"ins", "text"}`` for the before/after view."""
    a, b = _TOKEN.findall(before), _TOKEN.findall(after)
    pieces: list[dict[str, Any]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append({"op": "same", "text": "".join(a[i1:i2])})
            continue
        if i2 > i1:
            pieces.append({"op": "del", "text": "".join(a[i1:i2])})
        if j2 > j1:
            pieces.append({"op": "ins", "text": "".join(b[j1:j2])})
    return pieces
