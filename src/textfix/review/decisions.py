"""Editors' decisions: accept a suggestion, edit by hand, reject the flag, undo; one at a time or
for every recurrence of a phrase.

Each decision is written at once, in its own transaction, with who decided, when, what was shown
and what was chosen, so closing the browser or killing the server loses nothing. Two editors on
one workspace never overwrite each other: an issue carries a ``version`` and a decision is only
recorded while the issue is still ``open`` at the version the editor saw (``Conflict`` otherwise).
Undo marks the decision row undone (it stays on record) and reopens the issue; a decision made
with "apply to all" is undone as the one action it was, every occurrence it decided at once.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

ACTIONS = {"accept": "accepted", "edit": "edited", "reject": "rejected"}
DECIDED = tuple(ACTIONS.values())
MAX_TEXT = 20_000  # a hand-edited sentence longer than this is a mistake, not an edit


class DecisionError(Exception):
    """A decision that cannot be recorded; ``status`` is the HTTP status the app answers with."""

    status = 400


class NotFound(DecisionError):
    status = 404


class Conflict(DecisionError):
    status = 409


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE ... COMMIT: the status check and the update see the same state."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _issue(conn: sqlite3.Connection, issue_id: str) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM issues WHERE id = ?", (issue_id,)).fetchone()
    if row is None:
        raise NotFound(f"no issue {issue_id!r} in this workspace")
    return row


def _last_decision(conn: sqlite3.Connection, issue_id: str) -> sqlite3.Row | None:
    return conn.execute(
        "SELECT * FROM decisions WHERE issue_id = ? AND undone_at IS NULL AND action != 'undo' "
        "ORDER BY id DESC LIMIT 1", (issue_id,)).fetchone()


def _refuse_if_decided(conn: sqlite3.Connection, row: sqlite3.Row, version: int | None) -> None:
    if row["status"] != "open":
        last = _last_decision(conn, row["id"])
        who = f" by {last['editor'] or 'another editor'} at {last['decided_at']}" if last else ""
        raise Conflict(f"this flag was already {row['status']}{who}; reload to see the "
                       "current state (undo it first to change the decision)")
    if version is not None and version != row["version"]:
        raise Conflict("this flag changed since you loaded it (another editor decided and "
                       "undid it); reload to see the current state")


def _shown(conn: sqlite3.Connection, row: sqlite3.Row) -> str:
    """What the editor was shown: the flag and its ranked suggestions with guard verdicts and
    holds."""
    suggestions = [dict(s) for s in conn.execute(
        "SELECT rank, text, source, score, safe, guard_reason, hold FROM suggestions "
        "WHERE issue_id = ? ORDER BY rank", (row["id"],))]
    return json.dumps({"span": row["span_text"], "context": row["context"],
                       "category": row["category"], "rule": row["rule"],
                       "message": row["message"], "suggestions": suggestions},
                      ensure_ascii=False)


def _validate(conn: sqlite3.Connection, row: sqlite3.Row, action: str, suggestion: str | None,
              text: str | None, *, any_suggestion: bool = False) -> None:
    if action not in ACTIONS:
        raise DecisionError(f"unknown action {action!r}; use one of {', '.join(ACTIONS)}")
    if action == "accept":
        if suggestion is None:
            raise DecisionError("accept needs the suggestion text that was chosen")
        offered = {r[0] for r in conn.execute(
            "SELECT text FROM suggestions WHERE issue_id = ?", (row["id"],))}
        if not any_suggestion and suggestion not in offered:
            raise DecisionError("that suggestion is not one of this flag's suggestions; use "
                                "'edit' to write your own text")
    if action == "edit":
        if text is None:
            raise DecisionError("edit needs the edited sentence text")
        if len(text) > MAX_TEXT:
            raise DecisionError(f"the edited text is longer than {MAX_TEXT} characters")


def _record(conn: sqlite3.Connection, row: sqlite3.Row, action: str, editor: str,
            suggestion: str | None, text: str | None, bulk_id: int | None = None
            ) -> dict[str, Any]:
    updated = conn.execute(
        "UPDATE issues SET status = ?, version = version + 1 "
        "WHERE id = ? AND version = ? AND status = 'open'",
        (ACTIONS[action], row["id"], row["version"])).rowcount
    if updated != 1:  # cannot happen under BEGIN IMMEDIATE; kept as the last line of defence
        raise Conflict("this flag was decided by someone else at the same moment; reload")
    decision_id = conn.execute(
        "INSERT INTO decisions (issue_id, editor, decided_at, action, suggestion_text, "
        "final_text, shown_json, bulk_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (row["id"], editor, now(), action, suggestion if action == "accept" else None,
         text if action == "edit" else (suggestion if action == "accept" else None),
         _shown(conn, row), bulk_id)).lastrowid
    return {"decision_id": decision_id, "issue_id": row["id"], "status": ACTIONS[action],
            "version": row["version"] + 1}


def decide(conn: sqlite3.Connection, issue_id: str, action: str, *, editor: str,
           version: int | None = None, suggestion: str | None = None,
           text: str | None = None) -> dict[str, Any]:
    """Record one decision on an open issue; ``Conflict`` if it is no longer open at ``version``.

    ``accept`` takes one of the issue's suggestion texts, ``edit`` the whole sentence as the
    editor wrote it, ``reject`` nothing.
    """
    with write_transaction(conn):
        row = _issue(conn, issue_id)
        _validate(conn, row, action, suggestion, text)
        _refuse_if_decided(conn, row, version)
        return _record(conn, row, action, editor, suggestion, text)


def recurrences(conn: sqlite3.Connection, issue_id: str) -> list[str]:
    """Open issues anywhere in the workspace with the same rule on the same phrase."""
    row = _issue(conn, issue_id)
    return [r[0] for r in conn.execute(
        "SELECT id FROM issues WHERE rule = ? AND span_text = ? AND status = 'open' "
        'ORDER BY doc_id, "start"', (row["rule"], row["span_text"]))]


def decide_all(conn: sqlite3.Connection, issue_id: str, action: str, *, editor: str,
               version: int | None = None, suggestion: str | None = None) -> dict[str, Any]:
    """The same decision on ``issue_id`` and every open recurrence of its phrase, at once.

    Only ``accept`` and ``reject`` make sense for every recurrence (a hand edit is of one
    sentence). Recurrences someone else decided meanwhile are left as they are and counted.
    """
    if action not in ("accept", "reject"):
        raise DecisionError("only accept and reject can be applied to every recurrence")
    with write_transaction(conn):
        first = _issue(conn, issue_id)
        _validate(conn, first, action, suggestion, None)
        _refuse_if_decided(conn, first, version)
        decided = [_record(conn, first, action, editor, suggestion, None)]
        bulk_id = decided[0]["decision_id"]
        conn.execute("UPDATE decisions SET bulk_id = ? WHERE id = ?", (bulk_id, bulk_id))
        for other_id in recurrences(conn, issue_id):
            other = _issue(conn, other_id)
            decided.append(_record(conn, other, action, editor, suggestion, None, bulk_id))
    return {"decided": decided, "count": len(decided), "issue_id": issue_id,
            "status": ACTIONS[action]}


def undo(conn: sqlite3.Connection, issue_id: str, *, editor: str,
         version: int | None = None) -> dict[str, Any]:
    """Reopen a decided issue; its decision stays in the table, marked undone by ``editor``.

    A decision made with "apply to all" is undone whole: every occurrence it decided that still
    stands is reopened too (``issue_ids``, ``count``).
    """
    with write_transaction(conn):
        row = _issue(conn, issue_id)
        if row["status"] not in DECIDED:
            raise Conflict(f"this flag is {row['status']}; there is no decision to undo")
        if version is not None and version != row["version"]:
            raise Conflict("this flag changed since you loaded it; reload to see the current "
                           "state")
        last = _last_decision(conn, issue_id)
        stamp = now()
        reopened = [issue_id]
        if last is not None:
            conn.execute("UPDATE decisions SET undone_at = ?, undone_by = ? WHERE id = ?",
                         (stamp, editor, last["id"]))
            for other in _bulk_siblings(conn, last):
                conn.execute("UPDATE decisions SET undone_at = ?, undone_by = ? WHERE id = ?",
                             (stamp, editor, other["id"]))
                conn.execute("UPDATE issues SET status = 'open', version = version + 1 "
                             "WHERE id = ?", (other["issue_id"],))
                reopened.append(other["issue_id"])
        conn.execute("UPDATE issues SET status = 'open', version = version + 1 WHERE id = ?",
                     (issue_id,))
    return {"issue_id": issue_id, "status": "open", "version": row["version"] + 1,
            "undone_decision": last["id"] if last is not None else None,
            "issue_ids": reopened, "count": len(reopened)}


def _bulk_siblings(conn: sqlite3.Connection, decision: sqlite3.Row) -> list[sqlite3.Row]:
    """The other standing decisions of the same "apply to all", on issues still so decided.

    An occurrence that was since undone, decided again or dropped by a re-check is left alone.
    """
    if decision["bulk_id"] is None:
        return []
    return conn.execute(
        "SELECT d.id, d.issue_id FROM decisions d JOIN issues i ON i.id = d.issue_id "
        "WHERE d.bulk_id = ? AND d.id != ? AND d.undone_at IS NULL "
        "AND i.status IN ('accepted', 'edited', 'rejected') "
        "AND d.id = (SELECT MAX(l.id) FROM decisions l WHERE l.issue_id = d.issue_id "
        "AND l.undone_at IS NULL AND l.action != 'undo') ORDER BY d.id",
        (decision["bulk_id"], decision["id"])).fetchall()


def undo_last(conn: sqlite3.Connection, *, editor: str) -> dict[str, Any]:
    """Undo this editor's most recent standing decision (the ``u`` key)."""
    row = conn.execute(
        "SELECT d.issue_id, d.bulk_id FROM decisions d JOIN issues i ON i.id = d.issue_id "
        "WHERE d.editor = ? AND d.undone_at IS NULL AND i.status IN ('accepted', 'edited', "
        "'rejected') ORDER BY d.id DESC LIMIT 1", (editor,)).fetchone()
    if row is None:
        raise NotFound(f"{editor or 'this editor'} has no decision to undo")
    issue_id = row["issue_id"]
    if row["bulk_id"] is not None:  # "apply to all": come back to the flag it was made on
        first = conn.execute(
            "SELECT d.issue_id FROM decisions d JOIN issues i ON i.id = d.issue_id "
            "WHERE d.id = ? AND d.undone_at IS NULL AND i.status IN ('accepted', 'edited', "
            "'rejected')", (row["bulk_id"],)).fetchone()
        issue_id = first["issue_id"] if first is not None else issue_id
    return undo(conn, issue_id, editor=editor)


def history(conn: sqlite3.Connection, issue_id: str) -> list[dict[str, Any]]:
    """Every decision on an issue, oldest first, undone ones included."""
    _issue(conn, issue_id)
    return [dict(r) for r in conn.execute(
        "SELECT id, editor, decided_at, action, suggestion_text, final_text, undone_at, "
        "undone_by FROM decisions WHERE issue_id = ? ORDER BY id", (issue_id,))]
