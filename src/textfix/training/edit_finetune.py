"""``textfix train edit-tagger --fine-tune``: the edit tagger with its own fine-tuned encoder.

Why a second encoder: the head on the detection tagger's frozen encoder (``edit_tagger``) did
not improve text on held-out data (JFLEG odd GLEU 0.3709 against 0.3704 doing nothing). That
encoder was tuned to say *whether* a word is wrong, not what it should become. Here the
encoder and the same ``EditHead`` are trained end to end on the same labelled data, starting
from the detection tagger's encoder (it already knows MT awkwardness). The folder this writes
holds an encoder, the head and its labels; ``EditTagger.load`` reads it like the shared one.
The cost is a second encoder in memory and one encoder pass per pass over a tagged sentence.

Same data, split, vocabulary, calibration and thresholds as the frozen head (``edit_tagger``);
length-sorted batches, AdamW with warm-up and cosine decay by time, held-out loss checked every
few minutes and the best weights kept.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn

from ..models.batching import pad_rows
from ..models.edit_tagger import MAX_WORDS, EditHead, EditSettings, encode_slots, slot_states
from ..models.loading import MODELS_DIR
from ..models.tagger import SharedEncoder, encode_words, quantise
from ..models.words import split_words
from .common import Log, TrainResult, _stderr, optimizer_and_schedule, update
from .edit_data import EditExample
from .edit_tagger import IGNORE, finish, labelled_split, targets
from .tagger import sorted_batches, start_model

ENCODER_LR, HEAD_LR = 5e-5, 1e-3
BATCH_TOKENS = 600  # wordpieces per batch (padding included)
CHECK_EVERY = 300.0  # seconds between held-out checks


@dataclass
class EditRow:
    """One sentence as the encoder reads it: wordpiece ids, each word's first wordpiece, and
    the label index of each slot (the start slot, then one per word)."""

    ids: list[int]
    firsts: list[int]
    y: torch.Tensor


def edit_rows(examples: Sequence[EditExample], tokenizer, index: dict[str, int]) -> list[EditRow]:
    rows = []
    for ex in examples:
        spans = [(s, e) for _, s, e in split_words(ex.text)][:MAX_WORDS]
        ids, firsts = encode_words(tokenizer, ex.text, spans)
        rows.append(EditRow(ids, firsts, targets(ex, index)[: len(firsts) + 1]))
    return rows


def batch_logits(encoder, head: EditHead, rows: Sequence[EditRow], pad: int
                 ) -> tuple[torch.Tensor, torch.Tensor]:
    """Slot logits (batch, slots, labels) and targets (batch, slots), IGNORE past each row:
    the slots laid out as the runtime lays them out (``edit_tagger.slot_states``), zeros
    past a sentence's end, so the head's neighbours see what they see at run time."""
    ids, mask = pad_rows([r.ids for r in rows], pad)
    states = encoder(input_ids=ids, attention_mask=mask).last_hidden_state
    width = max(len(r.firsts) for r in rows) + 1
    slots = states.new_zeros(len(rows), width, states.shape[-1])
    y = torch.full((len(rows), width), IGNORE, dtype=torch.long)
    for k, row in enumerate(rows):
        n = len(row.firsts) + 1
        slots[k, :n] = slot_states(states[k], row.firsts)
        y[k, : len(row.y)] = row.y
    return head(slots), y


@torch.no_grad()
def held_loss(encoder, head: EditHead, rows: Sequence[EditRow], pad: int) -> float:
    encoder.eval()
    head.eval()
    total, count = 0.0, 0
    order = sorted(range(len(rows)), key=lambda i: len(rows[i].ids))
    for b in range(0, len(order), 64):
        logits, y = batch_logits(encoder, head, [rows[i] for i in order[b : b + 64]], pad)
        keep = y != IGNORE
        total += float(nn.functional.cross_entropy(logits[keep], y[keep], reduction="sum"))
        count += int(keep.sum())
    encoder.train()
    head.train()
    return total / max(1, count)


def fit(encoder, head: EditHead, train: list[EditRow], held: list[EditRow], pad: int,
        max_minutes: float, seed: int, log: Log, tiny: bool) -> dict:
    """End-to-end training; the weights with the lowest held-out loss are kept."""
    rng = random.Random(seed)
    seconds = max_minutes * 60
    groups = [{"params": list(encoder.parameters()), "lr": ENCODER_LR},
              {"params": list(head.parameters()), "lr": HEAD_LR}]
    steps = 4 if tiny else 100_000
    optimizer, scheduler = optimizer_and_schedule(groups, ENCODER_LR, steps, warmup=60,
                                                  seconds=seconds)
    params = [p for g in groups for p in g["params"]]
    best = {"loss": float("inf"), "step": 0, "state": None}
    history, running, step, tokens = [], [], 0, 0
    start = last = time.time()
    encoder.train()
    head.train()

    def check() -> None:
        loss = held_loss(encoder, head, held, pad)
        history.append(round(loss, 4))
        if loss < best["loss"]:
            best.update(loss=loss, step=step, state=(
                {k: v.detach().clone() for k, v in encoder.state_dict().items()},
                {k: v.detach().clone() for k, v in head.state_dict().items()}))
        log(f"edit tagger (fine-tune): step {step}, held-out loss {loss:.4f} "
            f"(best {best['loss']:.4f} at step {best['step']}), "
            f"{(time.time() - start) / 60:.1f} min, {tokens / max(1.0, time.time() - start):.0f} "
            "wordpieces/s")

    while step < steps and time.time() - start < seconds:
        for idx in sorted_batches(train, 160 if tiny else BATCH_TOKENS, rng):
            rows = [train[i] for i in idx]
            logits, y = batch_logits(encoder, head, rows, pad)
            keep = y != IGNORE
            running.append(update(nn.functional.cross_entropy(logits[keep], y[keep]), params,
                                  optimizer, scheduler))
            step += 1
            tokens += sum(len(r.ids) for r in rows)
            if step % 50 == 0:
                log(f"edit tagger (fine-tune): step {step} loss {sum(running) / len(running):.4f}")
                running = []
            if step >= steps or time.time() - start >= seconds:
                break
            if time.time() - last > CHECK_EVERY:
                check()
                last = time.time()
    check()
    encoder.load_state_dict(best["state"][0])
    head.load_state_dict(best["state"][1])
    return {"steps": step, "kept_step": best["step"], "held_loss": round(best["loss"], 4),
            "history": history, "minutes": round((time.time() - start) / 60, 1),
            "wordpieces_per_s": round(tokens / max(1.0, time.time() - start))}


def fine_tune_edit_tagger(data: Path, out: Path, encoder: str | None = None, tiny: bool = False,
                          max_minutes: float = 35.0, seed: int = 0, log: Log = _stderr,
                          **_: object) -> TrainResult:
    """Train encoder and edit head together; calibrate on the int8 encoder the runtime uses;
    save the encoder (fp16), head, labels and card into ``out``."""
    began = time.time()
    torch.manual_seed(seed)
    source = encoder or str(MODELS_DIR / "tagger")
    model, tokenizer = start_model(source)
    log(f"edit tagger (fine-tune): encoder from {source}")
    train_ex, held_ex, labels, counts = labelled_split(data, tiny, seed, log)
    index = {lab: k for k, lab in enumerate(labels)}
    pad = tokenizer.pad_token_id or 0
    settings = EditSettings(labels=labels, width=64 if tiny else 512,
                            model_id="textfix-edit-tagger-finetuned")
    head = EditHead(model.encoder.config.hidden_size, len(labels), settings.width)
    result = fit(model.encoder, head, edit_rows(train_ex, tokenizer, index),
                 edit_rows(held_ex, tokenizer, index), pad, max_minutes, seed, log, tiny)
    settings.metrics = {k: v for k, v in result.items() if k != "history"}
    settings.metrics["encoder_from"] = Path(source).name
    encoder_only = SharedEncoder(model.encoder, {})
    # fp16 on disk, int8 at load as the detection tagger's settings ask
    encoder_only.save(out, tokenizer, {"int8": True})
    runtime = quantise(encoder_only)  # a quantised copy: what the runtime reads
    feats = [slots.half() for _, slots in encode_slots(runtime, tokenizer,
                                                       [ex.text for ex in held_ex])]
    prep = {"held_examples": held_ex, "held": (feats, [targets(ex, index) for ex in held_ex]),
            "counts": counts, "n_train": len(train_ex)}
    finish(head, settings, prep, out, began, log)
    return TrainResult(out, time.time() - began,
                       {k: settings.metrics[k] for k in ("steps", "held_loss")},
                       result["history"])

