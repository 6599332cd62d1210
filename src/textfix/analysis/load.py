"""Load a batch output folder or a review workspace into pandas tables with fixed columns.

Both sources give the same ``CorpusData`` so one notebook works on either: a batch run
(``textfix batch ... --out OUT``) before any editor has looked, or a workspace
(``textfix check --save ws.db``) whose ``decisions`` the review app has filled.

``site`` is where an article came from: the first folder of its path relative to the batch input
(``nhs/sleep.html`` → ``nhs``), a ``site`` column or field of a table input, and in a workspace a
``site`` metadata field or else the name of the folder holding the file; ``""`` when unknown.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

import pandas as pd

from ..catalogue import catalogue
from ..errors import InputError
from ..report.tables import ARTICLE_COLUMNS, ISSUE_COLUMNS

ARTICLE_TABLE_COLUMNS = ["key", "site", *ARTICLE_COLUMNS]
"""Articles: ``key`` (batch unit or document id), ``site``, ``doc_id``, ``source``, ``format``,
``words``, ``sentences``, ``flagged_sentences``, ``issues`` (boilerplate excluded),
``boilerplate_issues``, ``issues_per_100_words``, ``weighted_per_100_words``, ``quality``
(0–100, see ``textfix.scoring``), ``edits_applied``, ``waiting_review``, ``n_<category>``."""

ISSUE_TABLE_COLUMNS = ["key", "site", *ISSUE_COLUMNS]
"""Issues: ``key``, ``site``, ``doc_id``, ``issue_id`` (stable across runs), ``start``/``end``
(offsets into the original text), ``span`` (the flagged words), ``category``, ``rule``, ``source``
(the check), ``severity``, ``message``, ``confidence``, ``suggestion`` (the best one),
``suggestion_source``, ``suggestion_score``, ``safe`` (guard verdict), ``guard_reason``,
``n_suggestions``, ``applied`` (an automatic edit used it), ``boilerplate`` (not counted),
``context`` (the sentence)."""

SUGGESTION_COLUMNS = ["issue_id", "doc_id", "site", "rank", "text", "source", "score", "safe",
                      "guard_reason"]
"""Suggestions: every suggestion of every issue, ``rank`` 0 the best (by score)."""

DECISION_COLUMNS = ["decision_id", "issue_id", "doc_id", "site", "category", "editor",
                    "decided_at", "action", "suggestion_text", "suggestion_source", "final_text",
                    "undone_at"]
"""Decisions: what an editor did with an issue: ``action`` accept | reject | edit;
``suggestion_source`` is the source of the suggestion accepted (or of the best one shown);
``undone_at`` is set when the decision was undone (it stays on record but no longer stands)."""

FAILURE_COLUMNS = ["key", "site", "status", "reason"]
"""Failures: batch inputs that could not be checked, with the reason."""


@dataclass
class CorpusData:
    """The tables of one batch run or workspace; see the ``*_COLUMNS`` docs for columns."""

    articles: pd.DataFrame
    issues: pd.DataFrame
    suggestions: pd.DataFrame
    decisions: pd.DataFrame
    failures: pd.DataFrame
    origin: Path | None  # the folder or file read; None for tables built in memory


def load(path: str | Path) -> CorpusData:
    """A batch output folder, or a workspace ``.db`` file."""
    path = Path(path)
    if path.is_dir():
        return load_batch(path)
    if path.is_file():
        return load_workspace(path)
    raise InputError(f"{path}: no such batch folder or workspace")


def load_batch(folder: str | Path) -> CorpusData:
    """Read ``articles``/``issues`` (Parquet, else CSV), the reports' suggestions and the
    manifest's failures from a ``textfix batch`` output folder."""
    folder = Path(folder)
    articles = _read_table(folder, "articles", ARTICLE_TABLE_COLUMNS)
    issues = _read_table(folder, "issues", ISSUE_TABLE_COLUMNS)
    for frame in (articles, issues):
        frame["site"] = frame["site"].fillna("").astype(str)
    site_of = dict(zip(articles["doc_id"], articles["site"], strict=True))
    rows = []
    for report in sorted((folder / "reports").rglob("*.json")):
        for document in json.loads(report.read_text(encoding="utf-8")).get("documents", []):
            for issue in document.get("issues", []):
                rows.extend(_suggestion_rows(issue["id"], document["id"],
                                             site_of.get(document["id"], ""),
                                             issue.get("suggestions", [])))
    return CorpusData(articles, issues, pd.DataFrame(rows, columns=SUGGESTION_COLUMNS),
                      pd.DataFrame(columns=DECISION_COLUMNS), _batch_failures(folder), folder)


