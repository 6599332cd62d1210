"""Reading a folder's config and safetensors weights into a plain-torch module."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import torch
from torch import nn


def read_config(folder: Path) -> SimpleNamespace:
    return SimpleNamespace(**json.loads((folder / "config.json").read_text(encoding="utf-8")))


@contextmanager
def uninitialised() -> Iterator[None]:
    """Layers built inside skip their random initialisation (0.2 s for the tagger's encoder at
    every start-up): ``load_weights`` replaces every parameter right after, and fails if it
    misses one, so no uninitialised number is ever read. What ``transformers`` does too."""
    layers = (nn.Linear, nn.Embedding, nn.LayerNorm)
    saved = {layer: layer.reset_parameters for layer in layers}
    for layer in layers:
        layer.reset_parameters = lambda self: None
    try:
        yield
    finally:
        for layer, reset in saved.items():
            layer.reset_parameters = reset


def load_weights(module: nn.Module, folder: Path, prefix: str = "",
                 ignore: tuple[str, ...] = ()) -> None:
    """Every parameter of ``module`` from ``model.safetensors`` in float32, taken over rather
    than copied; a missing or misshapen tensor is an error, tensors the module has no use for
    (``ignore``) are skipped. (Building on the meta device instead would save the random
    initialisation, 0.1 s, but entering ``torch.device("meta")`` imports 800 modules, 1.4 s.)"""
    from safetensors.torch import load_file

    state = {k[len(prefix):] if k.startswith(prefix) else k: v.float()
             for k, v in load_file(folder / "model.safetensors").items()}
    state = {k: v for k, v in state.items() if not k.startswith(ignore)}
    missing, unexpected = module.load_state_dict(state, strict=False, assign=True)
    if missing or unexpected:
        raise ValueError(f"weights do not fit: missing {missing[:3]}, unexpected {unexpected[:3]}")


def additive_mask(attention_mask: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """(batch, 1, 1, keys) additive mask: 0 where a key may be attended to, a large negative
    number on padding, as ``transformers`` builds it."""
    keep = attention_mask[:, None, None, :].to(dtype)
    return (1.0 - keep) * torch.finfo(dtype).min
