"""The tagger's early exit: sentences that cannot reach the fluency gate stop part-way.

The fluency check reads the tagger's words only in sentences whose predicted HTER reaches its
gate, and most sentences do not (two thirds of MLQE-PE MT, three quarters of clean health
English). A linear estimate of the full model's HTER from the mean-pooled states after an early
layer (``early_exit.safetensors`` beside the heads) ends the pass there for a sentence whose
estimate is more than ``margin`` (in logits) below the gate: the margin is the widest shortfall
seen on the tuning sets between the estimate and the full model for sentences the full model puts
at or above the gate (``training/early_exit.py``), so a skipped sentence is one the gate would
have stopped anyway. Sentences that go on get exactly the numbers of a full pass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import torch

EARLY_EXIT_FILE = "early_exit.safetensors"


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def pooled_rows(states: torch.Tensor, lengths: list[int]) -> list[torch.Tensor]:
    """Each row's mean state over its own tokens, row by row: a sentence's numbers do not
    depend on its batch."""
    return [states[row, :n].mean(dim=0) for row, n in enumerate(lengths)]


@dataclass
class EarlyExit:
    """HTER estimate after ``layer`` layers: sigmoid(weight · mean state + bias)."""

    layer: int
    weight: torch.Tensor  # (hidden,)
    bias: float
    margin: float  # logits below the gate's logit at which a sentence stops

    def estimates(self, states: torch.Tensor, lengths: list[int]) -> list[float]:
        """The estimate for each row of ``states`` (the layer's output)."""
        return [torch.sigmoid(p @ self.weight + self.bias).item()
                for p in pooled_rows(states, lengths)]

    def stops(self, estimate: float, gate: float) -> bool:
        return logit(estimate) < logit(gate) - self.margin

    def save(self, folder: Path) -> None:
        from safetensors.torch import save_file

        meta = {"layer": str(self.layer), "bias": repr(self.bias), "margin": repr(self.margin)}
        save_file({"weight": self.weight.float().contiguous()}, folder / EARLY_EXIT_FILE,
                  metadata=meta)

    @classmethod
    def load(cls, folder: Path) -> EarlyExit | None:
        """The folder's early exit, or None when it has none (the full pass for every
        sentence)."""
        path = Path(folder) / EARLY_EXIT_FILE
        if not path.is_file():
            return None
        from safetensors import safe_open

        with safe_open(str(path), framework="pt") as f:
            meta = f.metadata()
            weight = f.get_tensor("weight").float()
        return cls(int(meta["layer"]), weight, float(meta["bias"]), float(meta["margin"]))
