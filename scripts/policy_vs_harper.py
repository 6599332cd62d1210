"""Why textfix applies what it applies: each edit of harper alone and of textfix, per sentence,
with what the pipeline did to it and whether a human reference confirms it (ERRANT).

    python scripts/policy_vs_harper.py --jfleg ../shared/data/jfleg-dev --lines even
    python scripts/policy_vs_harper.py --mlqe ../shared/data/mlqe-pe-ru-en/ru-en-train --limit 500

Tuning data only: JFLEG's even lines, MLQE-PE train (never dev, never JFLEG's odd lines). For
every harper edit it says whether textfix applied the same fix, another fix, held it (and why:
guard, a stage's hold, confidence under the policy's floor, overlap) or never flagged it; for
every textfix edit harper did not make, which rule made it. Counts are printed per outcome with
the share of edits a reference confirms; ``--show N`` lists examples of each outcome.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from textfix.config import Config, default_checks, model_checks
from textfix.detok import detokenize
from textfix.ingest import document_from_text
from textfix.pipeline import Pipeline
from textfix.records import Edit
from textfix.stages.apply import apply_edits
from textfix.stages.policy import MIN_CONFIDENCE
from textfix.stages.ranking import best_suggestion


def load(args) -> tuple[list[str], list[list[str]]]:
    """Texts and each text's references (JFLEG: four; MLQE-PE: the post-edit)."""
    if args.jfleg:
        from textfix.training.data import read_jfleg

        src, refs = read_jfleg(args.jfleg, args.limit, args.lines)
        return ([detokenize(s) for s in src],
                [[detokenize(r) for r in sent] for sent in zip(*refs, strict=True)])
    from textfix.training.data import read_mlqe

    examples = read_mlqe(args.mlqe, limit=args.limit)
    return ([detokenize(" ".join(e.tokens)) for e in examples], [[detokenize(e.pe)]
                                                                  for e in examples])


def harper_edits(texts: list[str]) -> list[list[Edit]]:
    """harper alone's edits (the same choice as ``evaluate.run_harper``)."""
    from textfix.checks.grammar.harper_backend import HarperBackend

    backend = HarperBackend(disabled_rules=(), disabled_kinds=(), regex_mask=None, silent=())
    out = []
    for text in texts:
        edits, end = [], -1
        for m in backend.check(text):
            if m.replacements and m.start >= end:
                edits.append((Edit(m.start, m.end, m.replacements[0]), m.detail))
                end = max(m.end, m.start + 1)
        out.append(edits)
    return out


def fate(result, edit: Edit) -> tuple[str, str]:
    """What textfix did about harper's ``edit``: (outcome, detail)."""
    text = result.document.text
    if edit in result.edits:
        return "same", ""
    on_span = [i for i in result.issues if i.start < max(edit.end, edit.start + 1)
               and edit.start < max(i.end, i.start + 1) and i.category != "boilerplate"]
    if not on_span:
        return "not flagged", ""
    if any(e.start < max(edit.end, edit.start + 1) and edit.start < max(e.end, e.start + 1)
           for e in result.edits):
        return "other fix applied", ""
    issue = min(on_span, key=lambda i: (abs(i.start - edit.start) + abs(i.end - edit.end)))
    best = best_suggestion(issue, text)
    tag = f"{issue.rule} c={issue.confidence:.2f}"
    if best is None:
        return "flagged, no fix", tag
    if best.text != edit.replacement and (issue.start, issue.end) == (edit.start, edit.end):
        tag += f" best={best.text!r}"
        kind = "other best"
    else:
        kind = "held"
    if best.safe is not True:
        return f"{kind}: guard", f"{tag} {best.guard_reason}"
    if best.hold:
        return f"{kind}: hold ({best.hold.split(';')[0]})", tag
    if issue.confidence < MIN_CONFIDENCE:
        return f"{kind}: confidence", tag
    return f"{kind}: overlap", tag


def confirmed(texts, refs, singles: list[tuple[int, Edit]]) -> list[bool]:
    """Is each single edit, applied alone, an edit some reference makes (ERRANT)?"""
    import errant

    from textfix.stages.analyse import load_spacy
    from textfix.training.edit_eval import _edit_sets

    nlp = load_spacy()
    annotator = errant.load("en", nlp)
    sources = [texts[n] for n, _ in singles]
    hyp = _edit_sets(annotator, nlp, sources, [apply_edits(texts[n], [e]) for n, e in singles])
    nref = len(refs[0])
    per_ref = [_edit_sets(annotator, nlp, sources, [refs[n][k] for n, _ in singles])
               for k in range(nref)]
    return [bool(h) and all(any(x in r[i] for r in per_ref) for x in h)
            for i, h in enumerate(hyp)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jfleg", type=Path)
    parser.add_argument("--lines", default="even", choices=("even", "odd", "all"))
    parser.add_argument("--mlqe", type=Path)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--no-models", action="store_true")
    parser.add_argument("--show", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    texts, refs = load(args)
    hedits = harper_edits(texts)
    config = Config() if not args.no_models else Config(
        rank_with_lm=False, checks=tuple(c for c in default_checks() if c not in model_checks()))
    results = Pipeline(config).run(
        [document_from_text(t, doc_id=str(n)) for n, t in enumerate(texts)])
    rows = []
    for n, (result, edits) in enumerate(zip(results, hedits, strict=True)):
        for edit, rule in edits:
            outcome, detail = fate(result, edit)
            rows.append({"n": n, "who": "harper", "outcome": outcome, "rule": rule,
                         "detail": detail, "edit": edit})
        for edit in result.edits:
            if edit not in {e for e, _ in edits}:
                issue = next((i for i in result.issues if (i.start, i.end) == (edit.start,
                                                                              edit.end)), None)
                rows.append({"n": n, "who": "textfix", "outcome": "textfix only",
                             "rule": issue.rule if issue else "?", "detail": "", "edit": edit})
    ok = confirmed(texts, refs, [(r["n"], r["edit"]) for r in rows])
    for row, good in zip(rows, ok, strict=True):
        row["confirmed"] = good
    report(texts, rows, args.show)
    if args.json:
        args.json.write_text(json.dumps([{**r, "edit": list(r["edit"].__dict__.values()),
                                          "text": texts[r["n"]]} for r in rows], indent=1))


def report(texts, rows, show: int) -> None:
    by = defaultdict(list)
    for row in rows:
        by[(row["who"], row["outcome"])].append(row)
    for (who, outcome), group in sorted(by.items(), key=lambda kv: -len(kv[1])):
        good = sum(r["confirmed"] for r in group)
        print(f"{who:8} {outcome:40} {len(group):5}  confirmed {good:4} "
              f"({good / len(group):.0%})")
        rules = Counter((r["rule"], r["confirmed"]) for r in group)
        print("         " + ", ".join(f"{rule}{'+' if c else '-'}:{k}"
                                      for (rule, c), k in rules.most_common(8)))
        for row in group[:show]:
            e = row["edit"]
            t = texts[row["n"]]
            mark = "+" if row["confirmed"] else "-"
            print(f"           [{mark}] {t[max(0, e.start - 25):e.start]}"
                  f"[{t[e.start:e.end]}->{e.replacement}]{t[e.end:e.end + 25]}  {row['detail']}")


if __name__ == "__main__":
    main()
