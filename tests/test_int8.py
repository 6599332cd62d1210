"""The tagger's int8 layers: a token's numbers never depend on the batch around it, nor on the
kernel this machine happens to run fastest."""

import importlib.util
from pathlib import Path

import pytest
import torch
from torch import nn

from textfix.models.int8 import (
    EXACT_DEPTH,
    GRAPH,
    KERNELS,
    TokenInt8Linear,
    available_kernels,
    exact_kernel,
    quantise_linears,
)


def _linear(seed: int = 0, width: int = 384, out: int = 96) -> nn.Linear:
    torch.manual_seed(seed)
    return nn.Linear(width, out)


def _skip_unless_available(kernel: str) -> None:
    if kernel not in available_kernels():
        pytest.skip(f"this installation has no {kernel} kernel")


@pytest.mark.parametrize("kernel", KERNELS)
@torch.inference_mode()
def test_a_row_gets_the_same_numbers_alone_and_in_any_batch(kernel):
    _skip_unless_available(kernel)
    layer = TokenInt8Linear(_linear(), kernel)
    scales = torch.linspace(0.1, 20, 5)[:, None, None]  # rows of very different sizes
    batch = torch.randn(5, 7, 384) * scales
    together = layer(batch)
    for i in range(5):
        assert torch.equal(together[i], layer(batch[i : i + 1])[0])
    padded = torch.cat([batch[:1], torch.zeros(1, 3, 384)], dim=1)  # padding rows changed nothing
    assert torch.equal(layer(padded)[0, :7], together[0])


@torch.inference_mode()
def test_int8_stays_close_to_fp32_and_keeps_the_shape():
    fp32 = _linear(1)
    x = torch.randn(2, 11, 384)
    out, ref = TokenInt8Linear(fp32)(x), fp32(x)
    assert out.shape == ref.shape == (2, 11, 96)
    assert (out - ref).abs().max() < 0.03 * ref.abs().max()
    assert not torch.equal(out, ref)  # it really is quantised


@pytest.mark.parametrize("width", [384, 1536, EXACT_DEPTH + 300])  # the last: sliced sums
@torch.inference_mode()
def test_every_kernel_gives_the_same_bits(width):
    """The float and onnxruntime kernels compute the int8 product, not an approximation of it:
    a machine's choice of kernel (by speed) can never change a flag. The hardest rows are
    those where every product is as large as it can be: all activations at +-127 against
    weights at +-63 of the same sign, whose sums pass float32's exact integers, and the u8 x s8
    pair sums that saturate int16 on AVX2 with 8-bit weights."""
    fp32 = _linear(2, width, 64)
    fp32.weight.data = fp32.weight.data.sign() * fp32.weight.data.abs().clamp_min(0.02)
    fp32.weight.data[:3] = fp32.weight.data[:3].sign() * 0.05  # rows quantised to +-63
    x = torch.randn(40, width) * torch.linspace(0.01, 50, 40)[:, None]
    x[:5] = x[:5].sign() * 3.0  # every activation quantises to +-127
    x[5] = fp32.weight.data[0].sign() * 3.0  # every product +127 x 63: the largest sum
    x[6] = -x[5]
    outs = {k: TokenInt8Linear(fp32, k)(x) for k in available_kernels()}
    assert len(outs) >= 2, "only one kernel here: nothing to compare"
    for kernel, out in outs.items():
        assert torch.equal(out, outs["float"]), kernel


def test_the_chosen_kernel_is_available_and_layers_use_it(monkeypatch):
    assert exact_kernel() in available_kernels()
    assert TokenInt8Linear(_linear()).kernel == exact_kernel()
    with pytest.raises(ValueError):
        TokenInt8Linear(_linear(), "fast")
    monkeypatch.setenv("TEXTFIX_INT8_KERNEL", "float")
    exact_kernel.cache_clear()
    try:
        assert exact_kernel() == "float"
        monkeypatch.setenv("TEXTFIX_INT8_KERNEL", "gpu")
        exact_kernel.cache_clear()
        with pytest.raises(ValueError, match="TEXTFIX_INT8_KERNEL"):
            exact_kernel()
    finally:
        exact_kernel.cache_clear()


@pytest.mark.skipif(importlib.util.find_spec("onnx") is None, reason="onnx (dev) not installed")
def test_the_shipped_graph_is_what_the_build_script_writes():
    import runpy

    script = Path(__file__).resolve().parents[1] / "scripts" / "build_int8_matmul_graph.py"
    assert runpy.run_path(str(script))["graph_bytes"]() == GRAPH.read_bytes()


def test_quantise_linears_replaces_every_linear_and_copies_unless_in_place():
    model = nn.Sequential(nn.Linear(8, 8), nn.ReLU(), nn.Sequential(nn.Linear(8, 2)))
    copy = quantise_linears(model)
    assert not any(type(m) is nn.Linear for m in copy.modules())
    assert sum(isinstance(m, TokenInt8Linear) for m in copy.modules()) == 2
    assert type(model[0]) is nn.Linear  # the original is untouched
    quantise_linears(model, inplace=True)
    assert isinstance(model[2][0], TokenInt8Linear)
