"""Int8 linear layers whose result for a token never depends on the other tokens in the batch.

Why not ``torch.ao``'s dynamic quantisation: its kernel takes one activation scale over the whole
input tensor, so a sentence batched with others (or padded) got other numbers than alone, and
flags moved with their neighbours. Batching one sentence at a time kept them exact but left the
encoder making one call per sentence per layer, the tagger's largest cost.

Here every token's activations are scaled on their own (symmetric, per row of the flattened
input) and every output channel of the weight has its own scale; the product is an exact int32
matrix multiply (``torch._int_mm``), so batching, padding and the order of rows cannot change a
token's numbers. It is also closer to fp32 than per-tensor scaling.
"""

from __future__ import annotations

import copy

import torch
from torch import nn

QMAX = 127.0  # symmetric int8: [-127, 127], so negating a value never overflows


def available() -> bool:
    """Whether this torch has the exact int8 matrix multiply the layer needs on CPU."""
    return hasattr(torch, "_int_mm")


class TokenInt8Linear(nn.Module):
    """``nn.Linear`` with int8 weights (one scale per output channel) and int8 activations
    quantised per token at run time; inference only."""

    def __init__(self, linear: nn.Linear) -> None:
        super().__init__()
        weight = linear.weight.detach().float()
        scale = weight.abs().amax(dim=1).clamp_min(1e-12) / QMAX
        self.in_features, self.out_features = linear.in_features, linear.out_features
        self.register_buffer("weight_t", torch.round(weight / scale[:, None])
                             .to(torch.int8).t().contiguous())
        self.register_buffer("weight_scale", scale)
        bias = None if linear.bias is None else linear.bias.detach().float().clone()
        self.register_buffer("bias", bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        flat = x.reshape(-1, self.in_features).float()
        scale = flat.abs().amax(dim=1, keepdim=True).clamp_min_(1e-12).div_(QMAX)
        q = flat.div(scale).round_().to(torch.int8)  # in place where it can: fewer passes
        out = torch._int_mm(q, self.weight_t).float().mul_(scale).mul_(self.weight_scale)
        if self.bias is not None:
            out.add_(self.bias)
        return out.reshape(*x.shape[:-1], self.out_features)

    def extra_repr(self) -> str:
        return f"in_features={self.in_features}, out_features={self.out_features}, int8"


def quantise_linears(model: nn.Module, inplace: bool = False) -> nn.Module:
    """Every ``nn.Linear`` of ``model`` replaced by a ``TokenInt8Linear`` (a copy unless
    ``inplace``: in place, fp32 and int8 weights are never held at once for the whole model)."""
    model = model if inplace else copy.deepcopy(model)
    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if type(child) is nn.Linear:
                setattr(parent, name, TokenInt8Linear(child))
    return model
