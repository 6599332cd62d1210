"""Calibrating a word tagger's BAD probabilities on held-out words: Platt scaling (temperature
and bias), the threshold with the best MCC, and the reliability table a model card shows."""

from __future__ import annotations

import math
from collections.abc import Sequence

import torch
from torch import nn

from .metrics import binary_scores


def calibrated(margins: Sequence[float], temperature: float, bias: float = 0.0) -> list[float]:
    return [1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, m / temperature + bias))))
            for m in margins]



def fit_calibration(margins: Sequence[float], gold: Sequence[bool]) -> tuple[float, float]:
    """Temperature and bias minimising held-out negative log-likelihood (Platt scaling of the
    BAD-minus-OK logit); a temperature alone cannot lower an over-confident middle."""
    x = torch.tensor(list(margins), dtype=torch.float64)
    y = torch.tensor([float(g) for g in gold], dtype=torch.float64)
    log_t = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    bias = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([log_t, bias], lr=0.5, max_iter=200)

    def closure():
        opt.zero_grad()
        loss = nn.functional.binary_cross_entropy_with_logits(x / log_t.exp() + bias, y)
        loss.backward()
        return loss

    opt.step(closure)
    return round(float(log_t.detach().exp()), 4), round(float(bias.detach()), 4)



def best_threshold(probs: Sequence[float], gold: Sequence[bool]) -> tuple[float, float]:
    best = (0.5, -1.0)
    for t in [i / 50 for i in range(2, 49)]:
        mcc = binary_scores([p >= t for p in probs], gold)["mcc"]
        if mcc > best[1]:
            best = (t, mcc)
    return best



def reliability(probs: Sequence[float], gold: Sequence[bool], bins: int = 10) -> list[dict]:
    """Predicted P(BAD) against the observed BAD rate, in equal-width bins."""
    table = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(p, g) for p, g in zip(probs, gold, strict=True)
                  if lo <= p < hi or (b == bins - 1 and p == 1.0)]
        table.append({"bin": f"{lo:.1f}-{hi:.1f}", "words": len(inside),
                      "predicted": sum(p for p, _ in inside) / len(inside) if inside else None,
                      "observed": sum(g for _, g in inside) / len(inside) if inside else None})
    return table
