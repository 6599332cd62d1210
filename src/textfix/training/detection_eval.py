"""Detection on the team's development set (``corpus/devset``): recall, fix rate, precision and
false alarms, each with a bootstrap 95% interval.

The MT sentences are the team's own text; the clean sentences are pointers into TICO-19 and
held-out MedQuAD answers under ``../shared/data``, resolved here at run time so no public text is
copied into the repository. What counts as an acceptable fix is written down in
``corpus/devset/README.md``; ``fix_is_acceptable`` implements it.
"""

from __future__ import annotations

import csv
import json
import random
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .data import SENTENCE_END_RE

FAMILIES = ("preposition", "collocation", "genitive", "article", "intensity", "course", "passive")
# The categories that say "this reads like machine translation": a flag of another category
# (grammar, typography) on clean text is a false alarm too, but a different one.
MT_CATEGORIES = frozenset({"calque", "collocation", "repetition", "fragment", "fluency",
                           "terminology"})
CLEAN_SOURCES = ("tico19", "medquad")
LM_HOLDOUT_SEED = 0  # training/lm.py: split_answers(answers, seed=0) for the shipped LM


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    family: str
    fixes: tuple[str, ...]


@dataclass(frozen=True)
class MtSentence:
    id: str
    text: str
    spans: tuple[Span, ...]
    split: str


@dataclass(frozen=True)
class CleanSentence:
    id: str
    source: str  # tico19 | medquad
    text: str
    split: str


@dataclass(frozen=True)
class Change:
    """A replacement of ``text[start:end]`` (an applied edit or a first suggestion)."""

    start: int
    end: int
    text: str


# ---------------------------------------------------------------- reading the set


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_mt(path: Path) -> list[MtSentence]:
    rows = read_jsonl(path)
    return [MtSentence(r["id"], r["text"], tuple(
        Span(s["start"], s["end"], s["family"], tuple(s["fixes"])) for s in r["spans"]
    ), r["split"]) for r in rows]


def split_sentences(text: str) -> list[str]:
    """The sentences of a TICO-19 segment or a MedQuAD answer, as the pointers count them: the
    rule of training/data.py, so "e.g. The" and "Fig. 2" rarely cut a sentence."""
    return [s.strip() for s in SENTENCE_END_RE.split(text.strip()) if s.strip()]


