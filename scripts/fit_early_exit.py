"""Fit a tagger's early exit on tuning data and check it on held-out sentences.

The early exit (``textfix/models/early_exit.py``) stops the encoder after two layers for a
sentence that cannot reach the fluency gate. It is fitted to the tagger as the runtime loads it
(int8 when its settings say so) on ``training.early_exit.tuning_sets``, then measured, as the
check runs it, on sets it never saw: MLQE-PE ru-en dev MT (the bench input) and the held-out
halves of ``clean_text_flags.py`` (TICO-19 English, held-out MedQuAD answers). For each: the share
of sentences stopped early and how many of them the full model puts at or above the gate (a
stopped sentence of those would lose its fluency flags).

Usage::

    .venv/bin/python scripts/fit_early_exit.py models/tagger [--write]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clean_text_flags import samples  # noqa: E402

from textfix.checks.fluency import FluencyCheck  # noqa: E402
from textfix.config import Config  # noqa: E402
from textfix.detok import detokenize  # noqa: E402
from textfix.models.tagger import WordTagger  # noqa: E402
from textfix.training.data import find_mlqe, mlqe_lines  # noqa: E402
from textfix.training.early_exit import fit_early_exit, tuning_sets  # noqa: E402


def held_out(tagger: WordTagger, texts: list[str], gate: float) -> dict:
    """Stopped share and stopped sentences the full model puts at or above ``gate``."""
    full = tagger.predict(texts)
    early = tagger.predict(texts, gate)
    stopped = [not e.word_spans and bool(f.word_spans) for e, f in zip(early, full, strict=True)]
    lost = sum(s and f.sentence_score >= gate for s, f in zip(stopped, full, strict=True))
    return {"sentences": len(texts), "stopped": round(sum(stopped) / max(1, len(texts)), 3),
            "stopped_at_or_above_gate": lost}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--write", action="store_true", help="save it beside the model's heads")
    args = parser.parse_args()
    gate = FluencyCheck(Config(), model_path=str(args.model)).sentence_gate
    tagger = WordTagger.load(args.model, early_exit=None)
    early_exit, report = fit_early_exit(tagger, tuning_sets(args.data), gate)
    print(json.dumps({"gate": gate, "layer": early_exit.layer,
                      "margin": round(early_exit.margin, 3), "tuning": report}, indent=2))
    tagger.early_exit = early_exit
    dev = [detokenize(line) for line in mlqe_lines(find_mlqe(args.data, "dev"), "mt")]
    sets = {"mlqe-dev": dev, **{f"{source}-held-out": halves["held-out"]
                                for source, halves in samples(600).items()}}
    print(json.dumps({name: held_out(tagger, texts, gate) for name, texts in sets.items()},
                     indent=2))
    if args.write:
        early_exit.save(args.model)
        print(f"wrote {args.model}/early_exit.safetensors")


if __name__ == "__main__":
    main()
