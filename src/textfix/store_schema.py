"""The workspace file's schema: its tables, the additive migrations between versions, and how a
file is recognised, created, checked and upgraded (``store.Workspace`` opens files through it)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from . import __version__
from .errors import InputError

SCHEMA_NAME = "textfix-workspace"
SCHEMA_VERSION = 5

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    config_json TEXT NOT NULL,
    textfix_version TEXT NOT NULL,
    documents INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    run_id INTEGER REFERENCES runs(id),
    source TEXT NOT NULL,
    format TEXT NOT NULL,
    text TEXT NOT NULL,
    corrected TEXT NOT NULL,
    score_json TEXT NOT NULL,
    metadata_json TEXT NOT NULL,
    warnings_json TEXT NOT NULL,
    edits_json TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE segments (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE issues (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id),
    first_run_id INTEGER REFERENCES runs(id),
    run_id INTEGER REFERENCES runs(id),
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    span_text TEXT NOT NULL,
    category TEXT NOT NULL,
    rule TEXT NOT NULL,
    source TEXT NOT NULL,
    message TEXT NOT NULL,
    confidence REAL NOT NULL,
    severity TEXT NOT NULL,
    context TEXT NOT NULL,
    applied INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'open'
);
CREATE INDEX issues_doc ON issues(doc_id, "start");
CREATE TABLE suggestions (
    issue_id TEXT NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    rank INTEGER NOT NULL,
    text TEXT NOT NULL,
    source TEXT NOT NULL,
    score REAL NOT NULL,
    safe INTEGER,
    guard_reason TEXT NOT NULL,
    PRIMARY KEY (issue_id, rank)
);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    issue_id TEXT NOT NULL REFERENCES issues(id),
    editor TEXT NOT NULL DEFAULT '',
    decided_at TEXT NOT NULL,
    action TEXT NOT NULL,
    suggestion_text TEXT,
    final_text TEXT,
    shown_json TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX decisions_issue ON decisions(issue_id);
"""

# Additive migrations, by the version they lead to. A new workspace runs them all after
# ``_SCHEMA``; an older one runs those above its version, in one transaction, when opened.
_MIGRATIONS: dict[int, tuple[str, ...]] = {
    2: (
        # the review app: optimistic concurrency (two editors never overwrite each other) ...
        "ALTER TABLE issues ADD COLUMN version INTEGER NOT NULL DEFAULT 0",
        # ... undo keeps the decision row (who decided what stays on record) and marks it undone
        "ALTER TABLE decisions ADD COLUMN undone_at TEXT",
        "ALTER TABLE decisions ADD COLUMN undone_by TEXT",
        # correction memory imported from other editors' files (own decisions live in decisions)
        """CREATE TABLE memory (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            rule TEXT NOT NULL DEFAULT '',
            phrase TEXT NOT NULL,
            replacement TEXT NOT NULL DEFAULT '',
            context TEXT NOT NULL DEFAULT '',
            editor TEXT NOT NULL DEFAULT '',
            decided_at TEXT NOT NULL,
            origin TEXT NOT NULL DEFAULT '',
            UNIQUE (kind, rule, phrase, replacement, context)
        )""",
    ),
    3: (
        # "apply to all": the decisions made by one action share the id of its first, so one
        # undo reverts every occurrence it decided
        "ALTER TABLE decisions ADD COLUMN bulk_id INTEGER",
    ),
    4: (
        # why a suggestion waits for an editor (``Suggestion.hold``); NULL: nothing holds it
        "ALTER TABLE suggestions ADD COLUMN hold TEXT",
    ),
    5: (
        # which model (id@hash) proposed a suggestion; NULL for checks' own suggestions
        "ALTER TABLE suggestions ADD COLUMN model TEXT",
    ),
}


def initialise(conn: sqlite3.Connection) -> None:
    """Create every table of a new workspace and stamp its schema, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        for version in sorted(_MIGRATIONS):
            for statement in _MIGRATIONS[version]:
                conn.execute(statement)
        conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [
            ("schema", SCHEMA_NAME),
            ("schema_version", str(SCHEMA_VERSION)),
            ("created_by", f"textfix {__version__}"),
            ("created_at", now()),
        ])
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise

def check_schema(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse what is not a workspace or is newer than this textfix; upgrade an older one."""
    try:
        rows = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.DatabaseError as exc:
        raise InputError(
            f"{path} is an SQLite database but not a textfix workspace ({exc})"
        ) from exc
    if rows.get("schema") != SCHEMA_NAME:
        raise InputError(f"{path} is an SQLite database but not a textfix workspace "
                         f"(schema {rows.get('schema')!r})")
    try:
        version = int(rows.get("schema_version", ""))
    except ValueError as exc:
        raise InputError(f"{path}: unreadable workspace schema version") from exc
    if version > SCHEMA_VERSION:
        raise InputError(f"{path} was written by a newer textfix (workspace schema "
                         f"{version}, this version reads {SCHEMA_VERSION}); upgrade textfix")
    if version < SCHEMA_VERSION:
        migrate(conn, path)


def is_sqlite_file(path: str | Path) -> bool:
    """Whether ``path`` is a non-empty SQLite database, asked of SQLite itself (read-only).

    Never ``open()`` a workspace to read its header: closing any descriptor of a file drops
    every POSIX lock this process holds on it, so a review server's connections would lose
    theirs, and the next process to close the file deletes the write-ahead log under them
    (acknowledged decisions gone). SQLite's own connections share one descriptor per file
    and defer closing it while another connection holds locks.
    """
    path = Path(path)
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return False
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return False
    try:
        conn.execute("PRAGMA schema_version").fetchone()
        return True
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring an older workspace up to ``SCHEMA_VERSION`` in one transaction.

    The version is read again under the write lock: two processes opening the same old file at
    once must not both run the migration.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        version = int(row[0])
        for target in sorted(v for v in _MIGRATIONS if v > version):
            for statement in _MIGRATIONS[target]:
                conn.execute(statement)
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                     (str(SCHEMA_VERSION),))
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise InputError(f"cannot upgrade workspace {path}: {exc}") from exc
