"""Command line: ``textfix check`` and ``textfix fix``, thin layers over ``Pipeline``.

Exit codes (a contract for scripts): 0 no issue found, 1 issues found, 2 usage or input errors
and any other failure (one line on stderr, made by ``cli_errors``; ``--debug`` adds the
traceback). Output paths are checked before any work (``output_paths``) and inputs are all read
before anything is written, so a wrong ``-o`` or a bad input costs no time and never leaves
partial outputs.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from . import __version__, output_paths
from .catalogue import catalogue
from .cli_errors import print_error, stdout_broken, stdout_closed
from .config import APPLY_POLICIES, Config, model_checks
from .errors import TextfixError, one_line
from .hints import choice_hint
from .ingest import InputOptions, corrected_filename, read_path, render_corrected
from .records import Document, Result
from .scoring import score

EXIT_CLEAN, EXIT_ISSUES, EXIT_ERROR = 0, 1, 2
REPORT_FORMATS = ("text", "json", "jsonl", "csv", "html")
COMMAND_MODULES = (
    "textfix.catalogue_cli", "textfix.training.cli", "textfix.review.cli", "textfix.batch.cli",
)
DEBUG_HELP = "on an error, print the traceback too (or set TEXTFIX_DEBUG=1)"


class OneLineParser(argparse.ArgumentParser):
    """Usage errors on one line, like every other error (the README's exit-code contract)."""

    def error(self, message: str):
        self.exit(EXIT_ERROR, f"{self.prog}: error: {one_line(message)}{choice_hint(message)} "
                              f"(see '{self.prog} --help')\n")


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="input files ('-' for stdin)")
    parser.add_argument("--lines", action="store_true", help="each line of a file is a document")
    parser.add_argument(
        "--input-format",
        choices=("text", "markdown", "html", "jsonl", "csv"),
        help="force the input format (default: from the file extension)",
    )
    parser.add_argument(
        "--checks", help="comma-separated checks to run (default: every default check; "
                         "`textfix checks` lists them)"
    )
    parser.add_argument("--disable", help="comma-separated checks to turn off")
    parser.add_argument("--no-models", action="store_true",
                        help="run without the trained models "
                        "(no fluency check, LM ranking or rewrites)")
    parser.add_argument("--rewrite", action="store_true",
                        help="propose whole-sentence rewrites of flagged sentences (seq2seq model)")
    parser.add_argument("--rewriter-model", metavar="PATH_OR_ID",
                        help="seq2seq model folder or Hugging Face id (default: models/rewriter)")
    parser.add_argument("--grammar", choices=("harper", "languagetool"), help="grammar backend")
    parser.add_argument("--languagetool-url", help="LanguageTool server URL (e.g. http://host:8081)")
    parser.add_argument(
        "--apply", choices=APPLY_POLICIES, default="safe",
        help="which suggestions are applied: safe (guard-approved, default), none, all",
    )
    parser.add_argument(
        "--keep-boilerplate", action="store_true",
        help="keep teasers, captions and 'Continue reading' links in the corrected text",
    )
    parser.add_argument(
        "--max-bytes", type=int, default=Config.max_bytes,
        help="refuse inputs larger than this many bytes (default: %(default)s)",
    )
    parser.add_argument("--calques", action="append", default=[], type=Path,
                        help="extra calque lexicon file (YAML/TSV); repeatable")
    parser.add_argument("--glossary", action="append", default=[], type=Path,
                        help="extra terminology glossary file (YAML/TSV); repeatable")
    parser.add_argument("--medical-words", action="append", default=[], type=Path,
                        help="extra word list of medical vocabulary; repeatable")
    parser.add_argument("--save", metavar="WORKSPACE.db", type=Path,
                        help="store documents, issues and suggestions in a review workspace")
    parser.add_argument("--memory", metavar="FILE", type=Path,
                        help="correction memory from review (workspace .db or exported JSON/TSV; "
                             "default: the --save workspace when it exists)")
    parser.add_argument("--html", metavar="FILE", type=Path, help="also write an HTML report")
    parser.add_argument("--jobs", "-j", type=int, default=0,
                        help="worker processes (default: all cores for large inputs)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no terminal summary")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every flagged span")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="textfix",
        description="Flag and fix awkward machine-translated English in health articles.",
    )
    parser.add_argument("--version", action="version", version=f"textfix {__version__}")
    parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="report issues (no file is changed)")
    _common_options(check)
    check.add_argument("--format", choices=REPORT_FORMATS, default="text",
                       help="report format on stdout or --output (default: text summary)")
    check.add_argument("--output", "-o", type=Path, help="write the report here instead of stdout")
    _overwrite_option(check)

    fix = sub.add_parser("fix", help="write corrected text and reports")
    _common_options(fix)
    fix.add_argument("-o", "--out", type=Path, help="output folder (default: ./textfix-out)")
    fix.add_argument("--in-place", action="store_true",
                     help="overwrite the inputs (a .bak copy of each is kept)")
    fix.add_argument("--fail-on-remaining", action="store_true",
                     help="exit 1 when issues still wait for an editor (for CI jobs); "
                          "without it a fix that wrote its outputs exits 0")
    _overwrite_option(fix)
    for add_commands in _command_plugins():
        add_commands(sub)
    for command in sub.choices.values():  # ``textfix check ... --debug`` works too
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                             help=DEBUG_HELP)
    return parser


