"""Build ``src/textfix/data/adjective_nouns.tsv``: how often clean health English puts each
adjective of the ``collocation/adjective-noun`` confusion sets right before a word ("severe
form", "mild pain").

A plain bigram count (no parse: seconds): the word right after the adjective is the noun it
qualifies often enough for a count that only needs to tell "severe form" from "heavy form".

Data: MedQuAD answers (CC BY 4.0) split exactly as the n-gram table's
(``textfix.training.ngrams.split_for_counting``): the health LM's held-out answers (the dev
set's clean MedQuAD sentences) and the table's own held-out answers are never counted.

Usage: python scripts/build_adjective_nouns.py [--data ../shared/data] [--min-count 2]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from textfix.atomic import atomic_write_text
from textfix.checks.collocation.adjective import adjectives_counted
from textfix.training.ngrams import counted_answers

OUT = Path(__file__).resolve().parents[1] / "src/textfix/data/adjective_nouns.tsv"
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|[^\sA-Za-z]")


def count(answers: list[str], adjectives: set[str]) -> Counter:
    pairs: Counter = Counter()
    for answer in answers:
        words = [w.lower() for w in WORD.findall(answer)]
        pairs.update((a, b) for a, b in zip(words, words[1:], strict=False)
                     if a in adjectives and b.isalpha())
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2]
                        / "shared/data")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    counted = counted_answers(args.data)
    pairs = count(counted, adjectives_counted())
    rows = sorted(p for p, n in pairs.items() if n >= args.min_count)
    lines = [f"# built by scripts/build_adjective_nouns.py from {len(counted)} MedQuAD answers "
             f"(CC BY 4.0), min count {args.min_count}",
             "# adjective<TAB>next word<TAB>count"]
    lines += [f"{a}\t{b}\t{pairs[a, b]}" for a, b in rows]
    atomic_write_text(args.out, "\n".join(lines) + "\n")
    print(f"{len(rows)} pairs -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
