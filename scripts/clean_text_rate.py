"""Fraction of clean professional health sentences that get any flag (target: under 1 in 10).

Sentences come from the last 30% of MedQuAD answers (the medical word list is built from the
first 70%), read by path from ../shared. Usage: python scripts/clean_text_rate.py [N] [--by-rule]
"""

from __future__ import annotations

import gzip
import random
import re
import sys
from collections import Counter
from pathlib import Path

MEDQUAD = Path(__file__).resolve().parents[2] / "shared/data/medquad/answers.txt.gz"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def held_out_sentences(count: int, seed: int = 7, path: Path = MEDQUAD) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        answers = handle.read().splitlines()
    held_out = answers[int(len(answers) * 0.7) :]
    rng = random.Random(seed)
    rng.shuffle(held_out)
    sentences: list[str] = []
    for answer in held_out:
        candidates = [s.strip() for s in SENTENCE_END.split(answer)
                      if 6 <= len(s.split()) <= 60 and " - " not in s and ":" not in s]
        sentences.extend(candidates[:2])
        if len(sentences) >= count:
            break
    return sentences[:count]


def flag_rate(sentences: list[str]) -> tuple[float, Counter]:
    from textfix.ingest import document_from_text
    from textfix.pipeline import Pipeline

    pipeline = Pipeline()
    docs = [document_from_text(s, f"s{i}") for i, s in enumerate(sentences)]
    results = pipeline.run(docs)
    rules: Counter = Counter()
    flagged = 0
    for result in results:
        if result.issues:
            flagged += 1
            rules.update({i.rule for i in result.issues})
    return flagged / len(sentences), rules


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 1000
    rate, rules = flag_rate(held_out_sentences(n))
    print(f"{n} clean MedQuAD sentences: {rate:.1%} flagged")
    if "--by-rule" in sys.argv:
        for rule, count in rules.most_common(25):
            print(f"  {count:4d}  {rule}")
