"""Issues and articles as pandas tables, for CSV output and for notebooks.

Columns are fixed (every category gets an ``n_<category>`` column even when empty) so a
spreadsheet built on one run keeps working on the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO, Literal

import pandas as pd

from ..catalogue import catalogue
from ..issue_links import applied_edits, issue_ids
from ..records import Result
from ..scoring import boilerplate_flags, score
from ..stages.ranking import best_suggestion
from ..text_units import sentence_context, sentence_spans

ISSUE_COLUMNS = [
    "doc_id", "issue_id", "start", "end", "span", "category", "rule", "source", "severity",
    "message", "confidence", "suggestion", "suggestion_source", "suggestion_score", "safe",
    "guard_reason", "hold", "n_suggestions", "applied", "boilerplate", "context",
]
SCORE_COLUMNS = [
    "doc_id", "source", "format", "words", "sentences", "flagged_sentences", "issues",
    "boilerplate_issues", "issues_per_100_words", "weighted_per_100_words", "quality",
    "edits_applied", "waiting_review", "issues_applied",
]


def article_columns() -> list[str]:
    """The score columns, then one count per category the catalogue declares."""
    return SCORE_COLUMNS + [f"n_{c}" for c in catalogue().category_names()]


ARTICLE_COLUMNS = article_columns()  # the catalogue is read once, on import


def issues_frame(results: Sequence[Result]) -> pd.DataFrame:
    """One row per issue; ``suggestion`` is the best one (``ranking.best_suggestion``, the one
    the policy applies), ``hold`` why it waits for an editor, ``applied`` if an edit used it."""
    rows = []
    for result in results:
        doc = result.document
        spans = sentence_spans(doc.text)
        rows_of = zip(result.issues, issue_ids(result), applied_edits(result),
                      boilerplate_flags(result), strict=True)
        for issue, issue_id, edit, boilerplate in rows_of:
            best = best_suggestion(issue, doc.text)
            rows.append({
                "doc_id": doc.id,
                "issue_id": issue_id,
                "start": issue.start,
                "end": issue.end,
                "span": issue.span_text(doc.text),
                "category": issue.category,
                "rule": issue.rule,
                "source": issue.source,
                "severity": issue.severity,
                "message": issue.message,
                "confidence": round(issue.confidence, 4),
                "suggestion": best.text if best else None,
                "suggestion_source": best.source if best else None,
                "suggestion_score": round(best.score, 4) if best else None,
                "safe": best.safe if best else None,
                "guard_reason": best.guard_reason if best else "",
                "hold": best.hold if best else None,
                "n_suggestions": len(issue.suggestions),
                "applied": edit is not None,
                "boilerplate": boilerplate,
                "context": sentence_context(issue, doc.text, spans),
            })
    return pd.DataFrame(rows, columns=ISSUE_COLUMNS)


def articles_frame(results: Sequence[Result]) -> pd.DataFrame:
    """One row per article with its score fields and a count per category."""
    rows = []
    for result in results:
        doc = result.document
        article = score(result).to_dict()
        by_category = article.pop("by_category")
        row = {"doc_id": doc.id, "source": doc.source, "format": doc.format, **article}
        row.update({f"n_{c}": by_category.get(c, 0) for c in catalogue().category_names()})
        rows.append(row)
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


def write_csv(results: Sequence[Result], path_or_stream: str | Path | IO[str],
              kind: Literal["issues", "articles"] = "issues") -> None:
    """Write the issues or the articles table as UTF-8 CSV with a header row."""
    if kind == "issues":
        frame = issues_frame(results)
    elif kind == "articles":
        frame = articles_frame(results)
    else:
        raise ValueError(f"kind must be 'issues' or 'articles', not {kind!r}")
    frame.to_csv(path_or_stream, index=False)
