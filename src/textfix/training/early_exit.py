"""Fit the tagger's early exit (``models/early_exit.py``) to the tagger it belongs to.

The estimate learns the *full model's* predicted HTER (its logit, by ridge regression on the
mean-pooled states after ``layer`` layers), not the post-editors' HTER: it only has to tell which
sentences the full model would put below the fluency gate. The margin is then the largest
shortfall, on every tuning sentence the full model puts at or above the gate, of the estimate's
logit below the gate's, plus ``SAFETY``: on the tuning sets no such sentence stops early.

Tuning sets (never a reporting set): the MLQE-PE train MT the tagger learned from, its held-out
tail, and MedQuAD sentences from the answers the tagger's own split leaves for training.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import torch

from ..detok import detokenize
from ..models.batching import pad_rows
from ..models.early_exit import EarlyExit, logit, pooled_rows
from ..models.tagger import HTER, WordTagger
from .data import find_mlqe, medquad_sentences, mlqe_lines
from .tagger import HELD_OUT_TRAIN, medquad_split

LAYER = 2  # of 6: on the tuning sets, layer 3 stops about the same share of the cost
RIDGE = 1.0
SAFETY = 0.1  # logits beyond the widest shortfall seen on the tuning sets
MEDQUAD_SENTENCES = 4000


def tuning_sets(data: Path, seed: int = 0) -> dict[str, list[str]]:
    """MLQE-PE train MT (the tagger's training lines and held-out tail) and MedQuAD sentences
    of the tagger's training answers."""
    mt = [detokenize(line) for line in mlqe_lines(find_mlqe(data, "train"), "mt")]
    sentences = medquad_sentences(medquad_split(data, tiny=False, seed=seed)[0])
    random.Random(seed).shuffle(sentences)
    return {"mlqe-train": mt[:-HELD_OUT_TRAIN], "mlqe-train-tail": mt[-HELD_OUT_TRAIN:],
            "medquad-train": sentences[:MEDQUAD_SENTENCES]}


@torch.inference_mode()
def pooled_and_full(tagger: WordTagger, texts: list[str],
                    layer: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Mean-pooled states after ``layer`` layers and the full model's predicted HTER, for each
    text that is one chunk (only those may stop early)."""
    jobs = tagger.chunk_jobs(texts)
    chunks = Counter(job.text for job in jobs)
    jobs = sorted((job for job in jobs if chunks[job.text] == 1), key=lambda job: len(job.ids))
    encoder, pooled, full = tagger.model.encoder, [], []
    for b in range(0, len(jobs), tagger.batch_size):
        ids, mask = pad_rows([job.ids for job in jobs[b : b + tagger.batch_size]],
                             tagger.tokenizer.pad_token_id or 0)
        lengths = mask.sum(dim=1).tolist()
        states = encoder.layers(encoder.embeddings(ids), lengths, 0, layer)
        pooled += pooled_rows(states, lengths)
        states = encoder.layers(states, lengths, layer)
        full += tagger.model.heads_on(states, mask, [HTER])[HTER].tolist()
    return torch.stack(pooled), torch.tensor(full)


def fit_early_exit(tagger: WordTagger, sets: dict[str, list[str]], gate: float,
                   layer: int = LAYER) -> tuple[EarlyExit, dict]:
    """The early exit for ``tagger`` and, per tuning set, the share of one-chunk sentences it
    stops and how many of those the full model puts at or above ``gate`` (0 on every set by
    construction of the margin)."""
    data = {name: pooled_and_full(tagger, texts, layer) for name, texts in sets.items()}
    x = torch.cat([torch.cat([p, torch.ones(len(p), 1)], dim=1) for p, _ in data.values()])
    y = torch.cat([full for _, full in data.values()]).clamp(1e-4, 1 - 1e-4).logit()
    coef = torch.linalg.solve(x.T @ x + RIDGE * torch.eye(x.shape[1]), x.T @ y)
    weight, bias = coef[:-1].contiguous(), float(coef[-1])
    shortfall = max((logit(gate) - float(p @ weight + bias)
                     for pooled, full in data.values()
                     for p, f in zip(pooled, full.tolist(), strict=True) if f >= gate),
                    default=0.0)
    early_exit = EarlyExit(layer, weight, bias, shortfall + SAFETY)
    report = {}
    for name, (pooled, full) in data.items():
        estimates = torch.sigmoid(pooled @ weight + bias).tolist()
        stops = [early_exit.stops(e, gate) for e in estimates]
        report[name] = {"sentences": len(stops),
                        "stopped": round(sum(stops) / max(1, len(stops)), 3),
                        "stopped_at_or_above_gate": sum(
                            s and f >= gate for s, f in zip(stops, full.tolist(), strict=True))}
    return early_exit, report
