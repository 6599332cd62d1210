"""What every trainer shares: the optimizer and its schedule, batching, tokenizer training,
fp16 saving and the model card."""

from __future__ import annotations

import math
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn

TRAIN_THREADS = 1


SPECIAL_TOKENS = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]  # ids 0..4, RoBERTa's order


Log = Callable[[str], None]


def update(loss, params, optimizer, scheduler) -> float:
    """One training step shared by every model: backward, clip gradients to norm 1, step the
    optimizer and the schedule, reset; returns the loss as a number for the running mean."""
    loss.backward()
    nn.utils.clip_grad_norm_(params, 1.0)
    optimizer.step()
    scheduler.step()
    optimizer.zero_grad()
    return loss.item()


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def train_tokenizer(texts: Sequence[str], vocab_size: int):
    """Byte-level BPE (no unknown words, ever) wrapped as a transformers fast tokenizer."""
    from tokenizers import ByteLevelBPETokenizer
    from transformers import PreTrainedTokenizerFast

    bpe = ByteLevelBPETokenizer(add_prefix_space=False)
    bpe.train_from_iterator(texts, vocab_size=vocab_size, min_frequency=2,
                            special_tokens=SPECIAL_TOKENS, show_progress=False)
    return PreTrainedTokenizerFast(
        tokenizer_object=bpe._tokenizer, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
        unk_token="<unk>", mask_token="<mask>", cls_token="<s>", sep_token="</s>",
        model_max_length=1024,
    )


def load_or_train_tokenizer(path: str | None, texts: Sequence[str], vocab_size: int, log: Log):
    if path:
        from transformers import AutoTokenizer

        log(f"tokenizer: reusing {path}")
        return AutoTokenizer.from_pretrained(path)
    start = time.time()
    tokenizer = train_tokenizer(texts, vocab_size)
    log(f"tokenizer: {len(tokenizer)} entries trained in {time.time() - start:.0f}s")
    return tokenizer


def optimizer_and_schedule(params, lr: float, steps: int, warmup: int,
                           seconds: float = math.inf):
    """AdamW (weight decay 0.01) and its learning-rate schedule, shared by every trainer:
    warm-up (``warmup`` steps, at most a tenth of the run) then cosine decay over the steps or
    the time budget, whichever runs out first.

    On a shared CPU the step rate is unknown in advance; decaying by elapsed time as well means a
    run cut short by ``--max-minutes`` still ends with a small learning rate.
    """
    optimizer = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    warmup = min(warmup, steps // 10 + 1)
    start = time.time()

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        progress = max((step - warmup) / max(1, steps - warmup), (time.time() - start) / seconds)
        return max(0.05, 0.5 * (1 + math.cos(math.pi * min(1.0, progress))))

    return optimizer, torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def _pad(rows: Sequence[Sequence[int]], pad: int, fill_labels: bool = False):
    """``pad_rows``, padding with -100 (ignored by the loss) when the rows are labels."""
    from ..models.batching import pad_rows

    return pad_rows(rows, -100 if fill_labels else pad)


def _batches(n: int, size: int, rng: random.Random) -> Iterator[list[int]]:
    while True:
        order = list(range(n))
        rng.shuffle(order)
        for i in range(0, n - size + 1 if n >= size else 1, size):
            yield order[i : i + size]


def folder_size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def write_card(out: Path, title: str, sections: dict[str, str]) -> None:
    body = [f"# {title}", ""]
    for heading, text in sections.items():
        body += [f"## {heading}", "", text.strip(), ""]
    (out / "README.md").write_text("\n".join(body), encoding="utf-8")


def read_card(folder: Path) -> dict[str, str]:
    """The sections of a card ``write_card`` wrote ({} when the folder has none)."""
    card = folder / "README.md"
    if not card.is_file():
        return {}
    sections: dict[str, str] = {}
    heading = None
    for line in card.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
            sections[heading] = ""
        elif heading is not None:
            sections[heading] += line + "\n"
    return {h: text.strip() for h, text in sections.items()}


def _save_fp16(model, out: Path) -> None:
    """Weights in fp16 halve the folder; they load back as fp32 with the same predictions."""
    model.half().save_pretrained(out, safe_serialization=True)
    model.float()


@dataclass
class TrainResult:
    out: Path
    seconds: float
    metrics: dict
    history: list[float]  # training loss at each log step


def _blocks(tokenizer, texts: Sequence[str], block: int) -> list[list[int]]:
    ids: list[int] = []
    for enc in tokenizer(list(texts), add_special_tokens=False)["input_ids"]:
        ids.extend(enc)
        ids.append(tokenizer.eos_token_id)
    return [ids[i : i + block] for i in range(0, len(ids) - block + 1, block)]
