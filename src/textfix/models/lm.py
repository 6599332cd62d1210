"""A small causal language model of health English: surprisal per token and candidate ranking.

It tells how expected a stretch of text is in professionally written health English, so fix
candidates can be ranked (lower perplexity reads more natural) and odd spans spotted.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import torch

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
        # batches of similar length: logits are batch x longest x vocabulary floats, so one long
        # sentence in a batch of short ones would cost memory (and time) for all of them
        order = sorted(range(len(sentences)), key=lambda n: len(sentences[n]))
        out: list[list[TokenSurprisal]] = [[] for _ in sentences]
        for i in range(0, len(order), self.batch_size):
            chunk = order[i : i + self.batch_size]
            for n, tokens in zip(chunk, self._batch([sentences[n] for n in chunk]), strict=True):
                out[n] = tokens
        return out

    def _batch(self, sentences: list[str]) -> list[list[TokenSurprisal]]:
        enc = self.tokenizer(
            sentences, add_special_tokens=False, return_offsets_mapping=True,
            truncation=True, max_length=self.max_length - 1,
        )
        rows = [[self.start_id, *ids] for ids in enc["input_ids"]]
        width = max(len(r) for r in rows)
        pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        ids = torch.full((len(rows), width), pad, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for r, row in enumerate(rows):
            ids[r, : len(row)] = torch.tensor(row)
            mask[r, : len(row)] = 1
        logits = self.model(input_ids=ids, attention_mask=mask).logits.float()
        # each position predicts the next token; the last predicts nothing (ignored). Rows of
        # the contiguous (positions x vocabulary) view: 4x faster than a transposed layout
        # and no second vocabulary-wide copy
        targets = torch.cat([ids[:, 1:], torch.full_like(ids[:, :1], -100)], dim=1)
        nats = torch.nn.functional.cross_entropy(
            logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), reduction="none",
        ).view(len(rows), width)[:, :-1]
        bits = (nats / math.log(2)).tolist()
        result = []
        for r, (sentence, offsets) in enumerate(
            zip(sentences, enc["offset_mapping"], strict=True)
        ):
            spans = []
            for k, (start, end) in enumerate(offsets):
                while start < end and sentence[start].isspace():  # byte-level BPE keeps the space
                    start += 1
                spans.append((start, end, bits[r][k]))
            result.append(spans)
        return result

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
