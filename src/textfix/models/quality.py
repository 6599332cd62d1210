"""Word- and sentence-level quality estimation of English machine translation.

A small encoder tags each word OK/BAD (would a post-editor change it?) and a regression head on
the mean-pooled encoder states predicts the sentence's HTER (0 good … 1 bad). The word tagger is a
plain ``AutoModelForTokenClassification`` so any Hugging Face encoder fine-tuned the same way
loads; without ``sentence_head.safetensors`` the sentence score falls back to the mean P(BAD).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import torch
from torch import nn

from ..errors import TextfixError
from .loading import check_model_source, cpu_threads, load_failure, quiet_transformers
from .words import split_words

HEAD_FILE = "sentence_head.safetensors"
SETTINGS_FILE = "textfix_quality.json"


@dataclass
class QualityPrediction:
    word_spans: list[tuple[int, int, float]] = field(default_factory=list)  # start, end, p_bad
    sentence_score: float = 0.0  # predicted HTER


class SentenceHead(nn.Module):
    """HTER from mean-pooled encoder states; sigmoid keeps it in [0, 1]."""

    def __init__(self, hidden: int) -> None:
        super().__init__()
        self.proj = nn.Sequential(nn.Dropout(0.1), nn.Linear(hidden, hidden), nn.Tanh(),
                                  nn.Linear(hidden, 1))

    def forward(self, states: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        m = mask.unsqueeze(-1).to(states.dtype)
        pooled = (states * m).sum(1) / m.sum(1).clamp(min=1.0)
        return torch.sigmoid(self.proj(pooled).squeeze(-1))


class WordEncoder:
    """Turn words into subword ids and remember which subword starts each word.

    Each word is encoded on its own, with a leading space when the text has one before it, which
    reproduces what a byte-level BPE does on the whole sentence and keeps the word boundaries.
    """

    def __init__(self, tokenizer, max_length: int = 256) -> None:
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.start_id = tokenizer.cls_token_id if tokenizer.cls_token_id is not None \
            else tokenizer.bos_token_id
        self.end_id = tokenizer.sep_token_id if tokenizer.sep_token_id is not None \
            else tokenizer.eos_token_id
        self.pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
        self._piece = lru_cache(maxsize=200_000)(self._encode_piece)

    def _encode_piece(self, piece: str) -> tuple[int, ...]:
        ids = self.tokenizer(piece, add_special_tokens=False)["input_ids"]
        return tuple(ids) or (self.tokenizer.unk_token_id or 0,)

    def encode(self, words: Sequence[str], spaced: Sequence[bool]) -> tuple[list[int], list[int]]:
        """Subword ids with special tokens, and the position of each word's first subword.

        Words that do not fit in ``max_length`` get position -1 (callers chunk long texts).
        """
        ids = [self.start_id] if self.start_id is not None else []
        firsts = []
        limit = self.max_length - 1
        for word, space in zip(words, spaced, strict=True):
            piece = self._piece((" " + word) if space else word)
            if len(ids) + len(piece) > limit:
                firsts.append(-1)
                continue
            firsts.append(len(ids))
            ids.extend(piece)
        if self.end_id is not None:
            ids.append(self.end_id)
        return ids, firsts

    def batch(self, rows: Sequence[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
        width = max(len(r) for r in rows)
        ids = torch.full((len(rows), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for i, row in enumerate(rows):
            ids[i, : len(row)] = torch.tensor(row, dtype=torch.long)
            mask[i, : len(row)] = 1
        return ids, mask


def spacing(text: str, spans: Sequence[tuple[int, int]]) -> list[bool]:
    """Whether each word follows whitespace (the first word counts as spaced, like a sentence)."""
    return [start == 0 or text[start - 1].isspace() for start, _ in spans]


class QualityModel:
    """Flags words a post-editor would change and scores sentences; load once, predict many."""

    def __init__(self, tagger, tokenizer, head: SentenceHead | None = None,
                 threshold: float = 0.5, max_length: int = 256, batch_size: int = 32) -> None:
        self.tagger = tagger.eval()
        self.head = head.eval() if head is not None else None
        self.encoder = WordEncoder(tokenizer, max_length)
        self.threshold = threshold
        self.batch_size = batch_size
        self.max_words = max(8, (max_length - 2) // 3)  # chunk size that fits comfortably

    @classmethod
    def load(cls, path_or_id: str, **kwargs) -> QualityModel:
        from transformers import AutoModelForTokenClassification, AutoTokenizer

        check_model_source(path_or_id, "quality")
        cpu_threads()
        quiet_transformers()
        try:
            tokenizer = AutoTokenizer.from_pretrained(path_or_id)
            tagger = AutoModelForTokenClassification.from_pretrained(
                path_or_id, dtype=torch.float32
            )
            settings: dict = {}
            head = None
            folder = Path(path_or_id)
            if (folder / SETTINGS_FILE).is_file():
                settings = json.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))
            if (folder / HEAD_FILE).is_file():
                from safetensors.torch import load_file

                head = SentenceHead(tagger.config.hidden_size)
                state = {k: v.float() for k, v in load_file(folder / HEAD_FILE).items()}
                head.load_state_dict(state)
        except TextfixError:
            raise
        except Exception as exc:  # noqa: BLE001 - any load failure is reported, never a traceback
            raise load_failure("quality", path_or_id, exc) from exc
        kwargs.setdefault("threshold", float(settings.get("threshold", 0.5)))
        kwargs.setdefault("max_length", int(settings.get("max_length", 256)))
        return cls(tagger, tokenizer, head, **kwargs)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """P(BAD) for every subword and the sentence score for every row."""
        out = self.tagger(input_ids=ids, attention_mask=mask, output_hidden_states=True)
        p_bad = torch.softmax(out.logits.float(), dim=-1)[..., 1]
        if self.head is not None:
            score = self.head(out.hidden_states[-1].float(), mask)
        else:
            score = torch.zeros(ids.shape[0])
        return p_bad, score

    @torch.no_grad()
    def predict(self, texts: Sequence[str]) -> list[QualityPrediction]:
        """One prediction per text; long texts are scored in chunks of words."""
        jobs: list[tuple[int, list[tuple[int, int]], list[int], list[int]]] = []
        for t, text in enumerate(texts):
            words = split_words(text)
            for c in range(0, len(words), self.max_words):
                chunk = words[c : c + self.max_words]
                spans = [(s, e) for _, s, e in chunk]
                ids, firsts = self.encoder.encode([w for w, _, _ in chunk], spacing(text, spans))
                jobs.append((t, spans, ids, firsts))
        results = [QualityPrediction() for _ in texts]
        weights = [0 for _ in texts]
        order = sorted(range(len(jobs)), key=lambda j: len(jobs[j][2]))
        for b in range(0, len(order), self.batch_size):
            batch = [jobs[j] for j in order[b : b + self.batch_size]]
            ids, mask = self.encoder.batch([job[2] for job in batch])
            p_bad, scores = self.forward(ids, mask)
            for row, (t, spans, _, firsts) in enumerate(batch):
                probs = p_bad[row].tolist()
                for span, first in zip(spans, firsts, strict=True):
                    results[t].word_spans.append((*span, probs[first] if first >= 0 else 0.0))
                n = len(spans)
                if self.head is not None:
                    results[t].sentence_score += float(scores[row]) * n
                else:
                    results[t].sentence_score += sum(probs[f] for f in firsts if f >= 0)
                weights[t] += n
        for result, weight in zip(results, weights, strict=True):
            result.word_spans.sort()
            result.sentence_score = result.sentence_score / weight if weight else 0.0
        return results
