"""Turn the parsed pipeline options of ``check``, ``fix`` and ``batch`` into one ``Config``."""

from __future__ import annotations

from typing import Any

from .config import Config, model_checks
from .errors import ConfigError


def config_from_args(args: Any) -> Config:
    """``args`` has the attributes ``cli_options.pipeline_options`` declare (names already
    validated while parsing: ``checks``, ``disable`` and ``categories`` are tuples)."""
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
    elif getattr(args, "save", None) is not None and args.save.is_file() \
            and args.save.stat().st_size > 0:
        config.memory = args.save
    if args.checks:
        config.checks = tuple(args.checks)
    off = set(args.disable or ())
    if args.no_models:
        off |= set(model_checks())
    config.rewrite = args.rewrite and not args.no_models
    config.suggest_edits = getattr(args, "edit_tagger", False) and not args.no_models
    config.rank_with_lm = not args.no_models
    config.rewriter_model = args.rewriter_model
    config.checks = tuple(n for n in config.checks if n not in off)
    if getattr(args, "categories", None):
        config.checks = _checks_for(config.checks, args.categories)
    if args.grammar:
        config.grammar_backend = args.grammar
    if getattr(args, "all_harper_rules", False):
        config.harper_all_rules = True
    if args.languagetool_url:
        config.languagetool_url = args.languagetool_url
        if not args.grammar:
            config.grammar_backend = "languagetool"
    return config


def _checks_for(checks: tuple[str, ...], categories: tuple[str, ...]) -> tuple[str, ...]:
    """The checks among ``checks`` that declare one of ``categories``."""
    from .catalogue import catalogue

    known = catalogue()
    wanted = set(categories)
    kept = tuple(n for n in checks if wanted & {c.name for c in known.spec(n).categories})
    if not kept:
        raise ConfigError(f"no check that runs reports {', '.join(categories)}; "
                          "'textfix checks' lists each check's categories")
    return kept
