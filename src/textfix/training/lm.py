"""Train the health-English LM: a small GPT-2 on MedQuAD answers (``textfix train lm``)."""

from __future__ import annotations

import math
import random
import time
from pathlib import Path

import torch

from ..models.loading import cpu_threads
from .common import (
    TRAIN_THREADS,
    Log,
    TrainResult,
    _batches,
    _blocks,
    _save_fp16,
    _stderr,
    folder_size_mb,
    load_or_train_tokenizer,
    optimizer_and_schedule,
    update,
    write_card,
)
from .data import _mlqe_english, find_medquad, read_medquad


def split_answers(answers: list[str], seed: int) -> tuple[list[str], list[str]]:
    """A seeded random 2% held out (the file is grouped by NIH site: its tail is one site)."""
    held = set(random.Random(seed).sample(range(len(answers)), max(1, len(answers) // 50)))
    train_texts = [a for i, a in enumerate(answers) if i not in held]
    dev_texts = [a for i, a in enumerate(answers) if i in held]
    return train_texts, dev_texts


def dev_loss(model, dev_blocks: list[list[int]]) -> float:
    """Mean loss (nats per token) on the held-out blocks; leaves the model in training mode."""
    model.eval()
    losses = []
    with torch.no_grad():
        for i in range(0, len(dev_blocks), 32):
            ids = torch.tensor(dev_blocks[i : i + 32])
            losses.append(float(model(input_ids=ids, labels=ids).loss))
    model.train()
    return sum(losses) / len(losses)


def fit_lm(model, train_blocks: list[list[int]], dev_blocks: list[list[int]], steps: int,
           batch: int, tiny: bool, max_minutes: float, rng: random.Random,
           log: Log) -> tuple[int, float, list[float]]:
    """The training loop: (steps taken, seconds, loss at each log step)."""
    optimizer, scheduler = optimizer_and_schedule(model.parameters(), 3e-3 if tiny else 1e-3,
                                                  steps, warmup=200, seconds=max_minutes * 60)
    start = time.time()
    history: list[float] = []
    running: list[float] = []
    model.train()
    log_every = max(1, steps // 30)
    done = 0
    for done, idx in enumerate(_batches(len(train_blocks), batch, rng), start=1):
        ids = torch.tensor([train_blocks[i] for i in idx])
        loss = model(input_ids=ids, labels=ids).loss
        running.append(update(loss, model.parameters(), optimizer, scheduler))
        if done % log_every == 0 or (done % 10 == 0 and not history):
            history.append(sum(running) / len(running))
            running = []
            log(f"lm step {done}/{steps} loss {history[-1]:.3f} ({time.time() - start:.0f}s)")
        if done % max(1, steps // 4) == 0 and not tiny:
            log(f"lm step {done}: dev loss {dev_loss(model, dev_blocks):.3f}")
        if done >= steps or time.time() - start > max_minutes * 60:
            break
    return done, time.time() - start, history


def train_lm(data: Path, out: Path, steps: int | None = None, tiny: bool = False,
             tokenizer_path: str | None = None, max_minutes: float = 18.0, seed: int = 0,
             command: str = "", hidden: int | None = None, layers: int | None = None,
             log: Log = _stderr) -> TrainResult:
    """Train a GPT-2-style causal LM on medquad; 2% of answers are held out for evaluation."""
    from transformers import GPT2Config, GPT2LMHeadModel

    cpu_threads(TRAIN_THREADS)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    answers = read_medquad(find_medquad(data), limit=150 if tiny else None)
    train_texts, dev_texts = split_answers(answers, seed)
    tokenizer = load_or_train_tokenizer(
        tokenizer_path, train_texts + _mlqe_english(data, tiny), 600 if tiny else 8000, log
    )
    out.mkdir(parents=True, exist_ok=True)
    tokenizer.save_pretrained(out)  # early, so the quality model can share it while this trains
    block = 32 if tiny else 64
    train_blocks = _blocks(tokenizer, train_texts, block)
    dev_blocks = _blocks(tokenizer, dev_texts, block)[: 8 if tiny else 200]
    config = GPT2Config(
        vocab_size=len(tokenizer), n_positions=256, n_embd=hidden or (32 if tiny else 128),
        n_layer=layers or 2, n_head=2 if tiny else 4, bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
        tie_word_embeddings=True,
    )
    model = GPT2LMHeadModel(config)
    steps = steps or (20 if tiny else 3000)
    batch = 8 if tiny else 16
    log(f"lm: {model.num_parameters() / 1e6:.1f}M parameters, {len(train_blocks)} blocks "
        f"of {block} tokens, {steps} steps of {batch}")
    done, seconds, history = fit_lm(model, train_blocks, dev_blocks, steps, batch, tiny,
                                    max_minutes, rng, log)
    loss = dev_loss(model, dev_blocks)
    metrics = {"dev_loss_nats": round(loss, 4), "dev_perplexity": round(math.exp(loss), 2),
               "dev_bits_per_token": round(loss / math.log(2), 3), "steps": done}
    log(f"lm: held-out perplexity {metrics['dev_perplexity']} after {done} steps")
    out.mkdir(parents=True, exist_ok=True)
    _save_fp16(model, out)
    tokenizer.save_pretrained(out)
    training = (f"{done} steps of {batch}×{block} tokens on a shared CPU (1 thread) in "
                f"{seconds / 60:.1f} min")
    write_lm_card(out, model, tokenizer, metrics, training, command)
    return TrainResult(out, seconds, metrics, history)


def write_lm_card(out: Path, model, tokenizer, metrics: dict, training: str,
                  command: str) -> None:
    config = model.config
    write_card(out, "textfix health-English language model", {
        "What": "A GPT-2-style causal LM (" + f"{config.n_layer} layers, {config.n_embd} hidden, "
                f"{model.num_parameters() / 1e6:.1f}M parameters, byte-level BPE vocabulary of "
                f"{len(tokenizer)}) of professionally written health English. textfix uses it to "
                "rank every check's fix candidates in their sentence "
                "(`textfix/stages/lm_ranking.py`: "
                "it settles ambiguous typos and holds back fixes that read worse), to gate "
                "rewrites (`HealthLM.rank`) and to measure surprisal per token.",
        "Data": "MedQuAD answers (CC BY 4.0), a seeded random 2% of answers held out. "
                "The tokenizer (byte-level BPE) is trained on those answers plus MLQE-PE ru-en "
                "train MT and post-edits (CC0) and is shared with the quality model.",
        "Command": f"`{command or 'textfix train lm'}`",
        "Training": f"{training}; weights stored in fp16 ({folder_size_mb(out):.1f} MB folder).",
        "Metrics": f"Held-out MedQuAD: {metrics['dev_bits_per_token']} bits/token, perplexity "
                   f"{metrics['dev_perplexity']} (per BPE token).",
    })