def _read_table(folder: Path, name: str, columns: list[str]) -> pd.DataFrame:
    parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
    if parquet.exists():
        frame = pd.read_parquet(parquet)
    elif csv.exists():
        frame = pd.read_csv(csv, keep_default_na=False, na_values=[""])
    else:
        raise InputError(f"{folder} is not a batch output folder (no {name}.parquet or .csv)")
    return frame.reindex(columns=columns)


def _suggestion_rows(issue_id: str, doc_id: str, site: str,
                     suggestions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ranked = sorted(suggestions, key=lambda s: -float(s.get("score", 0.0)))  # stable, as scoring
    return [{"issue_id": issue_id, "doc_id": doc_id, "site": site, "rank": rank,
             "text": s.get("text"), "source": s.get("source"), "score": s.get("score"),
             "safe": s.get("safe"), "guard_reason": s.get("guard_reason", "")}
            for rank, s in enumerate(ranked)]


def _batch_failures(folder: Path) -> pd.DataFrame:
    manifest = folder / "manifest.db"
    if not manifest.exists():
        return pd.DataFrame(columns=FAILURE_COLUMNS)
    with _read_only(manifest) as conn:
        rows = conn.execute("SELECT key, site, status, reason FROM units "
                            "WHERE status != 'done' ORDER BY key").fetchall()
    return pd.DataFrame([dict(r) for r in rows], columns=FAILURE_COLUMNS)


def load_workspace(path: str | Path) -> CorpusData:
    """Read a review workspace (read-only; nothing is created or migrated)."""
    path = Path(path)
    with _read_only(path) as conn:
        try:
            documents = [dict(r) for r in conn.execute("SELECT * FROM documents ORDER BY rowid")]
            segments = [dict(r) for r in conn.execute(
                'SELECT doc_id, "start", "end", kind FROM segments WHERE kind = \'boilerplate\'')]
            issues = [dict(r) for r in conn.execute(
                "SELECT * FROM issues WHERE status != 'stale' ORDER BY doc_id, \"start\"")]
            suggestions = [dict(r) for r in conn.execute(
                "SELECT * FROM suggestions ORDER BY issue_id, rank")]
            decisions = [dict(r) for r in conn.execute("SELECT * FROM decisions ORDER BY id")]
        except sqlite3.DatabaseError as exc:
            raise InputError(f"{path} is not a textfix workspace ({exc})") from exc
    site_of = {d["id"]: _workspace_site(d) for d in documents}
    articles = pd.DataFrame([_workspace_article(d, site_of[d["id"]]) for d in documents],
                            columns=ARTICLE_TABLE_COLUMNS)
    by_issue: dict[str, list[dict[str, Any]]] = {}
    for s in suggestions:
        by_issue.setdefault(s["issue_id"], []).append(s)
    boiler: dict[str, list[tuple[int, int]]] = {}
    for seg in segments:
        boiler.setdefault(seg["doc_id"], []).append((seg["start"], seg["end"]))
    issue_rows = [_workspace_issue(i, site_of.get(i["doc_id"], ""), by_issue.get(i["id"], []),
                                   boiler.get(i["doc_id"], [])) for i in issues]
    issue_frame = pd.DataFrame(issue_rows, columns=ISSUE_TABLE_COLUMNS)
    suggestion_rows = [{"issue_id": s["issue_id"], "doc_id": i["doc_id"],
                        "site": site_of.get(i["doc_id"], ""), "rank": s["rank"], "text": s["text"],
                        "source": s["source"], "score": s["score"],
                        "safe": None if s["safe"] is None else bool(s["safe"]),
                        "guard_reason": s["guard_reason"]}
                       for i in issues for s in by_issue.get(i["id"], [])]
    issue_of = {i["id"]: i for i in issues}
    decision_rows = [_workspace_decision(d, issue_of.get(d["issue_id"]), by_issue, site_of)
                     for d in decisions]
    return CorpusData(articles, issue_frame, pd.DataFrame(suggestion_rows,
                                                          columns=SUGGESTION_COLUMNS),
                      pd.DataFrame(decision_rows, columns=DECISION_COLUMNS),
                      pd.DataFrame(columns=FAILURE_COLUMNS), path)


def _workspace_site(document: dict[str, Any]) -> str:
    meta = json.loads(document.get("metadata_json") or "{}")
    site = meta.get("site") or (meta.get("fields") or {}).get("site")
    if site:
        return str(site)
    return PurePath(document["source"]).parent.name


def _workspace_article(document: dict[str, Any], site: str) -> dict[str, Any]:
    score = json.loads(document["score_json"])
    by_category = score.pop("by_category", {})
    row = {"key": document["id"], "site": site, "doc_id": document["id"],
           "source": document["source"], "format": document["format"], **score}
    row.update({f"n_{c}": by_category.get(c, 0) for c in catalogue().category_names()})
    return row


def _workspace_issue(issue: dict[str, Any], site: str, suggestions: list[dict[str, Any]],
                     boilerplate: list[tuple[int, int]]) -> dict[str, Any]:
    best = suggestions[0] if suggestions else None
    inside = any(a <= issue["start"] < b for a, b in boilerplate)
    return {
        "key": issue["doc_id"], "site": site, "doc_id": issue["doc_id"], "issue_id": issue["id"],
        "start": issue["start"], "end": issue["end"], "span": issue["span_text"],
        "category": issue["category"], "rule": issue["rule"], "source": issue["source"],
        "severity": issue["severity"], "message": issue["message"],
        "confidence": issue["confidence"],
        "suggestion": best["text"] if best else None,
        "suggestion_source": best["source"] if best else None,
        "suggestion_score": best["score"] if best else None,
        "safe": None if not best or best["safe"] is None else bool(best["safe"]),
        "guard_reason": best["guard_reason"] if best else "",
        "n_suggestions": len(suggestions), "applied": bool(issue["applied"]),
        "boilerplate": issue["category"] == "boilerplate" or inside,
        "context": issue["context"],
    }


def _workspace_decision(decision: dict[str, Any], issue: dict[str, Any] | None,
                        by_issue: dict[str, list[dict[str, Any]]],
                        site_of: dict[str, str]) -> dict[str, Any]:
    shown = by_issue.get(decision["issue_id"], [])
    chosen = next((s for s in shown if s["text"] == decision.get("suggestion_text")), None)
    chosen = chosen or (shown[0] if shown else None)
    doc_id = issue["doc_id"] if issue else None
    return {
        "decision_id": decision["id"], "issue_id": decision["issue_id"], "doc_id": doc_id,
        "site": site_of.get(doc_id, "") if doc_id else "",
        "category": issue["category"] if issue else None, "editor": decision["editor"],
        "decided_at": decision["decided_at"], "action": decision["action"],
        "suggestion_text": decision.get("suggestion_text"),
        "suggestion_source": chosen["source"] if chosen else None,
        "final_text": decision.get("final_text"), "undone_at": decision.get("undone_at"),
    }


class _read_only:
    """A read-only SQLite connection as a context manager (never creates the file)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.conn = sqlite3.connect(f"file:{self.path.resolve()}?mode=ro", uri=True)
        except sqlite3.Error as exc:
            raise InputError(f"cannot open {self.path}: {exc}") from exc
        self.conn.row_factory = sqlite3.Row
        return self.conn

    def __exit__(self, *exc: object) -> None:
        self.conn.close()
