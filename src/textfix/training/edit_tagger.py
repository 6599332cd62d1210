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
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
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
PATIENCE = 6  # held-out checks without a new best before training stops


def vocabulary(examples: Sequence[EditExample], min_count: int = MIN_COUNT,
               max_labels: int = MAX_LABELS) -> list[str]:
    """KEEP first, then labels seen ``min_count`` times or more, most frequent first."""
    counts = Counter(lab for ex in examples for lab in ex.labels if lab != KEEP and phrase_ok(lab))
    common = [lab for lab, n in counts.most_common() if n >= min_count]
    return [KEEP, *common[: max_labels - 1]]


def targets(ex: EditExample, index: dict[str, int]) -> torch.Tensor:
    return torch.tensor([index.get(lab, IGNORE) for lab in ex.labels], dtype=torch.long)


def cached_examples(data: Path, tiny: bool, seed: int, log: Log, load_spacy):
    """``build_examples`` (spaCy, ERRANT and the noise model: minutes), cached in ``CACHE``."""
    import pickle

    key = hashlib.sha256(f"{data.resolve()}|{tiny}|{seed}|1".encode()).hexdigest()[:16]
    path = CACHE / f"examples-{key}.pkl"
    if path.is_file():
        log(f"edit tagger: training examples from cache {path}")
        return pickle.loads(path.read_bytes())
    built = build_examples(data, load_spacy(), tiny=tiny, seed=seed, log=log)
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(built))
    return built


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


@dataclass
class Slots:
    """Every labelled slot of many sentences, flat: training draws random slots, not
    sentences, so no batch is padded and one gather builds a batch's inputs."""

    states: torch.Tensor  # (all slots + 1, hidden), fp16; the last row is zeros
    index: torch.Tensor  # (labelled slots,) row of each labelled slot in ``states``
    first: torch.Tensor  # ... the row of its sentence's first slot
    stop: torch.Tensor  # ... one past its sentence's last slot
    y: torch.Tensor

    @classmethod
    def of(cls, feats: Sequence[torch.Tensor], ys: Sequence[torch.Tensor]) -> Slots:
        index, first, stop, y, offset = [], [], [], [], 0
        for f, t in zip(feats, ys, strict=True):
            n = min(f.shape[0], t.shape[0])
            keep = torch.nonzero(t[:n] != IGNORE).flatten()
            index.append(keep + offset)
            first.append(torch.full_like(keep, offset))
            stop.append(torch.full_like(keep, offset + n))
            y.append(t[keep])
            offset += f.shape[0]
        zero = torch.zeros(1, feats[0].shape[1], dtype=torch.float16)
        return cls(torch.cat([*(f.half() for f in feats), zero]), torch.cat(index),
                   torch.cat(first), torch.cat(stop), torch.cat(y))

    def inputs(self, rows: torch.Tensor, context: int) -> torch.Tensor:
        """Each slot's state with its neighbours' (zeros past its sentence), as the runtime's
        ``models.edit_tagger.neighbours`` lays them out."""
        zero = self.states.shape[0] - 1
        parts = []
        for k in range(-context, context + 1):
            pos = self.index[rows] + k
            inside = (pos >= self.first[rows]) & (pos < self.stop[rows])
            parts.append(self.states[torch.where(inside, pos, torch.full_like(pos, zero))])
        return torch.cat(parts, dim=-1).float()


@torch.no_grad()
def held_logits(head: EditHead, held: Slots) -> tuple[torch.Tensor, torch.Tensor]:
    """Logits and targets of every held-out labelled slot."""
    head.eval()
    rows = torch.arange(held.y.shape[0])
    logits = torch.cat([head.net(held.inputs(rows[b : b + 4096], head.context))
                        for b in range(0, len(rows), 4096)])
    head.train()
    return logits, held.y


def edit_scores(probs: torch.Tensor, y: torch.Tensor, floor: float) -> dict:
    """Slot-level precision, recall and F0.5 of the edits at ``floor``: a slot's most likely
    non-KEEP label is proposed when its probability reaches the floor, as at run time."""
    best, pred = probs[:, 1:].max(dim=-1)
    pred = torch.where(best >= floor, pred + 1, torch.zeros_like(pred))
    proposed, gold = pred != 0, y != 0
    tp = int((proposed & (pred == y)).sum())
    p = tp / max(1, int(proposed.sum()))
    r = tp / max(1, int(gold.sum()))
    f = 1.25 * p * r / max(1e-9, 0.25 * p + r)
    return {"precision": round(p, 4), "recall": round(r, 4), "f05": round(f, 4),
            "proposed": int(proposed.sum())}


