"""The pipeline options ``check``, ``fix`` and ``batch`` share, declared once so they never drift.

Values are checked while the command line is parsed, so a typo is a usage error (exit 2, one
line, a did-you-mean) before any input is read: check and category names against the catalogue,
``--jobs`` and ``--max-bytes`` against their ranges.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from .cli_help import HintChoice, option
from .config import APPLY_POLICIES, Config
from .hints import did_you_mean

INPUT_FORMATS = ("text", "markdown", "html", "jsonl", "csv")
DEBUG_HELP = "on an error, print the traceback too (or set TEXTFIX_DEBUG=1)"


class NameList(click.ParamType):
    """Comma-separated check or category names, each one known to the catalogue."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.name = f"{kind}[,{kind}...]"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        from .catalogue import catalogue  # the checks' declarations: only once a name is given

        known = catalogue()
        choices = known.names() if self.kind == "check" else known.category_names()
        names = tuple(n.strip() for n in str(value).split(",") if n.strip())
        for name in names:
            if name not in choices:
                self.fail(f"unknown {self.kind} {name!r}{did_you_mean(name, choices)}; "
                          f"available: {', '.join(choices)}", param, ctx)
        return names


def at_least(minimum: int, meaning: str = "") -> Callable:
    """A callback refusing integers below ``minimum`` with a message naming the option."""

    def check(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
        if value is not None and value < minimum:
            name = max(param.opts, key=len) if param.opts else param.name
            what = "positive" if minimum in (0, 1) else f"at least {minimum}"
            raise click.UsageError(f"{name} must be {what}{meaning}, got {value}", ctx)
        return value

    return check


def _paths(**kwargs: Any) -> click.Path:
    return click.Path(path_type=Path, dir_okay=False, **kwargs)


def input_options() -> list[Callable]:
    return [
        option("--lines", is_flag=True, section="Input",
               help="each line of a file is a document (MT output)"),
        option("--input-format", type=HintChoice(INPUT_FORMATS), section="Input",
               help="force the input format (default: from the file extension)"),
        option("--max-bytes", type=int, default=Config.max_bytes, show_default=True,
               callback=at_least(1), section="Input",
               help="refuse inputs larger than this many bytes"),
    ]


def check_options() -> list[Callable]:
    return [
        option("--checks", type=NameList("check"), section="Checks",
               help="comma-separated checks to run (default: every default check; "
                    "'textfix checks' lists them)"),
        option("--disable", type=NameList("check"), section="Checks",
               help="comma-separated checks to turn off"),
        option("--categories", type=NameList("category"), section="Checks",
               help="run only the checks that report these categories (e.g. calque,grammar)"),
        option("--grammar", type=HintChoice(("harper", "languagetool")), section="Checks",
               help="grammar backend (default: harper)"),
        option("--all-harper-rules", is_flag=True, section="Checks",
               help="run every harper rule, also those that never fired on the survey of MT "
                    "and health text (data/harper_silent_rules.txt; slower, off by default)"),
        option("--languagetool-url", metavar="URL", section="Checks",
               help="LanguageTool server URL (e.g. http://host:8081); implies "
                    "--grammar languagetool"),
        option("--calques", multiple=True, type=_paths(), section="Checks",
               help="extra calque lexicon file (YAML/TSV); repeatable"),
        option("--glossary", multiple=True, type=_paths(), section="Checks",
               help="extra terminology glossary file (YAML/TSV); repeatable"),
        option("--medical-words", multiple=True, type=_paths(), section="Checks",
               help="extra word list of medical vocabulary; repeatable"),
        option("--memory", metavar="FILE", type=_paths(), section="Checks",
               help="correction memory from review (workspace .db or exported JSON/TSV; "
                    "default: the --save workspace when it exists)"),
    ]


def model_options() -> list[Callable]:
    return [
        option("--no-models", is_flag=True, section="Models",
               help="run without the trained models (no fluency check, LM ranking or rewrites)"),
        option("--edit-tagger", is_flag=True, section="Models",
               help="offer the edit tagger's word edits in flagged sentences (held for an "
                    "editor unless sure; off by default: it does not yet beat doing nothing)"),
        option("--rewrite", is_flag=True, section="Models",
               help="propose whole-sentence rewrites of flagged sentences (seq2seq model)"),
        option("--rewriter-model", metavar="PATH_OR_ID", section="Models",
               help="seq2seq model folder or Hugging Face id (default: models/rewriter)"),
    ]


def apply_options() -> list[Callable]:
    return [
        option("--apply", type=HintChoice(APPLY_POLICIES), default="safe", show_default=True,
               section="Output",
               help="which suggestions are applied: safe (guard-approved), none, all"),
        option("--keep-boilerplate", is_flag=True, section="Output",
               help="keep teasers, captions and 'Continue reading' links in the corrected text"),
    ]


def jobs_option(automatic: str = "one per 15,000 words, at most the cores") -> Callable:
    """``--jobs``; ``automatic`` says what its default (0) means for the command."""
    return option("--jobs", "-j", type=int, default=0, callback=at_least(0, " (0: automatic)"),
                  section="Run", help=f"worker processes (default 0: {automatic})")


def debug_option() -> Callable:
    return option("--debug", is_flag=True, section="Run", help=DEBUG_HELP)


def pipeline_options(exclude: Iterable[str] = ()) -> list[Callable]:
    """Every option that shapes the pipeline's ``Config`` (``cli_config.config_from_args``)."""
    skip = set(exclude)
    every = [*input_options(), *check_options(), *model_options(), *apply_options()]
    return [o for o in every if _dest(o) not in skip]


def _dest(decorator: Callable) -> str:
    probe = decorator(lambda: None)
    return probe.__click_params__[-1].name  # type: ignore[attr-defined]


def with_options(decorators: Iterable[Callable]) -> Callable:
    """Apply option decorators in the order listed (help shows them in that order)."""
    listed = list(decorators)

    def wrap(func: Callable) -> Callable:
        for decorator in reversed(listed):
            func = decorator(func)
        return func

    return wrap
