"""The edit tagger: GECToR-style edit labels from the tagger's shared MiniLM encoder.

One encoder, two heads: the fine-tuned MiniLM of ``models/tagger`` (the ``fluency`` check's
words/HTER heads) stays frozen, and a small ``EditHead`` next to its heads reads the encoder's
state of each word's first wordpiece, with its neighbours', and predicts a label from the
vocabulary in ``edit_labels.json`` (``training.edit_labels``). The start slot reads ``[CLS]``.
One encoder forward pass per sentence per pass serves the edits, and the encoder is loaded once.

``EditTagger.tag`` applies the labels over up to ``passes`` passes (``edit_apply.Passes``), so
every resulting edit is an offset range of the original text with the labels that made it and a
calibrated confidence (the temperature-scaled probability of its label, the lowest one when
several labels made one edit).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import torch
from torch import nn

from .batching import pad_rows
from .edit_apply import CharEdit, Passes, char_edits
from .loading import load_failure
from .tagger import SharedEncoder, encode_words, shared_model
from .words import split_words

HEAD_FILE = "edit_head.safetensors"
LABELS_FILE = "edit_labels.json"
CONTEXT = 1  # neighbours on each side whose states the head reads
MAX_WORDS = 80
ENV_VAR = "TEXTFIX_EDIT_TAGGER_MODEL"


class EditHead(nn.Module):
    """A 2-layer MLP over each slot's state and its neighbours' states."""

    def __init__(self, hidden: int, labels: int, width: int = 512, context: int = CONTEXT) -> None:
        super().__init__()
        self.context = context
        self.net = nn.Sequential(nn.Linear(hidden * (2 * context + 1), width), nn.GELU(),
                                 nn.Dropout(0.2), nn.Linear(width, labels))

    def forward(self, slots: torch.Tensor) -> torch.Tensor:
        """``slots``: (batch, slots, hidden) → (batch, slots, labels)."""
        return self.net(neighbours(slots, self.context))


def neighbours(slots: torch.Tensor, context: int) -> torch.Tensor:
    """Each slot's state concatenated with ``context`` neighbours each side (zeros past ends)."""
    padded = nn.functional.pad(slots, (0, 0, context, context))
    n = slots.shape[1]
    return torch.cat([padded[:, k : k + n] for k in range(2 * context + 1)], dim=-1)


@dataclass
class EditSettings:
    """What training decided and the runtime reads (``edit_labels.json``)."""

    labels: list[str] = field(default_factory=lambda: ["KEEP"])
    width: int = 512
    temperature: float = 1.0
    min_confidence: float = 0.5  # an edit is proposed from this calibrated probability
    detect_confidence: float = 0.9  # ... and flags an unflagged sentence from this one
    passes: int = 3
    model_id: str = "textfix-edit-tagger"
    metrics: dict = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> EditSettings:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass
class TaggedEdit(CharEdit):
    """An edit on the original sentence, as ``CharEdit`` (labels, calibrated confidence)."""


def slot_states(states: torch.Tensor, firsts: Sequence[int]) -> torch.Tensor:
    """(1 + words, hidden): ``[CLS]`` then each word's first wordpiece (zeros: none)."""
    index = torch.tensor([0, *[max(f, 0) for f in firsts]], dtype=torch.long)
    out = states.index_select(0, index)
    missing = torch.tensor([False, *[f < 0 for f in firsts]])
    return out.masked_fill(missing[:, None], 0.0)


@torch.no_grad()
def encode_slots(model: SharedEncoder, tokenizer, texts: Sequence[str], batch_size: int = 32,
                 max_length: int = 256) -> list[tuple[list[tuple[int, int]], torch.Tensor]]:
    """Word spans and slot states of each text (at most ``MAX_WORDS`` words are read)."""
    jobs = []
    for text in texts:
        spans = [(s, e) for _, s, e in split_words(text)][:MAX_WORDS]
        ids, firsts = encode_words(tokenizer, text, spans, max_length)
        jobs.append((spans, ids, firsts))
    out: list = [None] * len(texts)
    order = sorted(range(len(jobs)), key=lambda j: len(jobs[j][1]))
    pad = tokenizer.pad_token_id or 0
    for b in range(0, len(order), batch_size):
        batch = order[b : b + batch_size]
        ids, mask = pad_rows([jobs[j][1] for j in batch], pad)
        states = model.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        for row, j in enumerate(batch):
            out[j] = (jobs[j][0], slot_states(states[row], jobs[j][2]))
    return out


