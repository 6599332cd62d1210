"""Fine-tune the pretrained MiniLM as the awkwardness tagger (``textfix train tagger``).

Data: MLQE-PE ru-en train word tags (the last 500 sentences held out for early stopping, the
threshold and the calibration), MedQuAD sentences corrupted by the noise model (corrupted words
BAD, clean sentences all OK) and the team's annotated ``corpus/devset/mt.jsonl`` rows of the
"tune" split. MLQE-PE dev is evaluated once, at the end.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import torch
from torch import nn

from ..detok import detokenize
from ..errors import InputError
from ..models.batching import pad_rows
from ..models.loading import cpu_threads, load_pretrained
from ..models.tagger import (
    HTER,
    WORDS,
    SharedEncoder,
    TaggerSettings,
    WordTagger,
    default_heads,
    encode_words,
    pretrained_encoder_folder,
    quantise,
)
from ..models.words import align_tokens, project_tags, split_words
from .calibration import best_threshold, calibrated, fit_calibration, reliability
from .common import TRAIN_THREADS, Log, TrainResult, _stderr, optimizer_and_schedule, update
from .data import MlqeExample, find_medquad, find_mlqe, medquad_sentences, read_medquad, read_mlqe
from .lm import split_answers
from .metrics import binary_scores, pearson
from .noise import corrupt

DEVSET = Path(__file__).resolve().parents[3] / "corpus" / "devset" / "mt.jsonl"
ENCODER_LR, HEAD_LR = 8e-5, 1e-3  # few hundred updates fit a shared CPU: a brisk rate
HELD_OUT_TRAIN = 500  # last MLQE-PE train sentences, held out: early stopping, calibration


@dataclass
class Row:
    """One training sentence: wordpiece ids, a label on each word's first wordpiece."""

    ids: list[int]
    labels: list[int]  # per wordpiece: 0 OK, 1 BAD, -100 ignored
    hter: float
    source: str


def make_row(tokenizer, text: str, bad: Sequence[bool], hter: float, source: str,
             max_length: int = 256) -> Row:
    spans = [(s, e) for _, s, e in split_words(text)]
    ids, firsts = encode_words(tokenizer, text, spans, max_length)
    labels = [-100] * len(ids)
    for first, flag in zip(firsts, bad, strict=True):
        if first >= 0:
            labels[first] = int(flag)
    return Row(ids, labels, hter, source)


def mlqe_rows(examples: Sequence[MlqeExample], tokenizer) -> list[Row]:
    """Moses-token tags projected by character offsets onto the words textfix splits."""
    rows = []
    for ex in examples:
        text = detokenize(" ".join(ex.tokens))
        spans = [(s, e) for _, s, e in split_words(text)]
        bad = project_tags(align_tokens(ex.tokens, text), ex.bad, spans)
        rows.append(make_row(tokenizer, text, bad, ex.hter, "mlqe"))
    return rows


def corrupted_labels(clean: str, noisy: str) -> list[bool]:
    """BAD for every word of ``noisy`` the noise changed or inserted, and for the word after a
    deletion (where a reader notices the missing article or subject)."""
    a = [w.lower() for w, _, _ in split_words(clean)]
    b = [w.lower() for w, _, _ in split_words(noisy)]
    bad = [False] * len(b)
    for op, _, _, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("replace", "insert"):
            bad[j1:j2] = [True] * (j2 - j1)
        elif op == "delete" and b:
            bad[min(j1, len(b) - 1)] = True
    return bad


