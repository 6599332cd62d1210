"""The SQLite workspace: results saved for review, re-checks, and editors' decisions.

One file holds documents, their segments, issues with ranked suggestions (in the pipeline's one
ranking, ``stages.ranking``, each with the guard's verdict and its hold), runs, and a
``decisions`` table the review app writes. Issues are keyed by stable id (see
``issue_links.issue_ids``), so re-checking a document keeps the rows of issues that recur and an
editor's decision on them stays attached. Issues that disappear are deleted, unless a decision
refers to them: those are kept with status ``stale`` so no decision is ever lost.

Every save is one transaction: a failure half-way leaves the workspace as it was.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .errors import InputError
from .issue_links import applied_edits, issue_ids
from .records import Result
from .scoring import score
from .stages.ranking import ranked_suggestions
from .store_schema import SCHEMA_VERSION, check_schema, initialise, is_sqlite_file, now
from .text_units import sentence_context, sentence_spans

__all__ = ["SCHEMA_VERSION", "Workspace", "is_sqlite_file"]

_ISSUE_UPSERT = """
INSERT INTO issues (id, doc_id, first_run_id, run_id, "start", "end", span_text, category, rule,
                    source, message, confidence, severity, context, applied, status)
VALUES (:id, :doc_id, :run_id, :run_id, :start, :end, :span_text, :category, :rule,
        :source, :message, :confidence, :severity, :context, :applied, 'open')
ON CONFLICT(id) DO UPDATE SET
    run_id = excluded.run_id, "start" = excluded."start", "end" = excluded."end",
    span_text = excluded.span_text, category = excluded.category, rule = excluded.rule,
    source = excluded.source, message = excluded.message, confidence = excluded.confidence,
    severity = excluded.severity, context = excluded.context, applied = excluded.applied,
    status = CASE WHEN issues.status = 'stale' THEN 'open' ELSE issues.status END
"""

_DOCUMENT_UPSERT = """
INSERT INTO documents (id, run_id, source, format, text, corrected, score_json, metadata_json,
                       warnings_json, edits_json, updated_at)
VALUES (:id, :run_id, :source, :format, :text, :corrected, :score_json, :metadata_json,
        :warnings_json, :edits_json, :updated_at)
ON CONFLICT(id) DO UPDATE SET
    run_id = excluded.run_id, source = excluded.source, format = excluded.format,
    text = excluded.text, corrected = excluded.corrected, score_json = excluded.score_json,
    metadata_json = excluded.metadata_json, warnings_json = excluded.warnings_json,
    edits_json = excluded.edits_json, updated_at = excluded.updated_at
