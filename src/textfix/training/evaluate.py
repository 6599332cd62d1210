"""``textfix eval``: flags, sentence scores and corrections against human labels, side by side.

Every system reads the same input a user would give: each tokenized corpus line is detokenized
and becomes one document. Flags (character spans) of any system are mapped back to the corpus
tokens for word-level MCC/F1-BAD; sentence scores are correlated with HTER; corrected outputs are
compared with the post-edits (TER) or JFLEG's references (GLEU), both sides split into words by
the same tokenizer (``textfix.models.words``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..detok import detokenize
from ..errors import InputError, TextfixError
from ..models.words import align_tokens, overlaps, split_words
from ..records import Edit
from ..stages.apply import apply_edits
from .data import read_jfleg
from .metrics import binary_scores, gleu, pearson, ter

SYSTEMS = ("nothing", "harper", "quality", "textfix", "edits", "textfix-edits")
LABELS = {"nothing": "do nothing", "harper": "harper alone", "quality": "word model alone",
          "textfix": "textfix (+fluency)", "edits": "edit tagger alone",
          "textfix-edits": "textfix + edit tagger (--edit-tagger)"}
CORRECTORS = ("harper", "textfix", "edits", "textfix-edits")  # ERRANT precision for these


@dataclass
class SystemOutput:
    """What one system made of one text."""

    flags: list[tuple[int, int]] = field(default_factory=list)
    corrected: str = ""
    score: float | None = None  # sentence score, higher = worse; None if the system has none


Runner = Callable[[list[str]], list[SystemOutput]]


def words_line(text: str) -> str:
    """Text as space-separated words, so TER and GLEU compare every system alike."""
    return " ".join(w for w, _, _ in split_words(text))


# --------------------------------------------------------------------------- systems


def run_nothing(texts: list[str]) -> list[SystemOutput]:
    return [SystemOutput([], t, None) for t in texts]


def run_harper(texts: list[str]) -> list[SystemOutput]:
    """Plain harper with its default rules: every lint a flag, its first suggestion applied."""
    from ..checks.grammar.harper_backend import HarperBackend

    backend = HarperBackend(disabled_rules=(), disabled_kinds=(), regex_mask=None, silent=())
    outputs = []
    for text in texts:
        matches = backend.check(text)
        edits, end = [], -1
        for m in matches:
            if m.replacements and m.start >= end:
                edits.append(Edit(m.start, m.end, m.replacements[0]))
                end = max(m.end, m.start + 1)
        n_words = max(1, len(split_words(text)))
        outputs.append(SystemOutput([(m.start, m.end) for m in matches],
                                    apply_edits(text, edits), len(matches) / n_words))
    return outputs


def make_quality_runner(model_path: str | None) -> Runner:
    """The word model the fluency check uses (the shipped tagger, else the quality model; a
    ``--quality-model`` path of either kind), alone: every word at its threshold a flag."""

    def run(texts: list[str]) -> list[SystemOutput]:
        from ..models.word_model import load_word_model

        model = load_word_model(model_path)
        outputs = []
        for text, pred in zip(texts, model.predict(texts), strict=True):
            flags = [(s, e) for s, e, p in pred.word_spans if p >= model.threshold]
            outputs.append(SystemOutput(flags, text, pred.sentence_score))
        return outputs

    return run


def run_edits(texts: list[str]) -> list[SystemOutput]:
    """The edit tagger alone (``edit_eval.run_edit_tagger``): no guard, no LM."""
    from .edit_eval import run_edit_tagger

    return [SystemOutput([], out, None) for out in run_edit_tagger(texts)]


def make_textfix_runner(model_path: str | None, with_fluency: bool = True,
                        suggest_edits: bool = False) -> Runner:
    def run(texts: list[str]) -> list[SystemOutput]:
        import os

        from ..config import Config, default_checks, model_checks
        from ..ingest import document_from_text
        from ..pipeline import Pipeline

        if model_path:
            os.environ["TEXTFIX_QUALITY_MODEL"] = model_path
        checks = default_checks() if with_fluency else tuple(
            c for c in default_checks() if c not in model_checks())
        pipeline = Pipeline(Config(checks=checks, rank_with_lm=with_fluency,
                                   suggest_edits=suggest_edits))
        docs = [document_from_text(t, doc_id=f"line{i}") for i, t in enumerate(texts)]
        outputs = []
        for result in pipeline.run(docs):
            quality = result.document.metadata.get("sentence_quality") or []
            weight = sum(q["end"] - q["start"] for q in quality)
            score = (sum(q["score"] * (q["end"] - q["start"]) for q in quality) / weight
                     if weight else None)
            outputs.append(SystemOutput([(i.start, i.end) for i in result.issues],
                                        result.corrected, score))
        return outputs

    return run


def runners(systems: Sequence[str], model_path: str | None) -> dict[str, Runner]:
    table: dict[str, Runner] = {
        "nothing": run_nothing,
        "harper": run_harper,
        "quality": make_quality_runner(model_path),
        "textfix": make_textfix_runner(model_path),
        "textfix-edits": make_textfix_runner(model_path, suggest_edits=True),
        "edits": run_edits,
    }
    unknown = [s for s in systems if s not in table]
    if unknown:
        raise InputError(
            f"unknown system(s) {', '.join(unknown)}; choose from {', '.join(SYSTEMS)}"
        )
    return {s: table[s] for s in systems}


def _reason(exc: Exception) -> str:
    if isinstance(exc, TextfixError):
        return str(exc)
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{exc.__class__.__name__}: {first}"


# --------------------------------------------------------------------------- MLQE-PE


def _run_system(name: str, runner: Runner, texts: list[str], results: dict,
                log: Callable[[str], None]) -> list[SystemOutput] | None:
    """The system's outputs, or None after recording why it failed: one failing system must
    not sink the others."""
    try:
        return runner(texts)
    except Exception as exc:  # noqa: BLE001
        results[name] = {"error": _reason(exc)}
        log(f"{LABELS[name]}: skipped ({results[name]['error']})")
        return None


def token_flags(tokens: Sequence[str], text: str, flags: Sequence[tuple[int, int]]) -> list[bool]:
    """A corpus token is flagged when any flagged character span overlaps it."""
    spans = align_tokens(tokens, text)
    return [any(overlaps(span, f) for f in flags if f[0] < f[1]) for span in spans]


def eval_mlqe(folder: Path, systems: dict[str, Runner], limit: int | None = None,
              log: Callable[[str], None] = print) -> dict:
    from .data import read_mlqe

    examples = read_mlqe(folder, limit=limit)
    texts = [detokenize(" ".join(ex.tokens)) for ex in examples]
    gold = [flag for ex in examples for flag in ex.bad]
    hter = [ex.hter for ex in examples]
    refs = [words_line(detokenize(ex.pe)) for ex in examples]
    results = {}
    for name, runner in systems.items():
        start = time.time()
        outputs = _run_system(name, runner, texts, results, log)
        if outputs is None:
            continue
        pred = [flag for ex, text, out in zip(examples, texts, outputs, strict=True)
                for flag in token_flags(ex.tokens, text, out.flags)]
        row = {k: round(v, 4) for k, v in binary_scores(pred, gold).items()}
        row["flagged_words"] = round(sum(pred) / max(1, len(pred)), 4)
        scores = [o.score for o in outputs]
        row["pearson_hter"] = (round(pearson([s or 0.0 for s in scores], hter), 4)
                               if any(s is not None for s in scores) else None)
        row["ter"] = round(ter([words_line(o.corrected) for o in outputs], refs), 2)
        row["changed_sentences"] = sum(o.corrected != t for o, t in zip(outputs, texts,
                                                                        strict=True))
        row["seconds"] = round(time.time() - start, 1)
        if name in CORRECTORS:
            row.update(_correction_scores(texts, outputs, [[detokenize(ex.pe)]
                                                           for ex in examples]))
        results[name] = row
        log(f"{LABELS[name]}: done in {row['seconds']}s")
    return {"data": str(folder), "sentences": len(examples), "words": len(gold),
            "bad_words": round(sum(gold) / max(1, len(gold)), 4), "systems": results}


# --------------------------------------------------------------------------- JFLEG


def eval_jfleg(folder: Path, systems: dict[str, Runner], limit: int | None = None,
               log: Callable[[str], None] = print, lines: str = "all") -> dict:
    src, refs = read_jfleg(folder, limit, lines)
    texts = [detokenize(s) for s in src]
    src_words = [words_line(t) for t in texts]
    ref_words = [[words_line(detokenize(r)) for r in ref] for ref in refs]
    results = {}
    for name, runner in systems.items():
        if name == "quality":  # flags only, no corrections: the same output as "do nothing"
            continue
        start = time.time()
        outputs = _run_system(name, runner, texts, results, log)
        if outputs is None:
            continue
        hyps = [words_line(o.corrected) for o in outputs]
        results[name] = {
            "gleu": round(gleu(src_words, ref_words, hyps), 4),
            "changed_sentences": sum(o.corrected != t for o, t in zip(outputs, texts,
                                                                      strict=True)),
            "seconds": round(time.time() - start, 1),
        }
        if name in CORRECTORS:
            results[name].update(_correction_scores(
                texts, outputs, [[detokenize(r) for r in sent] for sent in zip(*refs, strict=True)],
                closer=False))
        log(f"{LABELS[name]}: done in {results[name]['seconds']}s")
    return {"data": str(folder), "lines": lines, "sentences": len(src), "references": len(refs),
            "systems": results}


def _correction_scores(texts: list[str], outputs: list[SystemOutput], refs: list[list[str]],
                       closer: bool = True) -> dict:
    """ERRANT precision/recall of the applied edits (``refs``: each sentence's references);
    against a post-edit, the share of changed sentences that got closer."""
    from .edit_eval import closer_share, errant_scores

    fixed = [o.corrected for o in outputs]
    row = {"errant": errant_scores(texts, fixed, refs)}
    if closer:
        row["closer"] = closer_share([words_line(t) for t in texts],
                                     [words_line(f) for f in fixed],
                                     [words_line(r[0]) for r in refs])
    return row


def _correction_lines(systems: dict) -> list[str]:
    lines = []
    for name, row in systems.items():
        if "errant" in row:
            e, c = row["errant"], row.get("closer")
            more = (f"; of {c['changed']} changed sentences {c['closer']:.1%} closer to the "
                    f"post-edit, {c['farther']:.1%} farther" if c else "")
            lines.append(f"  {LABELS[name]}: {e['applied_edits']} edits applied, ERRANT "
                         f"precision {e['precision']:.3f}, recall {e['recall']:.3f}{more}")
    return lines


# --------------------------------------------------------------------------- report


def _fmt(value, digits: int = 3) -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def format_tables(report: dict) -> str:
    lines = []
    if "word_model" in report:
        w = report["word_model"]
        lines.append(f"word model (fluency check, 'word model alone'): {w['kind']} from "
                     f"{w['source']}")
    if "mlqe" in report:
        m = report["mlqe"]
        lines.append(f"MLQE-PE {m['data']}: {m['sentences']} sentences, {m['words']} words, "
                     f"{m['bad_words']:.1%} BAD")
        lines.append(f"{'system':<22}{'MCC':>8}{'F1-BAD':>8}{'flagged':>9}{'r(HTER)':>9}"
                     f"{'TER':>8}{'changed':>9}")
        for name, row in m["systems"].items():
            if "error" in row:
                lines.append(f"{LABELS[name]:<22}  error: {row['error']}")
                continue
            lines.append(f"{LABELS[name]:<22}{_fmt(row['mcc']):>8}{_fmt(row['f1_bad']):>8}"
                         f"{row['flagged_words']:>9.1%}{_fmt(row['pearson_hter']):>9}"
                         f"{row['ter']:>8.2f}{row['changed_sentences']:>9}")
        lines.append("TER: % word edits (with shifts, sacrebleu) to reach the post-edits; lower "
                     "is better. r(HTER): Pearson r of sentence scores with HTER (harper: lints "
                     "per word).")
        lines.extend(_correction_lines(m["systems"]))
    if "jfleg" in report:
        j = report["jfleg"]
        lines.append("")
        part = "" if j.get("lines", "all") == "all" else f" ({j['lines']} lines)"
        lines.append(f"JFLEG {j['data']}{part}: {j['sentences']} sentences, "
                     f"{j['references']} refs")
        lines.append(f"{'system':<22}{'GLEU':>8}{'changed':>9}")
        for name, row in j["systems"].items():
            if "error" in row:
                lines.append(f"{LABELS[name]:<22}  error: {row['error']}")
                continue
            lines.append(f"{LABELS[name]:<22}{row['gleu']:>8.4f}{row['changed_sentences']:>9}")
        lines.extend(_correction_lines(j["systems"]))
    return "\n".join(lines)


def run_eval(args: argparse.Namespace) -> int:
    if not args.mlqe and not args.jfleg:
        raise InputError("textfix eval needs --mlqe DIR and/or --jfleg DIR")
    names = [s.strip() for s in args.systems.split(",") if s.strip()]
    systems = runners(names, args.quality_model)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    report: dict = {}
    if "quality" in names or "textfix" in names:
        from ..models.word_model import word_model_source

        kind, source = word_model_source(args.quality_model)
        report["word_model"] = {"kind": kind, "source": source}
    if args.mlqe:
        from .data import find_mlqe

        folder = args.mlqe if list(args.mlqe.glob("*.tags")) else find_mlqe(args.mlqe, "dev")
        report["mlqe"] = eval_mlqe(folder, systems, args.limit, log)
    if args.jfleg:
        report["jfleg"] = eval_jfleg(args.jfleg, systems, args.limit, log, args.jfleg_lines)
    print(format_tables(report))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0