def medquad_split(data: Path, tiny: bool, seed: int = 0) -> tuple[list[str], list[str]]:
    """Answers de-duplicated, minus those the LM holds out; 5% of the rest held out here (for
    the clean-text flag rate), by answer, before any sentence is taken."""
    answers = read_medquad(find_medquad(data), limit=400 if tiny else None)
    lm_held = set(split_answers(answers, seed)[1])
    unique = sorted({a for a in answers if a not in lm_held})
    random.Random(seed).shuffle(unique)
    cut = max(1, len(unique) // 20)
    return unique[cut:], unique[:cut]


def medquad_rows(answers: Sequence[str], tokenizer, n: int, clean_share: float,
                 seed: int) -> list[Row]:
    """``n`` sentences: a ``clean_share`` left clean (all OK), the rest corrupted."""
    rng = random.Random(seed)
    sentences = medquad_sentences(answers)
    rng.shuffle(sentences)
    rows = []
    for sentence in sentences:
        if len(rows) >= n:
            break
        if rng.random() < clean_share:
            rows.append(make_row(tokenizer, sentence, [False] * len(split_words(sentence)), 0.0,
                                 "medquad-clean"))
            continue
        noisy, applied = corrupt(sentence, rng)
        if not applied:
            continue
        bad = corrupted_labels(sentence, noisy)
        rows.append(make_row(tokenizer, noisy, bad, sum(bad) / max(1, len(bad)),
                             "medquad-noisy"))
    return rows


def devset_rows(tokenizer, path: Path = DEVSET) -> list[Row]:
    """The team's annotated MT sentences, "tune" split only (never "test")."""
    if not path.is_file():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        if item.get("split") != "tune":
            continue
        text = item["text"]
        spans = [(s["start"], s["end"]) for s in item.get("spans", [])]
        words = split_words(text)
        bad = [any(s < e2 and s2 < e for s2, e2 in spans) for _, s, e in words]
        rows.append(make_row(tokenizer, text, bad, sum(bad) / max(1, len(bad)), "devset-tune"))
    return rows


@dataclass
class TaggerData:
    train: list[Row]
    heldout: list[Row]
    dev: list[Row]
    clean_held: list[str]  # held-out clean MedQuAD sentences (flag rate)
    counts: dict = field(default_factory=dict)


def read_tagger_data(data: Path, tokenizer, tiny: bool, seed: int, log: Log) -> TaggerData:
    train_all = read_mlqe(find_mlqe(data, "train"), limit=120 if tiny else None)
    held = 30 if tiny else HELD_OUT_TRAIN
    try:
        dev = read_mlqe(find_mlqe(data, "dev"), limit=40 if tiny else None)
    except InputError:
        dev = []
    mlqe = mlqe_rows(train_all[:-held], tokenizer)
    try:
        med_train, med_held = medquad_split(data, tiny, seed)
    except InputError:
        med_train, med_held = [], []
    medquad = medquad_rows(med_train, tokenizer, 40 if tiny else 3500, 0.25, seed)
    tune = devset_rows(tokenizer)
    train = mlqe + medquad + tune * (1 if tiny else 3)
    counts = {"mlqe_train": len(mlqe), "medquad_noisy": sum(r.source == "medquad-noisy"
                                                            for r in medquad),
              "medquad_clean": sum(r.source == "medquad-clean" for r in medquad),
              "devset_tune": len(tune), "heldout": held, "dev": len(dev)}
    log(f"tagger data: {counts}")
    clean_held = medquad_sentences(med_held)[: 20 if tiny else 400]
    return TaggerData(train, mlqe_rows(train_all[-held:], tokenizer), mlqe_rows(dev, tokenizer),
                      clean_held, counts)


def sorted_batches(rows: Sequence[Row], tokens: int, rng: random.Random) -> list[list[int]]:
    """Batches of similar length (about ``tokens`` wordpieces each), in random order: padding
    is almost free and every batch costs about the same."""
    order = sorted(range(len(rows)), key=lambda i: (len(rows[i].ids), rng.random()))
    batches, current, width = [], [], 0
    for i in order:
        width = max(width, len(rows[i].ids))
        if current and width * (len(current) + 1) > tokens:
            batches.append(current)
            current, width = [], len(rows[i].ids)
        current.append(i)
    if current:
        batches.append(current)
    rng.shuffle(batches)
    return batches


def tensors(rows: Sequence[Row], pad: int):
    ids, mask = pad_rows([r.ids for r in rows], pad)
    labels = torch.full(ids.shape, -100, dtype=torch.long)
    for i, r in enumerate(rows):
        labels[i, : len(r.labels)] = torch.tensor(r.labels, dtype=torch.long)
    return ids, mask, labels, torch.tensor([r.hter for r in rows], dtype=torch.float)


def batch_loss(model: SharedEncoder, rows: Sequence[Row], pad: int) -> torch.Tensor:
    """Word cross-entropy (unweighted, so probabilities stay calibratable) plus HTER MSE."""
    ids, mask, labels, hter = tensors(rows, pad)
    out = model.run(ids, mask)
    ce = nn.functional.cross_entropy(out[WORDS].view(-1, 2), labels.view(-1), ignore_index=-100)
    return ce + 2.0 * nn.functional.mse_loss(out[HTER], hter)


@torch.no_grad()
def predict_rows(model: SharedEncoder, rows: Sequence[Row], pad: int, batch: int = 64):
    """Word logits (BAD minus OK, for labelled words), gold labels, sentence scores."""
    model.eval()
    margins: list[float] = []
    gold: list[bool] = []
    scores = [0.0] * len(rows)
    order = sorted(range(len(rows)), key=lambda i: len(rows[i].ids))
    for b in range(0, len(order), batch):
        idx = order[b : b + batch]
        ids, mask, labels, _ = tensors([rows[i] for i in idx], pad)
        out = model.run(ids, mask)
        logits = out[WORDS].float()
        keep = labels >= 0
        margins.extend((logits[..., 1] - logits[..., 0])[keep].tolist())
        gold.extend(bool(x) for x in labels[keep].tolist())
        for k, i in enumerate(idx):
            scores[i] = float(out[HTER][k])
    model.train()
    return margins, gold, scores


def word_metrics(model: SharedEncoder, rows: Sequence[Row], pad: int,
                 calibration: tuple[float, float], threshold: float | None = None) -> dict:
    """MCC / F1-BAD at ``threshold`` (None: the best one) on P(BAD) calibrated with
    (temperature, bias), and r(HTER) of the sentence head."""
    margins, gold, scores = predict_rows(model, rows, pad)
    probs = calibrated(margins, *calibration)
    if threshold is None:
        threshold, _ = best_threshold(probs, gold)
    result = binary_scores([p >= threshold for p in probs], gold)
    result["threshold"] = threshold
    result["pearson_hter"] = pearson(scores, [r.hter for r in rows])
    return result


@dataclass
class Fit:
    steps: int = 0
    kept_step: int = 0
    best_mcc: float = -1.0
    seconds: float = 0.0
    tokens: int = 0
    history: list[float] = field(default_factory=list)


def _snapshot(model: SharedEncoder) -> dict:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def fine_tune(model: SharedEncoder, data: TaggerData, pad: int, tiny: bool, max_minutes: float,
              steps: int | None, seed: int, log: Log) -> Fit:
    """Whole-encoder fine-tuning on length-sorted batches; the weights with the best held-out
    MCC are kept (checked every few minutes, and at the end)."""
    rng = random.Random(seed)
    seconds = max_minutes * 60
    steps = steps or (6 if tiny else 100_000)
    groups = [{"params": list(model.encoder.parameters()), "lr": ENCODER_LR},
              {"params": list(model.heads.parameters()), "lr": HEAD_LR}]
    optimizer, scheduler = optimizer_and_schedule(groups, ENCODER_LR, steps, warmup=30,
                                                  seconds=seconds)
    fit, best, running = Fit(), None, []
    start = last_eval = time.time()
    model.train()
    while fit.steps < steps and time.time() - start < seconds:
        for idx in sorted_batches(data.train, 160 if tiny else 500, rng):
            rows = [data.train[i] for i in idx]
            running.append(update(batch_loss(model, rows, pad), model.parameters(), optimizer,
                                  scheduler))
            fit.steps += 1
            fit.tokens += sum(len(r.ids) for r in rows)
            if fit.steps % 20 == 0 or tiny:
                fit.history.append(sum(running) / len(running))
                running = []
                elapsed = time.time() - start
                log(f"tagger step {fit.steps} loss {fit.history[-1]:.3f} ({elapsed:.0f}s, "
                    f"{fit.tokens / max(1.0, elapsed):.0f} wordpieces/s)")
            done = fit.steps >= steps or time.time() - start >= seconds
            if done or time.time() - last_eval > 420:
                best = _keep_best(model, data, pad, fit, best, log)
                last_eval = time.time()
            if done:
                break
    if best is not None and fit.kept_step != fit.steps:
        log(f"tagger: restoring step {fit.kept_step} (held-out MCC {fit.best_mcc:.3f})")
        model.load_state_dict(best)
    fit.seconds = time.time() - start
    return fit


def _keep_best(model: SharedEncoder, data: TaggerData, pad: int, fit: Fit, best: dict | None,
               log: Log) -> dict | None:
    held = word_metrics(model, data.heldout, pad, (1.0, 0.0))
    log(f"tagger step {fit.steps}: held-out MCC {held['mcc']:.3f} F1-BAD {held['f1_bad']:.3f} "
        f"r(HTER) {held['pearson_hter']:.3f} at threshold {held['threshold']:.2f}")
    if best is not None and held["mcc"] <= fit.best_mcc:
        return best
    fit.best_mcc, fit.kept_step = held["mcc"], fit.steps
    return _snapshot(model)


def start_model(encoder_path: str | None) -> tuple[SharedEncoder, object]:
    from transformers import BertModel

    folder = encoder_path or str(pretrained_encoder_folder())
    tokenizer, encoder = load_pretrained(folder, "tagger encoder", BertModel)
    tokenizer.backend_tokenizer.no_padding()
    tokenizer.backend_tokenizer.no_truncation()
    return SharedEncoder(encoder, default_heads(encoder.config.hidden_size)), tokenizer


def decide_int8(model: SharedEncoder, data: TaggerData, pad: int,
                calibration: tuple[float, float], threshold: float, log: Log) -> dict:
    """Quantise only when held-out MCC stays within 0.01 of fp32 (measured, with timings)."""
    t0 = time.time()
    fp32 = word_metrics(model, data.heldout, pad, calibration, threshold)
    t1 = time.time()
    q = quantise(model)
    int8 = word_metrics(q, data.heldout, pad, calibration, threshold)
    t2 = time.time()
    tokens = sum(len(r.ids) for r in data.heldout)
    result = {"fp32_mcc": round(fp32["mcc"], 4), "int8_mcc": round(int8["mcc"], 4),
              "fp32_tokens_per_s": round(tokens / (t1 - t0)),
              "int8_tokens_per_s": round(tokens / (t2 - t1)),
              "int8": fp32["mcc"] - int8["mcc"] <= 0.01}
    log(f"tagger: int8 check {result}")
    return result


def clean_flag_rate(model: SharedEncoder, tokenizer, settings: TaggerSettings,
                    sentences: Sequence[str]) -> float:
    """Share of held-out clean MedQuAD sentences with any word at or above the threshold."""
    if not sentences:
        return 0.0
    tagger = WordTagger(model, tokenizer, settings)
    preds = tagger.predict(sentences)
    flagged = sum(any(p >= settings.threshold for _, _, p in pred.word_spans) for pred in preds)
    model.train()
    return flagged / len(sentences)


def calibrate_and_measure(model: SharedEncoder, tokenizer, corpus: TaggerData, fit: Fit,
                          log: Log) -> TaggerSettings:
    """Calibration, threshold and int8 decision on the held-out sentences; dev measured once;
    the settings the runtime reads, with every figure the card reports."""
    pad = tokenizer.pad_token_id or 0
    margins, gold, _ = predict_rows(model, corpus.heldout, pad)
    temperature, bias = fit_calibration(margins, gold)
    probs = calibrated(margins, temperature, bias)
    threshold, _ = best_threshold(probs, gold)
    quant = decide_int8(model, corpus, pad, (temperature, bias), threshold, log)
    metrics = {"threshold": threshold, "temperature": temperature, "bias": bias,
               "steps": fit.steps, "kept_step": fit.kept_step,
               "heldout_mcc": round(fit.best_mcc, 4), "quantisation": quant,
               "data": corpus.counts, "reliability": reliability(probs, gold),
               "train_wordpieces_per_s": round(fit.tokens / max(1.0, fit.seconds))}
    if corpus.dev:
        dev = word_metrics(model, corpus.dev, pad, (temperature, bias), threshold)
        metrics["dev_words"] = {k: round(v, 4) for k, v in dev.items()}
        log(f"tagger: dev MCC {dev['mcc']:.3f} F1-BAD {dev['f1_bad']:.3f} "
            f"r(HTER) {dev['pearson_hter']:.3f} at threshold {threshold:.2f}")
    settings = TaggerSettings(threshold, temperature, bias, 256, quant["int8"], metrics)
    metrics["clean_flag_rate"] = round(clean_flag_rate(model, tokenizer, settings,
                                                       corpus.clean_held), 4)
    return settings


def train_tagger(data: Path, out: Path, steps: int | None = None, tiny: bool = False,
                 max_minutes: float = 35.0, seed: int = 0, command: str = "",
                 encoder: str | None = None, log: Log = _stderr, **_: object) -> TrainResult:
    """Fine-tune, calibrate on the held-out MLQE-PE sentences, measure dev once, save fp16."""
    cpu_threads(TRAIN_THREADS)
    torch.manual_seed(seed)
    clock = time.time()
    model, tokenizer = start_model(encoder)
    corpus = read_tagger_data(data, tokenizer, tiny, seed, log)
    fit = fine_tune(model, corpus, tokenizer.pad_token_id or 0, tiny, max_minutes, steps, seed,
                    log)
    settings = calibrate_and_measure(model, tokenizer, corpus, fit, log)
    model.save(out, tokenizer, settings.__dict__)
    from .tagger_card import write_tagger_card

    seconds = time.time() - clock
    write_tagger_card(out, model, settings.metrics, fit, seconds, command)
    return TrainResult(out, seconds, settings.metrics, fit.history)
