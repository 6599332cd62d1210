"""Measure the rewrite stage: JFLEG GLEU on the held-out (odd) half and MLQE-PE dev TER.

    nice -n 15 .venv/bin/python scripts/eval_rewrite.py --data ../shared/data [--limit N]

Systems: do nothing, harper alone, textfix (default checks) without and with ``--rewrite``.
JFLEG's even lines trained the rewrite model, so only the odd lines are scored here; MLQE-PE dev
was never trained on. Uses ``textfix.training.evaluate`` for reading, metrics and tables.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from textfix.stages.rewrite import RULE
from textfix.training import evaluate
from textfix.training.evaluate import SystemOutput, eval_jfleg, eval_mlqe, format_tables


def textfix_runner(rewrite: bool, rewriter_model: str | None):
    def run(texts: list[str]) -> list[SystemOutput]:
        from textfix.config import Config
        from textfix.ingest import document_from_text
        from textfix.pipeline import Pipeline

        pipeline = Pipeline(Config(rewrite=rewrite, rewriter_model=rewriter_model))
        if rewrite and pipeline.rewriter is None:
            raise RuntimeError("the rewrite stage could not be loaded (see the warning)")
        docs = [document_from_text(t, doc_id=f"line{i}") for i, t in enumerate(texts)]
        # a rewrite covers a sentence some check already flagged: it proposes, it detects nothing
        return [SystemOutput([(i.start, i.end) for i in r.issues if i.rule != RULE],
                             r.corrected, None) for r in pipeline.run(docs)]

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--rewriter-model", help="seq2seq folder or id (default: shipped)")
    parser.add_argument("--limit", type=int, help="only the first N sentences of each set")
    parser.add_argument("--skip", default="", help="comma-separated: jfleg, mlqe")
    parser.add_argument("--systems", default="nothing,harper,textfix_plain,textfix_rewrite",
                        help="comma-separated subset of the systems (default: all)")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    args = parser.parse_args()

    evaluate.LABELS.update({"textfix_plain": "textfix", "textfix_rewrite": "textfix --rewrite"})
    systems = {
        "nothing": evaluate.run_nothing,
        "harper": evaluate.run_harper,
        "textfix_plain": textfix_runner(False, args.rewriter_model),
        "textfix_rewrite": textfix_runner(True, args.rewriter_model),
    }

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    wanted = {s.strip() for s in args.systems.split(",")}
    systems = {k: v for k, v in systems.items() if k in wanted}
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    report: dict = {}
    if "jfleg" not in skip:
        report["jfleg"] = eval_jfleg(args.data / "jfleg-dev", systems, args.limit, log, "odd")
    if "mlqe" not in skip:
        mlqe_systems = {k: v for k, v in systems.items() if k != "harper"}
        report["mlqe"] = eval_mlqe(args.data / "mlqe-pe-ru-en" / "ru-en-dev", mlqe_systems,
                                   args.limit, log)
    print(format_tables(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
