"""How often the default pipeline flags clean native health English, and with what.

Two sources, read by path from ``../shared/data`` (never copied into the repository):

- TICO-19's English originals (PubMed abstracts, Wikipedia, Wikivoyage, Wikinews, Wikisource,
  spoken medical phrases), split into sentences;
- MedQuAD answers the health LM never trained on: the seeded 2 % that
  ``textfix.training.lm.split_answers`` holds out (seed 0, the training default).

Each source gives a seeded sample of sentences, split (seeded) into a tuning half and a held-out
half: tune on ``tune`` only and report both. Prints, per source and half, the share of sentences
with any flag, by category and by rule, and the words flagged most often.

Usage::

    .venv/bin/python scripts/clean_text_flags.py [--count 600] [--no-models] [--json out.json]
        [--show spelling]   # also print every flagged sentence of that category
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared/data"
TICO = SHARED / "tico19-en-ru/tico19.en-ru.tsv"
MEDQUAD = SHARED / "medquad/answers.txt.gz"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")
LM_SEED = 0  # textfix.training.lm.train_lm's default: the held-out answers of the shipped LM
SAMPLE_SEED = 12
HALVES = ("tune", "held-out")


def sentences_of(text: str) -> list[str]:
    """Sentences of 5 to 60 words; list-like lines (" - ", ":") are not prose."""
    return [s.strip() for s in SENTENCE_END.split(text)
            if 5 <= len(s.split()) <= 60 and " - " not in s and not s.rstrip().endswith(":")]


def tico_sentences(path: Path = TICO) -> list[str]:
    """TICO-19's English sentences; some Wikipedia segments carry a Python bytes prefix ("b'"),
    an artefact of the corpus's extraction, which is dropped."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    texts = [row["en"][2:] if row["en"].startswith("b'") else row["en"] for row in rows]
    return list(dict.fromkeys(s for text in texts for s in sentences_of(text)))


def medquad_held_out_sentences(path: Path = MEDQUAD) -> list[str]:
    from textfix.training.data import read_medquad
    from textfix.training.lm import split_answers

    _, held_out = split_answers(read_medquad(path), LM_SEED)
    return list(dict.fromkeys(s for answer in held_out for s in sentences_of(answer)))


def sample(sentences: list[str], count: int, seed: int = SAMPLE_SEED) -> dict[str, list[str]]:
    """A seeded sample of ``count`` sentences, split in two seeded halves."""
    chosen = random.Random(seed).sample(sentences, min(count, len(sentences)))
    half = len(chosen) // 2
    return {"tune": chosen[:half], "held-out": chosen[half:]}


def samples(count: int) -> dict[str, dict[str, list[str]]]:
    return {"tico19": sample(tico_sentences(), count),
            "medquad": sample(medquad_held_out_sentences(), count)}


def make_pipeline(models: bool, disable: frozenset[str] = frozenset()):
    from textfix.config import Config, model_checks
    from textfix.pipeline import Pipeline

    config = Config()
    config.checks = tuple(c for c in config.checks if c not in disable)
    if not models:
        config.checks = tuple(c for c in config.checks if c not in set(model_checks()))
        config.rank_with_lm = False
        config.rewrite = False
    return Pipeline(config)


def measure(pipeline, sentences: list[str], set_aside: frozenset[str] = frozenset()) -> dict:
    """Share of sentences with any flag, by category and rule; the words flagged most; and the
    share with a flag of a rule outside ``set_aside`` (rules that find real defects of the
    corpus itself, reported apart, never hidden)."""
    from textfix.ingest import document_from_text

    results = pipeline.run(document_from_text(s, f"s{i}") for i, s in enumerate(sentences))
    any_flag, other, categories, rules, words = 0, 0, Counter(), Counter(), Counter()
    flagged: list[tuple[str, str, str, str]] = []  # category, rule, span, sentence
    for sentence, result in zip(sentences, results, strict=True):
        if not result.issues:
            continue
        any_flag += 1
        other += any(i.rule not in set_aside for i in result.issues)
        categories.update({i.category for i in result.issues})
        rules.update({i.rule for i in result.issues})
        text = result.document.text
        for issue in result.issues:
            words[issue.span_text(text)] += 1
            flagged.append((issue.category, issue.rule, issue.span_text(text), sentence))
    n = len(sentences)
    return {
        "sentences": n,
        "any_flag": round(any_flag / n, 4) if n else 0.0,
        "any_flag_not_set_aside": round(other / n, 4) if n else 0.0,
        "by_category": {k: round(v / n, 4) for k, v in categories.most_common()},
        "by_rule": {k: round(v / n, 4) for k, v in rules.most_common()},
        "top_words": words.most_common(30),
        "flagged": flagged,
    }


def measure_rules(figures: dict, prefixes: tuple[str, ...]) -> float:
    """Share of sentences with a flag of a rule starting with one of ``prefixes``."""
    flagged = {sentence for _, rule, _, sentence in figures["flagged"]
               if rule.startswith(prefixes)}
    return round(len(flagged) / figures["sentences"], 4) if figures["sentences"] else 0.0


def report(name: str, figures: dict, show: str | None) -> None:
    print(f"\n== {name}: {figures['any_flag']:.1%} of {figures['sentences']} sentences flagged"
          f" ({figures['any_flag_not_set_aside']:.1%} by rules not set aside)")
    print("  by category: " + ", ".join(f"{k} {v:.1%}" for k, v in figures["by_category"].items()))
    print("  by rule:     " + ", ".join(f"{k} {v:.1%}"
                                        for k, v in list(figures["by_rule"].items())[:12]))
    grammar = measure_rules(figures, ("harper/", "parser/"))
    print(f"  grammar check (harper/, parser/): {grammar:.1%}")
    print("  top words:   " + ", ".join(f"{w!r}×{c}" for w, c in figures["top_words"][:25]))
    if show:
        for category, _, span, sentence in figures["flagged"]:
            if category == show or show == "all":
                print(f"    [{category}] {span!r}: {sentence}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=600, help="sentences per source")
    parser.add_argument("--no-models", action="store_true")
    parser.add_argument("--halves", default=",".join(HALVES),
                        help="which halves to measure (tune, held-out)")
    parser.add_argument("--disable", default="", help="comma-separated checks to leave out")
    parser.add_argument("--set-aside", default="",
                        help="comma-separated rules counted apart, e.g. typography/missing-space "
                             "(TICO-19 lost the space where citations were cut: 'cloth.China')")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--show", help="print every flag of this category ('all' for all)")
    args = parser.parse_args(argv)
    disable = frozenset(n.strip() for n in args.disable.split(",") if n.strip())
    pipeline = make_pipeline(models=not args.no_models, disable=disable)
    wanted = [h for h in args.halves.split(",") if h]
    out: dict[str, dict] = {}
    for source, halves in samples(args.count).items():
        for half in wanted:
            set_aside = frozenset(r for r in args.set_aside.split(",") if r)
            figures = measure(pipeline, halves[half], set_aside)
            out[f"{source}/{half}"] = figures
            report(f"{source} {half} ({'no models' if args.no_models else 'models'})",
                   figures, args.show)
    if args.json:
        slim = {k: {f: v for f, v in fig.items() if f != "flagged"} for k, fig in out.items()}
        args.json.write_text(json.dumps(slim, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
