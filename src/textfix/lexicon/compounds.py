"""Noun compounds of clean health English against their "of" paraphrases, for the genitive-chain
rule: Russian MT writes «уровень сахара крови» as "the level of sugar of the blood" where English
stacks the nouns ("blood sugar level"). Which order clean text uses is read off counts mined from
MedQuAD (``python -m textfix.lexicon.compounds --data ../shared/data``): for a pair of words it
keeps how often "B A" occurs side by side and how often "A of (the) B" does. The answers are split
exactly as for the n-gram table (``training.ngrams.split_for_counting``), so no held-out answer
(the dev set's clean MedQuAD sentences, the table's tuning data) is counted.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

FILE = Path(__file__).resolve().parent.parent / "data" / "compounds.tsv"
MIN_COMPOUND = 10  # a side-by-side pair kept in the file must be seen this often
WORD = re.compile(r"[a-z]+")
# Words that never stand in a noun compound (function words, frequent verbs and adverbs).
STOP = frozenset([
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or",
    "but", "not", "no", "is", "are", "was", "were", "be", "been", "being", "it", "its",
    "this", "that", "these", "those", "as", "if", "than", "then", "so", "such", "can", "may",
    "might", "must", "should", "would", "could", "will", "do", "does", "did", "have", "has",
    "had", "you", "your", "we", "our", "they", "their", "he", "his", "she", "her", "i", "my",
    "me", "him", "them", "us", "who", "whom", "which", "what", "when", "where", "why", "how",
    "all", "any", "some", "more", "most", "other", "many", "much", "few", "very", "also",
    "only", "just", "both", "each", "either", "neither", "own", "same", "into", "out", "up",
    "down", "over", "under", "about", "after", "before", "during", "between", "through",
    "against", "without", "within", "one", "two", "three", "there", "here", "while", "because",
])


def _pairs(words: list[str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """("B A" side by side, "A of (the) B") pairs of content words in one sentence's words."""
    side = [(b, a) for b, a in zip(words, words[1:], strict=False)
            if b not in STOP and a not in STOP]
    of = []
    for k, word in enumerate(words):
        if word != "of" or k == 0 or words[k - 1] in STOP:
            continue
        j = k + 2 if k + 2 < len(words) and words[k + 1] == "the" else k + 1
        if j < len(words) and words[j] not in STOP:
            of.append((words[j], words[k - 1]))
    return side, of


def mine(texts: list[str], min_count: int = MIN_COMPOUND) -> dict[tuple[str, str], tuple[int, int]]:
    """(B, A) -> (count of "B A", count of "A of (the) B") for pairs seen side by side often;
    both counts take A's regular plurals too ("sugar levels"), the second B's too."""
    side, of = Counter(), Counter()
    for text in texts:
        for sentence in re.split(r"[.!?;:()\n]", text.lower()):
            s, o = _pairs(WORD.findall(sentence))
            side.update(s)
            of.update(o)
    kept = {}
    for b, a in side:
        n = sum(side[(b, form)] for form in _plurals(a))
        if n >= min_count:
            kept[(b, a)] = (n, sum(of[(fb, fa)] for fb in _plurals(b) for fa in _plurals(a)))
    return kept


def _plurals(word: str) -> set[str]:
    """The word and its regular plurals: "As of the Bs" counts against "B A" ("onset of
    symptoms" against "symptom onset", "bones of the hip" against "hip bone")."""
    forms = {word, word + "s", word + "es"}
    if word.endswith("y"):
        forms.add(word[:-1] + "ies")
    return forms


@lru_cache(maxsize=1)
def compound_table(path: str = str(FILE)) -> dict[tuple[str, str], tuple[int, int]]:
    """The shipped counts; empty when the file is missing (the rule then never fires)."""
    table: dict[tuple[str, str], tuple[int, int]] = {}
    if not Path(path).exists():
        return table
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            b, a, n, of = line.rstrip("\n").split("\t")
            table[(b, a)] = (int(n), int(of))
    return table


def main(argv: list[str] | None = None) -> int:
    from ..atomic import atomic_write_text
    from ..training.ngrams import counted_answers

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=FILE)
    parser.add_argument("--min-count", type=int, default=MIN_COMPOUND)
    args = parser.parse_args(argv)
    counted = counted_answers(args.data)
    table = mine(counted, args.min_count)
    lines = [f"{b}\t{a}\t{n}\t{of}\n" for (b, a), (n, of) in sorted(table.items())]
    head = (f"# B\tA\tcount of 'B A'\tcount of 'A of (the) B' (textfix.lexicon.compounds, "
            f"{len(counted)} MedQuAD answers)\n")
    atomic_write_text(args.out, head + "".join(lines))
    print(f"compounds: {len(lines)} pairs from {len(counted)} answers -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
