"""Evidence on real MT: where textfix's flags land on MLQE-PE ru-en dev, whose word tags mark
what post-editors changed (BAD). Measures only; nothing is tuned on MLQE-PE dev.

Prints, for the whole pipeline (default configuration, models on unless ``--no-models``) and for
its MT-awkwardness categories alone (calque, collocation, repetition, fragment, fluency,
terminology):

- the share of flags that overlap at least one BAD word (precision of a flag);
- the share of BAD words that some flag overlaps (recall of BAD words);
- the share of MT sentences flagged, of MT sentences without a BAD word flagged, and of the
  post-edits (human-corrected English: the clean counterpart) flagged.

Usage::

    .venv/bin/python scripts/mlqe_flag_evidence.py [--data ../shared/data] [--limit N]
        [--no-models] [--json OUT] [--split dev|train-tail]

``--split train-tail`` reads the last 500 MLQE-PE train sentences instead: the tagger holds them
out of training (early stopping, calibration), so they are the place to tune a rule's use on real
MT; dev stays the reporting set.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

MT_CATEGORIES = frozenset({"calque", "collocation", "repetition", "fragment", "fluency",
                           "terminology"})
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def run(pipeline, texts: list[str]) -> list[list[tuple[int, int, str, str]]]:
    from textfix.ingest import document_from_text

    results = pipeline.run(document_from_text(t, f"s{k}") for k, t in enumerate(texts))
    return [[(i.start, i.end, i.category, i.rule) for i in r.issues] for r in results]


def figures(examples, texts, issues, pe_issues, keep) -> dict:
    """The flag figures for the issues whose category ``keep`` accepts."""
    from textfix.models.words import align_tokens, overlaps

    flags = on_bad = bad = bad_found = flagged = clean = clean_flagged = 0
    by_category: Counter = Counter()
    by_rule: Counter = Counter()
    for ex, text, found in zip(examples, texts, issues, strict=True):
        spans = align_tokens(ex.tokens, text)
        kept = [(s, e, c, r) for s, e, c, r in found if keep(c)]
        flagged += bool(kept)
        if not any(ex.bad):
            clean += 1
            clean_flagged += bool(kept)
        for s, e, c, r in kept:
            hit = any(b and overlaps(span, (s, max(e, s + 1)))
                      for b, span in zip(ex.bad, spans, strict=True))
            flags += 1
            on_bad += hit
            by_category[(c, hit)] += 1
            by_rule[(r, hit)] += 1
        for b, span in zip(ex.bad, spans, strict=True):
            if b:
                bad += 1
                bad_found += any(overlaps(span, (s, max(e, s + 1))) for s, e, _, _ in kept)
    pe_flagged = sum(any(keep(c) for _, _, c, _ in found) for found in pe_issues)
    n = len(examples)
    return {
        "flags": flags, "flags_on_bad_word": round(on_bad / max(1, flags), 4),
        "bad_words": bad, "bad_word_recall": round(bad_found / max(1, bad), 4),
        "mt_sentences_flagged": round(flagged / n, 4),
        "mt_sentences_without_bad_word": clean,
        "mt_sentences_without_bad_word_flagged": round(clean_flagged / max(1, clean), 4),
        "post_edits_flagged": round(pe_flagged / n, 4),
        "by_category": dict(sorted(tally(by_category).items())),
        "by_rule": dict(sorted(tally(by_rule).items(), key=lambda item: -item[1]["all"])),
    }


def tally(hits: Counter) -> dict[str, dict[str, int]]:
    """(key, on a BAD word) counts as {key: {"on_bad": n, "all": n}}."""
    out: dict[str, dict[str, int]] = {}
    for (key, hit), n in hits.items():
        entry = out.setdefault(key, {"on_bad": 0, "all": 0})
        entry["all"] += n
        entry["on_bad"] += n if hit else 0
    return out


def main() -> int:
    from textfix.detok import detokenize
    from textfix.training.data import find_mlqe, read_mlqe
    from textfix.training.detection_eval import make_pipeline
    from textfix.training.tagger import HELD_OUT_TRAIN

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHARED)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--no-models", action="store_true")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--split", choices=("dev", "train-tail"), default="dev")
    args = parser.parse_args()
    if args.split == "dev":
        examples = read_mlqe(find_mlqe(args.data, "dev"), limit=args.limit)
    else:
        examples = read_mlqe(find_mlqe(args.data, "train"))[-HELD_OUT_TRAIN:][: args.limit]
    texts = [detokenize(" ".join(ex.tokens)) for ex in examples]
    pipeline = make_pipeline(args.no_models)
    issues = run(pipeline, texts)
    pe_issues = run(pipeline, [detokenize(ex.pe) for ex in examples])
    out = {"sentences": len(examples), "split": args.split, "no_models": args.no_models,
           "all_flags": figures(examples, texts, issues, pe_issues, lambda c: True),
           "mt_awkwardness_flags": figures(examples, texts, issues, pe_issues,
                                           lambda c: c in MT_CATEGORIES)}
    print(json.dumps(out, indent=2))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
