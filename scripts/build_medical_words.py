"""Build ``src/textfix/data/medical_words.txt`` from a corpus of clean health text.

harper's curated dictionary is general English, so clean NIH text is full of "misspellings" like
"thrombophlebitis". We lint the first 70% of the MedQuAD answers with harper and keep the words it
flags as spelling errors that occur at least ``--min-count`` times in at least ``--min-docs``
answers: a vocabulary of real terms, not one-off typos. The last 30% is left for measuring.

Usage::

    .venv/bin/python scripts/build_medical_words.py \
        --corpus ../shared/data/medquad/answers.txt.gz --out src/textfix/data/medical_words.txt
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/data/medquad/answers.txt.gz"
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src/textfix/data/medical_words.txt"
BUILD_FRACTION = 0.7  # the measurement in tests/test_grammar.py uses the answers after this
WORD = re.compile(r"[a-z][a-z'\-]*[a-z]")
SPELLING_KINDS = {"Spelling", "Typo"}  # Typo: harper's SplitWords, e.g. "lymph oblast"

_linter = None


def read_answers(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [line.rstrip("\n") for line in handle if line.strip()]


def build_split(answers: list[str]) -> list[str]:
    """The answers the word list is built from; the rest are held out for measurement."""
    return answers[: int(len(answers) * BUILD_FRACTION)]


def _flagged_words(text: str) -> set[str]:
    """Words harper flags as misspelt in one answer (lowercased, unique per answer)."""
    global _linter
    if _linter is None:
        import harper

        _linter = harper.Linter()
    words = set()
    for lint in _linter.lint(text, language="plaintext"):
        if lint.lint_kind in SPELLING_KINDS:
            word = lint.problem_text.lower()
            if WORD.fullmatch(word):
                words.add(word)
    return words


def count_flagged(answers: list[str], processes: int) -> tuple[Counter[str], Counter[str]]:
    """How often each flagged word occurs in the corpus and in how many answers."""
    docs: Counter[str] = Counter()
    with Pool(processes) as pool:
        for words in pool.imap(_flagged_words, answers, chunksize=32):
            docs.update(words)
    occurrences: Counter[str] = Counter()
    for answer in answers:
        for token in WORD.findall(answer.lower()):
            if token in docs:
                occurrences[token] += 1
    return occurrences, docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--min-docs", type=int, default=2)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    answers = build_split(read_answers(args.corpus))
    occurrences, docs = count_flagged(answers, args.processes)
    words = sorted(
        w for w, n in occurrences.items() if n >= args.min_count and docs[w] >= args.min_docs
    )
    header = (
        "# Medical vocabulary harper's dictionary lacks, one lowercase word per line.\n"
        f"# Made by scripts/build_medical_words.py: words harper flags as misspelt in the first "
        f"{BUILD_FRACTION:.0%} of MedQuAD answers ({len(answers)} answers, CC BY 4.0),\n"
        f"# kept if they occur >= {args.min_count} times in >= {args.min_docs} answers "
        f"({len(words)} words). Add your own with Config.extra_medical_words.\n"
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words from {len(docs)} flagged -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