"""


class Workspace:
    """An open workspace file. Use ``Workspace.create_or_open(path)``; close it when done."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def create_or_open(cls, path: str | Path) -> Workspace:
        """Open a workspace, creating it if the file does not exist (or is empty).

        Raises ``InputError`` for a directory, a file that is not SQLite, an SQLite database that
        is not a textfix workspace, or a workspace written by a newer textfix.
        """
        path = Path(path)
        if path.is_dir():
            raise InputError(f"{path} is a directory, not a textfix workspace file")
        is_new = not path.exists() or path.stat().st_size == 0
        # The file is sniffed through SQLite, never with open(): see ``is_sqlite_file``.
        if not is_new and not is_sqlite_file(path):
            raise InputError(f"{path} is not a textfix workspace (not an SQLite file)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise InputError(f"cannot open workspace {path}: {exc}") from exc
        try:
            if is_new:
                initialise(conn)
            else:
                check_schema(conn, path)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA busy_timeout = 5000")
        except BaseException:
            conn.close()
            raise
        conn.row_factory = sqlite3.Row
        return cls(conn, path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection (autocommit mode, foreign keys on), for the review app."""
        return self._conn

    # -- writing ---------------------------------------------------------------------------
    def save(self, results: Sequence[Result], run_info: dict[str, Any]) -> int:
        """Store a run and its results in one transaction; return the run id.

        A document saved before is replaced: its text, score and segments are overwritten, its
        issues are replaced, keeping the rows (and status) of issues whose stable id recurs.
        """
        conn = self._conn
        stamp = now()
        conn.execute("BEGIN IMMEDIATE")
        try:
            run_id = conn.execute(
                "INSERT INTO runs (started_at, config_json, textfix_version, documents) "
                "VALUES (?, ?, ?, ?)",
                (stamp, _json(run_info), __version__, len(results)),
            ).lastrowid
            assert run_id is not None
            for result in results:
                self._save_result(result, run_id, stamp)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return run_id

    def _save_result(self, result: Result, run_id: int, now: str) -> None:
        conn = self._conn
        doc = result.document
        conn.execute(_DOCUMENT_UPSERT, {
            "id": doc.id, "run_id": run_id, "source": doc.source, "format": doc.format,
            "text": doc.text, "corrected": result.corrected,
            "score_json": _json(score(result).to_dict()),
            "metadata_json": _json(doc.metadata),
            "warnings_json": _json(list(doc.warnings)),
            "edits_json": _json([{"start": e.start, "end": e.end, "replacement": e.replacement}
                                 for e in result.edits]),
            "updated_at": now,
        })
        conn.execute("DELETE FROM segments WHERE doc_id = ?", (doc.id,))
        conn.executemany(
            'INSERT INTO segments (doc_id, idx, "start", "end", kind, reason) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(doc.id, k, s.start, s.end, s.kind, s.reason) for k, s in enumerate(doc.segments)],
        )

        ids = issue_ids(result)
        old = {row[0] for row in conn.execute("SELECT id FROM issues WHERE doc_id = ?", (doc.id,))}
        gone = sorted(old - set(ids))
        for issue_id in gone:
            decided = conn.execute("SELECT 1 FROM decisions WHERE issue_id = ? LIMIT 1",
                                   (issue_id,)).fetchone()
            if decided:
                conn.execute("UPDATE issues SET status = 'stale' WHERE id = ?", (issue_id,))
            else:
                conn.execute("DELETE FROM issues WHERE id = ?", (issue_id,))

        spans = sentence_spans(doc.text)
        for issue, issue_id, edit in zip(result.issues, ids, applied_edits(result), strict=True):
            conn.execute(_ISSUE_UPSERT, {
                "id": issue_id, "doc_id": doc.id, "run_id": run_id,
                "start": issue.start, "end": issue.end,
                "span_text": issue.span_text(doc.text), "category": issue.category,
                "rule": issue.rule, "source": issue.source, "message": issue.message,
                "confidence": float(issue.confidence), "severity": issue.severity,
                "context": sentence_context(issue, doc.text, spans),
                "applied": edit is not None,
            })
            conn.execute("DELETE FROM suggestions WHERE issue_id = ?", (issue_id,))
            conn.executemany(
                "INSERT INTO suggestions (issue_id, rank, text, source, score, safe, "
                "guard_reason, hold, model) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(issue_id, rank, s.text, s.source, float(s.score), s.safe, s.guard_reason,
                  s.hold, s.model) for rank, s in enumerate(ranked_suggestions(issue, doc.text))],
            )

    # -- reading ---------------------------------------------------------------------------
    def documents(self) -> list[dict[str, Any]]:
        """Every document in the order first saved, with JSON columns decoded."""
        out = []
        for row in self._conn.execute("SELECT * FROM documents ORDER BY rowid"):
            record = dict(row)
            for column in ("score", "metadata", "warnings", "edits"):
                record[column] = json.loads(record.pop(f"{column}_json"))
            record["segments"] = [dict(s) for s in self._conn.execute(
                'SELECT "start", "end", kind, reason FROM segments WHERE doc_id = ? ORDER BY idx',
                (record["id"],))]
            out.append(record)
        return out

    def issues(self, doc_id: str | None = None, *, include_stale: bool = False
               ) -> list[dict[str, Any]]:
        """Issues in text order, each with its ``suggestions`` (best first).

        ``stale`` issues (gone from the latest check, kept for their decisions) are left out
        unless ``include_stale``.
        """
        where, params = [], []
        if doc_id is not None:
            where.append("i.doc_id = ?")
            params.append(doc_id)
        if not include_stale:
            where.append("i.status != 'stale'")
        sql = ("SELECT i.* FROM issues i JOIN documents d ON d.id = i.doc_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + ' ORDER BY d.rowid, i."start", i."end", i.id')
        out = []
        for row in self._conn.execute(sql, params):
            record = dict(row)
            record["applied"] = bool(record["applied"])
            record["suggestions"] = [
                {**dict(s), "safe": None if s["safe"] is None else bool(s["safe"])}
                for s in self._conn.execute(
                    "SELECT rank, text, source, score, safe, guard_reason, hold, model "
                    "FROM suggestions WHERE issue_id = ? ORDER BY rank", (record["id"],))
            ]
            out.append(record)
        return out

    def runs(self) -> list[dict[str, Any]]:
        """Every run, oldest first, with its ``config`` decoded."""
        out = []
        for row in self._conn.execute("SELECT * FROM runs ORDER BY id"):
            record = dict(row)
            record["config"] = json.loads(record.pop("config_json"))
            out.append(record)
        return out


def _json(value: Any) -> str:
    """JSON text; a value JSON cannot hold (a date, a path) is stored as its str()."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
