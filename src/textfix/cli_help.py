"""click building blocks for textfix's commands: help in sections, examples, did-you-mean.

Why click and not typer (both installed): click is explicit (options are declared, not inferred
from type hints at import time), prints no rich tracebacks of its own and, with
``standalone_mode=False``, hands every error back to ``cli.main`` so the README's contract holds:
exit 2 and one line on stderr. It also imports in a few milliseconds, so ``textfix --help`` stays
fast, and commands are added by the feature modules (``add_commands(group)``) without magic.

click has no option groups: ``SectionedCommand`` prints options under the section each was
declared with (``option(..., section="Checks")``) and an "Examples:" block every command has.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import click

from .hints import did_you_mean

DEFAULT_SECTION = "Options"


class SectionOption(click.Option):
    """A click option that knows which help section it belongs to."""

    def __init__(self, *args: Any, section: str = DEFAULT_SECTION, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section = section


def option(*decls: str, section: str = DEFAULT_SECTION, **kwargs: Any) -> Callable:
    """``click.option`` with a help section."""
    return click.option(*decls, cls=SectionOption, section=section, **kwargs)


class HintChoice(click.Choice):
    """A choice whose error names the closest valid value: "'saf' ... (did you mean 'safe'?)"."""

    def get_invalid_choice_message(self, value: Any, ctx: click.Context | None) -> str:
        return (super().get_invalid_choice_message(value, ctx).rstrip(".")
                + did_you_mean(str(value), [str(c) for c in self.choices]))


class SectionedCommand(click.Command):
    """A command whose help lists options by section and ends with its examples."""

    def __init__(self, *args: Any, examples: Sequence[str] = (), **kwargs: Any) -> None:
        kwargs.setdefault("context_settings", {"help_option_names": ["-h", "--help"],
                                               "max_content_width": 100})
        super().__init__(*args, **kwargs)
        self.examples = tuple(examples)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        sections: dict[str, list[tuple[str, str]]] = {}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx) if isinstance(param, click.Option) else None
            if record is not None:
                name = getattr(param, "section", DEFAULT_SECTION)
                sections.setdefault(name, []).append(record)
        general = sections.pop(DEFAULT_SECTION, None)  # --help and the like come last
        if general:
            sections[DEFAULT_SECTION] = general
        for name, rows in sections.items():
            with formatter.section(name):
                formatter.write_dl(rows)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)
        write_examples(formatter, self.examples)


class HintGroup(click.Group):
    """A group whose unknown-command error suggests the closest command ('chek' -> 'check'),
    and whose feature commands are imported only when one of them runs: ``lazy`` maps a
    command's name to (module with ``add_commands(group)``, its one-line help for the list)."""

    lazy: dict[str, tuple[str, str]] = {}
    on_load: Callable[[click.Command], None] | None = None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            self.load(self.lazy[cmd_name][0])
        return self.commands.get(cmd_name)

    def load(self, module_name: str) -> None:
        """Import a feature module and let it add its commands."""
        from importlib import import_module

        before = set(self.commands)
        import_module(module_name).add_commands(self)
        for name in set(self.commands) - before:
            if self.on_load is not None:
                self.on_load(self.commands[name])

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list without importing the feature modules (``textfix --help`` fast)."""
        rows = [(name, self.commands[name].get_short_help_str(limit=formatter.width)
                 if name in self.commands else self.lazy[name][1])
                for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            hint = did_you_mean(name, self.list_commands(ctx))
            raise click.UsageError(f"no such command {name!r}{hint}", ctx)
        return super().resolve_command(ctx, args)

    examples: tuple[str, ...] = ()

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)
        write_examples(formatter, self.examples)


def write_examples(formatter: click.HelpFormatter, examples: Sequence[str]) -> None:
    """The "Examples:" section, each line as written (click would re-wrap an epilog)."""
    if examples:
        with formatter.section("Examples"):
            for line in examples:
                formatter.write(f"{'':>{formatter.current_indent}}{line}\n")


def command(group: click.Group, name: str, *, examples: Sequence[str], **kwargs: Any) -> Callable:
    """``group.command`` making a ``SectionedCommand``; every textfix command shows examples."""
    if not examples:
        raise ValueError(f"textfix {name}: every command needs examples in its help")
    return group.command(name, cls=SectionedCommand, examples=examples, **kwargs)


def invoke(handler: Callable, name: str, params: dict[str, Any]) -> int:
    """Run a feature command's ``handler(args, console) -> exit code`` with the parsed
    options as attributes (``args.command`` is the command's name) and a stdout console."""
    from argparse import Namespace

    from rich.console import Console

    return handler(Namespace(command=name, **params), Console())


def usage_line(exc: click.UsageError) -> str:
    """A click usage error as the one line every textfix error is, naming the help to read."""
    from .errors import one_line

    ctx = exc.ctx
    where = ctx.command_path if ctx is not None else "textfix"
    return f"textfix: error: {one_line(exc.format_message())} (see '{where} --help')"