def fit_head(head: EditHead, train: tuple, held: tuple, max_minutes: float, seed: int,
             log: Log, tiny: bool, epochs: int | None = None) -> dict:
    """AdamW on random batches of slots; held-out loss every ``every`` steps and after each
    epoch, the weights with the lowest one kept."""
    slots, held_slots = Slots.of(*train), Slots.of(*held)
    torch.manual_seed(seed)
    optimizer = torch.optim.AdamW(head.parameters(), lr=1e-3, weight_decay=0.01)
    loss_fn = nn.CrossEntropyLoss()
    start, step, every, size = time.time(), 0, 20 if tiny else 300, 64 if tiny else 1024
    history, best = [], {"loss": float("inf"), "state": None}

    def check(epoch: int, train_loss: float) -> None:
        logits, hy = held_logits(head, held_slots)
        held_loss = float(loss_fn(logits, hy))
        history.append(round(held_loss, 4))
        if held_loss < best["loss"]:
            best.update(loss=held_loss, state={k: v.clone() for k, v in head.state_dict().items()})
        scores = edit_scores(torch.softmax(logits, -1), hy, 0.5)
        log(f"edit tagger: epoch {epoch} step {step}: train loss {train_loss:.3f}, held-out loss "
            f"{held_loss:.3f}, held-out edits at 0.5 {scores} "
            f"({(time.time() - start) / 60:.1f} min)")

    for epoch in range(epochs or (2 if tiny else 40)):
        order = torch.randperm(slots.y.shape[0])
        for b in range(0, len(order), size):
            rows = order[b : b + size]
            loss = loss_fn(head.net(slots.inputs(rows, head.context)), slots.y[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
            if step % every == 0:
                check(epoch, loss.item())
            if time.time() - start > max_minutes * 60:
                break
        check(epoch, loss.item())
        if time.time() - start > max_minutes * 60 or stale(history, best["loss"]):
            break
    head.load_state_dict(best["state"])
    return {"steps": step, "held_loss": round(best["loss"], 4), "history": history,
            "minutes": round((time.time() - start) / 60, 1)}


def stale(history: Sequence[float], best: float, patience: int = PATIENCE) -> bool:
    """Early stopping: the last ``patience`` held-out checks all stayed above the best."""
    return len(history) > patience and min(history[-patience:]) > best


def calibrate(logits: torch.Tensor, y: torch.Tensor) -> float:
    """The temperature with the lowest held-out NLL (a grid: robust and fast)."""
    grid = [0.5 + 0.1 * k for k in range(31)]
    losses = [float(nn.functional.cross_entropy(logits / t, y)) for t in grid]
    return round(grid[losses.index(min(losses))], 2)


REAL = ("mlqe", "jfleg")  # sources with real errors (the others are synthetic or curated)


def thresholds(probs: torch.Tensor, y: torch.Tensor, real: torch.Tensor,
               precision: float = 0.8) -> dict:
    """Suggest from the floor with the best held-out F0.5; flag an unflagged sentence (and let
    an edit apply when the LM agrees) only from the lowest floor whose held-out precision on
    *real* errors (``real``: MLQE-PE post-edits, JFLEG) reaches ``precision``: the synthetic
    MedQuAD noise is far easier and would set it too low."""
    floors = [round(0.1 + 0.05 * k, 2) for k in range(18)]
    table = {f: edit_scores(probs, y, f) for f in floors}
    real_table = {f: edit_scores(probs[real], y[real], f) for f in floors}
    suggest = max(floors, key=lambda f: table[f]["f05"])
    sure = [f for f in floors if real_table[f]["precision"] >= precision
            and real_table[f]["proposed"] >= 10]
    return {"min_confidence": suggest, "detect_confidence": sure[0] if sure else 0.95,
            "table": {str(f): s for f, s in table.items()},
            "real_table": {str(f): s for f, s in real_table.items()}}


def labelled_split(data: Path, tiny: bool, seed: int, log: Log):
    """(training examples, held-out examples, label vocabulary, data counts): the examples
    (cached), split by group, and the labels read off the training part."""
    from ..stages.analyse import load_spacy

    examples, counts = cached_examples(data, tiny, seed, log, load_spacy)
    train, held = split_held(examples, seed)
    labels = vocabulary(train, 1 if tiny else MIN_COUNT)
    log(f"edit tagger: {len(train)} training, {len(held)} held-out sentences, "
        f"{len(labels)} labels")
    return train, held, labels, counts


def prepare(data: Path, out: Path, encoder: str | None, tiny: bool, seed: int, log: Log):
    """Encoder, examples (cached), split, vocabulary and encoder states (cached)."""
    from ..models.tagger import load_shared, quantise

    source = encoder or str(out if (out / "model.safetensors").is_file() else MODELS_DIR / "tagger")
    model, tokenizer, tagger_settings = load_shared(source)
    if tagger_settings.int8:
        model = quantise(model)
    train, held, labels, counts = labelled_split(data, tiny, seed, log)
    index = {lab: k for k, lab in enumerate(labels)}
    feats = features(model, tokenizer, train + held, f"{source}|{tagger_settings.int8}", log)
    return {"hidden": model.encoder.config.hidden_size, "labels": labels, "counts": counts,
            "train": (feats[: len(train)], [targets(ex, index) for ex in train]),
            "held": (feats[len(train):], [targets(ex, index) for ex in held]),
            "held_examples": held, "n_train": len(train)}


def train_edit_tagger(data: Path, out: Path, encoder: str | None = None, tiny: bool = False,
                      max_minutes: float = 15.0, seed: int = 0, log: Log = _stderr,
                      **_: object) -> TrainResult:
    """Build the data, encode once, train and calibrate the head, save it into ``out``."""
    began = time.time()
    torch.manual_seed(seed)
    prep = prepare(data, out, encoder, tiny, seed, log)
    settings = EditSettings(labels=prep["labels"], width=64 if tiny else 512)
    head = EditHead(prep["hidden"], len(prep["labels"]), settings.width)
    fit = fit_head(head, prep["train"], prep["held"], max_minutes, seed, log, tiny)
    settings.metrics = {k: v for k, v in fit.items() if k != "history"}
    finish(head, settings, prep, out, began, log)
    return TrainResult(out, time.time() - began,
                       {k: settings.metrics[k] for k in ("steps", "held_loss")}, fit["history"])


def retune_edit_tagger(data: Path, out: Path, encoder: str | None = None, seed: int = 0,
                       log: Log = _stderr) -> EditSettings:
    """Calibration and thresholds again for the head saved in ``out`` (same data, cached)."""
    from safetensors.torch import load_file

    began = time.time()
    prep = prepare(data, out, encoder, False, seed, log)
    settings = EditSettings.from_dict(json.loads((out / LABELS_FILE).read_text("utf-8")))
    if settings.labels != prep["labels"]:
        raise ValueError("the saved head's labels are not this data's vocabulary")
    head = EditHead(prep["hidden"], len(settings.labels), settings.width)
    head.load_state_dict({k: v.float() for k, v in load_file(out / HEAD_FILE).items()})
    finish(head, settings, prep, out, began - 60 * settings.metrics.get("total_minutes", 0), log)
    return settings


def finish(head: EditHead, settings: EditSettings, prep: dict, out: Path, began: float,
           log: Log) -> None:
    """Temperature and floors from the held-out slots; head, settings and card saved."""
    from .edit_card import write_edit_card

    held, held_xy = prep["held_examples"], prep["held"]
    logits, y = held_logits(head, Slots.of(*held_xy))
    settings.temperature = calibrate(logits, y)
    real = torch.cat([torch.full((int((t != IGNORE).sum()),), ex.source in REAL)
                      for ex, t in zip(held, held_xy[1], strict=True)])
    chosen = thresholds(torch.softmax(logits / settings.temperature, -1), y, real)
    settings.min_confidence = chosen["min_confidence"]
    settings.detect_confidence = chosen["detect_confidence"]
    settings.metrics.update({
        "data": prep["counts"], "train": prep["n_train"], "heldout": len(held),
        "temperature": settings.temperature, "thresholds": chosen["table"],
        "real_thresholds": chosen["real_table"],
        "total_minutes": round((time.time() - began) / 60, 1)})
    save_head(head, settings, out)
    write_edit_card(out, settings, command_minutes=settings.metrics["total_minutes"])
    log(f"edit tagger: saved {out / HEAD_FILE}, {len(settings.labels)} labels, "
        f"suggest from {settings.min_confidence}, flag from {settings.detect_confidence}")


def save_head(head: EditHead, settings: EditSettings, out: Path) -> None:
    """The head in fp16 and its labels/settings, written atomically beside the tagger."""
    from safetensors.torch import save

    from ..atomic import atomic_write_bytes, atomic_write_text

    out.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().half().contiguous() for k, v in head.state_dict().items()}
    atomic_write_bytes(out / HEAD_FILE, save(state))
    atomic_write_text(out / LABELS_FILE, json.dumps(settings.__dict__, indent=1) + "\n")
