"""Totals over articles, summed one way for every output (terminal, HTML, JSON, dashboard), so
the counts always agree: issues = applied + waiting, boilerplate beside them, never inside."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

TOTAL_FIELDS = ("words", "issues", "issues_applied", "waiting_review", "boilerplate_issues",
                "edits_applied")



def count_totals(articles: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The counts every summary prints, summed over articles (``ArticleScore.to_dict()`` rows or
    rows of the articles table): one function, so no two outputs can disagree.

    ``issues`` (boilerplate left out) ``== issues_applied + waiting_review``; boilerplate issues
    are ``boilerplate_issues``, shown beside them and never inside them. ``flagged`` is both.
    A row without ``issues_applied`` (a table written before it existed) gets the difference.
    """
    totals: dict[str, Any] = {name: 0 for name in TOTAL_FIELDS}
    qualities: list[float] = []
    rows = 0
    for row in articles:
        rows += 1
        values = {name: _count(row.get(name)) for name in TOTAL_FIELDS}
        if _missing(row.get("issues_applied")):
            values["issues_applied"] = values["issues"] - values["waiting_review"]
        for name in TOTAL_FIELDS:
            totals[name] += values[name]
        if not _missing(row.get("quality")):
            qualities.append(float(row["quality"]))
    totals["articles"] = rows
    totals["flagged"] = totals["issues"] + totals["boilerplate_issues"]
    totals["issues_per_1000_words"] = round(1000.0 * totals["issues"] / max(totals["words"], 1),
                                            2)
    totals["mean_quality"] = round(sum(qualities) / len(qualities), 1) if qualities else None
    return totals



def totals_line(totals: Mapping[str, Any]) -> str:
    """The one-line summary of ``count_totals``, worded the same in every output."""
    mean = "–" if totals["mean_quality"] is None else f"{totals['mean_quality']:.1f}"
    return (f"{totals['articles']} article(s), {totals['words']} words, {totals['issues']} issues "
            f"({totals['issues_applied']} applied, {totals['waiting_review']} waiting for "
            f"review), {totals['boilerplate_issues']} boilerplate (not counted), "
            f"mean quality {mean}")



def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))



def _count(value: object) -> int:
    return 0 if _missing(value) else int(value)  # type: ignore[call-overload]
