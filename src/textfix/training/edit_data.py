"""Training data of the edit tagger: (source words, GECToR labels) built from four sources.

- MLQE-PE ru-en **train** MT → post-edit pairs (CC0), aligned with ERRANT on the project's spaCy
  pipeline; pairs the post-editor rewrote wholesale (edited words over ``MAX_EDIT_RATIO`` of the
  MT) are dropped: they teach rewriting, not editing. MLQE-PE dev is never read here.
- JFLEG dev **even** lines (CC BY-NC-SA), each of the four references a pair; the odd lines are
  the measuring half of ``textfix eval`` and are never read here.
- The calque lexicon's examples: ``flag`` → ``fix`` pairs and ``ok`` sentences left alone.
- MedQuAD answer sentences (CC BY 4.0) corrupted by the MT noise model (``training.noise``), and
  a share left clean; answers are de-duplicated and split as the detection tagger splits them.

Sentences are detokenized and split into words with ``models.words.split_words``, the split the
runtime uses, so a label's word is the word the runtime sees. A seeded ``HELD_SHARE`` of the
groups (an MLQE line, a JFLEG source with all its references, a MedQuAD answer) is held out for
early stopping, calibration and thresholds.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..detok import detokenize
from ..models.words import split_words
from .edit_labels import labels_from_edits

MAX_EDIT_RATIO = 0.4
HELD_SHARE = 0.05
MAX_WORDS = 80  # the runtime tags at most this many words at once

Log = Callable[[str], None]


@dataclass
class EditExample:
    text: str  # the source sentence, as the runtime reads it
    words: list[str]
    labels: list[str]  # len(words) + 1: the start slot, then one per word
    source: str  # mlqe | jfleg | calque | medquad-noisy | medquad-clean
    group: str  # examples of one group are held out together


def words_of(text: str) -> list[str]:
    return [w for w, _, _ in split_words(text)]


def align_pairs(nlp, pairs: Sequence[tuple[list[str], list[str]]],
                max_ratio: float = MAX_EDIT_RATIO) -> list[list[str] | None]:
    """GECToR labels of each (source words, target words) pair from ERRANT's alignment; None
    for a pair rewritten wholesale."""
    import errant
    from spacy.tokens import Doc

    annotator = errant.load("en", nlp)
    src_docs = nlp.pipe((Doc(nlp.vocab, words=s) for s, _ in pairs), batch_size=256)
    tgt_docs = nlp.pipe((Doc(nlp.vocab, words=t) for _, t in pairs), batch_size=256)
    out: list[list[str] | None] = []
    for (src, _tgt), sdoc, tdoc in zip(pairs, src_docs, tgt_docs, strict=True):
        edits = annotator.annotate(sdoc, tdoc)
        changed = sum(max(e.o_end - e.o_start, e.c_end - e.c_start) for e in edits)
        if changed > max_ratio * max(1, len(src)):
            out.append(None)
            continue
        spans = [(e.o_start, e.o_end, [t.text for t in tdoc[e.c_start:e.c_end]]) for e in edits]
        out.append(labels_from_edits(src, spans))
    return out


def mlqe_pairs(data: Path, limit: int | None) -> list[tuple[str, str, str]]:
    from .data import find_mlqe, read_mlqe

    examples = read_mlqe(find_mlqe(data, "train"), limit=limit)
    return [(detokenize(" ".join(ex.tokens)), detokenize(ex.pe), f"mlqe{i}")
            for i, ex in enumerate(examples)]


def jfleg_pairs(data: Path, limit: int | None) -> list[tuple[str, str, str]]:
    """Even lines of JFLEG dev only (``jfleg_split``'s training half), one pair per reference."""
    from .data import find_jfleg, jfleg_split

    even, _odd = jfleg_split(find_jfleg(data))
    return [(src, ref, f"jfleg{i}") for i, (src, refs) in enumerate(even[:limit])
            for ref in refs if ref.strip()]


def calque_pairs() -> list[tuple[str, str, str]]:
    from ..rule_examples import calque_rules

    out = []
    for rule in calque_rules():
        for k, ex in enumerate(rule.examples):
            target = ex.fix if ex.flag else ex.text
            if target:
                out.append((ex.text, target, f"{rule.id}#{k}"))
    return out


def medquad_pairs(data: Path, n: int, clean_share: float, seed: int,
                  tiny: bool) -> list[tuple[str, str, str]]:
    """``n`` MedQuAD sentences, corrupted by the noise model except a ``clean_share``."""
    from .data import medquad_sentences
    from .noise import noisy_pairs
    from .tagger import medquad_split

    answers, _held = medquad_split(data, tiny, seed)
    rng = random.Random(seed)
    grouped = [(s, a) for a, answer in enumerate(answers) for s in medquad_sentences([answer])]
    rng.shuffle(grouped)
    grouped = grouped[:n]
    pairs = noisy_pairs([s for s, _ in grouped], seed=seed, keep_clean=clean_share)
    return [(noisy, clean, f"medquad{a}")
            for (noisy, clean, _families), (_s, a) in zip(pairs, grouped, strict=True)]


def build_examples(data: Path, nlp, tiny: bool = False, seed: int = 0,
                   log: Log = print) -> tuple[list[EditExample], dict]:
    """Every source's examples and counts (kept, dropped as rewritten)."""
    sources = {
        "mlqe": mlqe_pairs(data, 200 if tiny else None),
        "jfleg": jfleg_pairs(data, 20 if tiny else None),
        "calque": calque_pairs() * (1 if tiny else 3),
        "medquad": medquad_pairs(data, 60 if tiny else 6000, 0.2, seed, tiny),
    }
    examples: list[EditExample] = []
    counts: dict = {}
    for name, triples in sources.items():
        pairs = [(words_of(s), words_of(t)) for s, t, _ in triples]
        keep = [k for k, (s, t) in enumerate(pairs) if s and t and len(s) <= MAX_WORDS]
        labels = align_pairs(nlp, [pairs[k] for k in keep])
        kept = 0
        for k, lab in zip(keep, labels, strict=True):
            if lab is None:
                continue
            src, _tgt, group = triples[k]
            kind = name
            if name == "medquad":
                kind = "medquad-clean" if src == _tgt else "medquad-noisy"
            examples.append(EditExample(src, pairs[k][0], lab, kind, group))
            kept += 1
        counts[name] = {"pairs": len(triples), "kept": kept,
                        "rewritten": len(keep) - kept}
        log(f"edit data: {name}: {kept} of {len(triples)} pairs kept "
            f"({len(keep) - kept} rewritten wholesale dropped)")
    return examples, counts


def split_held(examples: Sequence[EditExample], seed: int = 0,
               share: float = HELD_SHARE) -> tuple[list[EditExample], list[EditExample]]:
    """A seeded share of the groups held out (all of a group's examples on one side)."""
    groups = sorted({ex.group for ex in examples})
    rng = random.Random(seed)
    held = set(rng.sample(groups, max(1, int(len(groups) * share))))
    return ([ex for ex in examples if ex.group not in held],
            [ex for ex in examples if ex.group in held])
