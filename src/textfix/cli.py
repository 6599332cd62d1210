"""Command line: ``textfix check``, ``textfix fix`` and the commands features add (``checks``,
``train``, ``eval``, ``review``, ``batch``, ``serve``), one click group (``cli_help`` says why
click).

Exit codes (a contract for scripts, in the README): ``check`` 0 nothing flagged, 1 issues found;
``fix`` 0 when its outputs were written, 1 only with ``--fail-on-remaining`` while issues wait for
an editor; every command 2 on a usage error or any other failure, one line on stderr
(``cli_errors``; ``--debug`` or TEXTFIX_DEBUG=1 adds the traceback); 130 when interrupted.
``-o/--out DIR`` is the output folder in every command; ``--report FILE`` a report file.
This module imports only click, rich and small textfix modules: a command's heavy imports happen
when it runs, so ``textfix --help`` answers at once.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from argparse import Namespace
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__
from .cli_config import config_from_args
from .cli_errors import print_error, stdout_broken, stdout_closed
from .cli_help import HintChoice, HintGroup, SectionOption, command, option, usage_line
from .cli_options import (
    DEBUG_HELP,
    debug_option,
    jobs_option,
    pipeline_options,
    with_options,
)
from .cli_output import REPORT_FORMATS

EXIT_CLEAN, EXIT_ISSUES, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130
# the commands that live with their feature, imported only when one runs, with their
# one-line help for ``textfix --help`` (a test checks it against each command's own)
FEATURE_COMMANDS = {
    "checks": ("textfix.catalogue_cli", "list the checks and their rules"),
    "train": ("textfix.training.cli", "train one of textfix's models"),
    "eval": ("textfix.training.cli", "measure flags, scores and fixes on labelled data"),
    "review": ("textfix.review.cli", "review flagged sentences in the browser (local web app)"),
    "batch": ("textfix.batch.cli",
              "correct a folder, glob or table of articles (resumable, parallel)"),
    "serve": ("textfix.server.cli", "serve LanguageTool's HTTP API to editors' add-ons"),
}
__all__ = ["EXIT_CLEAN", "EXIT_ERROR", "EXIT_ISSUES", "app", "config_from_args",
           "load_all_commands", "main", "parse_args"]


@click.group(cls=HintGroup, context_settings={"help_option_names": ["-h", "--help"],
                                              "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="textfix",
                      message="%(prog)s %(version)s")
@click.option("--debug", is_flag=True, help=DEBUG_HELP)
def app(debug: bool) -> None:
    """Flag and fix awkward machine-translated English in health articles.

    Run 'textfix COMMAND --help' for a command's options and examples.
    """


app.examples = (
    "textfix check article.txt",
    "textfix check --output-format concise docs/*.md",
    "textfix fix article.txt -o corrected/",
    "textfix checks --rules calque",
)


def _output_options(fmt_help: str, out: Callable) -> list[Callable]:
    return [
        option("--output-format", "--format", "output_format", default="text",
               show_default=True, type=HintChoice(REPORT_FORMATS), metavar="FORMAT",
               section="Output",
               help=f"{fmt_help}, one of {', '.join(REPORT_FORMATS)}; {FORMATS_NOTE}"),
        out,
        option("--report", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
               section="Output", help="write the report (in --output-format) to FILE"),
        option("--html", metavar="FILE", type=click.Path(path_type=Path, dir_okay=False),
               section="Output", help="also write an HTML report"),
        option("--save", metavar="WORKSPACE.db", type=click.Path(path_type=Path, dir_okay=False),
               section="Output",
               help="store documents, issues and suggestions in a review workspace"),
        option("--overwrite", is_flag=True, section="Output",
               help="replace output files (reports, corrected files, .bak copies) that already "
                    "exist; an input is never overwritten"),
        option("--quiet", "-q", is_flag=True, section="Output",
               help="no terminal summary and no progress bar"),
        option("--verbose", "-v", is_flag=True, section="Output",
               help="list every issue (default: the top ones per article)"),
    ]


def _run_options() -> list[Callable]:
    return [
        jobs_option(),
        option("--no-progress", is_flag=True, section="Run",
               help="no progress bar (it shows only on a terminal, for long inputs)"),
        debug_option(),
    ]


PATHS = click.argument("paths", nargs=-1, required=True, metavar="PATH...")
FORMATS_NOTE = ("text is the summary; concise and grouped print 'file:line:col: rule message' "
                "lines editors jump to; lt-json is LanguageTool's /v2/check JSON")


@command(app, "check", examples=(
    "textfix check article.txt",
    "textfix check --checks calque,grammar --disable fluency notes.md",
    "textfix check --output-format concise docs/*.md   # file:line:col: rule message",
    "textfix check --report report.json --output-format json article.txt",
    "textfix check -o reports/ --output-format html article.txt   # reports/report.html",
    "cat article.txt | textfix check -",
), short_help="report issues (no file is changed)")
@PATHS
@with_options(pipeline_options())
@with_options(_output_options(
    "report format on stdout, in --report or in the -o folder", option(
        "-o", "--out", type=click.Path(path_type=Path), metavar="DIR", section="Output",
        help="output folder: the report goes there as report.<format> (default: stdout)")))
@option("--output", "legacy_output", type=click.Path(path_type=Path, dir_okay=False),
        hidden=True, help="deprecated spelling of --report")
@with_options(_run_options())
def check(**params: Any) -> int:
    """Report awkward machine-translated English; no file is changed.

    Exit code 0 when nothing is flagged, 1 when issues are found, 2 on an error.
    """
    from .cli_run import cmd_check

    return _invoke(cmd_check, "check", params)


@command(app, "fix", examples=(
    "textfix fix article.txt                 # corrected copy in ./textfix-out/",
    "textfix fix article.txt -o corrected/",
    "textfix fix --in-place --apply safe notes.md   # keeps notes.md.bak",
    "textfix fix --fail-on-remaining -q docs/*.md   # CI: exit 1 while issues wait",
    "textfix fix --output-format concise --report issues.txt article.txt",
), short_help="write corrected text and reports")
@PATHS
@with_options(pipeline_options())
@with_options(_output_options(
    "what is printed (or written to --report) besides the corrected files", option(
        "-o", "--out", type=click.Path(path_type=Path), metavar="DIR",
        section="Output", help="output folder for corrected files, report.json and issues.csv "
                               "(default: ./textfix-out)")))
@option("--in-place", is_flag=True, section="Output",
        help="overwrite the inputs (a .bak copy of each is kept)")
@option("--fail-on-remaining", is_flag=True, section="Run",
        help="exit 1 when issues still wait for an editor (for CI jobs); without it a fix "
             "that wrote its outputs exits 0")
@with_options(_run_options())
def fix(**params: Any) -> int:
    """Write corrected text (safe fixes applied) and reports; the inputs are left alone
    unless --in-place.

    Exit code 0 when the outputs were written, 1 only with --fail-on-remaining while issues
    wait for an editor, 2 on an error.
    """
    from .cli_fix import cmd_fix

    return _invoke(cmd_fix, "fix", params)


def _invoke(handler: Callable, name: str, params: dict[str, Any]) -> int:
    from rich.console import Console

    args = Namespace(command=name, **params)
    args.paths = list(args.paths)
    # a machine-readable report on stdout: the human parts go to stderr
    console = Console(stderr=args.output_format != "text" and args.report is None)
    return handler(args, console)


def _add_debug(cmd: click.Command) -> None:
    """Every command accepts ``--debug`` after its name too (``textfix check ... --debug``)."""
    if not any(p.name == "debug" for p in cmd.params):
        cmd.params.append(SectionOption(["--debug"], is_flag=True, section="Run",
                                        help=DEBUG_HELP, expose_value=False))


app.lazy = FEATURE_COMMANDS
app.on_load = _add_debug


def load_all_commands() -> None:
    """Import every feature command now (for tools and tests that list them)."""
    for name in FEATURE_COMMANDS:
        app.get_command(click.Context(app), name)


def parse_args(argv: Sequence[str]) -> Namespace:
    """The options of ``textfix COMMAND ...`` as the handlers see them (for tests and tools)."""
    name, *rest = argv
    cmd = app.get_command(click.Context(app), name)
    assert cmd is not None, f"no command {name!r}"
    ctx = cmd.make_context(f"textfix {name}", list(rest))
    return Namespace(command=name, **ctx.params)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code (the console script exits with it); every
    failure ends as exit 2 and one line on stderr (see the module)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    debug = "--debug" in argv or os.environ.get("TEXTFIX_DEBUG", "") not in ("", "0")
    try:
        # not ``app.main``: it turns a broken stdout into exit 1, and this contract is ours
        with app.make_context("textfix", argv) as ctx:
            return app.invoke(ctx) or 0
    except click.exceptions.Exit as done:  # --help, --version
        return done.exit_code
    except click.exceptions.NoArgsIsHelpError as bare:  # plain ``textfix``: the help, exit 2
        print(bare.format_message(), file=sys.stderr)
        return EXIT_ERROR
    except click.UsageError as exc:
        print(usage_line(exc), file=sys.stderr)
        return EXIT_ERROR
    except click.ClickException as exc:
        print_error(click_error(exc), debug)
        return EXIT_ERROR
    except (KeyboardInterrupt, click.Abort):
        print("textfix: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError as exc:
        if stdout_broken():
            return stdout_closed()
        print_error(exc, debug)  # a pipe of ours (a worker, a server), not the reader's
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - the contract: exit 2 and one line, whatever failed
        print_error(exc, debug)
        return EXIT_ERROR


def run() -> NoReturn:
    """The console script and ``python -m textfix.cli``: ``main``, then a quick exit.

    Tearing the interpreter down object by object after the work is done took 0.8-1.0 s of a
    one-sentence check (``import torch`` alone leaves 0.5 s of it, a loaded spaCy 0.25 s),
    about a fifth of its run. What an exit does first still happens, in the same order: threads
    that are not daemons are waited for (``threading._shutdown``), the exit handlers run
    (logging, temporary folders, worker pools), stdout and stderr are flushed; every file textfix
    writes is written atomically and closed before ``main`` returns, so nothing is left to write.
    """
    code = main()
    threading._shutdown()  # type: ignore[attr-defined]
    atexit._run_exitfuncs()
    if stdout_broken():
        code = stdout_closed()
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)


def click_error(exc: click.ClickException) -> Exception:
    from .errors import TextfixError

    return TextfixError(exc.format_message())


if __name__ == "__main__":
    run()
