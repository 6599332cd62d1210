"""A GPT-2 language model (``GPT2LMHeadModel``, tied embeddings) for inference, in plain torch."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import torch
from torch import nn
from torch.nn import functional as F

from .weights import additive_mask, load_weights, read_config, uninitialised


class _Conv1D(nn.Module):
    """GPT-2's linear layer: weight stored (in, out)."""

    def __init__(self, n_in: int, n_out: int) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.empty(n_in, n_out))
        self.bias = nn.Parameter(torch.empty(n_out))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.addmm(self.bias, x.reshape(-1, x.shape[-1]), self.weight) \
            .view(*x.shape[:-1], -1)


class _Attention(nn.Module):
    def __init__(self, c: SimpleNamespace) -> None:
        super().__init__()
        self.heads = c.n_head
        self.c_attn = _Conv1D(c.n_embd, 3 * c.n_embd)
        self.c_proj = _Conv1D(c.n_embd, c.n_embd)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, t, h = x.shape
        q, k, v = (y.view(b, t, self.heads, h // self.heads).transpose(1, 2)
                   for y in self.c_attn(x).split(h, dim=2))
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        return self.c_proj(out.transpose(1, 2).reshape(b, t, h))


class _MLP(nn.Module):
    def __init__(self, c: SimpleNamespace) -> None:
        super().__init__()
        inner = c.n_inner or 4 * c.n_embd
        self.c_fc = _Conv1D(c.n_embd, inner)
        self.c_proj = _Conv1D(inner, c.n_embd)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.c_proj(F.gelu(self.c_fc(x), approximate="tanh"))  # gelu_new


class _Block(nn.Module):
    def __init__(self, c: SimpleNamespace) -> None:
        super().__init__()
        self.ln_1 = nn.LayerNorm(c.n_embd, eps=c.layer_norm_epsilon)
        self.attn = _Attention(c)
        self.ln_2 = nn.LayerNorm(c.n_embd, eps=c.layer_norm_epsilon)
        self.mlp = _MLP(c)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.ln_1(x), mask)
        return x + self.mlp(self.ln_2(x))


class _Transformer(nn.Module):
    def __init__(self, c: SimpleNamespace) -> None:
        super().__init__()
        self.wte = nn.Embedding(c.vocab_size, c.n_embd)
        self.wpe = nn.Embedding(c.n_positions, c.n_embd)
        self.h = nn.ModuleList(_Block(c) for _ in range(c.n_layer))
        self.ln_f = nn.LayerNorm(c.n_embd, eps=c.layer_norm_epsilon)


class PlainGPT2LM(nn.Module):
    """``GPT2LMHeadModel(...).logits`` for a GPT-2 whose output layer is its input embedding."""

    def __init__(self, config: SimpleNamespace) -> None:
        super().__init__()
        if getattr(config, "activation_function", "gelu_new") != "gelu_new" or \
                not getattr(config, "tie_word_embeddings", True):
            raise ValueError("only tied-embedding gelu_new GPT-2 models run without transformers")
        self.config = config
        self.transformer = _Transformer(config)

    @classmethod
    def from_folder(cls, folder: Path) -> PlainGPT2LM:
        with uninitialised():
            model = cls(read_config(folder))
        load_weights(model, folder, ignore=("lm_head.",))
        return model.eval()

    def forward(self, input_ids: torch.Tensor,
                attention_mask: torch.Tensor | None = None) -> SimpleNamespace:
        return SimpleNamespace(logits=self.head(self.states(input_ids, attention_mask)))

    def head(self, states: torch.Tensor) -> torch.Tensor:
        """Next-token logits of final states (the vocabulary-wide, costly part)."""
        return F.linear(states, self.transformer.wte.weight)

    def states(self, input_ids: torch.Tensor,
               attention_mask: torch.Tensor | None = None) -> torch.Tensor:
        """Final hidden states (after the last layer norm), one per position."""
        t = input_ids.shape[1]
        tr = self.transformer
        x = tr.wte(input_ids) + tr.wpe(torch.arange(t, device=input_ids.device))
        causal = torch.full((t, t), torch.finfo(x.dtype).min).triu(1)
        mask = causal if attention_mask is None else \
            causal + additive_mask(attention_mask, x.dtype)
        for block in tr.h:
            x = block(x, mask)
        return tr.ln_f(x)
