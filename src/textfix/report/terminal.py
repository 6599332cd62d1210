"""A short human summary for the terminal, printed with rich.

Article text is passed to rich as ``Text`` objects, never as markup strings, so a "[bold]" in an
article is printed as written.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..issue_links import applied_edits
from ..records import Issue, Result
from ..report.counts import count_totals, totals_line
from ..scoring import boilerplate_flags, score
from ..stages.ranking import best_suggestion

TOP_SPANS = 5  # flagged spans shown per article without --verbose
_SPAN_WIDTH = 60


def print_summary(results: Sequence[Result], console: Console, verbose: bool = False) -> None:
    """Per-article table, the top flagged spans (all with ``verbose``), the documents' warnings
    (text that could not be read) and a totals line; "applied" and "to review" count issues and
    add up to the issues, boilerplate shown beside them (``report.counts.count_totals``)."""
    scores = [score(r) for r in results]
    articles = Table(title="Articles", title_justify="left", show_edge=False)
    for name, justify in (("id", "left"), ("words", "right"), ("score", "right"),
                          ("issues by category", "left"), ("applied", "right"),
                          ("to review", "right")):
        articles.add_column(name, justify=justify)  # type: ignore[arg-type]
    for result, s in zip(results, scores, strict=True):
        cats = ", ".join(f"{c} {k}" for c, k in s.by_category.items()) or "none"
        if s.boilerplate_issues:
            cats += f" (+{s.boilerplate_issues} boilerplate)"
        colour = "green" if s.quality >= 80 else "yellow" if s.quality >= 60 else "red"
        articles.add_row(Text(result.document.id), str(s.words),
                         Text(f"{s.quality:.1f}", style=colour), Text(cats),
                         str(s.issues_applied), str(s.waiting_review))
    console.print(articles)

    spans = Table(title="Flagged spans" if verbose else f"Top flagged spans (up to {TOP_SPANS} "
                  "per article; --verbose for all)", title_justify="left", show_edge=False)
    for name in ("id", "span", "suggestion", "rule", ""):
        spans.add_column(name, overflow="fold")
    shown = 0
    for result in results:
        doc = result.document
        applied = {id(i) for i, e in zip(result.issues, applied_edits(result), strict=True) if e}
        for issue in _ordered(result, verbose):
            best = best_suggestion(issue, doc.text)
            status = "applied" if id(issue) in applied else "review"
            spans.add_row(Text(doc.id), Text(_clip(issue.span_text(doc.text)) or "‸"),
                          Text((_clip(best.text) or "(delete)") if best else "—"),
                          Text(issue.rule, style="dim"),
                          Text(status, style="green" if status == "applied" else "yellow"))
            shown += 1
    if shown:
        console.print(spans)

    for result in results:
        for warning in result.document.warnings:
            console.print(Text(f"warning: {result.document.id}: {warning}", style="yellow"))
    console.print(Text(totals_line(count_totals(s.to_dict() for s in scores)), style="bold"))


def _ordered(result: Result, verbose: bool) -> list[Issue]:
    """All issues in text order with ``verbose``; else the most confident scored ones."""
    if verbose:
        return sorted(result.issues, key=lambda i: (i.start, i.end))
    flags = boilerplate_flags(result)
    scored = [i for i, bp in zip(result.issues, flags, strict=True) if not bp]
    top = sorted(scored, key=lambda i: -i.confidence)[:TOP_SPANS]
    return sorted(top, key=lambda i: (i.start, i.end))


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SPAN_WIDTH else text[: _SPAN_WIDTH - 1] + "…"
