"""What ``textfix check`` and ``textfix fix`` do once their command line is parsed (``cli``).

Output paths are checked before any work (``output_paths``) and inputs are all read before
anything is written, so a wrong ``-o`` or a bad input costs no time and never leaves partial
outputs. ``-o/--out DIR`` is the output folder in every command; ``--report FILE`` a report file.
"""

from __future__ import annotations

import io
import sys
from argparse import Namespace
from pathlib import Path

from rich.console import Console

from . import output_paths
from .cli_config import config_from_args
from .cli_errors import warn
from .cli_output import format_report, report_name
from .config import Config
from .errors import TextfixError, one_line
from .records import Document, Result

EXIT_CLEAN, EXIT_ISSUES = 0, 1
REPORT_SUFFIXES = (".json", ".jsonl", ".csv", ".html", ".htm", ".txt", ".md")


def read_inputs(args: Namespace, config: Config) -> list[tuple[str, list[Document]]]:
    """Read every input first; any unreadable input stops the run before anything is written."""
    from .ingest import InputOptions, read_path

    options = InputOptions(lines=args.lines, format=args.input_format, max_bytes=config.max_bytes)
    inputs, errors = [], []
    for path in args.paths:
        try:
            inputs.append((path, read_path(path, options)))
        except TextfixError as exc:
            errors.append(str(exc))
    if errors:
        raise TextfixError(errors[0] if len(errors) == 1 else
                           f"{len(errors)} inputs cannot be read: " + "; ".join(errors))
    return inputs


def read_files(args: Namespace) -> list:
    """Every file the run reads: the inputs and the data files options name. No output may be
    one of them."""
    return [*args.paths, args.memory, *args.calques, *args.glossary, *args.medical_words]


def check_workspace(args: Namespace) -> None:
    """``--save`` is added to, not replaced, so it may exist; it must not be an input."""
    if args.save is not None:
        output_paths.check_outputs([args.save], args.paths, overwrite=True,
                                   hint="choose another workspace file for --save")


def run_pipeline(args: Namespace, label: str) -> tuple[Config, list[tuple[str, list[Result]]]]:
    """Every input through one pipeline, results grouped by input; a progress bar on a
    terminal's stderr when the input is long (``cli_progress``)."""
    from .cli_progress import progress_bar

    config = config_from_args(args)
    inputs = read_inputs(args, config)
    from .parallel import run_documents  # heavy imports only once the inputs are known to be good

    documents = [doc for _, docs in inputs for doc in docs]
    bar = progress_bar(documents, label, quiet=args.quiet or args.no_progress)
    if bar is None:
        found = run_documents(config, documents, args.jobs)
    else:
        with bar:
            found = run_documents(config, documents, args.jobs, progress=bar)
    results = iter(found)
    return config, [(path, [next(results) for _ in docs]) for path, docs in inputs]


def write_side_outputs(args: Namespace, config: Config, results: list[Result]) -> None:
    if args.html:
        from .report.html import render_report_html

        output_paths.write_text(args.html, render_report_html(results), overwrite=args.overwrite)
    if args.save:
        from .store import Workspace

        with Workspace.create_or_open(args.save) as workspace:
            workspace.save(
                results, run_info={"command": args.command, "apply": config.apply,
                                   "checks": list(config.checks), "inputs": list(args.paths)}
            )


def warnings_to_stderr(results: list[Result]) -> None:
    """What ingest could not check (skipped markup, swallowed words) is never silent: when no
    terminal summary shows the documents' warnings, each goes to stderr on one line."""
    for result in results:
        for warning in result.document.warnings:
            print(one_line(f"textfix: warning: {result.document.id}: {warning}"),
                  file=sys.stderr)


def summary(args: Namespace, grouped, console: Console) -> None:
    if args.quiet:
        warnings_to_stderr([r for _, rs in grouped for r in rs])
        return
    from .report.terminal import print_summary

    print_summary(grouped, console, verbose=args.verbose)


def check_report_path(args: Namespace) -> Path | None:
    """Where ``check`` writes its report: ``--report FILE``, or ``report.<ext>`` in the ``-o``
    folder, or None for stdout. The old spellings (``--output FILE``; ``-o FILE`` with a
    report's suffix) still work for one release, with a note on stderr."""
    if args.legacy_output is not None:
        warn("--output FILE is deprecated: use --report FILE (-o/--out names an output folder "
             "in every command)")
        return args.legacy_output
    if args.report is not None:
        return args.report
    if args.out is None:
        return None
    if args.out.suffix.lower() in REPORT_SUFFIXES and not args.out.is_dir():
        warn(f"-o {args.out} as a report file is deprecated: use --report {args.out} "
             "(-o/--out names an output folder in every command)")
        return args.out
    return args.out / report_name(args.output_format)


def text_report(args: Namespace, grouped) -> str:
    """The terminal summary as plain text, for a report file."""
    record = Console(record=True, width=100, file=io.StringIO())
    summary(args, grouped, record)
    return record.export_text()


def cmd_check(args: Namespace, console: Console) -> int:
    report = check_report_path(args)
    reports = [p for p in (report, args.html) if p is not None]
    output_paths.check_outputs(reports, [*read_files(args), args.save], overwrite=args.overwrite)
    check_workspace(args)
    config, grouped = run_pipeline(args, "check")
    results = [r for _, rs in grouped for r in rs]
    if args.output_format == "text" and report is None:
        summary(args, grouped, console)
    else:
        body = text_report(args, grouped) if args.output_format == "text" else \
            format_report(grouped, args.output_format)
        if args.output_format != "text" or not args.quiet:
            warnings_to_stderr(results)
        if report is not None:
            output_paths.write_text(report, body, overwrite=args.overwrite)
        else:
            sys.stdout.write(body)
    write_side_outputs(args, config, results)
    return EXIT_ISSUES if any(r.issues for r in results) else EXIT_CLEAN
