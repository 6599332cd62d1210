"""The batch run as one self-contained HTML page: counts, rates, charts, failures.

Charts are PNGs embedded as base64, so the page can be mailed or archived alone. Everything but
the ``<section id="timing">`` block depends only on the inputs and options, so two runs of the
same batch (local or Dask, clean or resumed) give the same page outside that block.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from ..analysis import metrics, plots
from ..analysis.load import DECISION_COLUMNS, FAILURE_COLUMNS, SUGGESTION_COLUMNS, CorpusData
from ..report.counts import count_totals
from .manifest import Outcome

if TYPE_CHECKING:
    from .summary import BatchSummary

_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;
padding:.25rem .6rem;text-align:left}td.n{text-align:right}h2{margin-top:2rem}
.figs{display:flex;flex-wrap:wrap;gap:1rem}.figs img{max-width:100%;border:1px solid #eee}
.failed{color:#a40000}
"""


def corpus_data(outcomes: Sequence[Outcome], articles: pd.DataFrame,
                issues: pd.DataFrame) -> CorpusData:
    """The run's tables as ``CorpusData`` (no suggestions or decisions: nobody reviewed yet)."""
    failures = pd.DataFrame([{"key": o.key, "site": o.site, "status": o.status, "reason": o.reason}
                             for o in outcomes if o.status != "done"], columns=FAILURE_COLUMNS)
    return CorpusData(articles, issues, pd.DataFrame(columns=SUGGESTION_COLUMNS),
                      pd.DataFrame(columns=DECISION_COLUMNS), failures, origin=None)


def render_dashboard(summary: BatchSummary, outcomes: Sequence[Outcome],
                     articles: pd.DataFrame, issues: pd.DataFrame) -> str:
    data = corpus_data(outcomes, articles, issues)
    head = metrics.overview(data)
    # the same totals as the terminal summary and the HTML report (report.counts.count_totals)
    totals = count_totals(articles.to_dict("records"))
    done = sum(1 for o in outcomes if o.status == "done")
    counts = [
        ("inputs", summary.units), ("done", done), ("failed", len(data.failures)),
        ("articles", totals["articles"]), ("words", totals["words"]),
        ("issues (boilerplate not counted)", totals["issues"]),
        ("issues applied", totals["issues_applied"]),
        ("issues waiting for an editor", totals["waiting_review"]),
        ("boilerplate issues (not counted)", totals["boilerplate_issues"]),
        ("issues per 1,000 words", totals["issues_per_1000_words"]),
        ("edits applied (one deletion may remove several boilerplate blocks)",
         totals["edits_applied"]),
        ("mean quality as checked", head["mean_quality_before"]),
        ("mean quality after applied fixes", head["mean_quality_after"]),
    ]
    figures = [plots.plot_issue_rates(data, "category"), plots.plot_site_categories(data),
               plots.plot_top_phrases(data), plots.plot_quality(data)]
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<title>textfix batch</title>", f"<style>{_CSS}</style></head><body>",
        "<h1>textfix batch</h1>",
        "<h2>Counts</h2>", _table(["", ""], [(k, _num(v)) for k, v in counts]),
        "<h2>Issues by category</h2>",
        _frame_table(metrics.issue_rates(data, "category")),
        "<h2>Issues by site</h2>", _frame_table(metrics.issue_rates(data, "site")),
        "<h2>Charts</h2><div class='figs'>",
        *(f"<img alt='chart' src='data:image/png;base64,{plots.figure_png_base64(f)}'>"
          for f in figures),
        "</div>",
        "<h2>Most frequent flagged phrases</h2>",
        _frame_table(metrics.frequent_phrases(data, top=25)),
        "<h2>Failures</h2>", _failures(data.failures),
        _timing(summary),
        "</body></html>\n",
    ]
    return "\n".join(parts)


def _failures(failures: pd.DataFrame) -> str:
    if failures.empty:
        return "<p>None: every input was checked.</p>"
    rows = [(k, s, r) for k, s, r in zip(failures["key"], failures["status"], failures["reason"],
                                          strict=True)]
    return _table(["input", "status", "reason"], rows, cls="failed")


def _timing(summary: BatchSummary) -> str:
    rate = summary.done / summary.seconds if summary.seconds else 0.0
    words = ", ".join(f"{w}: {mb:.0f} MB" for w, mb in sorted(summary.worker_peak_mb.items()))
    rows = [("engine", f"{summary.engine} ({summary.jobs} jobs)"),
            ("this run", f"{summary.done} done, {summary.failed + summary.errors} failed, "
                         f"{summary.skipped} skipped"),
            ("time", f"{summary.seconds:.1f} s ({rate:.2f} inputs/s)"),
            ("peak memory per worker", words or "–")]
    return "<section id='timing'><h2>This run</h2>" + _table(["", ""], rows) + "</section>"


def _frame_table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "<p>Nothing to show.</p>"
    return _table(list(frame.columns), frame.itertuples(index=False, name=None))


def _table(header, rows, cls: str = "") -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header) if any(header) else ""
    body = []
    for row in rows:
        cells = "".join(
            f"<td class='n'>{html.escape(_num(v))}</td>" if isinstance(v, int | float)
            else f"<td>{html.escape('' if v is None else str(v))}</td>" for v in row)
        body.append(f"<tr>{cells}</tr>")
    attr = f" class='{cls}'" if cls else ""
    return f"<table{attr}>" + (f"<tr>{head}</tr>" if head else "") + "".join(body) + "</table>"


def _num(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    if isinstance(value, float):
        return "–" if value != value else f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:,}"
