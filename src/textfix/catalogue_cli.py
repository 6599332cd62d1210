"""``textfix checks``: every check and rule the catalogue knows, with what it is for."""

from __future__ import annotations

import json
from argparse import Namespace
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from .catalogue import Catalogue, catalogue
from .cli_help import HintChoice, command, invoke, option


def add_commands(group: click.Group) -> None:
    @command(group, "checks", short_help="list the checks and their rules", examples=(
        "textfix checks",
        "textfix checks --rules calque",
        "textfix checks --format json",
    ))
    @click.argument("names", nargs=-1, metavar="[CHECK]...")
    @option("--rules", is_flag=True, section="Output", help="also list each check's rules")
    @option("--format", type=HintChoice(("text", "json")), default="text", show_default=True,
            section="Output", help="text for people, json for tools")
    def checks(**params: Any) -> int:
        """List every check (default on or off, whether it needs the trained models, its
        categories and suggestion sources) and, with --rules, every rule id it can raise with
        its examples. Names go to check's --checks and --disable, categories to --categories.
        """
        return invoke(cmd_checks, "checks", params)


def cmd_checks(args: Namespace, console: Console) -> int:
    known = catalogue()
    names = known.validate(args.names) if args.names else known.names()
    if args.format == "json":
        print(json.dumps(as_dict(known, names, args.rules), indent=2, ensure_ascii=False))
        return 0
    for name in names:
        spec = known.spec(name)
        flags = ["default" if spec.default else "off by default"]
        if spec.needs_models:
            flags.append("needs models")
        console.print(f"[bold]{name}[/bold]  ({', '.join(flags)})")
        console.print(f"  {escape(spec.description)}", soft_wrap=True)
        categories = ", ".join(c.name for c in spec.categories) or "-"
        sources = ", ".join(s.name for s in spec.sources) or "-"
        console.print(f"  categories: {categories}   sources: {sources}")
        if args.rules:
            for rule in known.rules([name]):
                console.print(f"    {escape(rule.id)}  ({len(rule.examples)} examples)")
    return 0


def as_dict(known: Catalogue, names: tuple[str, ...], with_rules: bool) -> dict:
    checks = []
    for name in names:
        spec = known.spec(name)
        row = {"name": name, "description": spec.description, "default": spec.default,
               "needs_models": spec.needs_models,
               "categories": [c.name for c in spec.categories],
               "sources": [s.name for s in spec.sources]}
        if with_rules:
            row["rules"] = [{"id": r.id, "examples": len(r.examples)}
                            for r in known.rules([name])]
        checks.append(row)
    categories = [{"name": c.name, "weight": c.weight, "colour": c.colour,
                   "description": c.description} for c in known.categories.values()]
    sources = [{"name": s.name, "prior": s.prior, "curated": s.curated}
               for s in known.sources.values()]
    return {"checks": checks, "categories": categories, "sources": sources}
