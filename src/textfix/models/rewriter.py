"""The rewrite model: a small seq2seq that proposes a fluent rewrite of an awkward sentence.

How it is trained lives in ``textfix.training.rewriter``. Any Hugging Face seq2seq model
(``AutoModelForSeq2SeqLM``) folder or id loads the same way, so a user with a larger grammar
model can use it instead. The model only proposes: the rewrite stage ranks its candidates with the
health LM and a meaning check, and the guard decides whether anything is applied.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import torch

from .loading import MODELS_DIR, load_pretrained

ENV_VAR = "TEXTFIX_REWRITER_MODEL"
MAX_TOKENS = 96  # longer sentences are not rewritten (and are truncated in training)


def default_rewriter() -> str:
    """The environment variable, else the folder shipped in ``models/rewriter``."""
    return os.environ.get(ENV_VAR) or str(MODELS_DIR / "rewriter")


class Rewriter:
    """A seq2seq model and its tokenizer, loaded once; proposes k rewrites per sentence."""

    def __init__(self, model, tokenizer, prefix: str = "", max_tokens: int = MAX_TOKENS,
                 batch_size: int = 16) -> None:
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.prefix = prefix  # some public grammar models expect a task prefix ("grammar: ")
        self.max_tokens = max_tokens
        self.batch_size = batch_size

    @classmethod
    def load(cls, path_or_id: str | None = None, **kwargs) -> Rewriter:
        from transformers import AutoModelForSeq2SeqLM

        path_or_id = path_or_id or default_rewriter()
        tokenizer, model = load_pretrained(path_or_id, "rewriter", AutoModelForSeq2SeqLM)
        return cls(model, tokenizer, **kwargs)

    def fits(self, sentence: str) -> bool:
        """Too long a sentence is left alone: the small model was trained on short ones."""
        return len(self.tokenizer(sentence, add_special_tokens=False)["input_ids"]) < \
            self.max_tokens

    @torch.no_grad()
    def candidates(self, sentences: Sequence[str], k: int = 4) -> list[list[str]]:
        """Up to ``k`` distinct rewrites per sentence (beam search), best first."""
        out: list[list[str]] = []
        for i in range(0, len(sentences), self.batch_size):
            chunk = [self.prefix + s for s in sentences[i : i + self.batch_size]]
            enc = self.tokenizer(chunk, return_tensors="pt", padding=True, truncation=True,
                                 max_length=self.max_tokens)
            generated = self.model.generate(
                **enc, num_beams=max(k, 1), num_return_sequences=max(k, 1),
                max_new_tokens=int(enc["input_ids"].shape[1] * 1.3) + 4,
                no_repeat_ngram_size=4,  # a small model otherwise loops ("report: report: ...")
            )
            texts = self.tokenizer.batch_decode(generated, skip_special_tokens=True)
            for j in range(len(chunk)):
                beams = [t.strip() for t in texts[j * k : (j + 1) * k]]
                out.append([t for t in dict.fromkeys(beams) if t])
        return out