def lm_held_out_indices(n_answers: int, seed: int = LM_HOLDOUT_SEED) -> set[int]:
    """The answers ``training/lm.py`` held out of the shipped LM (same call, same seed)."""
    return set(random.Random(seed).sample(range(n_answers), max(1, n_answers // 50)))


def medquad_answers(data: Path) -> list[str]:
    from .data import find_medquad, read_medquad

    return read_medquad(find_medquad(data))


def tico_rows(data: Path) -> dict[str, tuple[str, str]]:
    """TICO-19 ``id`` -> (origin, English segment)."""
    path = data / "tico19-en-ru" / "tico19.en-ru.tsv"
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {row["id"]: (row["origin"], row["en"]) for row in reader}


def resolve_clean(rows: Sequence[dict], data: Path) -> list[CleanSentence]:
    """Turn pointers into sentences; a pointer that does not resolve is an error, not a skip."""
    tico = tico_rows(data) if any(r["source"] == "tico19" for r in rows) else {}
    answers = medquad_answers(data) if any(r["source"] == "medquad" for r in rows) else []
    held = lm_held_out_indices(len(answers)) if answers else set()
    out = []
    for row in rows:
        if row["source"] == "tico19":
            origin, segment = tico[row["id"]]
            if origin != row["origin"]:
                raise ValueError(f"TICO-19 {row['id']}: origin {origin!r}, not {row['origin']!r}")
            text = split_sentences(segment)[row.get("sentence", 0)]
            key = f"tico19:{row['id']}:{row.get('sentence', 0)}"
        elif row["source"] == "medquad":
            if row["line"] not in held:
                raise ValueError(f"MedQuAD answer {row['line']} was in the LM's training data")
            text = split_sentences(answers[row["line"]])[row["sentence"]]
            key = f"medquad:{row['line']}:{row['sentence']}"
        else:
            raise ValueError(f"unknown clean source {row['source']!r}")
        out.append(CleanSentence(key, row["source"], text, row["split"]))
    return out


def load_clean(path: Path, data: Path) -> list[CleanSentence]:
    return resolve_clean(read_jsonl(path), data)


def in_split(items: Iterable, split: str) -> list:
    return [x for x in items if split == "all" or x.split == split]


# ---------------------------------------------------------------- judging one sentence


def overlaps(start: int, end: int, span: Span) -> bool:
    """An issue or edit touches a span; an insertion counts when it sits inside or at its edge."""
    if start == end:
        return span.start <= start <= span.end
    return start < span.end and span.start < end


def normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def fix_is_acceptable(text: str, span: Span, changes: Sequence[Change]) -> bool:
    """The changes that touch the span turn it into one of its listed fixes (case and whitespace
    ignored); text they change beyond the span must stay as it was."""
    touching = sorted((c for c in changes if overlaps(c.start, c.end, span)),
                      key=lambda c: (c.start, c.end))
    if not touching:
        return False
    for a, b in zip(touching, touching[1:], strict=False):
        if b.start < a.end:
            return False  # overlapping changes cannot both be applied
    lo = min(span.start, touching[0].start)
    hi = max(span.end, max(c.end for c in touching))
    pieces, pos = [], lo
    for change in touching:
        pieces.append(text[pos : change.start])
        pieces.append(change.text)
        pos = change.end
    pieces.append(text[pos:hi])
    corrected = normalise("".join(pieces))
    return any(normalise(text[lo : span.start] + fix + text[span.end : hi]) == corrected
               for fix in span.fixes)


@dataclass
class SentenceOutcome:
    """What textfix did to one MT sentence, span by span."""

    flagged: list[bool]  # per span
    fixed: list[bool]  # per span: acceptable fix applied, or offered first
    applied: list[bool]  # per span: acceptable fix applied
    issues: int  # all issues in the sentence
    issues_on_spans: int  # issues that overlap some awkward span
    categories: dict[str, list[int]] = field(default_factory=dict)  # category -> [issues, on span]


def judge_mt(sentence: MtSentence, issues: Sequence, edits: Sequence[Change]) -> SentenceOutcome:
    """``issues`` carry ``start``, ``end``, ``category`` and ``suggestions`` (first = offered)."""
    flagged, fixed, applied = [], [], []
    for span in sentence.spans:
        touching = [i for i in issues if overlaps(i.start, i.end, span)]
        flagged.append(bool(touching))
        firsts = [Change(i.start, i.end, i.suggestions[0].text) for i in touching if i.suggestions]
        done = fix_is_acceptable(sentence.text, span, edits)
        offered = any(fix_is_acceptable(sentence.text, span, [c]) for c in firsts) or (
            len(firsts) > 1 and fix_is_acceptable(sentence.text, span, firsts))
        applied.append(done)
        fixed.append(done or offered)
    categories: dict[str, list[int]] = {}
    on_spans = 0
    for issue in issues:
        hit = any(overlaps(issue.start, issue.end, s) for s in sentence.spans)
        on_spans += hit
        counts = categories.setdefault(issue.category, [0, 0])
        counts[0] += 1
        counts[1] += hit
    return SentenceOutcome(flagged, fixed, applied, len(issues), on_spans, categories)


# ---------------------------------------------------------------- figures with intervals


Unit = tuple[float, float]  # (numerator, denominator) contributed by one sentence


def ratio(units: Sequence[Unit]) -> float | None:
    den = sum(d for _, d in units)
    return sum(n for n, _ in units) / den if den else None


def bootstrap_interval(units: Sequence[Unit], resamples: int = 1000,
                       seed: int = 0) -> tuple[float, float] | None:
    """Percentile 95% interval of the ratio, resampling sentences (a sentence's spans or issues
    move together, so the interval allows for sentences that are hard throughout)."""
    units = [u for u in units if u[1]]
    if not units:
        return None
    rng = random.Random(seed)
    values = []
    for _ in range(resamples):
        sample = [units[rng.randrange(len(units))] for _ in units]
        values.append(sum(n for n, _ in sample) / sum(d for _, d in sample))
    values.sort()
    return values[int(0.025 * (resamples - 1))], values[int(round(0.975 * (resamples - 1)))]


def figure(units: Sequence[Unit], resamples: int = 1000, seed: int = 0) -> dict:
    units = [u for u in units if u[1]]
    interval = bootstrap_interval(units, resamples, seed)
    return {"value": ratio(units), "low": interval[0] if interval else None,
            "high": interval[1] if interval else None, "n": sum(d for _, d in units),
            "sentences": len(units)}


def mt_figures(outcomes: Sequence[tuple[MtSentence, SentenceOutcome]], resamples: int = 1000,
               seed: int = 0) -> dict:
    def spans_of(pick: Callable[[SentenceOutcome], list[bool]], family: str | None) -> list[Unit]:
        units = []
        for sentence, outcome in outcomes:
            marks = [m for m, s in zip(pick(outcome), sentence.spans, strict=True)
                     if family is None or s.family == family]
            units.append((sum(marks), len(marks)))
        return units

    out: dict = {"sentences": len(outcomes)}
    for name, pick in (("recall", lambda o: o.flagged), ("fix_rate", lambda o: o.fixed),
                       ("applied_rate", lambda o: o.applied)):
        out[name] = figure(spans_of(pick, None), resamples, seed)
        out[f"{name}_by_family"] = {f: figure(spans_of(pick, f), resamples, seed)
                                    for f in FAMILIES}
    out["precision"] = figure([(o.issues_on_spans, o.issues) for _, o in outcomes],
                              resamples, seed)
    by_category: dict[str, list[int]] = {}
    for _, outcome in outcomes:
        for category, (n, hit) in outcome.categories.items():
            counts = by_category.setdefault(category, [0, 0])
            counts[0] += n
            counts[1] += hit
    out["issues_by_category"] = {c: {"issues": n, "on_awkward_span": hit}
                                 for c, (n, hit) in sorted(by_category.items())}
    return out


def clean_figures(flags: Sequence[tuple[CleanSentence, Sequence[str]]], resamples: int = 1000,
                  seed: int = 0) -> dict:
    """``flags``: each clean sentence with the categories of its issues."""
    out: dict = {}
    for source in (*CLEAN_SOURCES, "all"):
        rows = [(s, cats) for s, cats in flags if source in ("all", s.source)]
        if not rows:
            continue
        mt_units = [(float(bool(MT_CATEGORIES & set(cats))), 1.0) for _, cats in rows]
        any_units = [(float(bool(cats)), 1.0) for _, cats in rows]
        counts: dict[str, int] = {}
        for _, cats in rows:
            for c in set(cats):
                counts[c] = counts.get(c, 0) + 1
        out[source] = {"mt_flag_rate": figure(mt_units, resamples, seed),
                       "any_flag_rate": figure(any_units, resamples, seed),
                       "sentences_by_category": dict(sorted(counts.items()))}
    return out


# ---------------------------------------------------------------- running textfix


def make_pipeline(no_models: bool = False, checks: Sequence[str] | None = None,
                  edit_tagger: bool = False):
    """The default configuration, as ``textfix check`` builds it (``--no-models``, ``--checks``,
    ``--edit-tagger``)."""
    from ..catalogue import catalogue
    from ..config import Config, model_checks
    from ..pipeline import Pipeline

    config = Config(suggest_edits=edit_tagger)
    if checks:
        config.checks = catalogue().validate(checks)
    if no_models:
        config.checks = tuple(c for c in config.checks if c not in set(model_checks()))
        config.rank_with_lm = False
    return Pipeline(config)


def run_texts(pipeline, texts: Sequence[str]) -> list:
    from ..ingest import document_from_text

    return pipeline.run([document_from_text(t, f"s{k}") for k, t in enumerate(texts)])


def evaluate(mt: Sequence[MtSentence], clean: Sequence[CleanSentence], pipeline,
             resamples: int = 1000, seed: int = 0) -> dict:
    results = run_texts(pipeline, [s.text for s in mt] + [s.text for s in clean])
    outcomes = []
    for sentence, result in zip(mt, results[: len(mt)], strict=True):
        edits = [Change(e.start, e.end, e.replacement) for e in result.edits]
        outcomes.append((sentence, judge_mt(sentence, result.issues, edits)))
    flags = [(s, [i.category for i in r.issues])
             for s, r in zip(clean, results[len(mt) :], strict=True)]
    figures = {"mt": mt_figures(outcomes, resamples, seed)}
    if clean:
        figures["clean"] = clean_figures(flags, resamples, seed)
    return figures


# ---------------------------------------------------------------- printing


def _pct(f: dict) -> str:
    if f["value"] is None:
        return "   n/a"
    return (f"{f['value']:6.1%}  [{f['low']:.1%}, {f['high']:.1%}]  "
            f"(n={f['n']:g}, {f['sentences']} sentences)")


def format_figures(figures: dict, title: str = "") -> str:
    lines = [title] if title else []
    mt = figures["mt"]
    lines.append(f"MT sentences: {mt['sentences']}")
    for name, label in (("recall", "awkward spans flagged"), ("fix_rate", "acceptable fix first"),
                        ("applied_rate", "acceptable fix applied")):
        lines.append(f"  {label:28s} {_pct(mt[name])}")
        for family in FAMILIES:
            lines.append(f"    {family:26s} {_pct(mt[name + '_by_family'][family])}")
    lines.append(f"  {'precision of flags':28s} {_pct(mt['precision'])}")
    lines.append("  issues by category (on an awkward span / all): " + ", ".join(
        f"{c} {v['on_awkward_span']}/{v['issues']}" for c, v in mt["issues_by_category"].items()))
    for source, clean in figures.get("clean", {}).items():
        lines.append(f"Clean sentences, {source}:")
        lines.append(f"  {'any MT-awkwardness flag':28s} {_pct(clean['mt_flag_rate'])}")
        lines.append(f"  {'any flag':28s} {_pct(clean['any_flag_rate'])}")
        lines.append("  sentences flagged by category: " + ", ".join(
            f"{c} {n}" for c, n in clean["sentences_by_category"].items()))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    root = Path(__file__).resolve().parents[3]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("test", "tune", "all"), default="test")
    parser.add_argument("--devset", type=Path, default=root / "corpus" / "devset")
    parser.add_argument("--data", type=Path, default=root.parent / "shared" / "data")
    parser.add_argument("--no-models", action="store_true")
    parser.add_argument("--checks", help="comma-separated checks (default: the default set)")
    parser.add_argument("--edit-tagger", action="store_true",
                        help="the edit tagger as a suggestion source and detector, as "
                             "textfix check --edit-tagger")
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    mt = in_split(load_mt(args.devset / "mt.jsonl"), args.split)
    if args.data.is_dir():
        clean = in_split(load_clean(args.devset / "clean.jsonl", args.data), args.split)
    else:
        print(f"{args.data} is absent: no clean sentences, no false-alarm figures",
              file=sys.stderr)
        clean = []
    checks = [c.strip() for c in args.checks.split(",") if c.strip()] if args.checks else None
    pipeline = make_pipeline(args.no_models, checks, args.edit_tagger)
    figures = evaluate(mt, clean, pipeline, args.resamples, args.seed)
    figures["settings"] = {"split": args.split, "no_models": args.no_models,
                           "edit_tagger": args.edit_tagger,
                           "checks": list(pipeline.config.checks),
                           "resamples": args.resamples, "seed": args.seed}
    print(format_figures(figures, f"split {args.split}, checks {','.join(pipeline.config.checks)}"
                                  f"{', no models' if args.no_models else ''}"))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0
