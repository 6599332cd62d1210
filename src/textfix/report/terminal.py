"""The terminal summary of ``check`` and ``fix`` (and of ``textfix.report.print_summary``):
what an editor reads first.

One row per issue with where it is (``file:line:col``, as ``--output-format concise``), the rule,
the message and the suggestion; every column has a header; rule ids never wrap (a long one is cut
with "…"); and one totals line whose arithmetic is written out and counted here from the results:
issues = applied + waiting for an editor, boilerplate beside them.
Article text reaches rich as ``Text``, never as markup, so "[bold]" in an article prints as is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..errors import one_line
from ..records import Result
from .positions import Grouped, display_path, file_position

if TYPE_CHECKING:
    from ..scoring import ArticleScore

TOP_ISSUES = 5  # issue rows per article without --verbose
_CLIP = 40


@dataclass(frozen=True)
class Counts:
    """Issues of a run, counted from the results: ``issues == applied + waiting``; boilerplate
    issues (teasers, captions, links the fix removes) are counted beside them, never inside."""

    issues: int = 0
    applied: int = 0
    waiting: int = 0
    boilerplate: int = 0
    boilerplate_applied: int = 0

    def line(self) -> str:
        text = (f"{self.issues} issue{'s' if self.issues != 1 else ''}: {self.applied} applied"
                f" + {self.waiting} waiting for an editor")
        if self.boilerplate:
            text += (f"; plus {self.boilerplate} in boilerplate ({self.boilerplate_applied} "
                     f"removed, {self.boilerplate - self.boilerplate_applied} kept)")
        return text


def count(results: Sequence[Result], scores: Sequence[ArticleScore] | None = None) -> Counts:
    """The counts every output prints (``report.counts.count_totals``), and how many boilerplate
    issues an applied edit removed; ``scores``: the results' ``score``, when already made."""
    from ..issue_links import applied_edits
    from ..scoring import boilerplate_flags, score
    from .counts import count_totals

    totals = count_totals(s.to_dict() for s in (scores or [score(r) for r in results]))
    removed = sum(edit is not None and boilerplate for result in results
                  for edit, boilerplate in zip(applied_edits(result), boilerplate_flags(result),
                                               strict=True))
    return Counts(totals["issues"], totals["issues_applied"], totals["waiting_review"],
                  totals["boilerplate_issues"], removed)


def by_source(results: Sequence[Result]) -> Grouped:
    """Results grouped by the input they came from (their document's ``source``, else its id),
    in order: what ``print_summary`` takes when the caller has no grouping of its own."""
    grouped: dict[str, list[Result]] = {}
    for result in results:
        grouped.setdefault(result.document.source or result.document.id, []).append(result)
    return list(grouped.items())


def print_summary(grouped: Grouped | Sequence[Result], console: Console,
                  verbose: bool = False) -> Counts:
    """Articles, the issues of each input (the most confident ``TOP_ISSUES`` per article
    outside boilerplate, or all with ``verbose``), the documents' warnings and the totals line;
    returns the counts printed. ``grouped``: (input, its results) pairs, or plain results
    (grouped ``by_source``)."""
    from ..scoring import score

    if all(isinstance(item, Result) for item in grouped):
        grouped = by_source(grouped)  # type: ignore[arg-type]
    results = [r for _, rs in grouped for r in rs]
    scores = [score(r) for r in results]
    console.print(_articles(results, scores))
    for source, file_results in grouped:
        issues, shown = _issues(source, file_results, verbose)
        if shown:
            console.print(issues)
    for result in results:
        for warning in result.document.warnings:
            console.print(Text(one_line(f"warning: {result.document.id}: {warning}"),
                               style="yellow"))
    counts = count(results, scores)
    console.print(Text(counts.line(), style="bold"), soft_wrap=True)  # one line, to grep
    categories = _by_category(scores)
    if categories:
        console.print(Text(f"by category: {categories}", style="dim"))
    return counts


def _articles(results: Sequence[Result], scores: Sequence[ArticleScore]) -> Table:
    table = Table(title="Articles", title_justify="left", show_edge=False)
    table.add_column("article", no_wrap=True, overflow="ellipsis", max_width=40)
    for name in ("words", "score", "issues", "applied", "waiting", "boilerplate"):
        table.add_column(name, justify="right", no_wrap=True)
    for result, s in zip(results, scores, strict=True):
        colour = "green" if s.quality >= 80 else "yellow" if s.quality >= 60 else "red"
        table.add_row(Text(result.document.id), str(s.words),
                      Text(f"{s.quality:.1f}", style=colour),
                      str(s.issues_applied + s.waiting_review), str(s.issues_applied),
                      str(s.waiting_review), str(s.boilerplate_issues))
    return table


def _by_category(scores: Sequence[ArticleScore]) -> str:
    from collections import Counter

    total: Counter[str] = Counter()
    for s in scores:
        total.update(s.by_category)
    return ", ".join(f"{name} {n}" for name, n in sorted(total.items()))


def _issues(source: str, results: Sequence[Result], verbose: bool) -> tuple[Table, int]:
    """One input's issues, titled with its path; ``line:col`` as in the file."""
    from ..api import CheckResult
    from ..scoring import boilerplate_flags

    more = "" if verbose else f" (top {TOP_ISSUES} per article; --verbose for all)"
    table = Table(title=f"{display_path(source)}{more}", title_justify="left", show_edge=False)
    table.add_column("line:col", no_wrap=True, justify="right")
    table.add_column("rule", no_wrap=True, overflow="ellipsis", max_width=28, style="dim")
    table.add_column("status", no_wrap=True)
    table.add_column("message / text → fix", min_width=20)
    shown = 0
    for result in results:
        matches = [m for m, boilerplate in zip(CheckResult(result), boilerplate_flags(result),
                                               strict=True) if verbose or not boilerplate]
        if not verbose:
            matches = sorted(matches, key=lambda m: -m.confidence)[:TOP_ISSUES]
        for m in sorted(matches, key=lambda m: (m.start, m.end)):
            line, col = file_position(result, m.line, m.column)
            fix = (_clip(m.replacements[0]) or "(delete)") if m.replacements else "—"
            issue = Text(one_line(m.message))
            issue.append(f"\n{_clip(m.text) or '‸'} → {fix}", style="cyan")
            table.add_row(f"{line}:{col}", Text(m.rule),
                          Text("applied", style="green") if m.applied
                          else Text("waiting", style="yellow"), issue)
            shown += 1
    return table, shown


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _CLIP else text[: _CLIP - 1] + "…"
