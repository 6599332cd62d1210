"""What the editor works through: articles with their progress, and the queue of flags.

The queue is the workspace's issues in reading order (article, then position), filtered by
category, rule, source, confidence and article. "Next" is the first open issue after the one
just handled, wrapping around, so skipped flags come back at the end of a pass.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

from ..catalogue import catalogue
from .decisions import NotFound, history
from .export import load_document, reviewed_edits, sentence_bounds

STATUSES = ("open", "accepted", "edited", "rejected", "stale")


@dataclass
class Filters:
    """Queue filters; empty fields match everything."""

    category: str = ""
    rule: str = ""
    source: str = ""  # the flag's source or any of its suggestions' sources
    min_confidence: float | None = None
    doc: str = ""
    status: str = "open"  # open | decided | all | one of STATUSES

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = ["1 = 1"], []
        if self.category:
            clauses.append("i.category = ?")
            params.append(self.category)
        if self.rule:
            clauses.append("i.rule = ?")
            params.append(self.rule)
        if self.source:
            clauses.append("(i.source = ? OR EXISTS (SELECT 1 FROM suggestions s "
                           "WHERE s.issue_id = i.id AND s.source = ?))")
            params += [self.source, self.source]
        if self.min_confidence is not None:
            clauses.append("i.confidence >= ?")
            params.append(self.min_confidence)
        if self.doc:
            clauses.append("i.doc_id = ?")
            params.append(self.doc)
        if self.status == "decided":
            clauses.append("i.status IN ('accepted', 'edited', 'rejected')")
        elif self.status == "all":
            clauses.append("i.status != 'stale'")
        else:
            clauses.append("i.status = ?")
            params.append(self.status)
        return " AND ".join(clauses), params

    def query(self) -> dict[str, str]:
        """The non-empty filters, for links that keep them."""
        values = asdict(self)
        out = {k: ("" if v is None else str(v)) for k, v in values.items()}
        return {k: v for k, v in out.items() if v and not (k == "status" and v == "open")}


_ORDER = 'ORDER BY d.rowid, i."start", i."end", i.id'


def documents_overview(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every article with its title, quality score and review progress."""
    counts: dict[str, dict[str, int]] = {}
    for doc_id, status, n in conn.execute(
            "SELECT doc_id, status, COUNT(*) FROM issues GROUP BY doc_id, status"):
        counts.setdefault(doc_id, {})[status] = n
    out = []
    for row in conn.execute("SELECT id, source, format, score_json, metadata_json, updated_at "
                            "FROM documents ORDER BY rowid"):
        score = json.loads(row["score_json"])
        meta = json.loads(row["metadata_json"])
        c = counts.get(row["id"], {})
        decided = sum(c.get(s, 0) for s in ("accepted", "edited", "rejected"))
        total = decided + c.get("open", 0)
        out.append({
            "id": row["id"], "source": row["source"], "format": row["format"],
            "title": meta.get("title") or row["id"], "quality": score.get("quality"),
            "words": score.get("words"), "open": c.get("open", 0), "decided": decided,
            "total": total, "by_status": c, "updated_at": row["updated_at"],
            "progress": round(100 * decided / total) if total else 100,
        })
    return out


