"""Choose the clean sentences of the dev set and write them as pointers (clean.jsonl).

TICO-19: English segments from PubMed Central articles and from Wikipedia's health and disease
pages, one sentence per segment. MedQuAD: answers the shipped LM held out
(``training/lm.py``: ``random.Random(0).sample(range(n), n // 50)``) that also lie in the last
30% (the medical word list is built from the first 70%) and whose text appears nowhere else in
the file (MedQuAD repeats answers), at most three sentences per answer. Sentences must look like
running prose: 8-40 words, a capital first, a full stop last, plain ASCII, no brackets, colons,
URLs, list dashes or abbreviations that cut sentences. Tune/test: a seeded half per source.

Usage: python corpus/devset/select_clean.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from pathlib import Path

from textfix.training.detection_eval import (
    lm_held_out_indices,
    medquad_answers,
    split_sentences,
    tico_rows,
)

HERE = Path(__file__).resolve().parent
SEED = 19
TICO_PER_ORIGIN = {"pubmed": 100, "wikipedia": 100}
MEDQUAD_SENTENCES = 160
# pages about the economy, politics, schools and apps rather than health are left out
WIKI_SKIP = ("Impact_of_the", "COVID-19_apps", "COVID-19_surveillance",
             "wiki/2019%E2%80%9320_coronavirus_pandemic")
BAD = re.compile(r"[\[\](){}:;/|@#*=<>\"]|https?|www\.|\bet al\b|\be\.g\b|\bi\.e\b|\bFig\b|\bvs\b"
                 r"|\s-\s|\.\.|--|\.\s|[a-z0-9)]\.[A-Z]")
# MedQuAD answers run headings into the text ("Renal Arteries The renal arteries ..."): a title-case
# start, a capital glued to a word, or a capitalised function word in mid-sentence
RUN_IN_HEADING = re.compile(r"^[A-Z][a-z'-]+ (?:of |and )?[A-Z][a-z]|[a-z][A-Z][a-z]"
                            r"|[A-Za-z] (?:The|Your|This|These|If|When|It|You|Most|Many)\b")
# Read and judged not to be whole, clean sentences (before textfix was run on any of them)
EXCLUDE = {
    ("tico19", "PubMed_8:685", 0),  # a fragment: "First of all, their ... rates in ..."
    ("tico19", "Wikipedia_handpicked_4:1708", 0),  # a list item: "After changing the diapers ..."
    ("medquad", 13661, 12),  # a list item: "Secondary erythrocytosis, which is ..."
    ("medquad", 13458, 3),  # a list item: "Have certain conditions that ..."
    ("medquad", 13845, 3),  # a typo in the source: "the bodys response"
}


def prose(sentence: str) -> bool:
    words = sentence.split()
    return (8 <= len(words) <= 40 and sentence[:1].isupper() and sentence.endswith(".")
            and sentence.isascii() and not BAD.search(sentence))


def medquad_prose(sentence: str) -> bool:
    return prose(sentence) and not RUN_IN_HEADING.search(sentence)


def tico_kind(origin: str) -> str | None:
    if "ncbi.nlm.nih.gov/pmc" in origin:
        return "pubmed"
    if "en.wikipedia.org" in origin and not any(s in origin for s in WIKI_SKIP):
        return "wikipedia"
    return None


def choose_tico(data: Path, rng: random.Random) -> list[dict]:
    pools: dict[str, list[dict]] = {k: [] for k in TICO_PER_ORIGIN}
    for tsv_id, (origin, segment) in tico_rows(data).items():
        kind = tico_kind(origin)
        if kind is None:
            continue
        sentences = split_sentences(segment)
        good = [k for k, s in enumerate(sentences)
                if prose(s) and ("tico19", tsv_id, k) not in EXCLUDE]
        if good:
            pools[kind].append({"source": "tico19", "id": tsv_id, "origin": origin,
                                "sentence": rng.choice(good)})
    chosen = []
    for kind, count in TICO_PER_ORIGIN.items():
        chosen.extend(rng.sample(pools[kind], count))
    return chosen


def choose_medquad(data: Path, rng: random.Random) -> list[dict]:
    answers = medquad_answers(data)
    repeated = {a for a, n in Counter(answers).items() if n > 1}
    held = sorted(i for i in lm_held_out_indices(len(answers))
                  if i >= int(len(answers) * 0.7) and answers[i] not in repeated)
    rng.shuffle(held)
    chosen, seen = [], set()
    for line in held:
        sentences = split_sentences(answers[line])
        good = [k for k, s in enumerate(sentences) if medquad_prose(s) and s not in seen
                and ("medquad", line, k) not in EXCLUDE]
        seen.update(sentences[k] for k in good)
        for k in sorted(rng.sample(good, min(3, len(good)))):
            chosen.append({"source": "medquad", "line": line, "sentence": k})
    if len(chosen) < MEDQUAD_SENTENCES:
        raise SystemExit(f"only {len(chosen)} MedQuAD sentences qualify")
    return chosen[:MEDQUAD_SENTENCES]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=HERE.parents[2] / "shared" / "data")
    args = parser.parse_args()
    rng = random.Random(SEED)
    rows = choose_tico(args.data, rng) + choose_medquad(args.data, rng)
    for source in ("tico19", "medquad"):
        members = [r for r in rows if r["source"] == source]
        order = list(range(len(members)))
        rng.shuffle(order)
        for rank, k in enumerate(order):
            members[k]["split"] = "tune" if rank < len(members) // 2 else "test"
    with open(HERE / "clean.jsonl", "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
    print(f"{len(rows)} pointers written to {HERE / 'clean.jsonl'}")


if __name__ == "__main__":
    main()
