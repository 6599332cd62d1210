"""Command line: ``textfix check`` and ``textfix fix``, thin layers over ``Pipeline``.

Exit codes (a contract for scripts): 0 no issue found, 1 issues found, 2 usage or input errors.
Inputs are all read before anything is written, so a bad input never leaves partial outputs.
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from . import __version__
from .atomic import atomic_write_text
from .config import APPLY_POLICIES, DEFAULT_CHECKS, MODEL_CHECKS, Config
from .errors import TextfixError
from .ingest import InputOptions, corrected_filename, read_path, render_corrected
from .model import Document, Result

EXIT_CLEAN, EXIT_ISSUES, EXIT_ERROR = 0, 1, 2
REPORT_FORMATS = ("text", "json", "jsonl", "csv", "html")
COMMAND_MODULES = ("textfix.training.cli", "textfix.review.cli", "textfix.batch.cli")


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="input files ('-' for stdin)")
    parser.add_argument("--lines", action="store_true", help="each line of a file is a document")
    parser.add_argument(
        "--input-format",
        choices=("text", "markdown", "html", "jsonl", "csv"),
        help="force the input format (default: from the file extension)",
    )
    parser.add_argument(
        "--checks", help=f"comma-separated checks to run (default: {','.join(DEFAULT_CHECKS)})"
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
    parser = argparse.ArgumentParser(
        prog="textfix",
        description="Flag and fix awkward machine-translated English in health articles.",
    )
    parser.add_argument("--version", action="version", version=f"textfix {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="report issues (no file is changed)")
    _common_options(check)
    check.add_argument("--format", choices=REPORT_FORMATS, default="text",
                       help="report format on stdout or --output (default: text summary)")
    check.add_argument("--output", "-o", type=Path, help="write the report here instead of stdout")

    fix = sub.add_parser("fix", help="write corrected text and reports")
    _common_options(fix)
    fix.add_argument("-o", "--out", type=Path, help="output folder (default: ./textfix-out)")
    fix.add_argument("--in-place", action="store_true",
                     help="overwrite the inputs (a .bak copy of each is kept)")
    for add_commands in _command_plugins():
        add_commands(sub)
    return parser


def _command_plugins():
    """Subcommands that live with their feature: each module's ``add_commands(subparsers)`` adds
    parsers whose ``handler`` default is ``handler(args, console) -> exit code``."""
    from importlib import import_module

    for name in COMMAND_MODULES:
        yield import_module(name).add_commands


def config_from_args(args: argparse.Namespace) -> Config:
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
    if args.checks:
        config.checks = tuple(n.strip() for n in args.checks.split(",") if n.strip())
    off = {n.strip() for n in (args.disable or "").split(",") if n.strip()}
    if args.no_models:
        off |= set(MODEL_CHECKS)
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
        raise TextfixError("; ".join(errors) if len(errors) == 1 else
                           f"{len(errors)} inputs cannot be read:\n  " + "\n  ".join(errors))
    return inputs


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
        from .report.html import render_html

        atomic_write_text(args.html, render_html(results))
    if args.save:
        from .store import Workspace

        with Workspace.create_or_open(args.save) as workspace:
            workspace.save(
                results, run_info={"command": args.command, "apply": config.apply,
                                   "checks": list(config.checks), "inputs": list(args.paths)}
            )


def _format_report(results: list[Result], fmt: str) -> str:
    from .report import serialize, tables
    from .report.html import render_html

    buffer = io.StringIO()
    if fmt == "json":
        serialize.write_json(results, buffer)
    elif fmt == "jsonl":
        serialize.write_jsonl(results, buffer)
    elif fmt == "csv":
        tables.write_csv(results, buffer)
    elif fmt == "html":
        buffer.write(render_html(results))
    return buffer.getvalue()


def _summary(args: argparse.Namespace, results: list[Result], console: Console) -> None:
    if args.quiet:
        return
    from .report.terminal import print_summary

    print_summary(results, console, verbose=args.verbose)


def cmd_check(args: argparse.Namespace, console: Console) -> int:
    config, grouped = _run_pipeline(args)
    results = [r for _, rs in grouped for r in rs]
    if args.format == "text":
        if args.output:
            record = Console(record=True, width=100, file=io.StringIO())
            _summary(args, results, record)
            atomic_write_text(args.output, record.export_text())
        else:
            _summary(args, results, console)
    else:
        report = _format_report(results, args.format)
        if args.output:
            atomic_write_text(args.output, report)
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


def cmd_fix(args: argparse.Namespace, console: Console) -> int:
    if args.in_place and "-" in args.paths:
        raise TextfixError("--in-place cannot rewrite standard input")
    out = args.out or Path("textfix-out")
    targets = {p: Path(p) for p in args.paths} if args.in_place else _output_paths(args.paths, out)
    if not args.in_place:
        for source, target in targets.items():
            if source != "-" and target.resolve() == Path(source).resolve():
                raise TextfixError(
                    f"{target} would overwrite its input; choose another --out or use --in-place"
                )
    config, grouped = _run_pipeline(args)
    results = [r for _, rs in grouped for r in rs]
    if not args.in_place:
        out.mkdir(parents=True, exist_ok=True)
    for source, file_results in grouped:
        target = targets[source]
        if args.in_place:
            shutil.copy2(target, target.with_name(target.name + ".bak"))
        atomic_write_text(target, render_corrected(file_results))
    report_dir = out if not args.in_place else Path(args.out or ".")
    if not args.in_place or args.out:
        report_dir.mkdir(parents=True, exist_ok=True)
        atomic_write_text(report_dir / "report.json", _format_report(results, "json"))
        atomic_write_text(report_dir / "issues.csv", _format_report(results, "csv"))
    _write_side_outputs(args, config, results)
    _summary(args, results, console)
    if not args.quiet:
        where = "in place" if args.in_place else f"in {out}/"
        console.print(f"[bold]Corrected text written {where}[/bold]")
    return EXIT_ISSUES if any(r.issues for r in results) else EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    console = Console(stderr=getattr(args, "format", "text") != "text")
    err = Console(stderr=True, soft_wrap=True)
    try:
        if args.command == "check":
            return cmd_check(args, console)
        if args.command == "fix":
            return cmd_fix(args, console)
        return args.handler(args, console)
    except TextfixError as exc:
        err.print(f"[red]textfix: error:[/red] {escape(str(exc))}", highlight=False)
        return EXIT_ERROR
    except KeyboardInterrupt:
        err.print("textfix: interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
