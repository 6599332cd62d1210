"""The tagger's int8 layers: a token's numbers never depend on the batch around it."""

import pytest
import torch
from torch import nn

from textfix.models.int8 import (
    EXACT_DEPTH,
    KERNELS,
    TokenInt8Linear,
    exact_kernel,
    int_mm_available,
    quantise_linears,
)

HAS_INT_MM = int_mm_available()


def _linear(seed: int = 0, width: int = 384, out: int = 96) -> nn.Linear:
    torch.manual_seed(seed)
    return nn.Linear(width, out)


@pytest.mark.parametrize("kernel", KERNELS)
@torch.inference_mode()
def test_a_row_gets_the_same_numbers_alone_and_in_any_batch(kernel):
    if kernel == "int" and not HAS_INT_MM:
        pytest.skip("torch without _int_mm")
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
    assert (out - ref).abs().max() < 0.02 * ref.abs().max()
    assert not torch.equal(out, ref)  # it really is quantised


def test_quantise_linears_replaces_every_linear_and_copies_unless_in_place():
    model = nn.Sequential(nn.Linear(8, 8), nn.ReLU(), nn.Sequential(nn.Linear(8, 2)))
    copy = quantise_linears(model)
    assert not any(type(m) is nn.Linear for m in copy.modules())
    assert sum(isinstance(m, TokenInt8Linear) for m in copy.modules()) == 2
    assert type(model[0]) is nn.Linear  # the original is untouched
    quantise_linears(model, inplace=True)
    assert isinstance(model[2][0], TokenInt8Linear)


@pytest.mark.skipif(not HAS_INT_MM, reason="torch without _int_mm")
@pytest.mark.parametrize("width", [384, EXACT_DEPTH, 1536])  # 1,536: the sliced inner dimension
@torch.inference_mode()
def test_both_kernels_give_the_same_bits(width):
    """The float kernel is the int8 product, not an approximation of it: a machine's choice of
    kernel (by speed) can never change a flag. The hard rows are those whose products are all
    large and positive: their partial sums pass 2^24, where float32 stops holding every
    integer, unless the inner dimension is sliced (without slicing, 1,536-wide rows differ)."""
    fp32 = _linear(2, width, 64)
    fp32.weight.data = fp32.weight.data.sign() * fp32.weight.data.abs().clamp_min(0.02)
    mixed = torch.randn(40, width) * torch.linspace(0.01, 50, 40)[:, None]
    mixed[:5] = mixed[:5].sign() * 3.0  # every activation quantises to +-127
    positive = nn.Linear(width, 64)
    positive.weight.data = torch.rand(64, width) * 0.2 + 0.8  # every weight 102 to 127
    large = torch.rand(40, width) * 0.2 + 0.8  # every activation 102 to 127
    for linear, x in ((fp32, mixed), (positive, large)):
        outs = {k: TokenInt8Linear(linear, k)(x) for k in KERNELS}
        assert torch.equal(outs["int"], outs["float"])


def test_the_chosen_kernel_is_one_of_the_exact_ones_and_layers_use_it():
    assert exact_kernel() in KERNELS
    assert TokenInt8Linear(_linear()).kernel == exact_kernel()
    with pytest.raises(ValueError):
        TokenInt8Linear(_linear(), "fast")
