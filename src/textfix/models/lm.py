"""A small causal language model of health English: surprisal per token and candidate ranking.

It tells how expected a stretch of text is in professionally written health English, so fix
candidates can be ranked (lower perplexity reads more natural) and odd spans spotted.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import torch

from .batching import pad_rows
from .loading import load_for_inference

TokenSurprisal = tuple[int, int, float]  # char_start, char_end, bits


class HealthLM:
    """A causal LM and its tokenizer, loaded once; any Hugging Face causal LM id works too."""

    def __init__(self, model, tokenizer, max_length: int = 256, batch_size: int = 32) -> None:
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.batch_size = batch_size
        self.start_id = tokenizer.bos_token_id
        if self.start_id is None:
            self.start_id = tokenizer.eos_token_id

    @classmethod
    def load(cls, path_or_id: str, **kwargs) -> HealthLM:
        tokenizer, model = load_for_inference(path_or_id, "lm", "AutoModelForCausalLM")
        return cls(model, tokenizer, **kwargs)

    @torch.no_grad()
    def surprisal(self, sentences: Sequence[str]) -> list[list[TokenSurprisal]]:
        """Bits of surprisal of every token, with the characters of the sentence it covers."""
        enc = self.tokenizer(list(sentences), add_special_tokens=False,
                             return_offsets_mapping=True, truncation=True,
                             max_length=self.max_length - 1)
        rows = [[self.start_id, *ids] for ids in enc["input_ids"]]
        bits = self._bits_from(rows, [1] * len(rows))  # every token after the start token
        result = []
        for sentence, offsets, row_bits in zip(sentences, enc["offset_mapping"], bits,
                                               strict=True):
            spans = []
            for (start, end), value in zip(offsets, row_bits, strict=True):
                while start < end and sentence[start].isspace():  # byte-level BPE keeps the space
                    start += 1
                spans.append((start, end, value))
            result.append(spans)
        return result

    @torch.no_grad()
    def relative_bits(self, groups: Sequence[Sequence[str]]) -> list[list[float]]:
        """For each group (an original sentence, then variants of it), the bits each variant
        saves against the original: total surprisal of the original minus the variant's.

        Tokens before the group's first differing token have the same context and target in
        every row, so they cancel: only tokens from there on go through the vocabulary-wide
        output layer (most of the LM's work), and a text in several groups is run once.
        """
        texts = list(dict.fromkeys(text for group in groups for text in group))
        index = {text: n for n, text in enumerate(texts)}
        encoded = self.tokenizer(texts, add_special_tokens=False, truncation=True,
                                 max_length=self.max_length - 1)["input_ids"]
        rows = [[self.start_id, *ids] for ids in encoded]
        shared = [_shared_prefix([rows[index[t]] for t in group]) for group in groups]
        first = [len(row) for row in rows]  # first target position each text needs scored
        for group, prefix in zip(groups, shared, strict=True):
            for text in group:
                first[index[text]] = min(first[index[text]], prefix)
        bits = self._bits_from(rows, first)

        def total(text: str, prefix: int) -> float:
            n = index[text]
            return sum(bits[n][prefix - first[n]:])

        return [[total(group[0], prefix) - total(text, prefix) for text in group[1:]]
                for group, prefix in zip(groups, shared, strict=True)]

    def _bits_from(self, rows: list[list[int]], first: list[int]) -> list[list[float]]:
        """Bits of each row's tokens from position ``first[row]`` on (the start token is never
        a target), in batches of similar length: only the scored positions go through the
        vocabulary-wide output layer, so a long row costs the short ones in its batch little."""
        out: list[list[float]] = [[] for _ in rows]
        order = sorted(range(len(rows)), key=lambda n: len(rows[n]))
        pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        for b in range(0, len(order), self.batch_size):
            chunk = [n for n in order[b : b + self.batch_size] if first[n] < len(rows[n])]
            if not chunk:
                continue
            ids, mask = pad_rows([rows[n] for n in chunk], pad)
            where = [(r, k) for r, n in enumerate(chunk) for k in range(first[n], len(rows[n]))]
            r_at, k_at = torch.tensor(where).T
            nats = torch.nn.functional.cross_entropy(
                self._logits_at(ids, mask, r_at, k_at - 1), ids[r_at, k_at], reduction="none")
            flat = (nats / math.log(2)).tolist()
            for (r, _), value in zip(where, flat, strict=True):
                out[chunk[r]].append(value)
        return out

    def _logits_at(self, ids: torch.Tensor, mask: torch.Tensor, rows: torch.Tensor,
                   positions: torch.Tensor) -> torch.Tensor:
        """Next-token logits at the given (row, position) pairs only when the model can split
        its body from its output layer (the shipped LM), else from the full logits."""
        if hasattr(self.model, "states"):
            return self.model.head(self.model.states(ids, mask)[rows, positions]).float()
        return self.model(input_ids=ids, attention_mask=mask).logits[rows, positions].float()

    def pieces(self, word: str) -> int:
        """How many vocabulary pieces ``word`` takes mid-sentence: 1 for a frequent word."""
        return len(self.tokenizer(" " + word, add_special_tokens=False)["input_ids"])

    def sentence_score(self, sentences: Sequence[str]) -> list[float]:
        """Mean surprisal in bits per token (0.0 for an empty sentence)."""
        return [
            sum(b for _, _, b in toks) / len(toks) if toks else 0.0
            for toks in self.surprisal(sentences)
        ]

    def rank(self, original: str, candidates: Sequence[str]) -> list[float]:
        """Perplexity of each candidate relative to the original's: below 1.0 reads better."""
        scores = self.sentence_score([original, *candidates])
        base = scores[0]
        return [2 ** (s - base) for s in scores[1:]]


def _shared_prefix(rows: Sequence[Sequence[int]]) -> int:
    """How many leading tokens all rows share: at least the start token, which is never a
    target; tokens past the shortest row always count."""
    shortest = min(len(row) for row in rows)
    k = 1
    while k < shortest and all(row[k] == rows[0][k] for row in rows):
        k += 1
    return k