def edit_tagger_folder() -> Path:
    """The edit tagger to load: ``TEXTFIX_EDIT_TAGGER_MODEL`` when set, else the shipped
    fine-tuned one (``models/edit-tagger``, its own encoder) when present, else the head on the
    detection tagger's shared encoder (``models/tagger``)."""
    import os

    from .loading import MODELS_DIR

    chosen = os.environ.get(ENV_VAR)
    if chosen:
        return Path(chosen)
    own = MODELS_DIR / "edit-tagger"
    return own if (own / HEAD_FILE).is_file() else MODELS_DIR / "tagger"


def folder_hash(folder: Path) -> str:
    """Short content hash of the head and its labels: which edit model made a suggestion."""
    digest = hashlib.sha256()
    for name in (HEAD_FILE, LABELS_FILE):
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()[:12]


class EditTagger:
    """Load once; ``tag`` sentences into edits on their original text."""

    def __init__(self, model: SharedEncoder, tokenizer, head: EditHead,
                 settings: EditSettings, model_hash: str = "") -> None:
        self.model, self.tokenizer, self.head = model.eval(), tokenizer, head.eval()
        self.settings = settings
        self.model_hash = model_hash

    @property
    def model_ref(self) -> str:
        """``id@hash``, recorded with every suggestion the tagger makes."""
        return f"{self.settings.model_id}@{self.model_hash}"

    @classmethod
    def load(cls, folder: str | Path, int8: bool | None = None) -> EditTagger:
        from safetensors.torch import load_file

        from ..errors import BackendError

        folder = Path(folder)
        if not (folder / HEAD_FILE).is_file():
            raise BackendError(f"no edit tagger at {folder} ({HEAD_FILE} missing); "
                               "run textfix train edit-tagger")
        model, tokenizer, _ = shared_model(str(folder), int8)  # the fluency check's encoder
        try:
            settings = EditSettings.from_dict(
                json.loads((folder / LABELS_FILE).read_text("utf-8")))
            head = EditHead(model.encoder.config.hidden_size, len(settings.labels),
                            settings.width)
            head.load_state_dict({k: v.float() for k, v in load_file(folder / HEAD_FILE).items()})
        except Exception as exc:  # noqa: BLE001 - a damaged head or label file: one clear error
            raise load_failure("edit tagger", str(folder), exc) from exc
        return cls(model, tokenizer, head, settings, folder_hash(folder))

    @torch.no_grad()
    def label_probs(self, texts: Sequence[str]) -> list[tuple[list, list[str], list[float]]]:
        """Per text: word spans, each slot's most likely edit label and its calibrated
        probability (KEEP is what a slot gets when no edit reaches the floor)."""
        out = []
        # one sentence per encoder call: the encoder is now exact in any batch (per-token int8,
        # attention per row), but batching the slot gathering has not been checked for that
        for spans, slots in encode_slots(self.model, self.tokenizer, texts, batch_size=1):
            logits = self.head(slots[None])[0] / self.settings.temperature
            probs = torch.softmax(logits.float(), dim=-1)
            # the most likely edit of each slot, however likely KEEP is: the floor decides
            best, index = probs[:, 1:].max(dim=-1)
            labels = [self.settings.labels[k + 1] for k in index.tolist()]
            out.append((spans, labels, best.tolist()))
        return out

    def tag(self, texts: Sequence[str], min_confidence: float | None = None,
            passes: int | None = None) -> list[list[TaggedEdit]]:
        """Edits on each original text after up to ``passes`` passes; a pass applies every label
        at ``min_confidence`` or above, and a text stops when a pass changes nothing."""
        floor = self.settings.min_confidence if min_confidence is None else min_confidence
        states = [Passes(t) for t in texts]
        active = [k for k, t in enumerate(texts) if t.strip()]
        for _ in range(passes or self.settings.passes):
            if not active:
                break
            read = self.label_probs([states[k].text for k in active])
            still = []
            for k, (spans, labels, probs) in zip(active, read, strict=True):
                chosen = [lab if p >= floor else "KEEP" for lab, p in zip(labels, probs,
                                                                          strict=True)]
                edits = char_edits(states[k].text, spans, chosen, probs) if spans else []
                if edits:
                    states[k].apply(edits)
                    still.append(k)
            active = still
        return [[TaggedEdit(e.start, e.end, e.replacement, e.confidence, e.labels)
                 for e in _capital_kept(s.original, s.edits())] for s in states]


def _capital_kept(original: str, edits: list[CharEdit]) -> list[CharEdit]:
    """A sentence that started with a capital still does after its first word went."""
    lead = len(original) - len(original.lstrip())
    if not original[lead:lead + 1].isupper():
        return edits
    for edit in edits:
        if edit.start == lead:
            after = original[edit.end:edit.end + 1]
            if edit.replacement:
                edit.replacement = edit.replacement[:1].upper() + edit.replacement[1:]
            elif after.islower():
                edit.replacement, edit.end = after.upper(), edit.end + 1
    return edits
