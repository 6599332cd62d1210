"""``textfix batch INPUT --out OUT``: correct a whole corpus, resumably, on one machine or Dask.

The pipeline flags (--checks, --apply, --grammar, --max-bytes, ...) are the very argparse actions
``textfix check``/``fix`` define (``cli._common_options``), taken over by ``pipeline_flags`` so the
three commands never drift apart, and turned into a ``Config`` by the same ``config_from_args``.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress
from rich.table import Table
from rich.text import Text

from .manifest import Outcome

if TYPE_CHECKING:  # the runner pulls in pandas: import it only when a batch runs
    from .summary import BatchSummary

# flags of ``check``/``fix`` a batch replaces (INPUT, --jobs, --quiet) or has no use for
NOT_FOR_BATCH = ("paths", "jobs", "quiet", "verbose", "html", "save", "help")
EXIT_CLEAN, EXIT_ISSUES = 0, 1


def pipeline_flags(parser: argparse.ArgumentParser) -> None:
    """Add the pipeline flags of ``textfix check``/``fix`` to ``parser``.

    The actions are built by ``cli._common_options`` on a scratch parser and adopted as they are
    (argparse shares actions between parsers the same way for ``parents=``), so a flag added there
    reaches ``batch`` too. Flags left out get their neutral default, so ``config_from_args``
    finds every attribute it reads.
    """
    from ..cli import _common_options

    scratch = argparse.ArgumentParser(add_help=False)
    _common_options(scratch)
    group = parser.add_argument_group("pipeline options (as for textfix check/fix)")
    own = {action.dest for action in parser._actions}
    for action in scratch._actions:
        if action.dest not in NOT_FOR_BATCH and action.dest not in own:
            group._add_action(action)
        elif action.dest not in own:
            parser.set_defaults(**{action.dest: action.default})


def add_commands(subparsers) -> None:
    batch = subparsers.add_parser(
        "batch", help="correct a folder, glob or table of articles (resumable, parallel)",
        description="Correct every article under INPUT into OUT: corrected files mirroring the "
                    "input, a JSON report per article, corpus tables (CSV, Parquet) and an HTML "
                    "dashboard. Safe to interrupt: --resume finishes what is missing.")
    batch.add_argument("input", metavar="INPUT",
                       help="a folder (any depth), a quoted glob, or a JSONL/CSV/Parquet file "
                            "of id,text rows")
    batch.add_argument("--out", "-o", type=Path, required=True, help="output folder")
    batch.add_argument("--jobs", "-j", type=int, default=0,
                       help="worker processes (default: all cores)")
    batch.add_argument("--resume", action="store_true",
                       help="finish an interrupted run in OUT: redo only missing or changed "
                            "inputs")
    batch.add_argument("--overwrite", action="store_true",
                       help="discard a previous run in OUT and start again")
    batch.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="local processes (default) or a Dask cluster")
    batch.add_argument("--scheduler", metavar="ADDRESS",
                       help="Dask scheduler address (default: start a LocalCluster of --jobs "
                            "workers)")
    batch.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    pipeline_flags(batch)
    batch.set_defaults(handler=cmd_batch)


def cmd_batch(args: argparse.Namespace, console: Console) -> int:
    from ..cli import config_from_args
    from ..errors import TextfixError
    from ..output_paths import check_output_dir
    from .runner import BatchOptions, run_batch

    if args.resume and args.overwrite:
        raise TextfixError("--resume and --overwrite contradict each other; choose one")
    if args.jobs < 0:
        raise TextfixError(f"--jobs must be positive, got {args.jobs}")
    # the rest (a folder holding the input, a previous run, --resume) is the runner's to judge
    check_output_dir(args.out, [args.input], option="--out")
    options = BatchOptions(
        input=args.input, out=args.out, config=config_from_args(args), lines=args.lines,
        input_format=args.input_format, jobs=args.jobs, resume=args.resume,
        overwrite=args.overwrite, engine=args.engine, scheduler=args.scheduler)
    err = Console(stderr=True)
    bar = None if args.quiet or not err.is_terminal else ProgressBar(err)
    try:
        summary = run_batch(options, progress=bar)
    finally:
        if bar is not None:
            bar.stop()
    if not args.quiet:
        print_batch_summary(summary, console)
    return EXIT_ISSUES if summary.issues or summary.failures else EXIT_CLEAN


class _RateColumn(ProgressColumn):
    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.2f} articles/s" if speed else "– articles/s", style="cyan")


class ProgressBar:
    """A rich progress bar: done/total, failures so far, rate, elapsed and ETA."""

    def __init__(self, console: Console) -> None:
        self._progress = RichProgress(
            TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(),
            TextColumn("[red]{task.fields[failed]} failed"), _RateColumn(),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=console, transient=False)
        self._task = None
        self._failed = 0

    def start(self, total: int, completed: int) -> None:
        self._progress.start()
        self._task = self._progress.add_task("batch", total=total, completed=completed,
                                             failed=0)

    def advance(self, outcome: Outcome) -> None:
        if outcome.status != "done":
            self._failed += 1
        if self._task is not None:
            self._progress.update(self._task, advance=1, failed=self._failed)

    def stop(self) -> None:
        self._progress.stop()


def print_batch_summary(summary: BatchSummary, console: Console) -> None:
    """Articles done, failed, skipped, issues by category, time."""
    table = Table(title="textfix batch", title_justify="left", show_edge=False, show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    rate = summary.done / summary.seconds if summary.seconds else 0.0
    rows = [
        ("inputs", summary.units),
        ("checked this run", summary.done),
        ("failed this run", summary.failed + summary.errors),
        ("skipped (done before, unchanged)", summary.skipped),
        ("articles in OUT", summary.articles),
        ("words", summary.words),
        ("issues", summary.issues),
        *((f"  {category}", n) for category, n in summary.by_category.items()),
        ("time", f"{summary.seconds:.1f} s ({rate:.2f} inputs/s, {summary.engine}, "
                 f"{summary.jobs} job{'s' if summary.jobs != 1 else ''})"),
    ]
    for name, value in rows:
        table.add_row(name, f"{value:,}" if isinstance(value, int) else str(value))
    console.print(table)
    if summary.failures:
        console.print(Text(f"{len(summary.failures)} input(s) could not be checked:",
                           style="bold red"))
        for key, reason in summary.failures[:20]:
            console.print(Text(f"  {key}: {reason}"))
        if len(summary.failures) > 20:
            console.print(Text(f"  … and {len(summary.failures) - 20} more (see the dashboard)"))
    console.print(Text(f"Outputs in {summary.out}{os.sep} (dashboard.html, articles.csv, "
                       "issues.csv, corrected/, reports/)", style="bold"))