def facets(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """The values the filter menus offer."""
    def column(sql: str) -> list[str]:
        return [r[0] for r in conn.execute(sql)]

    present = set(column("SELECT DISTINCT category FROM issues"))
    declared = catalogue().category_names()
    return {
        "category": [c for c in declared if c in present] + sorted(present - set(declared)),
        "rule": column("SELECT DISTINCT rule FROM issues ORDER BY rule"),
        "source": column("SELECT source FROM issues UNION SELECT source FROM suggestions "
                         "ORDER BY 1"),
        "doc": column("SELECT id FROM documents ORDER BY rowid"),
    }


def list_issues(conn: sqlite3.Connection, filters: Filters, *, limit: int = 200,
                offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """A page of matching issues (without suggestions) and how many match in all."""
    where, params = filters.where()
    base = f"FROM issues i JOIN documents d ON d.id = i.doc_id WHERE {where}"
    total = conn.execute(f"SELECT COUNT(*) {base}", params).fetchone()[0]
    rows = conn.execute(
        f'SELECT i.id, i.doc_id, i."start", i."end", i.span_text, i.category, i.rule, '
        f"i.source, i.message, i.confidence, i.status, i.version, i.applied {base} {_ORDER} "
        "LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    return [dict(r) for r in rows], total


def next_issue_id(conn: sqlite3.Connection, filters: Filters, after: str | None = None
                  ) -> str | None:
    """The first matching issue after ``after`` in reading order, wrapping round; None if none."""
    where, params = filters.where()
    base = f"SELECT i.id FROM issues i JOIN documents d ON d.id = i.doc_id WHERE {where}"
    if after:
        pos = conn.execute('SELECT d.rowid, i."start", i."end", i.id FROM issues i '
                           "JOIN documents d ON d.id = i.doc_id WHERE i.id = ?",
                           (after,)).fetchone()
        if pos is not None:
            row = conn.execute(
                f'{base} AND (d.rowid, i."start", i."end", i.id) > (?, ?, ?, ?) {_ORDER} '
                "LIMIT 1", [*params, *tuple(pos)]).fetchone()
            if row is not None:
                return row[0]
    row = conn.execute(f"{base} {_ORDER} LIMIT 1", params).fetchone()
    return row[0] if row else None


def issue_detail(conn: sqlite3.Connection, issue_id: str) -> dict[str, Any]:
    """Everything the queue shows for one flag.

    ``paragraph`` is the block around the flag cut in three (before, span, after) so the
    template can highlight the span while escaping all of it; ``sentence`` is the sentence as it
    reads now with the other decisions applied (what a hand edit starts from).
    """
    row = conn.execute("SELECT * FROM issues WHERE id = ?", (issue_id,)).fetchone()
    if row is None:
        raise NotFound(f"no issue {issue_id!r} in this workspace")
    issue = dict(row)
    doc, auto = load_document(conn, issue["doc_id"])
    text, start, end = doc.text, issue["start"], issue["end"]
    seg = doc.segment_at(start) or next((s for s in doc.segments if s.start <= start <= s.end),
                                        None)
    p0, p1 = (seg.start, seg.end) if seg else sentence_bounds(text, start, end, issue["context"])
    p0, p1 = min(p0, start), max(p1, end)
    issue["paragraph"] = {"before": text[p0:start], "span": text[start:end],
                          "after": text[end:p1], "kind": seg.kind if seg else "paragraph"}
    s0, s1 = sentence_bounds(text, start, end, issue["context"])
    issue["sentence_original"] = text[s0:s1]
    issue["sentence"] = _current_sentence(conn, doc, auto, issue_id, s0, s1)
    issue["suggestions"] = [
        {**dict(s), "safe": None if s["safe"] is None else bool(s["safe"])}
        for s in conn.execute("SELECT rank, text, source, score, safe, guard_reason, hold "
                              "FROM suggestions WHERE issue_id = ? ORDER BY rank", (issue_id,))]
    issue["applied"] = bool(issue["applied"])
    issue["document"] = {"id": doc.id, "title": doc.metadata.get("title") or doc.id,
                         "source": doc.source, "format": doc.format}
    issue["recurrences"] = conn.execute(
        "SELECT COUNT(*) FROM issues WHERE rule = ? AND span_text = ? AND status = 'open' "
        "AND id != ?", (issue["rule"], issue["span_text"], issue_id)).fetchone()[0]
    issue["history"] = history(conn, issue_id)
    return issue


def _current_sentence(conn: sqlite3.Connection, doc: Any, auto: list, issue_id: str,
                      s0: int, s1: int) -> str:
    """The sentence ``[s0, s1)`` with the other decisions and automatic edits inside it."""
    from ..records import Edit
    from ..stages.apply import apply_edits

    edits = reviewed_edits(conn, doc, auto, exclude_issue=issue_id)
    inside = [Edit(e.start - s0, e.end - s0, e.replacement) for e in edits
              if s0 <= e.start and e.end <= s1]
    return apply_edits(doc.text[s0:s1], inside)


def progress(conn: sqlite3.Connection, filters: Filters) -> dict[str, int]:
    """How many flags match the filters, open and decided (for "12 of 30 left")."""
    open_only = Filters(**{**asdict(filters), "status": "open"})
    every = Filters(**{**asdict(filters), "status": "all"})
    count = "SELECT COUNT(*) FROM issues i JOIN documents d ON d.id = i.doc_id WHERE "
    w1, p1 = open_only.where()
    w2, p2 = every.where()
    left = conn.execute(count + w1, p1).fetchone()[0]
    total = conn.execute(count + w2, p2).fetchone()[0]
    return {"open": left, "total": total, "decided": total - left}
