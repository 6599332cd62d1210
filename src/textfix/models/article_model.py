"""Which article a noun phrase takes, read by the awkwardness tagger's encoder (``models/tagger``).

Russian has no articles, so MT drops or adds them where English needs the opposite ("Take
tablet", "The obesity is a risk factor"). The count-based article rules see a noun only where the
n-gram table knows it well; this model reads any noun phrase in its sentence.

It is an article *restoration* model, trained on clean health English only (MedQuAD answers,
``scripts/train_article_head.py``): every judged noun phrase's article (a/an, the) is taken out of
the sentence, the shared encoder reads what is left, and a small head predicts from the states of
the phrase's first word, the word before it and the phrase's head noun which article stood there:
none, "a/an" or "the". Nothing synthetic is learned. At run time the sentence is stripped the same
way; where the model finds the article as written very unlikely, the check suggests the one it
expects (``checks/article_model.py`` decides which).

A judged slot is a noun phrase (spaCy's noun chunk) headed by a common noun whose determiner is
"a/an", "the" or nothing. Names, acronyms, hyphenated compounds, numbers, possessives and other
determiners ("this", "some", "my") are left out: the model was not trained on them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import torch

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

HEAD_FILE = "article_head.safetensors"
SETTINGS_FILE = "article_head.json"
LABELS = ("none", "a", "the")
ARTICLES = {"a": 1, "an": 1, "the": 2}
OTHER_DETERMINERS = frozenset({
    "this", "that", "these", "those", "some", "any", "no", "each", "every", "my", "your", "his",
    "her", "its", "our", "their", "another", "all", "both", "either", "neither", "such", "what",
    "which", "whose", "much", "many", "few", "several", "more", "most", "less", "enough", "half",
})
MAX_WORDPIECES = 128


@dataclass(frozen=True)
class Slot:
    """A noun phrase whose article the model judges (token indices into the sentence's doc)."""

    anchor: int  # the phrase's first word after its article
    written: int  # index into LABELS: the article as written
    article: int | None  # the article token, None when there is none
    root: int  # the head noun


def article_slots(sentence: Doc | Span) -> list[Slot]:
    """Every judged noun phrase of a sentence (or a doc), in order."""
    doc = sentence.doc
    slots = []
    for chunk in sentence.noun_chunks:
        root, first = chunk.root, chunk[0]
        if root.tag_ not in ("NN", "NNS") or root.pos_ != "NOUN" or _named(chunk):
            continue
        if first.lower_ in ARTICLES and first.dep_ == "det":
            if len(chunk) > 1:
                slots.append(Slot(chunk[1].i, ARTICLES[first.lower_], first.i, root.i))
        elif not (first.lower_ in OTHER_DETERMINERS or first.tag_ in ("PRP$", "CD", "POS") or
                  first.dep_ in ("poss", "nummod", "det", "predet") or
                  first.pos_ in ("PRON", "PROPN", "NUM") or
                  (first.i > 0 and doc[first.i - 1].lower_ in ARTICLES)):
            slots.append(Slot(first.i, 0, None, root.i))
    return slots


def _named(chunk: Span) -> bool:
    """A name, an acronym or a hyphenated compound in the phrase or right after it."""
    doc = chunk.doc
    words = doc[chunk.start : min(chunk.end + 1, len(doc))]
    return any((t.pos_ == "PROPN" and t.i > t.sent.start) or (t.is_upper and len(t) > 1) or
               "-" in t.text for t in words) or \
        (chunk.root.is_title and chunk.root.i > chunk.sent.start)


def stripped(sentence: Doc | Span, slots: list[Slot]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence's text without the slots' articles, and each slot's (anchor, root)
    character start in it: what the model reads."""
    drop = {s.article for s in slots if s.article is not None}
    starts: dict[int, int] = {}
    pieces: list[str] = []
    position = 0
    for token in sentence:
        if token.i in drop:
            continue
        starts[token.i] = position
        pieces.append(token.text_with_ws)
        position += len(token.text_with_ws)
    return "".join(pieces), [(starts[s.anchor], starts[s.root]) for s in slots]


class ArticleHead(torch.nn.Module):
    """Two layers over the states of the anchor, the word before it and the head noun."""

    def __init__(self, width: int, hidden: int) -> None:
        super().__init__()
        self.net = torch.nn.Sequential(torch.nn.Linear(3 * width, hidden), torch.nn.GELU(),
                                       torch.nn.Dropout(0.1), torch.nn.Linear(hidden, len(LABELS)))

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        return self.net(features)


def slot_features(encoder, tokenizer, texts: list[str], starts: list[list[tuple[int, int]]],
                  batch_size: int = 32, layers: int | None = None
                  ) -> list[list[torch.Tensor | None]]:
    """For each text, each slot's features (None when a word fell past the length limit), from
    one pass over the texts in length-sorted batches through the encoder's first ``layers``
    layers (all when None)."""
    from .batching import pad_rows

    enc = tokenizer(texts, add_special_tokens=True, truncation=True, max_length=MAX_WORDPIECES,
                    return_offsets_mapping=True)
    positions = [[(_piece_at(offsets, a), _piece_at(offsets, r)) for a, r in slot_starts]
                 for offsets, slot_starts in zip(enc["offset_mapping"], starts, strict=True)]
    order = sorted(range(len(texts)), key=lambda k: len(enc["input_ids"][k]))
    out: list[list[torch.Tensor | None]] = [[] for _ in texts]
    with torch.inference_mode():
        for b in range(0, len(order), batch_size):
            rows = order[b : b + batch_size]
            ids, mask = pad_rows([enc["input_ids"][k] for k in rows], tokenizer.pad_token_id or 0)
            lengths = mask.sum(dim=1).tolist()
            states = encoder.layers(encoder.embeddings(ids), lengths, 0, layers)
            for r, k in enumerate(rows):
                out[k] = [torch.cat([states[r, p], states[r, p - 1], states[r, q]])
                          if p > 0 and q > 0 else None for p, q in positions[k]]
    return out


def _piece_at(offsets, char: int) -> int:
    """The wordpiece covering character ``char`` (-1: none, e.g. truncated)."""
    return next((k for k, (s, e) in enumerate(offsets) if s <= char < e), -1)


@dataclass(frozen=True)
class ArticleSettings:
    hidden: int
    insert_below: float  # suggest "a/an" where P(no article as written) is below this
    delete_below: float  # suggest no article where P("the" as written) is below this
    layers: int | None = None  # the encoder layers the head reads (None: all)
    # ... and for one adjective and its noun as an object or predicate ("has high fever"), where
    # the model is surer than the counts can be (0: not judged)
    adjective_insert_below: float = 0.0

    @classmethod
    def read(cls, folder: Path) -> ArticleSettings:
        raw = json.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))
        layers = raw.get("layers")
        return cls(int(raw["hidden"]), float(raw["insert_below"]), float(raw["delete_below"]),
                   None if layers is None else int(layers),
                   float(raw.get("adjective_insert_below", 0.0)))


class ArticleModel:
    """The shared tagger encoder and the article head; ``probabilities`` per slot."""

    def __init__(self, encoder, tokenizer, head: ArticleHead, settings: ArticleSettings) -> None:
        self.encoder, self.tokenizer, self.head, self.settings = encoder, tokenizer, head, settings

    @classmethod
    def load(cls, folder: str | Path) -> ArticleModel:
        return _load(str(folder))

    def probabilities(self, sentences: list[Span], slots: list[list[Slot]]
                      ) -> list[list[list[float]]]:
        """P(none, a, the) for each slot of each sentence (a plural noun cannot take "a": its
        share goes to the others); a slot the encoder could not read gets []."""
        read = [stripped(s, found) for s, found in zip(sentences, slots, strict=True)]
        features = slot_features(self.encoder, self.tokenizer, [t for t, _ in read],
                                 [starts for _, starts in read], layers=self.settings.layers)
        read_slots = [f for row in features for f in row if f is not None]
        with torch.inference_mode():  # one head call for every slot
            flat = torch.softmax(self.head(torch.stack(read_slots).float()), dim=1).tolist() \
                if read_slots else []
        found = iter(flat)
        out = []
        for sentence, doc_slots, doc_features in zip(sentences, slots, features, strict=True):
            doc = sentence.doc
            rows = []
            for slot, feature in zip(doc_slots, doc_features, strict=True):
                if feature is None:
                    rows.append([])
                    continue
                p = next(found)
                if doc[slot.root].tag_ == "NNS":
                    p = [p[0] / (p[0] + p[2]), 0.0, p[2] / (p[0] + p[2])]
                rows.append([round(x, 6) for x in p])
            out.append(rows)
        return out


@lru_cache(maxsize=2)
def _load(folder: str) -> ArticleModel:
    from safetensors.torch import load_file

    from ..errors import BackendError
    from .tagger import shared_model

    path = Path(folder)
    if not (path / HEAD_FILE).is_file():
        raise BackendError(f"no article head at {folder} ({HEAD_FILE} missing); run "
                           "scripts/train_article_head.py")
    model, tokenizer, _ = shared_model(folder)  # the fluency check's encoder, loaded once
    settings = ArticleSettings.read(path)
    head = ArticleHead(model.encoder.config.hidden_size, settings.hidden)
    head.load_state_dict({k: v.float() for k, v in load_file(path / HEAD_FILE).items()})
    return ArticleModel(model.encoder, tokenizer, head.eval(), settings)


__all__ = ["ArticleHead", "ArticleModel", "ArticleSettings", "LABELS", "Slot", "article_slots",
           "slot_features", "stripped"]
