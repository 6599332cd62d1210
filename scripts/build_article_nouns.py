"""Build ``src/textfix/data/article_plurals.tsv``: how often clean health English puts "the"
right before a plural noun when nothing follows to specify it ("the babies" against "babies");
``article_phrases.tsv``: how often it puts "the" or "a/an" before a two-word phrase ("the
physical activity" never, "a healthy diet" nearly always); and ``article_have.tsv``: which
article a noun takes after "have" ("have a cold" 18 times, "have cold" never; "have diarrhea").

The n-gram table (``models/ngrams``) counts determiners for singular nouns only; generic plurals
("Breastfeeding protects the babies") need the same evidence for plurals. A plain word count is
enough for that (no parse: seconds, not the table's 13 minutes): for every word, how often it
occurs, and how often right after "the" with no post-modifier word after it ("the babies of
smokers" specifies them). The ``collocation/article`` check looks the file up only for tokens
spaCy tags as plural nouns (NNS).

Data: MedQuAD answers (CC BY 4.0) split exactly as the n-gram table's
(``textfix.training.ngrams.split_for_counting``): the health LM's held-out answers (the dev
set's clean MedQuAD sentences) and the table's own held-out answers are never counted.

Usage: python scripts/build_article_nouns.py [--data ../shared/data] [--min-count 30]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from textfix.atomic import atomic_write_text
from textfix.training.ngrams import counted_answers

OUT = Path(__file__).resolve().parents[1] / "src/textfix/data/article_plurals.tsv"
PHRASES_OUT = OUT.with_name("article_phrases.tsv")
PHRASE_MIN_COUNT = 20
HAVE_OUT = OUT.with_name("article_have.tsv")
HAVE_MIN_COUNT = 3
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|[^\sA-Za-z]")
# A word after the noun that may specify it ("the babies of smokers", "the cells that ...").
POST_MODIFIER_STARTS = frozenset({
    "of", "in", "on", "at", "for", "with", "from", "to", "by", "who", "that", "which", "whose",
    "where", "called", "caused", "used", "associated", "affected", "involved", "described",
    "listed", "mentioned", "above", "below",
})


def count(answers: list[str]) -> tuple[Counter, Counter]:
    """(occurrences, occurrences right after "the" with no post-modifier word after)."""
    total: Counter = Counter()
    the_bare: Counter = Counter()
    for answer in answers:
        words = [w.lower() for w in WORD.findall(answer)]
        for i, word in enumerate(words):
            total[word] += 1
            after = words[i + 1] if i + 1 < len(words) else ""
            if i and words[i - 1] == "the" and after not in POST_MODIFIER_STARTS:
                the_bare[word] += 1
    return total, the_bare


# Words that never stand inside an adjective + noun phrase; bigrams with them are not kept.
STOPWORDS = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "by",
                       "from", "and", "or", "but", "is", "are", "was", "were", "be", "been",
                       "this", "that", "these", "those", "it", "its", "as", "not", "no", "can",
                       "may", "will", "would", "should", "could"})


def count_phrases(answers: list[str]) -> tuple[Counter, Counter, Counter]:
    """For two-word phrases ("physical activity", "healthy diet"): occurrences, occurrences
    right after "the", and right after "a"/"an"."""
    total: Counter = Counter()
    after_the: Counter = Counter()
    after_a: Counter = Counter()
    for answer in answers:
        words = [w.lower() for w in WORD.findall(answer)]
        for i in range(len(words) - 1):
            pair = words[i], words[i + 1]
            if not all(w.isalpha() and w not in STOPWORDS for w in pair):
                continue
            total[pair] += 1
            before = words[i - 1] if i else ""
            after_the[pair] += before == "the"
            after_a[pair] += before in ("a", "an")
    return total, after_the, after_a


HAVE_FORMS = frozenset({"have", "has", "had", "having"})
# Words after which a noun phrase has ended ("have a cold and a cough", "have a cold, ...").
PHRASE_ENDS = frozenset({"and", "or", "but", "that", "which", "when", "if", "because", "for",
                         "in", "on", "at", "with", "from", "after", "before", "during", "of",
                         "to", "by", "since", "while", "so"})


def count_have(answers: list[str]) -> dict[str, Counter]:
    """For a word right after "have" (or "a"/"an"/"the" after it) and ending its noun phrase:
    how often each determiner stands there ("have a cold": 'a'; "have diarrhea": '0')."""
    seen: dict[str, Counter] = {}
    for answer in answers:
        words = [w.lower() for w in WORD.findall(answer)]
        for i, word in enumerate(words[:-2]):
            if word not in HAVE_FORMS:
                continue
            det = words[i + 1] if words[i + 1] in ("a", "an", "the") else "0"
            k = i + 1 if det == "0" else i + 2
            if k + 1 >= len(words) or not words[k].isalpha():
                continue
            nxt = words[k + 1]
            if nxt in PHRASE_ENDS or not nxt[0].isalpha():
                seen.setdefault(words[k], Counter())["a" if det == "an" else det] += 1
    return seen


def write_have(counted: list[str], min_count: int, out: Path) -> int:
    seen = count_have(counted)
    rows = sorted(w for w, c in seen.items() if sum(c.values()) >= min_count)
    lines = [f"# built by scripts/build_article_nouns.py from {len(counted)} MedQuAD answers "
             f"(CC BY 4.0), min count {min_count}",
             "# word<TAB>after 'have a/an'<TAB>after 'have the'<TAB>right after 'have' (the "
             "word ending its noun phrase)"]
    lines += [f"{w}\t{seen[w]['a']}\t{seen[w]['the']}\t{seen[w]['0']}" for w in rows]
    atomic_write_text(out, "\n".join(lines) + "\n")
    return len(rows)


def write_phrases(counted: list[str], min_count: int, out: Path) -> int:
    total, after_the, after_a = count_phrases(counted)
    rows = sorted(p for p, n in total.items() if n >= min_count)
    lines = [f"# built by scripts/build_article_nouns.py from {len(counted)} MedQuAD answers "
             f"(CC BY 4.0), min count {min_count}",
             "# first word<TAB>second word<TAB>occurrences<TAB>right after 'the'<TAB>right after "
             "'a'/'an'"]
    lines += [f"{a}\t{b}\t{total[a, b]}\t{after_the[a, b]}\t{after_a[a, b]}" for a, b in rows]
    atomic_write_text(out, "\n".join(lines) + "\n")
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2]
                        / "shared/data")
    parser.add_argument("--min-count", type=int, default=30)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    counted = counted_answers(args.data)
    total, the_bare = count(counted)
    # plural-looking words only (regular "-s" plurals and the irregular ones English has)
    irregular = {"children", "people", "women", "men", "feet", "teeth", "mice", "geese", "lice"}
    rows = sorted(w for w, n in total.items() if n >= args.min_count and w.isalpha()
                  and (w.endswith("s") or w in irregular))
    lines = [f"# built by scripts/build_article_nouns.py from {len(counted)} MedQuAD answers "
             f"(CC BY 4.0), min count {args.min_count}",
             "# word<TAB>occurrences<TAB>right after 'the' with no post-modifier word after"]
    lines += [f"{w}\t{total[w]}\t{the_bare[w]}" for w in rows]
    atomic_write_text(args.out, "\n".join(lines) + "\n")
    print(f"{len(rows)} words -> {args.out}")
    phrases = write_phrases(counted, PHRASE_MIN_COUNT, PHRASES_OUT)
    print(f"{phrases} phrases -> {PHRASES_OUT}")
    haves = write_have(counted, HAVE_MIN_COUNT, HAVE_OUT)
    print(f"{haves} objects of 'have' -> {HAVE_OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
