"""``textfix train edit-tagger``: an edit head on the tagger's frozen MiniLM encoder.

Why frozen and shared: the encoder of ``models/tagger`` already runs for the fluency check; a
second head on it costs one small MLP (``models.edit_tagger.EditHead``) instead of a second
22.9M-parameter encoder in memory, and on two shared CPU cores the encoder states can be computed
once (cached under ``/tmp``, never in the repository) and the head trained on them in minutes.

Steps: build the labelled data (``edit_data``), read the label vocabulary off the training part
(labels seen ``MIN_COUNT`` times, at most ``MAX_LABELS``; rarer labels are ignored by the loss),
encode every sentence once with the runtime's encoder (int8 when the tagger's settings say so),
train the head with periodic held-out evaluation and keep the best, fit a temperature and the
confidence thresholds on the held-out part, and save the head in fp16 beside the detection heads.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import torch
from torch import nn

from ..models.edit_tagger import HEAD_FILE, LABELS_FILE, EditHead, EditSettings, encode_slots
from ..models.loading import MODELS_DIR
from .common import Log, TrainResult, _stderr
from .edit_data import EditExample, build_examples, split_held
from .edit_labels import KEEP, phrase_ok

MIN_COUNT = 3
MAX_LABELS = 1000
CACHE = Path("/tmp/textfix-edit-features")
IGNORE = -100


def vocabulary(examples: Sequence[EditExample], min_count: int = MIN_COUNT,
               max_labels: int = MAX_LABELS) -> list[str]:
    """KEEP first, then labels seen ``min_count`` times or more, most frequent first."""
    counts = Counter(lab for ex in examples for lab in ex.labels if lab != KEEP and phrase_ok(lab))
    common = [lab for lab, n in counts.most_common() if n >= min_count]
    return [KEEP, *common[: max_labels - 1]]


def targets(ex: EditExample, index: dict[str, int]) -> torch.Tensor:
    return torch.tensor([index.get(lab, IGNORE) for lab in ex.labels], dtype=torch.long)


def features(model, tokenizer, examples: Sequence[EditExample], tag: str,
             log: Log) -> list[torch.Tensor]:
    """Slot states of every example (fp16), cached in ``CACHE`` by encoder and texts."""
    key = hashlib.sha256(("\n".join(ex.text for ex in examples) + tag).encode()).hexdigest()[:16]
    path = CACHE / f"{key}.pt"
    if path.is_file():
        log(f"edit tagger: encoder states from cache {path}")
        return torch.load(path)
    out: list[torch.Tensor] = []
    start, chunk = time.time(), 512
    for b in range(0, len(examples), chunk):
        part = encode_slots(model, tokenizer, [ex.text for ex in examples[b : b + chunk]])
        out.extend(slots.half() for _, slots in part)
        done = b + len(part)
        log(f"edit tagger: encoded {done}/{len(examples)} sentences "
            f"({done / max(1e-9, time.time() - start):.0f}/s)")
    CACHE.mkdir(parents=True, exist_ok=True)
    torch.save(out, path)
    return out


def batch(rows: Sequence[int], feats: Sequence[torch.Tensor],
          ys: Sequence[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(feats[r].shape[0] for r in rows)
    x = torch.zeros(len(rows), width, feats[rows[0]].shape[1])
    y = torch.full((len(rows), width), IGNORE, dtype=torch.long)
    for k, r in enumerate(rows):
        n = min(feats[r].shape[0], ys[r].shape[0])
        x[k, :n] = feats[r][:n].float()
        y[k, :n] = ys[r][:n]
    return x, y


@torch.no_grad()
def held_logits(head: EditHead, feats, ys) -> tuple[torch.Tensor, torch.Tensor]:
    """Logits and targets of every held-out slot that has a target."""
    head.eval()
    all_x, all_y = [], []
    for b in range(0, len(feats), 256):
        rows = list(range(b, min(b + 256, len(feats))))
        x, y = batch(rows, feats, ys)
        logits = head(x)
        keep = y != IGNORE
        all_x.append(logits[keep])
        all_y.append(y[keep])
    head.train()
    return torch.cat(all_x), torch.cat(all_y)


def edit_scores(probs: torch.Tensor, y: torch.Tensor, floor: float) -> dict:
    """Slot-level precision, recall and F0.5 of the non-KEEP labels at ``floor``."""
    best, pred = probs.max(dim=-1)
    pred = torch.where(best >= floor, pred, torch.zeros_like(pred))
    proposed, gold = pred != 0, y != 0
    tp = int((proposed & (pred == y)).sum())
    p = tp / max(1, int(proposed.sum()))
    r = tp / max(1, int(gold.sum()))
    f = 1.25 * p * r / max(1e-9, 0.25 * p + r)
    return {"precision": round(p, 4), "recall": round(r, 4), "f05": round(f, 4),
            "proposed": int(proposed.sum())}


def fit_head(head: EditHead, train: tuple, held: tuple, max_minutes: float, seed: int,
             log: Log, tiny: bool, epochs: int | None = None) -> dict:
    """AdamW on sentence batches; held-out loss every ``every`` steps and after each epoch,
    the weights with the lowest one kept."""
    feats, ys = train
    rng = random.Random(seed)
    optimizer = torch.optim.AdamW(head.parameters(), lr=1e-3, weight_decay=0.01)
    loss_fn = nn.CrossEntropyLoss(ignore_index=IGNORE)
    start, step, every = time.time(), 0, 20 if tiny else 200
    order, history, best = list(range(len(feats))), [], {"loss": float("inf"), "state": None}

    def check(epoch: int, train_loss: float) -> None:
        logits, hy = held_logits(head, *held)
        held_loss = float(loss_fn(logits, hy))
        history.append(round(held_loss, 4))
        if held_loss < best["loss"]:
            best.update(loss=held_loss, state={k: v.clone() for k, v in head.state_dict().items()})
        scores = edit_scores(torch.softmax(logits, -1), hy, 0.5)
        log(f"edit tagger: epoch {epoch} step {step}: train loss {train_loss:.3f}, held-out loss "
            f"{held_loss:.3f}, held-out edits at 0.5 {scores} "
            f"({(time.time() - start) / 60:.1f} min)")

    for epoch in range(epochs or (2 if tiny else 40)):
        rng.shuffle(order)
        for b in range(0, len(order), 32):
            x, y = batch(order[b : b + 32], feats, ys)
            loss = loss_fn(head(x).flatten(0, 1), y.flatten())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            if step % every == 0:
                check(epoch, loss.item())
            if time.time() - start > max_minutes * 60:
                break
        check(epoch, loss.item())
        if time.time() - start > max_minutes * 60:
            break
    head.load_state_dict(best["state"])
    return {"steps": step, "held_loss": round(best["loss"], 4), "history": history,
            "minutes": round((time.time() - start) / 60, 1)}


def calibrate(logits: torch.Tensor, y: torch.Tensor) -> float:
    """The temperature with the lowest held-out NLL (a grid: robust and fast)."""
    grid = [0.5 + 0.1 * k for k in range(31)]
    losses = [float(nn.functional.cross_entropy(logits / t, y)) for t in grid]
    return round(grid[losses.index(min(losses))], 2)


def thresholds(probs: torch.Tensor, y: torch.Tensor, precision: float = 0.8) -> dict:
    """Suggest at the floor with the best held-out F0.5; flag an unflagged sentence only from
    the lowest floor whose held-out precision reaches ``precision``."""
    floors = [round(0.3 + 0.05 * k, 2) for k in range(14)]
    table = {f: edit_scores(probs, y, f) for f in floors}
    suggest = max(floors, key=lambda f: table[f]["f05"])
    sure = [f for f in floors if table[f]["precision"] >= precision and table[f]["proposed"]]
    return {"min_confidence": suggest, "detect_confidence": sure[0] if sure else 0.95,
            "table": {str(f): s for f, s in table.items()}}


def train_edit_tagger(data: Path, out: Path, encoder: str | None = None, tiny: bool = False,
                      max_minutes: float = 15.0, seed: int = 0, log: Log = _stderr,
                      **_: object) -> TrainResult:
    """Build the data, encode once, train and calibrate the head, save it into ``out``."""
    from ..models.tagger import load_shared, quantise
    from ..stages.analyse import load_spacy
    from .edit_card import write_edit_card

    began = time.time()
    torch.manual_seed(seed)
    source = encoder or str(out if (out / "model.safetensors").is_file() else MODELS_DIR / "tagger")
    model, tokenizer, tagger_settings = load_shared(source)
    if tagger_settings.int8:
        model = quantise(model)
    examples, counts = build_examples(data, load_spacy(), tiny=tiny, seed=seed, log=log)
    train, held = split_held(examples, seed)
    labels = vocabulary(train, 1 if tiny else MIN_COUNT)
    index = {lab: k for k, lab in enumerate(labels)}
    log(f"edit tagger: {len(train)} training, {len(held)} held-out sentences, "
        f"{len(labels)} labels")
    tag = f"{source}|{tagger_settings.int8}"
    feats = features(model, tokenizer, train + held, tag, log)
    train_xy = (feats[: len(train)], [targets(ex, index) for ex in train])
    held_xy = (feats[len(train):], [targets(ex, index) for ex in held])
    settings = EditSettings(labels=labels, width=64 if tiny else 512)
    head = EditHead(model.encoder.config.hidden_size, len(labels), settings.width)
    fit = fit_head(head, train_xy, held_xy, max_minutes, seed, log, tiny)
    logits, y = held_logits(head, *held_xy)
    settings.temperature = calibrate(logits, y)
    chosen = thresholds(torch.softmax(logits / settings.temperature, -1), y)
    settings.min_confidence = chosen["min_confidence"]
    settings.detect_confidence = chosen["detect_confidence"]
    settings.metrics = {"data": counts, "train": len(train), "heldout": len(held),
                        **{k: v for k, v in fit.items() if k != "history"},
                        "temperature": settings.temperature, "thresholds": chosen["table"],
                        "total_minutes": round((time.time() - began) / 60, 1)}
    save_head(head, settings, out)
    write_edit_card(out, settings, command_minutes=settings.metrics["total_minutes"])
    log(f"edit tagger: saved {out / HEAD_FILE}, {len(labels)} labels, "
        f"suggest from {settings.min_confidence}, flag from {settings.detect_confidence}")
    return TrainResult(out, time.time() - began,
                       {k: settings.metrics[k] for k in ("steps", "held_loss")}, fit["history"])


def save_head(head: EditHead, settings: EditSettings, out: Path) -> None:
    """The head in fp16 and its labels/settings, written atomically beside the tagger."""
    from safetensors.torch import save

    from ..atomic import atomic_write_bytes, atomic_write_text

    out.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().half().contiguous() for k, v in head.state_dict().items()}
    atomic_write_bytes(out / HEAD_FILE, save(state))
    atomic_write_text(out / LABELS_FILE, json.dumps(settings.__dict__, indent=1) + "\n")
