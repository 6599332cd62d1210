"""``textfix checks``: every check and rule the catalogue knows, with what it is for."""

from __future__ import annotations

import argparse
import json

from rich.console import Console
from rich.markup import escape

from .catalogue import Catalogue, catalogue


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "checks", help="list the checks and their rules",
        description="List every check (default on or off, whether it needs the trained models, "
                    "its categories and suggestion sources) and, with --rules, every rule id it "
                    "can raise with its examples.",
        epilog="examples:\n  textfix checks\n  textfix checks --rules calque\n"
               "  textfix checks --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", metavar="CHECK", help="only these checks")
    parser.add_argument("--rules", action="store_true", help="also list each check's rules")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=cmd_checks)


def cmd_checks(args: argparse.Namespace, console: Console) -> int:
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
