"""Int8 linear layers whose result for a token never depends on the other tokens in the batch.

Why not ``torch.ao``'s dynamic quantisation: its kernel takes one activation scale over the whole
input tensor, so a sentence batched with others (or padded) got other numbers than alone, and
flags moved with their neighbours. Batching one sentence at a time kept them exact but left the
encoder making one call per sentence per layer, the tagger's largest cost.

Here every token's activations are scaled on their own (symmetric, per row of the flattened
input) and every output channel of the weight has its own scale; the product is exact in int32,
so batching, padding and the order of rows cannot change a token's numbers. It is also closer to
fp32 than per-tensor scaling.

Two kernels compute that exact product, and give the same bits (``exact_kernel`` picks one per
machine by timing both once):

- ``"int"``: ``torch._int_mm``. Fast where the CPU has int8 dot products (AVX-512 VNNI, AMX);
  on a CPU with AVX2 only it falls back to a kernel 30-40 times slower than an fp32 product.
- ``"float"``: the int8 values held in float32 and multiplied with the fp32 kernel. Every
  product of two int8 values is an integer of at most 127² and every partial sum over at most
  ``EXACT_DEPTH`` of them stays below 2²⁴, where float32 holds every integer exactly: so the sum
  is exact in any order of accumulation. A longer inner dimension is cut into such slices whose
  exact sums are added in int32, as ``torch._int_mm`` adds them.
"""

from __future__ import annotations

import copy
import time
from functools import lru_cache

import torch
from torch import nn

QMAX = 127.0  # symmetric int8: [-127, 127], so negating a value never overflows
EXACT_DEPTH = int(2**24 // QMAX**2)  # 1,040 products of two int8 values sum exactly in float32
KERNELS = ("int", "float")


def int_mm_available() -> bool:
    """Whether this torch has ``torch._int_mm`` (the ``"int"`` kernel)."""
    return hasattr(torch, "_int_mm")


@lru_cache(maxsize=1)
def exact_kernel() -> str:
    """The faster exact kernel on this machine, timed once on an encoder-sized product (35 ms
    where the int kernel is the slow one, less elsewhere; both give the same numbers, so the
    choice changes speed only)."""
    if not int_mm_available():
        return "float"
    top = int(QMAX)
    q = torch.randint(-top, top + 1, (64, 384), dtype=torch.int8)
    w = torch.randint(-top, top + 1, (384, 384), dtype=torch.int8)
    qf, wf = q.float(), w.float()
    timings = {}
    for name, product in (("int", lambda: torch._int_mm(q, w)), ("float", lambda: qf @ wf)):
        product()  # first call: kernel selection and allocation
        start = time.perf_counter()
        for _ in range(3):
            product()
        timings[name] = time.perf_counter() - start
    return min(KERNELS, key=timings.__getitem__)


class TokenInt8Linear(nn.Module):
    """``nn.Linear`` with int8 weights (one scale per output channel) and int8 activations
    quantised per token at run time; inference only. ``kernel`` (None: ``exact_kernel()``) says
    how the exact product is computed; the weights are held in that kernel's form only."""

    def __init__(self, linear: nn.Linear, kernel: str | None = None) -> None:
        super().__init__()
        weight = linear.weight.detach().float()
        scale = weight.abs().amax(dim=1).clamp_min(1e-12) / QMAX
        self.in_features, self.out_features = linear.in_features, linear.out_features
        self.kernel = kernel or exact_kernel()
        if self.kernel not in KERNELS:
            raise ValueError(f"unknown int8 kernel {self.kernel!r}: one of {KERNELS}")
        weight_t = torch.round(weight / scale[:, None]).t().contiguous()
        self.register_buffer("weight_t", weight_t.to(torch.int8) if self.kernel == "int"
                             else weight_t)
        self.register_buffer("weight_scale", scale)
        bias = None if linear.bias is None else linear.bias.detach().float().clone()
        self.register_buffer("bias", bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        flat = x.reshape(-1, self.in_features).float()
        scale = flat.abs().amax(dim=1, keepdim=True).clamp_min_(1e-12).div_(QMAX)
        q = flat.div(scale).round_()  # in place where it can: fewer passes
        out = self._product(q).mul_(scale).mul_(self.weight_scale)
        if self.bias is not None:
            out.add_(self.bias)
        return out.reshape(*x.shape[:-1], self.out_features)

    def _product(self, q: torch.Tensor) -> torch.Tensor:
        """The exact integer product of the int8-valued rows ``q`` and the weights, as float32
        (rounded from int32 as ``torch._int_mm``'s result would be)."""
        if self.kernel == "int":
            return torch._int_mm(q.to(torch.int8), self.weight_t).float()
        if self.in_features <= EXACT_DEPTH:
            return q @ self.weight_t
        total = None
        for start in range(0, self.in_features, EXACT_DEPTH):
            part = (q[:, start : start + EXACT_DEPTH] @
                    self.weight_t[start : start + EXACT_DEPTH]).to(torch.int32)
            total = part if total is None else total.add_(part)
        return total.float()

    def extra_repr(self) -> str:
        return (f"in_features={self.in_features}, out_features={self.out_features}, int8 "
                f"({self.kernel} kernel)")


def quantise_linears(model: nn.Module, inplace: bool = False,
                     kernel: str | None = None) -> nn.Module:
    """Every ``nn.Linear`` of ``model`` replaced by a ``TokenInt8Linear`` (a copy unless
    ``inplace``: in place, fp32 and int8 weights are never held at once for the whole model)."""
    model = model if inplace else copy.deepcopy(model)
    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if type(child) is nn.Linear:
                setattr(parent, name, TokenInt8Linear(child, kernel))
    return model
