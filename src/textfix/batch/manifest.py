"""The batch manifest: one SQLite file in OUT recording what each input became.

A row is written only after the unit's output files are in place, so after a crash or ``kill -9``
a row saying ``done`` always has its files, and ``--resume`` redoes everything else. The content
digest kept with each row makes an input edited since its run count as not done. WAL mode lets a
reader (a test, a dashboard) watch progress while the batch writes.

Statuses: ``done``; ``failed`` (the input cannot be read: binary, undecodable, empty — the reason
is the reader's message and rerunning will not help); ``error`` (the pipeline raised; retried by
``--resume``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import InputError

MANIFEST_NAME = "manifest.db"
SCHEMA_VERSION = "1"
FINAL_STATUSES = ("done", "failed")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS units (
    key TEXT PRIMARY KEY,
    digest TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    site TEXT NOT NULL DEFAULT '',
    documents INTEGER NOT NULL DEFAULT 0,
    words INTEGER NOT NULL DEFAULT 0,
    issues INTEGER NOT NULL DEFAULT 0,
    seconds REAL NOT NULL DEFAULT 0,
    worker TEXT NOT NULL DEFAULT '',
    peak_rss_mb REAL NOT NULL DEFAULT 0,
    corrected TEXT,
    articles_json TEXT NOT NULL DEFAULT '[]',
    issues_json TEXT NOT NULL DEFAULT '[]',
    updated_at TEXT NOT NULL
);
"""


@dataclass
class Outcome:
    """What became of one unit; ``articles``/``issues`` are its rows of the corpus tables."""

    key: str
    digest: str
    status: str
    reason: str = ""
    site: str = ""
    documents: int = 0
    words: int = 0
    issues: int = 0
    seconds: float = 0.0
    worker: str = ""
    peak_rss_mb: float = 0.0
    corrected: str | None = None  # table rows only: the corrected text of the row
    article_rows: list[dict[str, Any]] | None = None
    issue_rows: list[dict[str, Any]] | None = None


class Manifest:
    """An open manifest; the batch's main process is its only writer."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path

    @classmethod
    def open(cls, path: Path) -> Manifest:
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=10)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{path} is not a textfix batch manifest ({exc})") from exc
        conn.row_factory = sqlite3.Row
        manifest = cls(conn, path)
        version = manifest.meta().get("schema_version")
        if version not in (None, SCHEMA_VERSION):
            conn.close()
            raise InputError(f"{path} was written by another textfix (manifest schema {version})")
        return manifest

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def meta(self) -> dict[str, str]:
        return dict(self._conn.execute("SELECT key, value FROM meta").fetchall())

    def set_meta(self, values: dict[str, str]) -> None:
        with self._transaction():
            self._conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                                   [(k, v) for k, v in values.items()])

    def record(self, outcome: Outcome) -> None:
        """Record an outcome in its own transaction (call only once the outputs are written)."""
        with self._transaction():
            self._conn.execute(
                "INSERT OR REPLACE INTO units (key, digest, status, reason, site, documents, "
                "words, issues, seconds, worker, peak_rss_mb, corrected, articles_json, "
                "issues_json, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (outcome.key, outcome.digest, outcome.status, outcome.reason, outcome.site,
                 outcome.documents, outcome.words, outcome.issues, outcome.seconds,
                 outcome.worker, outcome.peak_rss_mb, outcome.corrected,
                 json.dumps(outcome.article_rows or [], ensure_ascii=False, default=str),
                 json.dumps(outcome.issue_rows or [], ensure_ascii=False, default=str), _now()),
            )

    def finished(self) -> dict[str, tuple[str, str]]:
        """``key → (digest, status)`` for units whose outcome a resume keeps (done, failed)."""
        rows = self._conn.execute(
            f"SELECT key, digest, status FROM units WHERE status IN {FINAL_STATUSES}")
        return {row["key"]: (row["digest"], row["status"]) for row in rows}

    def outcomes(self, keys: Iterable[str] | None = None) -> list[Outcome]:
        """Every recorded outcome (only ``keys`` if given), sorted by key, rows decoded."""
        wanted = None if keys is None else set(keys)
        out = []
        for row in self._conn.execute("SELECT * FROM units ORDER BY key"):
            if wanted is not None and row["key"] not in wanted:
                continue
            out.append(Outcome(
                key=row["key"], digest=row["digest"], status=row["status"],
                reason=row["reason"], site=row["site"], documents=row["documents"],
                words=row["words"], issues=row["issues"], seconds=row["seconds"],
                worker=row["worker"], peak_rss_mb=row["peak_rss_mb"], corrected=row["corrected"],
                article_rows=json.loads(row["articles_json"]),
                issue_rows=json.loads(row["issues_json"]),
            ))
        return out

    def _transaction(self):
        return _Transaction(self._conn)


class _Transaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, exc, tb) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


def count_by_status(path: Path) -> dict[str, int]:
    """Read-only progress view (used by tests and monitors while a batch runs)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        return dict(conn.execute("SELECT status, COUNT(*) FROM units GROUP BY status").fetchall())
    except sqlite3.OperationalError:
        return {}
    finally:
        conn.close()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
