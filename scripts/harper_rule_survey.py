"""Which of harper's rules ever fire on the kinds of text textfix checks, and what switching off the
silent ones would cost on held-out text.

harper spends nearly all its time in its ~900 rules (parsing alone is ~3 % of a lint), and most
rules are single-phrase patterns ("TalkToYouLater") that never match MT of health articles. This
script lints the *survey* sets with every rule textfix enables, records which rules produced a
lint, and writes the others to ``src/textfix/data/harper_silent_rules.txt`` (``--write``), which
``HarperBackend`` switches off. It then lints the *held-out* sets with the same rules and counts
the lints the silent rules produce there: the recall that switching them off costs.

Survey (tuning) sets: every MLQE-PE ru-en train MT line and its post-edit, JFLEG dev's even lines,
TICO-19 sentences outside the reporting samples, sentences of the MedQuAD answers the health LM
trained on, the team's corpus articles and the example sentences of textfix's own rules.
Held-out sets, never surveyed: MLQE-PE dev MT, JFLEG's odd lines, the held-out halves of
``clean_text_flags.py`` (TICO-19 and MedQuAD) and the dev set's test half.

Usage::

    .venv/bin/python scripts/harper_rule_survey.py [--data ../shared/data] [--write]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
OUT = ROOT / "src/textfix/data/harper_silent_rules.txt"
MEDQUAD_SURVEY = 30_000  # sentences of the LM's training answers


def survey_sets(data: Path, halves: dict) -> dict[str, list[str]]:
    """``halves``: ``clean_text_flags.samples(600)``, whose held-out halves are left out."""
    import clean_text_flags

    from textfix.detok import detokenize
    from textfix.training.data import (
        find_jfleg,
        find_mlqe,
        jfleg_split,
        medquad_sentences,
        read_mlqe,
    )
    from textfix.training.detection_eval import load_clean
    from textfix.training.tagger import medquad_split

    train = read_mlqe(find_mlqe(data, "train"))
    devset = ROOT / "corpus/devset"
    reporting = {*halves["tico19"]["held-out"], *(c.text for c in load_clean(
        devset / "clean.jsonl", data))}
    trained_answers, _ = medquad_split(data, False, 0)
    medquad = medquad_sentences(trained_answers)
    return {
        "MLQE-PE train MT": [detokenize(" ".join(e.tokens)) for e in train],
        "MLQE-PE train post-edits": [detokenize(e.pe) for e in train],
        "JFLEG even lines": [src for src, _ in jfleg_split(find_jfleg(data))[0]],
        "TICO-19 outside reporting": [t for t in clean_text_flags.tico_sentences()
                                      if t not in reporting],
        "MedQuAD LM training": random.Random(0).sample(medquad,
                                                       min(MEDQUAD_SURVEY, len(medquad))),
        "team articles": [p.read_text(encoding="utf-8")
                          for p in sorted((ROOT / "corpus/articles").glob("*"))],
        "rule examples": rule_example_texts(),
    }


def rule_example_texts() -> list[str]:
    """Every example sentence of every textfix rule: a rule the project documents with an
    example stays on, whatever the corpora say."""
    from textfix.rule_examples import all_rules

    return list(dict.fromkeys(example.text for rule in all_rules() for example in rule.examples))


def held_out_sets(data: Path, halves: dict) -> dict[str, list[str]]:
    from textfix.detok import detokenize
    from textfix.training.data import find_jfleg, find_mlqe, jfleg_split, read_mlqe
    from textfix.training.detection_eval import load_mt

    devset = ROOT / "corpus/devset"
    return {
        "MLQE-PE dev MT": [detokenize(" ".join(e.tokens))
                           for e in read_mlqe(find_mlqe(data, "dev"))],
        "JFLEG odd lines": [src for src, _ in jfleg_split(find_jfleg(data))[1]],
        "TICO-19 held-out half": halves["tico19"]["held-out"],
        "MedQuAD held-out half": halves["medquad"]["held-out"],
        "dev set test half (MT)": [m.text for m in load_mt(devset / "mt.jsonl")
                                   if m.split == "test"],
    }


def rule_counts(backend, texts: list[str]) -> Counter:
    """Lints per rule over ``texts``, as the grammar check's backend reports them (joined in
    chunks as the check joins them)."""
    from textfix.checks.grammar.backend import check_many

    return Counter(m.detail for matches in check_many(backend, texts) for m in matches)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data")
    parser.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(ROOT)}")
    args = parser.parse_args(argv)

    import clean_text_flags

    from textfix.checks.grammar.harper_backend import HarperBackend

    halves = clean_text_flags.samples(600)
    backend = HarperBackend(silent=())
    enabled = {rule for rule, on in backend.linter.get_default_lint_config().items()
               if on and rule not in backend.disabled_rules}
    fired: Counter = Counter()
    for name, texts in survey_sets(args.data, halves).items():
        counts = rule_counts(backend, texts)
        fired.update(counts)
        print(f"survey {name}: {len(texts)} texts, {sum(counts.values())} lints, "
              f"{len(counts)} rules", flush=True)
    rule_of = set(fired)
    silent = sorted(enabled - rule_of)
    print(f"{len(enabled)} rules enabled, {len(rule_of)} fired on the survey, "
          f"{len(silent)} silent")
    silent_set = set(silent)
    lost_total = 0
    for name, texts in held_out_sets(args.data, halves).items():
        counts = rule_counts(backend, texts)
        lost = {r: n for r, n in counts.items() if r in silent_set}
        lost_total += sum(lost.values())
        print(f"held out {name}: {len(texts)} texts, {sum(counts.values())} lints, "
              f"{sum(lost.values())} from silent rules {dict(sorted(lost.items()))}")
    print(f"held-out lints from silent rules: {lost_total}")
    if args.write:
        header = ("# harper rules that produced no lint on the survey sets of "
                  "scripts/harper_rule_survey.py\n# (generated; HarperBackend switches them off "
                  "because they cost time and never fire here)\n")
        OUT.write_text(header + "".join(f"{rule}\n" for rule in silent), encoding="utf-8")
        print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
