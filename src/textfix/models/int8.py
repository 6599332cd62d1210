"""Int8 linear layers whose result for a token never depends on the other tokens in the batch.

Why not ``torch.ao``'s dynamic quantisation: its kernel takes one activation scale over the whole
input tensor, so a sentence batched with others (or padded) got other numbers than alone, and
flags moved with their neighbours. Batching one sentence at a time kept them exact but left the
encoder making one call per sentence per layer, the tagger's largest cost.

Here every token's activations are scaled on their own (symmetric int8, per row of the flattened
input) and every output channel of the weight has its own scale; the product is exact in int32,
so batching, padding and the order of rows cannot change a token's numbers. It is also closer to
fp32 than per-tensor scaling.

Weights take 7 bits ([-63, 63]), activations 8 ([-127, 127]). A CPU with AVX2 but no int8
dot-product instructions multiplies unsigned by signed bytes and adds pairs of products in int16
(``vpmaddubsw``): 255 × 63 × 2 fits, 255 × 127 × 2 saturates. So onnxruntime's u8 × s8 kernel
is exact on every x86 CPU (its quantiser's ``reduce_range``). Measured against 8-bit weights:
MLQE-PE dev, tagger alone, MCC 0.259 → 0.257, r(HTER) 0.359 → 0.360; the team's dev set (tune
half) flags 92.7% of awkward spans against 92.6%. 7-bit activations instead kept MCC at 0.259
but lost 5 of 138 article spans on the tune half (fluency flags at the threshold).

Three kernels compute that exact product and give the same bits; ``exact_kernel`` picks the
fastest on this machine by timing each once (``TEXTFIX_INT8_KERNEL`` forces one):

- ``"int"``: ``torch._int_mm``. Fast with AVX-512 VNNI or AMX; with AVX2 only, 30-40 times
  slower than an fp32 product.
- ``"ort"``: onnxruntime's ``MatMulInteger`` on activations shifted to uint8 (zero point 128),
  with the graph in ``data/int8_matmul.onnx``: about twice an fp32 product's speed on AVX2.
- ``"float"``: the int8 values held in float32, multiplied by the fp32 kernel. Each product is an
  integer of at most 127 × 63 and every partial sum over ``EXACT_DEPTH`` of them stays below 2²⁴,
  where float32 holds every integer exactly, so the sum is exact in any order. A longer inner
  dimension is cut into such slices whose sums are added in int32. Always available.
"""

from __future__ import annotations

import copy
import importlib.util
import os
import time
from functools import lru_cache
from pathlib import Path

import torch
from torch import nn

