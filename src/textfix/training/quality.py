"""Train the quality-estimation model behind the ``fluency`` check (``textfix train quality``):
masked-LM pre-training, then MLQE-PE word tags and sentence HTER."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn

from ..detok import detokenize
from ..errors import InputError
from ..models.loading import cpu_threads
from ..models.quality import HEAD_FILE, SETTINGS_FILE, SentenceHead, WordEncoder, spacing
from ..models.words import align_tokens, project_tags, split_words
from .common import (
    SPECIAL_TOKENS,
    TRAIN_THREADS,
    Log,
    TrainResult,
    _batches,
    _blocks,
    _pad,
    _save_fp16,
    _stderr,
    folder_size_mb,
    load_or_train_tokenizer,
    optimizer_and_schedule,
    update,
    write_card,
)
from .data import MlqeExample, find_medquad, find_mlqe, read_medquad, read_mlqe
from .metrics import binary_scores, pearson

MLM_SHARE = 0.3  # share of the quality time budget for masked-LM pre-training


@dataclass
class TaggedRow:
    ids: list[int]
    labels: list[int]  # per subword: 0 OK, 1 BAD, -100 ignored
    hter: float
    words_bad: list[bool]


def tagged_rows(examples: Sequence[MlqeExample], encoder: WordEncoder) -> list[TaggedRow]:
    """Words of the detokenized MT (as a user's text is split) with the MT tokens' tags."""
    rows = []
    for ex in examples:
        text = detokenize(" ".join(ex.tokens))
        words = split_words(text)
        spans = [(s, e) for _, s, e in words]
        bad = project_tags(align_tokens(ex.tokens, text), ex.bad, spans)
        ids, firsts = encoder.encode([w for w, _, _ in words], spacing(text, spans))
        labels = [-100] * len(ids)
        for first, flag in zip(firsts, bad, strict=True):
            if first >= 0:
                labels[first] = int(flag)
        rows.append(TaggedRow(ids, labels, ex.hter, bad))
    return rows


def _mask_tokens(ids: torch.Tensor, mask: torch.Tensor, tokenizer, rng: torch.Generator):
    labels = ids.clone()
    special = ids < len(SPECIAL_TOKENS)
    chosen = (torch.rand(ids.shape, generator=rng) < 0.15) & mask.bool() & ~special
    labels[~chosen] = -100
    inputs = ids.clone()
    replace = chosen & (torch.rand(ids.shape, generator=rng) < 0.8)
    inputs[replace] = tokenizer.mask_token_id
    randomise = chosen & ~replace & (torch.rand(ids.shape, generator=rng) < 0.5)
    inputs[randomise] = torch.randint(len(SPECIAL_TOKENS), len(tokenizer), ids.shape,
                                      generator=rng)[randomise]
    return inputs, labels


def _keep_best(best: dict | None, step: int, held: dict, tagger, head, log: Log) -> dict:
    """Remember the weights with the best held-out MCC: small data overfits within epochs."""
    log(f"quality step {step}: held-out MCC {held['mcc']:.3f} at threshold {held['threshold']:.3f}")
    if best is not None and held["mcc"] <= best["mcc"]:
        return best
    return {"step": step, "mcc": held["mcc"],
            "tagger": {k: v.detach().clone() for k, v in tagger.state_dict().items()},
            "head": {k: v.detach().clone() for k, v in head.state_dict().items()}}


def _best_threshold(probs: Sequence[float], gold: Sequence[bool]) -> tuple[float, float]:
    best = (0.5, -1.0)
    for t in [i / 40 for i in range(4, 38)]:
        mcc = binary_scores([p >= t for p in probs], gold)["mcc"]
        if mcc > best[1]:
            best = (t, mcc)
    return best


def train_quality(data: Path, out: Path, steps: int | None = None, tiny: bool = False,
                  tokenizer_path: str | None = None, mlm_steps: int | None = None,
                  max_minutes: float = 18.0, seed: int = 0, command: str = "",
                  hidden: int | None = None, layers: int | None = None,
                  mlm_share: float = MLM_SHARE, log: Log = _stderr) -> TrainResult:
    """Masked-LM pre-training on English MT, post-edits and medquad, then word tags + HTER.

    The last 500 training sentences (tiny: 40) are held out to pick the BAD threshold; MLQE dev
    is only evaluated on.
    """
    from transformers import RobertaConfig, RobertaForMaskedLM, RobertaForTokenClassification

    cpu_threads(TRAIN_THREADS)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    train_all = read_mlqe(find_mlqe(data, "train"), limit=160 if tiny else None)
    try:
        dev = read_mlqe(find_mlqe(data, "dev"), limit=40 if tiny else None)
    except InputError:
        dev = []
    held = 30 if tiny else 500
    train, heldout = train_all[:-held], train_all[-held:]
    try:
        medquad = read_medquad(find_medquad(data), limit=100 if tiny else 1500)
    except InputError:
        medquad = []
    english = [detokenize(" ".join(ex.tokens)) for ex in train]
    english += [detokenize(ex.pe) for ex in train]
    tokenizer = load_or_train_tokenizer(tokenizer_path, english + medquad,
                                        600 if tiny else 8000, log)
    max_length = 256
    hidden = hidden or (32 if tiny else 128)
    config = RobertaConfig(
        vocab_size=len(tokenizer), hidden_size=hidden, num_hidden_layers=layers or 2,
        num_attention_heads=2 if tiny else 4, intermediate_size=hidden * 4,
        max_position_embeddings=max_length + 2, pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
        type_vocab_size=1, num_labels=2, id2label={0: "OK", 1: "BAD"},
        label2id={"OK": 0, "BAD": 1},
    )
    start = time.time()
    budget = max_minutes * 60
    # --- stage 1: masked LM
    mlm_rows = [r for r in tokenizer(english, add_special_tokens=True, truncation=True,
                                     max_length=max_length)["input_ids"]]
    for block in _blocks(tokenizer, medquad, 62 if not tiny else 30):
        mlm_rows.append([tokenizer.bos_token_id, *block, tokenizer.eos_token_id])
    mlm = RobertaForMaskedLM(config)
    mlm_steps = mlm_steps if mlm_steps is not None else (10 if tiny else 2500)
    log(f"quality: {mlm.num_parameters() / 1e6:.1f}M parameters; masked-LM pre-training on "
        f"{len(mlm_rows)} rows, {mlm_steps} steps")
    optimizer, scheduler = optimizer_and_schedule(mlm.parameters(), 2e-3 if tiny else 7e-4,
                                                  mlm_steps, warmup=200,
                                                  seconds=budget * mlm_share)
    mlm.train()
    history: list[float] = []
    running: list[float] = []
    log_every = max(1, mlm_steps // 20)
    done = 0
    for done, idx in enumerate(_batches(len(mlm_rows), 32 if not tiny else 8, rng), start=1):
        if done > mlm_steps or time.time() - start > budget * mlm_share:
            break
        ids, mask = _pad([mlm_rows[i] for i in idx], tokenizer.pad_token_id)
        inputs, labels = _mask_tokens(ids, mask, tokenizer, gen)
        states = mlm.roberta(input_ids=inputs, attention_mask=mask).last_hidden_state
        chosen = labels != -100  # the vocabulary head only on masked positions: CPU time
        loss = nn.functional.cross_entropy(mlm.lm_head(states[chosen]), labels[chosen])
        running.append(update(loss, mlm.parameters(), optimizer, scheduler))
        if done % log_every == 0:
            log(f"mlm step {done}/{mlm_steps} loss {sum(running) / len(running):.3f} "
                f"({time.time() - start:.0f}s)")
            running = []
    mlm_seconds = time.time() - start
    mlm_done = done - 1  # the loop breaks before the step it would take
    # --- stage 2: word tags + sentence HTER
    tagger = RobertaForTokenClassification(config)
    tagger.roberta.load_state_dict(mlm.roberta.state_dict(), strict=False)
    del mlm
    head = SentenceHead(hidden)
    encoder = WordEncoder(tokenizer, max_length)
    rows = tagged_rows(train, encoder)
    held_rows = tagged_rows(heldout, encoder)
    dev_rows = tagged_rows(dev, encoder)
    n_bad = sum(sum(1 for x in r.labels if x == 1) for r in rows)
    n_all = sum(sum(1 for x in r.labels if x >= 0) for r in rows)
    bad_weight = min(6.0, (n_all - n_bad) / max(1, n_bad))
    ce = nn.CrossEntropyLoss(weight=torch.tensor([1.0, bad_weight]), ignore_index=-100)
    steps = steps or (20 if tiny else 1500)
    batch = 8 if tiny else 32
    params = list(tagger.parameters()) + list(head.parameters())
    optimizer, scheduler = optimizer_and_schedule(params, 2e-3 if tiny else 3e-4, steps,
                                                  warmup=100,
                                                  seconds=budget - (time.time() - start))
    log(f"quality: fine-tuning on {len(rows)} sentences ({n_bad / n_all:.1%} BAD words, "
        f"BAD weight {bad_weight:.1f}), {steps} steps of {batch}")

    def run(batch_rows: Sequence[TaggedRow]):
        ids, mask = _pad([r.ids for r in batch_rows], tokenizer.pad_token_id)
        labels, _ = _pad([r.labels for r in batch_rows], 0, fill_labels=True)
        out_ = tagger(input_ids=ids, attention_mask=mask, output_hidden_states=True)
        score = head(out_.hidden_states[-1], mask)
        return out_.logits, score, labels

    def evaluate(eval_rows: Sequence[TaggedRow], threshold: float | None = None) -> dict:
        tagger.eval()
        head.eval()
        probs: list[float] = []
        gold: list[bool] = []
        scores: list[float] = []
        losses = []
        with torch.no_grad():
            for i in range(0, len(eval_rows), 64):
                chunk = eval_rows[i : i + 64]
                logits, score, labels = run(chunk)
                losses.append(float(ce(logits.view(-1, 2), labels.view(-1))))
                p = torch.softmax(logits, -1)[..., 1]
                for r, row_labels in enumerate(labels.tolist()):
                    for k, lab in enumerate(row_labels):
                        if lab >= 0:
                            probs.append(float(p[r, k]))
                            gold.append(bool(lab))
                scores.extend(score.tolist())
        tagger.train()
        head.train()
        if threshold is None:
            threshold, _ = _best_threshold(probs, gold)
        result = binary_scores([p >= threshold for p in probs], gold)
        result["loss"] = sum(losses) / max(1, len(losses))
        result["threshold"] = threshold
        result["pearson_hter"] = pearson(scores, [r.hter for r in eval_rows])
        return result

    tagger.train()
    head.train()
    running = []
    best: dict | None = None  # early stopping on the held-out training sentences
    log_every = max(1, steps // 20)
    fine_start = time.time()
    for done, idx in enumerate(_batches(len(rows), batch, rng), start=1):
        logits, score, labels = run([rows[i] for i in idx])
        hter = torch.tensor([rows[i].hter for i in idx])
        loss = ce(logits.view(-1, 2), labels.view(-1)) + 4.0 * nn.functional.mse_loss(score, hter)
        running.append(update(loss, params, optimizer, scheduler))
        if done % log_every == 0:
            history.append(sum(running) / len(running))
            running = []
            log(f"quality step {done}/{steps} loss {history[-1]:.3f} "
                f"({time.time() - start:.0f}s)")
        if not tiny and done % 200 == 0:
            best = _keep_best(best, done, evaluate(held_rows), tagger, head, log)
            if dev_rows and done % 400 == 0:
                m = evaluate(dev_rows, 0.5)
                log(f"quality step {done}: dev loss {m['loss']:.3f} MCC {m['mcc']:.3f} "
                    f"F1-BAD {m['f1_bad']:.3f} r(HTER) {m['pearson_hter']:.3f} (threshold 0.5)")
        if done >= steps or time.time() - start > budget:
            break
    if best is not None and best["step"] != done:
        log(f"quality: restoring step {best['step']} (best held-out MCC {best['mcc']:.3f})")
        tagger.load_state_dict(best["tagger"])
        head.load_state_dict(best["head"])
    fine_seconds = time.time() - fine_start
    threshold = evaluate(held_rows)["threshold"] if held_rows else 0.5
    metrics = {"threshold": threshold, "steps": done, "mlm_steps": min(mlm_done, mlm_steps),
               "kept_step": best["step"] if best else done}
    if dev_rows:
        dev_metrics = evaluate(dev_rows, threshold)
        metrics["dev_words"] = {k: round(v, 4) for k, v in dev_metrics.items()}
        log(f"quality: dev MCC {dev_metrics['mcc']:.3f} F1-BAD {dev_metrics['f1_bad']:.3f} "
            f"r(HTER) {dev_metrics['pearson_hter']:.3f} at threshold {threshold:.3f}")
    seconds = time.time() - start
    out.mkdir(parents=True, exist_ok=True)
    _save_fp16(tagger, out)
    tokenizer.save_pretrained(out)
    from safetensors.torch import save_file

    save_file({k: v.half().contiguous() for k, v in head.state_dict().items()}, out / HEAD_FILE)
    (out / SETTINGS_FILE).write_text(json.dumps(
        {"threshold": threshold, "max_length": max_length, "metrics": metrics}, indent=2) + "\n",
        encoding="utf-8")
    dev_line = ""
    if dev_rows:
        d = metrics["dev_words"]
        dev_line = (f"MLQE-PE ru-en dev, on the words textfix splits (see `textfix eval` for the "
                    f"corpus-token figures): MCC {d['mcc']:.3f}, F1-BAD {d['f1_bad']:.3f}, "
                    f"Pearson r with HTER {d['pearson_hter']:.3f}.")
    write_card(out, "textfix quality-estimation model", {
        "What": f"A RoBERTa-style encoder ({config.num_hidden_layers} layers, {hidden} hidden, "
                f"{tagger.num_parameters() / 1e6:.1f}M parameters) that tags each word of "
                "English MT as OK/BAD (would a post-editor change it?) plus a sentence head "
                "(`sentence_head.safetensors`) that predicts HTER. Used by the `fluency` check.",
        "Data": "Masked-LM pre-training: MLQE-PE ru-en train MT and post-edits (detokenized) and "
                f"{len(medquad)} MedQuAD answers. Fine-tuning: MLQE-PE ru-en train word tags "
                "(English side) and HTER; tags are projected from the MT tokens onto the words "
                "textfix splits user text into. The last 500 training sentences pick the BAD "
                f"threshold ({threshold:.3f}). MLQE-PE dev is never trained on. CC0 / CC BY 4.0.",
        "Command": f"`{command or 'textfix train quality'}`",
        "Training": f"{metrics['mlm_steps']} masked-LM steps ({mlm_seconds / 60:.1f} min) then "
                    f"{done} fine-tuning steps of {batch} sentences ({fine_seconds / 60:.1f} min, "
                    f"weights kept from step {metrics['kept_step']}, best held-out MCC) "
                    f"on a shared CPU, 1 thread; BAD class weight {bad_weight:.1f}; weights in "
                    f"fp16 ({folder_size_mb(out):.1f} MB folder).",
        "Metrics": dev_line or "No dev set was given.",
    })
    return TrainResult(out, seconds, metrics, history)
