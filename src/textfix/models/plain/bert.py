"""A BERT encoder (``BertModel`` without its pooler) for inference, in plain torch."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path
from types import SimpleNamespace

import torch
from torch import nn
from torch.nn import functional as F

from .weights import load_weights, read_config, uninitialised


class _Embeddings(nn.Module):
    def __init__(self, c: SimpleNamespace) -> None:
        super().__init__()
        self.word_embeddings = nn.Embedding(c.vocab_size, c.hidden_size)
        self.position_embeddings = nn.Embedding(c.max_position_embeddings, c.hidden_size)
        self.token_type_embeddings = nn.Embedding(c.type_vocab_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(ids.shape[1], device=ids.device)
        x = self.word_embeddings(ids) + self.token_type_embeddings(torch.zeros_like(ids))
        return self.LayerNorm(x + self.position_embeddings(positions))


class _SelfAttention(nn.Module):
    def __init__(self, c: SimpleNamespace) -> None:
        super().__init__()
        self.heads = c.num_attention_heads
        self.query = nn.Linear(c.hidden_size, c.hidden_size)
        self.key = nn.Linear(c.hidden_size, c.hidden_size)
        self.value = nn.Linear(c.hidden_size, c.hidden_size)

    def fuse(self) -> None:
        """One projection for query, key and value (the weights stacked): one matrix multiply,
        and under int8 one quantisation of the input instead of three, with the same numbers
        (the int8 scales are per output channel). ``forward`` needs it: ``from_folder`` calls it
        once the three are loaded under their own names."""
        parts = (self.query, self.key, self.value)
        self.qkv = nn.Linear(parts[0].in_features, 3 * parts[0].out_features)
        self.qkv.weight = nn.Parameter(torch.cat([p.weight.detach() for p in parts]))
        self.qkv.bias = nn.Parameter(torch.cat([p.bias.detach() for p in parts]))
        del self.query, self.key, self.value

    def forward(self, x: torch.Tensor, lengths: list[int]) -> torch.Tensor:
        """Attention over each row's own tokens: no padding enters a softmax, so a sentence gets
        the same numbers batched as alone. Rows of equal length share one call (rows of a batch
        are sorted by length, so most do); the projections are batched."""
        b, t, h = x.shape

        def split(y: torch.Tensor) -> torch.Tensor:
            return y.reshape(b, t, self.heads, h // self.heads).transpose(1, 2)

        q, k, v = (split(y) for y in self.qkv(x).split(h, dim=-1))
        out = torch.zeros_like(q)
        first = 0
        for n, run in groupby(lengths):
            rows = slice(first, first + len(list(run)))
            out[rows, :, :n] = F.scaled_dot_product_attention(
                q[rows, :, :n], k[rows, :, :n], v[rows, :, :n])
            first = rows.stop
        return out.transpose(1, 2).reshape(b, t, h)


class _DenseNorm(nn.Module):
    """Dense, then LayerNorm over the sum with the residual (BERT's ``*Output`` blocks)."""

    def __init__(self, inner: int, c: SimpleNamespace) -> None:
        super().__init__()
        self.dense = nn.Linear(inner, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)

    def forward(self, x: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(self.dense(x) + residual)


class _Attention(nn.Module):
    def __init__(self, c: SimpleNamespace) -> None:
        super().__init__()
        self.self = _SelfAttention(c)  # the weights' name: attention.self.query
        self.output = _DenseNorm(c.hidden_size, c)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.output(self.self(x, mask), x)


class _Intermediate(nn.Module):
    def __init__(self, c: SimpleNamespace) -> None:
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.intermediate_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.gelu(self.dense(x))


class _Layer(nn.Module):
    def __init__(self, c: SimpleNamespace) -> None:
        super().__init__()
        self.attention = _Attention(c)
        self.intermediate = _Intermediate(c)
        self.output = _DenseNorm(c.intermediate_size, c)

    def forward(self, x: torch.Tensor, lengths: list[int]) -> torch.Tensor:
        x = self.attention(x, lengths)
        return self.output(self.intermediate(x), x)


class _Stack(nn.Module):
    def __init__(self, c: SimpleNamespace) -> None:
        super().__init__()
        self.layer = nn.ModuleList(_Layer(c) for _ in range(c.num_hidden_layers))


class PlainBert(nn.Module):
    """``BertModel(...).last_hidden_state`` for an absolute-position, GELU BERT."""

    def __init__(self, config: SimpleNamespace) -> None:
        super().__init__()
        if getattr(config, "hidden_act", "gelu") != "gelu" or \
                getattr(config, "position_embedding_type", "absolute") != "absolute":
            raise ValueError("only absolute-position GELU BERT encoders run without transformers")
        self.config = config
        self.embeddings = _Embeddings(config)
        self.encoder = _Stack(config)

    @classmethod
    def from_folder(cls, folder: Path) -> PlainBert:
        with uninitialised():
            model = cls(read_config(folder))
        load_weights(model, folder, prefix="bert.", ignore=("pooler.", "cls."))
        for layer in model.encoder.layer:
            layer.attention.self.fuse()
        return model.eval()

    def forward(self, input_ids: torch.Tensor,
                attention_mask: torch.Tensor | None = None) -> SimpleNamespace:
        """Rows are right-padded (``attention_mask`` 1 then 0), as the tokenizers pad them."""
        if attention_mask is None:
            attention_mask = torch.ones_like(input_ids)
        lengths = attention_mask.sum(dim=1).tolist()
        return SimpleNamespace(last_hidden_state=self.layers(self.embeddings(input_ids), lengths))

    def layers(self, x: torch.Tensor, lengths: list[int], start: int = 0,
               stop: int | None = None) -> torch.Tensor:
        """Layers ``start`` to ``stop`` over states ``x`` (rows of ``lengths`` tokens): a caller
        can stop part-way, drop rows, and go on with the rest (the tagger's early exit). A
        row's numbers do not depend on the rows beside it, so the rest come out as in one pass."""
        for layer in self.encoder.layer[start:stop]:
            x = layer(x, lengths)
        return x
