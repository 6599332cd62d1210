"""The tagger's int8 layers: a token's numbers never depend on the batch around it."""

import pytest
import torch
from torch import nn

from textfix.models.int8 import TokenInt8Linear, available, quantise_linears

pytestmark = pytest.mark.skipif(not available(), reason="torch without _int_mm")


def _linear(seed: int = 0) -> nn.Linear:
    torch.manual_seed(seed)
    return nn.Linear(384, 96)


@torch.inference_mode()
def test_a_row_gets_the_same_numbers_alone_and_in_any_batch():
    layer = TokenInt8Linear(_linear())
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