QMAX = 127.0  # activations: symmetric int8, [-127, 127]
WEIGHT_QMAX = 63.0  # weights: 7 bits, so that no CPU's int16 pair sums saturate (above)
EXACT_DEPTH = int(2**24 // (QMAX * WEIGHT_QMAX))  # 2,096 products sum exactly in float32
KERNELS = ("int", "ort", "float")
KERNEL_VARIABLE = "TEXTFIX_INT8_KERNEL"
GRAPH = Path(__file__).resolve().parents[1] / "data" / "int8_matmul.onnx"
ZERO_POINT = 128  # int8 activations + 128: the uint8 the graph reads


def available_kernels() -> tuple[str, ...]:
    """The kernels this installation can run."""
    found = ["int"] if hasattr(torch, "_int_mm") else []
    if importlib.util.find_spec("onnxruntime") is not None and GRAPH.is_file():
        found.append("ort")
    return (*found, "float")


@lru_cache(maxsize=1)
def exact_kernel() -> str:
    """The kernel the layers use: ``TEXTFIX_INT8_KERNEL`` if set, else the fastest available,
    timed once on an encoder-sized product (milliseconds; every kernel gives the same numbers,
    so the choice changes speed only)."""
    forced = os.environ.get(KERNEL_VARIABLE)
    if forced:
        if forced not in available_kernels():
            raise ValueError(f"{KERNEL_VARIABLE}={forced!r}: this installation has "
                             f"{', '.join(available_kernels())}")
        return forced
    top, weight_top = int(QMAX), int(WEIGHT_QMAX)
    q = torch.randint(-top, top + 1, (48, 384)).float()  # a layer's widest product, 48 tokens
    w = torch.randint(-weight_top, weight_top + 1, (384, 1536)).float()
    timings = {}
    for kernel in available_kernels():
        product = _Product(w, kernel)
        product(q[:4])  # first call: kernel selection, allocation, the session
        runs = []
        for _ in range(2):  # the faster of two: a busy machine slows one run, rarely both
            start = time.perf_counter()
            product(q)
            runs.append(time.perf_counter() - start)
        timings[kernel] = min(runs)
    return min(timings, key=timings.__getitem__)


@lru_cache(maxsize=4)
def _ort_session(process: int, threads: int):
    """One onnxruntime session per process (a forked worker makes its own) and thread count;
    the weights are an input, so every layer shares it. Threads sleep when idle."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return onnxruntime.InferenceSession(str(GRAPH), options,
                                        providers=["CPUExecutionProvider"])


class _Product:
    """The exact product of int8-valued float rows and one weight matrix (``depth`` × columns of
    integers in [-63, 63]), held in the form its kernel reads."""

    def __init__(self, weight_t: torch.Tensor, kernel: str) -> None:
        self.kernel, self.depth = kernel, weight_t.shape[0]
        self.weight = weight_t.contiguous() if kernel == "float" else \
            weight_t.to(torch.int8).contiguous()
        self.weight_numpy = self.weight.numpy() if kernel == "ort" else None

    def __call__(self, q: torch.Tensor) -> torch.Tensor:
        """float32 rows of ``q @ weight``, rounded from int32 as ``torch._int_mm``'s are."""
        if self.kernel == "int":
            return torch._int_mm(q.to(torch.int8), self.weight).float()
        if self.kernel == "ort":
            shifted = q.add(ZERO_POINT).to(torch.uint8).numpy()
            session = _ort_session(os.getpid(), torch.get_num_threads())
            (out,) = session.run(None, {"activations": shifted, "weights": self.weight_numpy})
            return torch.from_numpy(out).float()
        if self.depth <= EXACT_DEPTH:
            return q @ self.weight
        total = None
        for start in range(0, self.depth, EXACT_DEPTH):
            part = (q[:, start : start + EXACT_DEPTH] @
                    self.weight[start : start + EXACT_DEPTH]).to(torch.int32)
            total = part if total is None else total.add_(part)
        return total.float()


class TokenInt8Linear(nn.Module):
    """``nn.Linear`` with 7-bit weights (one scale per output channel) and int8 activations
    quantised per token at run time; inference only. ``kernel`` (None: ``exact_kernel()``) says
    how the exact product is computed."""

    def __init__(self, linear: nn.Linear, kernel: str | None = None) -> None:
        super().__init__()
        weight = linear.weight.detach().float()
        scale = weight.abs().amax(dim=1).clamp_min(1e-12) / WEIGHT_QMAX
        self.in_features, self.out_features = linear.in_features, linear.out_features
        kernel = kernel or exact_kernel()
        if kernel not in KERNELS:
            raise ValueError(f"unknown int8 kernel {kernel!r}: one of {KERNELS}")
        self.product = _Product(torch.round(weight / scale[:, None]).t(), kernel)
        self.register_buffer("weight_scale", scale)
        bias = None if linear.bias is None else linear.bias.detach().float().clone()
        self.register_buffer("bias", bias)

    @property
    def kernel(self) -> str:
        return self.product.kernel

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        flat = x.reshape(-1, self.in_features).float()
        scale = flat.abs().amax(dim=1, keepdim=True).clamp_min_(1e-12).div_(QMAX)
        q = flat.div(scale).round_()  # in place where it can: fewer passes
        out = self.product(q).mul_(scale).mul_(self.weight_scale)
        if self.bias is not None:
            out.add_(self.bias)
        return out.reshape(*x.shape[:-1], self.out_features)

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
