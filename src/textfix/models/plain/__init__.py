"""The shipped models' architectures in plain torch, for inference without ``transformers``.

Why: ``import transformers`` pulls in torch.distributed, dynamo and sympy: about 2 s and 150 MB
on this machine, more than everything else of a one-sentence check. textfix ships a BERT encoder
(the tagger) and a small GPT-2 (the health LM); these modules read the same folders (config.json,
model.safetensors, tokenizer.json) and compute the same numbers. Anything else, a Hugging Face
id or another architecture, still loads through ``transformers`` (``models.loading``), and
training always does.
"""

from __future__ import annotations

import json
from pathlib import Path

from .bert import PlainBert
from .gpt2 import PlainGPT2LM
from .tokenizer import FolderTokenizer

ARCHITECTURES = {"bert": PlainBert, "gpt2": PlainGPT2LM}

__all__ = ["ARCHITECTURES", "FolderTokenizer", "PlainBert", "PlainGPT2LM", "plain_model_type"]


def plain_model_type(path_or_id: str) -> str | None:
    """The folder's ``model_type`` when it is a local folder these modules can run, else None."""
    folder = Path(path_or_id)
    needed = ("config.json", "model.safetensors", "tokenizer.json")
    if not all((folder / name).is_file() for name in needed):
        return None
    try:
        model_type = json.loads((folder / "config.json").read_text(encoding="utf-8"))["model_type"]
    except (OSError, ValueError, KeyError):
        return None
    return model_type if model_type in ARCHITECTURES else None
