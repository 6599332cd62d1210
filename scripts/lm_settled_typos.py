"""How often a typo the health LM settled (``lm_ranking.py``) is a word of a JFLEG reference.

    python scripts/lm_settled_typos.py [--data ../shared/data]

A "settled" typo is a spelling flag the checks left to the editor as ambiguous and the LM made an
automatic fix. JFLEG dev is read by path; both halves are reported: the thresholds in
``lm_ranking.py`` were read off the even lines, the odd lines are held out.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from textfix.config import Config
from textfix.detok import detokenize
from textfix.ingest import document_from_text
from textfix.pipeline import Pipeline
from textfix.stages.lm_ranking import LM_CONFIDENCE
from textfix.stages.ranking import best_suggestion
from textfix.training.data import find_jfleg, read_jfleg
from textfix.training.evaluate import words_line


def settled_in_references(pipeline: Pipeline, sources: list[str],
                          references: list[list[str]]) -> tuple[int, int]:
    """(typos the LM settled, of which the chosen word is in some reference of the sentence)."""
    docs = [document_from_text(detokenize(s), doc_id=str(n)) for n, s in enumerate(sources)]
    settled = in_reference = 0
    for n, result in enumerate(pipeline.run(docs)):
        words = {w for ref in references for w in words_line(detokenize(ref[n])).lower().split()}
        for issue in result.issues:
            if issue.category == "spelling" and issue.confidence == LM_CONFIDENCE:
                settled += 1
                in_reference += best_suggestion(issue, result.document.text).text.lower() in words
    return settled, in_reference


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args()
    pipeline = Pipeline(Config())
    for name in ("even", "odd"):
        sources, references = read_jfleg(find_jfleg(args.data), lines=name)
        settled, hits = settled_in_references(pipeline, sources, references)
        print(f"JFLEG dev {name} lines: {settled} typos settled by the LM, {hits} "
              f"({hits / max(1, settled):.0%}) are a word of a human reference")


if __name__ == "__main__":
    main()
