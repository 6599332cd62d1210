"""Train the article head (``textfix/models/article_model.py``) on clean health English.

Data: MedQuAD answers (CC BY 4.0), de-duplicated, without the 2% the health LM holds out (those
are what ``scripts/clean_text_flags.py`` and the dev set's clean sentences measure on); a seeded
10% of the rest, by answer, is held out for early stopping and the figures printed at the end.
Every judged noun phrase of a sentence is one example: its article is taken out, the shipped
tagger's encoder (int8, as at run time) reads the sentence, and the head learns which article
stood there. The encoder is not changed: the head is about 0.3 M parameters.

The thresholds the check uses (``--insert-below``, ``--delete-below``,
``--adjective-insert-below``) are not fitted here:
they were chosen on the dev set's tune half and the tune halves of ``clean_text_flags.py`` (the
model card in ``models/tagger/README.md`` has the figures); the script only records them.

Usage::

    .venv/bin/python scripts/train_article_head.py [--data ../shared/data] [--out models/tagger]
        [--sentences 40000] [--epochs 10]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import torch

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
ROOT = Path(__file__).resolve().parents[1]


def sentences(data: Path, count: int) -> tuple[list[str], list[str]]:
    """(training, held-out) sentences of 5 to 40 words, split by answer."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from clean_text_flags import sentences_of

    from textfix.training.data import read_medquad
    from textfix.training.lm import split_answers

    answers, _ = split_answers(read_medquad(data / "medquad" / "answers.txt.gz"), 0)
    answers = list(dict.fromkeys(answers))
    random.Random(7).shuffle(answers)
    cut = len(answers) // 10

    def pick(group: list[str], n: int) -> list[str]:
        found = list(dict.fromkeys(s for a in group for s in sentences_of(a)
                                   if len(s.split()) <= 40))
        random.Random(3).shuffle(found)
        return found[:n]

    return pick(answers[cut:], count), pick(answers[:cut], count // 6)


def examples(texts: list[str], nlp, encoder, tokenizer, layers: int | None
             ) -> tuple[torch.Tensor, torch.Tensor]:
    """Features and labels of every judged slot of ``texts``."""
    from textfix.models.article_model import article_slots, slot_features, stripped

    docs, slots = [], []
    for doc in nlp.pipe(texts, batch_size=128):
        found = article_slots(doc)
        if found:
            docs.append(doc)
            slots.append(found)
    read = [stripped(d, s) for d, s in zip(docs, slots, strict=True)]
    features = slot_features(encoder, tokenizer, [t for t, _ in read], [s for _, s in read], 64,
                             layers)
    rows, labels = [], []
    for doc_slots, doc_features in zip(slots, features, strict=True):
        for slot, feature in zip(doc_slots, doc_features, strict=True):
            if feature is not None:
                rows.append(feature.half())
                labels.append(slot.written)
    return torch.stack(rows), torch.tensor(labels)


def fit(train: tuple, held: tuple, width: int, hidden: int, epochs: int) -> tuple:
    """The head with the lowest held-out loss, and that loss and accuracy."""
    from textfix.models.article_model import ArticleHead

    torch.manual_seed(0)
    head = ArticleHead(width, hidden)
    optimiser = torch.optim.AdamW(head.parameters(), lr=1e-3, weight_decay=0.01)
    x, y = train[0].float(), train[1]
    hx, hy = held[0].float(), held[1]
    best = (float("inf"), 0.0, None)
    for epoch in range(epochs):
        head.train()
        order = torch.randperm(len(x))
        for b in range(0, len(x), 512):
            batch = order[b : b + 512]
            loss = torch.nn.functional.cross_entropy(head(x[batch]), y[batch])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        head.eval()
        with torch.no_grad():
            logits = head(hx)
            loss = float(torch.nn.functional.cross_entropy(logits, hy))
            accuracy = float((logits.argmax(1) == hy).float().mean())
        print(f"epoch {epoch + 1}: held-out loss {loss:.4f}, accuracy {accuracy:.4f}", flush=True)
        if loss < best[0]:
            best = (loss, accuracy, {k: v.clone() for k, v in head.state_dict().items()})
    head.load_state_dict(best[2])
    return head, best[0], best[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "tagger")
    parser.add_argument("--sentences", type=int, default=40000)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--hidden", type=int, default=256)
    parser.add_argument("--layers", type=int, default=None,
                        help="read the encoder's states after this many layers (default: all)")
    parser.add_argument("--insert-below", type=float, default=0.01)
    parser.add_argument("--delete-below", type=float, default=0.02)
    parser.add_argument("--adjective-insert-below", type=float, default=0.15)
    args = parser.parse_args()
    from safetensors.torch import save_file

    from textfix.models.article_model import HEAD_FILE, SETTINGS_FILE
    from textfix.models.tagger import shared_model
    from textfix.stages.analyse import load_spacy

    started = time.time()
    torch.set_num_threads(2)
    train_texts, held_texts = sentences(args.data, args.sentences)
    nlp = load_spacy()
    model, tokenizer, _ = shared_model(str(args.out))
    held = examples(held_texts, nlp, model.encoder, tokenizer, args.layers)
    train = examples(train_texts, nlp, model.encoder, tokenizer, args.layers)
    print(f"{len(train[1])} training slots from {len(train_texts)} sentences, {len(held[1])} "
          f"held-out from {len(held_texts)} ({time.time() - started:.0f} s)", flush=True)
    head, loss, accuracy = fit(train, held, train[0].shape[1] // 3, args.hidden, args.epochs)
    save_file({k: v.half().contiguous() for k, v in head.state_dict().items()},
              args.out / HEAD_FILE)
    counts = torch.bincount(held[1], minlength=3).tolist()
    settings = {"hidden": args.hidden, "layers": args.layers, "insert_below": args.insert_below,
                "delete_below": args.delete_below,
                "adjective_insert_below": args.adjective_insert_below,
                "training_sentences": len(train_texts),
                "training_slots": len(train[1]), "held_out_slots": len(held[1]),
                "held_out_labels": dict(zip(("none", "a", "the"), counts, strict=True)),
                "held_out_loss": round(loss, 4), "held_out_accuracy": round(accuracy, 4),
                "minutes": round((time.time() - started) / 60, 1)}
    (args.out / SETTINGS_FILE).write_text(json.dumps(settings, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(settings, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
