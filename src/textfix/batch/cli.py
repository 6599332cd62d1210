"""``textfix batch INPUT -o OUT``: correct a whole corpus, resumably, on one machine or Dask.

The pipeline flags (--checks, --apply, --grammar, --max-bytes, ...) are the very options
``textfix check``/``fix`` declare (``cli_options.pipeline_options``), so the three commands never
drift apart, and they become a ``Config`` through the same ``cli_config.config_from_args``.
"""

from __future__ import annotations

import os
from argparse import Namespace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
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

from ..cli_help import HintChoice, command, invoke, option
from ..cli_options import jobs_option, pipeline_options, with_options
from .manifest import Outcome

if TYPE_CHECKING:  # the runner pulls in pandas: import it only when a batch runs
    from .summary import BatchSummary

EXIT_CLEAN, EXIT_ISSUES = 0, 1


def add_commands(group: click.Group) -> None:
    @command(group, "batch", short_help="correct a folder, glob or table of articles "
                                        "(resumable, parallel)", examples=(
        "textfix batch articles/ -o out/",
        "textfix batch 'site/**/*.html' -o out/ --jobs 4",
        "textfix batch rows.parquet -o out/ --resume   # finish an interrupted run",
        "textfix batch articles/ -o out/ --engine dask --scheduler tcp://10.0.0.5:8786",
    ))
    @click.argument("input", metavar="INPUT")
    @option("-o", "--out", type=click.Path(path_type=Path), required=True,
            metavar="DIR", section="Output", help="output folder")
    @option("--resume", is_flag=True, section="Output",
            help="finish an interrupted run in OUT: redo only missing or changed inputs")
    @option("--overwrite", is_flag=True, section="Output",
            help="discard a previous run in OUT and start again")
    @option("--quiet", "-q", is_flag=True, section="Output", help="no progress bar or summary")
    @with_options(pipeline_options())
    @jobs_option(automatic="all cores")
    @option("--engine", type=HintChoice(("local", "dask")), default="local", show_default=True,
            section="Run", help="local processes or a Dask cluster")
    @option("--scheduler", metavar="ADDRESS", section="Run",
            help="Dask scheduler address (default: start a LocalCluster of --jobs workers)")
    def batch(**params: Any) -> int:
        """Correct every article under INPUT (a folder at any depth, a quoted glob, or a
        JSONL/CSV/Parquet file of id,text rows) into OUT: corrected files mirroring the input,
        a JSON report per article, corpus tables (CSV, Parquet) and an HTML dashboard. Safe to
        interrupt: --resume finishes what is missing.

        Exit code 0 when nothing is flagged, 1 when issues are found or an input failed, 2 on
        an error."""
        return invoke(cmd_batch, "batch", params)


def cmd_batch(args: Namespace, console: Console) -> int:
    from ..cli_config import config_from_args
    from ..errors import TextfixError
    from ..output_paths import check_output_dir
    from .runner import BatchOptions, run_batch

    if args.resume and args.overwrite:
        raise TextfixError("--resume and --overwrite contradict each other; choose one")
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