def _overwrite_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--overwrite", action="store_true",
                        help="replace output files (reports, corrected files, .bak copies) "
                             "that already exist; an input is never overwritten")


def _command_plugins():
    """Subcommands that live with their feature: each module's ``add_commands(subparsers)`` adds
    parsers whose ``handler`` default is ``handler(args, console) -> exit code``."""
    from importlib import import_module

    for name in COMMAND_MODULES:
        yield import_module(name).add_commands


def config_from_args(args: argparse.Namespace) -> Config:
    if getattr(args, "jobs", 0) < 0:
        raise TextfixError(f"--jobs must be positive (0: all cores), got {args.jobs}")
    config = Config(
        apply=args.apply,
        keep_boilerplate=args.keep_boilerplate,
        max_bytes=args.max_bytes,
        extra_calques=tuple(args.calques),
        extra_glossary=tuple(args.glossary),
        extra_medical_words=tuple(args.medical_words),
    )
    if args.memory is not None:
        config.memory = args.memory
    elif args.save is not None and args.save.is_file() and args.save.stat().st_size > 0:
        config.memory = args.save
    known = catalogue()
    if args.checks:
        config.checks = known.validate(n.strip() for n in args.checks.split(",") if n.strip())
    off = set(known.validate(n.strip() for n in (args.disable or "").split(",") if n.strip()))
    if args.no_models:
        off |= set(model_checks())
    config.rewrite = args.rewrite and not args.no_models
    config.rank_with_lm = not args.no_models
    config.rewriter_model = args.rewriter_model
    config.checks = tuple(n for n in config.checks if n not in off)
    if args.grammar:
        config.grammar_backend = args.grammar
    if args.languagetool_url:
        config.languagetool_url = args.languagetool_url
        if not args.grammar:
            config.grammar_backend = "languagetool"
    return config


def read_inputs(args: argparse.Namespace, config: Config) -> list[tuple[str, list[Document]]]:
    """Read every input first; any unreadable input stops the run before anything is written."""
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


def _read_files(args: argparse.Namespace) -> list:
    """Every file the run reads: the inputs and the data files options name. No output may be
    one of them."""
    return [*args.paths, args.memory, *args.calques, *args.glossary, *args.medical_words]


def _check_workspace(args: argparse.Namespace) -> None:
    """``--save`` is added to, not replaced, so it may exist; it must not be an input."""
    if args.save is not None:
        output_paths.check_outputs([args.save], args.paths, overwrite=True,
                                   hint="choose another workspace file for --save")


def _run_pipeline(args: argparse.Namespace) -> tuple[Config, list[tuple[str, list[Result]]]]:
    config = config_from_args(args)
    inputs = read_inputs(args, config)
    from .parallel import run_documents  # heavy imports only once the inputs are known to be good

    documents = [doc for _, docs in inputs for doc in docs]
    results = iter(run_documents(config, documents, args.jobs))
    grouped = [(path, [next(results) for _ in docs]) for path, docs in inputs]
    return config, grouped


def _write_side_outputs(args: argparse.Namespace, config: Config, results: list[Result]) -> None:
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


def _format_report(results: list[Result], fmt: str) -> str:
    from .report import serialize, tables
    from .report.html import render_report_html

    buffer = io.StringIO()
    if fmt == "json":
        serialize.write_json(results, buffer)
    elif fmt == "jsonl":
        serialize.write_jsonl(results, buffer)
    elif fmt == "csv":
        tables.write_csv(results, buffer)
    elif fmt == "html":
        buffer.write(render_report_html(results))
    return buffer.getvalue()


def _summary(args: argparse.Namespace, results: list[Result], console: Console) -> None:
    if args.quiet:
        _warnings_to_stderr(results)
        return
    from .report.terminal import print_summary

    print_summary(results, console, verbose=args.verbose)


def _warnings_to_stderr(results: list[Result]) -> None:
    """What ingest could not check (skipped markup, swallowed words) is never silent: when no
    terminal summary shows the documents' warnings, each goes to stderr on one line."""
    for result in results:
        for warning in result.document.warnings:
            print(one_line(f"textfix: warning: {result.document.id}: {warning}"),
                  file=sys.stderr)


