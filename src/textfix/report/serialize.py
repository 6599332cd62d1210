"""JSON and JSON Lines output: the contract scripts rely on, so keep its shape stable.

A JSONL record (one per document, in input order)::

    {"id", "text", "issues": [{"id", "start", "end", "category", "rule", "message", "source",
     "confidence", "severity", "suggestions": [{"text", "source", "score", "safe",
     "guard_reason", "hold"}]}], "corrected"}

``suggestions`` are best first, in the one ranking (``stages.ranking.ranked_suggestions``): the
first is the fix the policy applies when it may, and ``hold`` says why one waits for an editor.

``start``/``end`` are character offsets into ``text`` (Python string indices, i.e. code points).
The JSON document wraps the same records, adds ``source``, ``format``, ``score``, ``warnings`` and
the applied ``edits`` to each, and a ``summary`` across all documents.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import IO, Any

from .. import __version__
from ..issue_links import issue_ids
from ..records import Result
from ..report.counts import count_totals
from ..scoring import score
from ..stages.ranking import ranked_suggestions


def to_jsonl_records(results: Sequence[Result]) -> Iterator[dict[str, Any]]:
    """One plain dict per document, in order; each issue carries its stable id.

    Ids come from ``issue_links.issue_ids`` (``Issue.stable_id``, made unique within a document).
    """
    for result in results:
        record = result.to_dict()
        text = result.document.text
        for issue, issue_id, issue_dict in zip(result.issues, issue_ids(result),
                                               record["issues"], strict=True):
            issue_dict["id"] = issue_id
            issue_dict["suggestions"] = [s.to_dict() for s in ranked_suggestions(issue, text)]
        yield record


def to_json_document(results: Sequence[Result]) -> dict[str, Any]:
    """The whole run as one object: the records plus scores, warnings and a summary."""
    documents = []
    scores = []
    by_category: Counter[str] = Counter()
    for result, record in zip(results, to_jsonl_records(results), strict=True):
        doc = result.document
        article = score(result)
        record.update(
            source=doc.source,
            format=doc.format,
            score=article.to_dict(),
            warnings=list(doc.warnings),
            edits=[{"start": e.start, "end": e.end, "replacement": e.replacement}
                   for e in result.edits],
        )
        documents.append(record)
        scores.append(record["score"])
        by_category.update(article.by_category)
    totals = count_totals(scores)  # the numbers the terminal and HTML summaries print
    summary = {
        "documents": len(documents),
        "words": totals["words"],
        "issues": totals["issues"],
        "issues_applied": totals["issues_applied"],
        "waiting_review": totals["waiting_review"],
        "boilerplate_issues": totals["boilerplate_issues"],
        "by_category": dict(sorted(by_category.items())),
        "edits_applied": totals["edits_applied"],
        "mean_quality": totals["mean_quality"],
        "textfix_version": __version__,
    }
    return {"documents": documents, "summary": summary}


def write_json(results: Sequence[Result], stream: IO[str]) -> None:
    """Pretty JSON, UTF-8 text kept readable (no \\u escapes)."""
    json.dump(to_json_document(results), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_jsonl(results: Sequence[Result], stream: IO[str]) -> None:
    """One compact JSON object per line, so scripts can stream large batches."""
    for record in to_jsonl_records(results):
        stream.write(json.dumps(record, ensure_ascii=False))
        stream.write("\n")
