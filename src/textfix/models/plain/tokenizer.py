"""A folder's ``tokenizer.json`` through ``tokenizers`` alone: the calls textfix makes of a
``transformers`` fast tokenizer (which wraps the same library), without importing it."""

from __future__ import annotations

import json
from pathlib import Path


class FolderTokenizer:
    """``tokenizer(text or texts, add_special_tokens=, truncation=, max_length=,
    return_offsets_mapping=, return_special_tokens_mask=)`` giving a dict of lists, plus the
    special token ids (``pad_token_id``, ``bos_token_id``, ``eos_token_id``)."""

    def __init__(self, folder: Path) -> None:
        from tokenizers import Tokenizer

        self.backend = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.backend.no_padding()
        config_file = folder / "tokenizer_config.json"
        config = json.loads(config_file.read_text(encoding="utf-8")) \
            if config_file.is_file() else {}
        for name in ("pad", "bos", "eos", "unk", "cls", "sep"):
            token = config.get(f"{name}_token")
            if isinstance(token, dict):  # older files: {"content": "<pad>", ...}
                token = token.get("content")
            setattr(self, f"{name}_token_id",
                    self.backend.token_to_id(token) if token is not None else None)

    def __call__(self, text: str | list[str], add_special_tokens: bool = True,
                 truncation: bool = False, max_length: int | None = None,
                 return_offsets_mapping: bool = False, return_special_tokens_mask: bool = False,
                 **_: object) -> dict[str, list]:
        if truncation and max_length:
            self.backend.enable_truncation(max_length)
        else:
            self.backend.no_truncation()
        single = isinstance(text, str)
        encodings = self.backend.encode_batch([text] if single else list(text),
                                              add_special_tokens=add_special_tokens)
        out: dict[str, list] = {"input_ids": [e.ids for e in encodings],
                                "attention_mask": [e.attention_mask for e in encodings]}
        if return_offsets_mapping:
            out["offset_mapping"] = [e.offsets for e in encodings]
        if return_special_tokens_mask:
            out["special_tokens_mask"] = [e.special_tokens_mask for e in encodings]
        return {k: v[0] for k, v in out.items()} if single else out
