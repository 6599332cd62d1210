"""Noun compounds of clean health English against their "of" paraphrases, for the genitive-chain
rule: Russian MT writes «уровень сахара крови» as "the level of sugar of the blood" where English
stacks the nouns ("blood sugar level"). Which order clean text uses is read off counts mined from
MedQuAD (``python -m textfix.lexicon.compounds --data ../shared/data``): for a pair of words it
keeps how often "B A" occurs side by side and how often "A of (the) B" does, and which article
stands before "B A" as written ("the", "a", none), so the rule can say "muscle tone", not "the
muscle tone", for «тонус мышц». The answers are split
exactly as for the n-gram table (``training.ngrams.split_for_counting``), so no held-out answer
(the dev set's clean MedQuAD sentences, the table's tuning data) is counted.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

FILE = Path(__file__).resolve().parent.parent / "data" / "compounds.tsv"
MIN_COMPOUND = 10  # a side-by-side pair kept in the file must be seen this often
WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")  # "long-term use" is not "term use"
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
OTHER_DETERMINERS = frozenset({"your", "his", "her", "their", "my", "our", "its", "this", "that",
                               "these", "those", "each", "every", "no", "any", "some"})


class CompoundCounts(NamedTuple):
    """Counts for one pair (B, A): the first two take A's and B's regular plurals too; the
    article counts are for "B A" exactly as written ending its noun phrase, with "the", "a"/"an"
    or nothing (nor another determiner or a possessive) before the phrase."""

    side: int  # "B A" side by side
    of: int  # "A of (the) B"
    the: int = 0
    a: int = 0
    bare: int = 0
    of_the: int = 0  # "A of the B" alone: the calque's own form ("the loss of the hair")


def _article_before(words: list[str], k: int) -> str | None:
    """The article before the noun phrase that "B A" (at ``k``, ``k + 1``) ends: "the", "a", "0"
    (none), or None when the phrase is longer ("blood sugar" in "blood sugar level", "heart
    rhythm" in "an abnormal heart rhythm", where the adjective decides the article) or another
    determiner or a possessive stands before it."""
    if k + 2 < len(words) and words[k + 2] not in STOP:
        return None
    prev = words[k - 1] if k else ""
    if prev and prev not in STOP:
        return None
    if prev == "the":
        return "the"
    if prev in ("a", "an"):
        return "a"
    return None if prev in OTHER_DETERMINERS else "0"


def _pairs(words: list[str]) -> tuple[list[tuple[str, str, str | None]],
                                      list[tuple[str, str, bool]]]:
    """("B A" side by side with the article before it, "A of (the) B" with whether "the" stands
    before B) pairs of content words in one sentence's words."""
    side = [(words[k], words[k + 1], _article_before(words, k)) for k in range(len(words) - 1)
            if words[k] not in STOP and words[k + 1] not in STOP]
    of = []
    for k, word in enumerate(words):
        if word != "of" or k == 0 or words[k - 1] in STOP:
            continue
        j = k + 2 if k + 2 < len(words) and words[k + 1] == "the" else k + 1
        if j < len(words) and words[j] not in STOP:
            of.append((words[j], words[k - 1], j == k + 2))
    return side, of


def mine(texts: list[str], min_count: int = MIN_COMPOUND) -> dict[tuple[str, str],
                                                                 CompoundCounts]:
    """(B, A) -> its counts, for pairs seen side by side often ("sugar levels" counts for
    "sugar level")."""
    side, of, of_the, articles = Counter(), Counter(), Counter(), Counter()
    for text in texts:
        for sentence in re.split(r"[.!?;:()\n]", text.lower()):
            s, o = _pairs(WORD.findall(sentence))
            side.update((b, a) for b, a, _ in s)
            articles.update(s)
            of.update((b, a) for b, a, _ in o)
            of_the.update((b, a) for b, a, the in o if the)
    kept = {}
    for b, a in side:
        n = sum(side[(b, form)] for form in _plurals(a))
        if n >= min_count:
            kept[(b, a)] = CompoundCounts(
                n, sum(of[(fb, fa)] for fb in _plurals(b) for fa in _plurals(a)),
                *(articles[(b, a, det)] for det in ("the", "a", "0")),
                sum(of_the[(fb, fa)] for fb in _plurals(b) for fa in _plurals(a)))
    return kept


def _plurals(word: str) -> set[str]:
    """The word and its regular plurals: "As of the Bs" counts against "B A" ("onset of
    symptoms" against "symptom onset", "bones of the hip" against "hip bone")."""
    forms = {word, word + "s", word + "es"}
    if word.endswith("y"):
        forms.add(word[:-1] + "ies")
    return forms


@lru_cache(maxsize=1)
def compound_table(path: str = str(FILE)) -> dict[tuple[str, str], CompoundCounts]:
    """The shipped counts; empty when the file is missing (the rule then never fires)."""
    table: dict[tuple[str, str], CompoundCounts] = {}
    if not Path(path).exists():
        return table
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            b, a, *counts = line.rstrip("\n").split("\t")
            table[(b, a)] = CompoundCounts(*map(int, counts))
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
    lines = ["\t".join(map(str, (b, a, *counts))) + "\n"
             for (b, a), counts in sorted(table.items())]
    head = (f"# B\tA\tcount of 'B A'\tcount of 'A of (the) B'\t'the B A'\t'a B A'\t'B A' with no "
            f"determiner\tcount of 'A of the B' (textfix.lexicon.compounds, {len(counted)} "
            "MedQuAD answers)\n")
    atomic_write_text(args.out, head + "".join(lines))
    print(f"compounds: {len(lines)} pairs from {len(counted)} answers -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