def cmd_check(args: argparse.Namespace, console: Console) -> int:
    reports = [p for p in (args.output, args.html) if p is not None]
    output_paths.check_outputs(reports, [*_read_files(args), args.save], overwrite=args.overwrite)
    _check_workspace(args)
    config, grouped = _run_pipeline(args)
    results = [r for _, rs in grouped for r in rs]
    if args.format == "text":
        if args.output:
            record = Console(record=True, width=100, file=io.StringIO())
            _summary(args, results, record)
            output_paths.write_text(args.output, record.export_text(), overwrite=args.overwrite)
            _warnings_to_stderr(results)
        else:
            _summary(args, results, console)
    else:
        report = _format_report(results, args.format)
        _warnings_to_stderr(results)
        if args.output:
            output_paths.write_text(args.output, report, overwrite=args.overwrite)
        else:
            sys.stdout.write(report)
    _write_side_outputs(args, config, results)
    return EXIT_ISSUES if any(r.issues for r in results) else EXIT_CLEAN


def _output_paths(inputs: Sequence[str], out: Path) -> dict[str, Path]:
    """One corrected file per input, named like it; inputs that share a name get a suffix."""
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


def _check_fix_outputs(args: argparse.Namespace, out: Path, targets: dict[str, Path]) -> None:
    """Everything ``fix`` will write, checked before it reads or runs anything."""
    if args.out is not None or not args.in_place:
        output_paths.check_output_dir(out, _read_files(args))
    # one backup per input named, so an input named twice is refused: its second backup would
    # copy the corrected text over the original
    written = [_backup(Path(p)) for p in args.paths] if args.in_place else list(targets.values())
    if args.out is not None or not args.in_place:
        written += [out / "report.json", out / "issues.csv"]
    if args.html is not None:
        written.append(args.html)
    hint = "choose another output" if args.in_place else \
        "choose another -o folder, or use --in-place to correct the input itself"
    output_paths.check_outputs(written, [*_read_files(args), args.save],
                               overwrite=args.overwrite, hint=hint)
    _check_workspace(args)


def cmd_fix(args: argparse.Namespace, console: Console) -> int:
    if args.in_place and "-" in args.paths:
        raise TextfixError("--in-place cannot rewrite standard input")
    out = args.out or Path("textfix-out")
    targets = {p: Path(p) for p in args.paths} if args.in_place else _output_paths(args.paths, out)
    _check_fix_outputs(args, out, targets)
    config, grouped = _run_pipeline(args)
    results = [r for _, rs in grouped for r in rs]
    if not args.in_place:
        out.mkdir(parents=True, exist_ok=True)
    for source, file_results in grouped:
        target = targets[source]
        if args.in_place:
            backup = _backup(target)
            output_paths.write_bytes(backup, target.read_bytes(), overwrite=args.overwrite)
            shutil.copystat(target, backup)
        output_paths.write_text(target, render_corrected(file_results),
                                overwrite=args.overwrite or args.in_place)
    report_dir = out if not args.in_place else Path(args.out or ".")
    if not args.in_place or args.out:
        report_dir.mkdir(parents=True, exist_ok=True)
        for name, fmt in (("report.json", "json"), ("issues.csv", "csv")):
            output_paths.write_text(report_dir / name, _format_report(results, fmt),
                                    overwrite=args.overwrite)
    _write_side_outputs(args, config, results)
    _summary(args, results, console)
    if not args.quiet:
        where = "in place" if args.in_place else f"in {out}/"
        console.print(f"[bold]Corrected text written {where}[/bold]")
    waiting = any(score(r).waiting_review for r in results)  # boilerplate aside
    return EXIT_ISSUES if args.fail_on_remaining and waiting else EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every failure ends as exit 2 and one line on stderr (see the module)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    debug = "--debug" in argv or os.environ.get("TEXTFIX_DEBUG", "") not in ("", "0")
    try:
        parser = build_parser()  # a broken install (a missing module) fails here
    except Exception as exc:  # noqa: BLE001
        print_error(exc, debug)
        return EXIT_ERROR
    args = parser.parse_args(argv)
    debug = debug or getattr(args, "debug", False)
    try:
        console = Console(stderr=getattr(args, "format", "text") != "text")
        if args.command == "check":
            return cmd_check(args, console)
        if args.command == "fix":
            return cmd_fix(args, console)
        return args.handler(args, console)
    except KeyboardInterrupt:
        Console(stderr=True).print("textfix: interrupted")
        return 130
    except BrokenPipeError as exc:
        if stdout_broken():
            return stdout_closed()
        print_error(exc, debug)  # a pipe of ours (a worker, a server), not the reader's
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - the contract: exit 2 and one line, whatever failed
        print_error(exc, debug)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
