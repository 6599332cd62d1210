"""``textfix fix``: corrected files in the ``-o`` folder (or in place), its reports beside them.

Exit codes: 0 when the outputs were written, whatever was found; 1 only with
``--fail-on-remaining`` when issues still wait for an editor (for CI jobs); 2 on any error.
"""

from __future__ import annotations

import shutil
import sys
from argparse import Namespace
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from . import output_paths
from .cli_output import format_report
from .cli_run import (
    EXIT_CLEAN,
    EXIT_ISSUES,
    check_workspace,
    read_files,
    run_pipeline,
    summary,
    text_report,
    warnings_to_stderr,
    write_side_outputs,
)
from .errors import TextfixError

DEFAULT_OUT = Path("textfix-out")


def output_paths_for(inputs: Sequence[str], out: Path) -> dict[str, Path]:
    """One corrected file per input, named like it; inputs that share a name get a suffix."""
    from .ingest import corrected_filename

    used: dict[str, int] = {}
    paths = {}
    for source in inputs:
        name = corrected_filename(Path("stdin.txt" if source == "-" else source))
        count = used.get(name, 0)
        used[name] = count + 1
        if count:
            stem, dot, ext = name.rpartition(".")
            name = f"{stem}-{count + 1}.{ext}" if dot else f"{name}-{count + 1}"
        paths[source] = out / name
    return paths


def _backup(target: Path) -> Path:
    return target.with_name(target.name + ".bak")


def _check_fix_outputs(args: Namespace, out: Path, targets: dict[str, Path]) -> None:
    """Everything ``fix`` will write, checked before it reads or runs anything."""
    if args.out is not None or not args.in_place:
        output_paths.check_output_dir(out, read_files(args))
    # one backup per input named, so an input named twice is refused: its second backup would
    # copy the corrected text over the original
    written = [_backup(Path(p)) for p in args.paths] if args.in_place else list(targets.values())
    if args.out is not None or not args.in_place:
        written += [out / "report.json", out / "issues.csv"]
    written += [p for p in (args.html, args.report) if p is not None]
    hint = "choose another output" if args.in_place else \
        "choose another -o folder, or use --in-place to correct the input itself"
    output_paths.check_outputs(written, [*read_files(args), args.save],
                               overwrite=args.overwrite, hint=hint)
    check_workspace(args)


def cmd_fix(args: Namespace, console: Console) -> int:
    if args.in_place and "-" in args.paths:
        raise TextfixError("--in-place cannot rewrite standard input")
    out = args.out or DEFAULT_OUT
    targets = {p: Path(p) for p in args.paths} if args.in_place else \
        output_paths_for(args.paths, out)
    _check_fix_outputs(args, out, targets)
    config, grouped = run_pipeline(args, "fix")
    results = [r for _, rs in grouped for r in rs]
    if not args.in_place:
        out.mkdir(parents=True, exist_ok=True)
    _write_corrected(args, grouped, targets)
    if not args.in_place or args.out:
        report_dir = out if not args.in_place else Path(args.out or ".")
        report_dir.mkdir(parents=True, exist_ok=True)
        for name, fmt in (("report.json", "json"), ("issues.csv", "csv")):
            output_paths.write_text(report_dir / name, format_report(grouped, fmt),
                                    overwrite=args.overwrite)
    write_side_outputs(args, config, results)
    _report(args, grouped, console)
    if not args.quiet:
        where = "in place" if args.in_place else f"in {out}/"
        console.print(f"[bold]Corrected text written {where}[/bold]")
    from .report.terminal import count

    waiting = count(results).waiting  # boilerplate aside
    return EXIT_ISSUES if args.fail_on_remaining and waiting else EXIT_CLEAN


def _write_corrected(args: Namespace, grouped, targets: dict[str, Path]) -> None:
    from .ingest import render_corrected

    for source, file_results in grouped:
        target = targets[source]
        if args.in_place:
            backup = _backup(target)
            output_paths.write_bytes(backup, target.read_bytes(), overwrite=args.overwrite)
            shutil.copystat(target, backup)
        output_paths.write_text(target, render_corrected(file_results),
                                overwrite=args.overwrite or args.in_place)


def _report(args: Namespace, grouped, console: Console) -> None:
    """The summary on the terminal; with ``--output-format`` another form on stdout instead,
    and with ``--report FILE`` that form written to FILE."""
    fmt = args.output_format
    if args.report is not None:
        body = text_report(args, grouped) if fmt == "text" else format_report(grouped, fmt)
        output_paths.write_text(args.report, body, overwrite=args.overwrite)
    if fmt == "text" or args.report is not None:
        summary(args, grouped, console)
    else:
        warnings_to_stderr([r for _, rs in grouped for r in rs])
        sys.stdout.write(format_report(grouped, fmt))
