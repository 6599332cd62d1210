"""Mine candidate calque-lexicon entries from MLQE-PE ru-en TRAIN (``textfix train calques``).

Why: post-editors fix the same Russian-shaped phrase again and again; a phrase shape (lemmas and
parts of speech) that they change in most of the sentences where it occurs is a candidate entry.

How:
1. TRAIN pairs (MT, post-edit) rewritten wholesale (HTER above ``MAX_HTER``) are dropped; the rest
   are split by a seeded shuffle into a mining half and a validation half. MLQE-PE dev is never
   read: it is for measuring.
2. MT and post-edit are aligned with ERRANT (``errant.load("en", nlp)`` on the project's spaCy
   pipeline, Moses tokens kept as they are): each edit is an MT token span and its replacement.
3. Every MT position gives shapes: a core of 1-2 tokens (lemma and part of speech) with a left
   and/or right neighbour kept as a lemma or generalised to its part of speech. Per shape, the
   sentences where it occurs and those where an edit touches its core are counted.
4. A shape is a candidate when, on the mining half, post-editors changed its core in at least
   ``MIN_CHANGED`` sentences and in at least ``MIN_PRECISION`` of the sentences where it occurs,
   at least ``MIN_LIFT`` times as often as they change the same core words anywhere (a context
   that makes the words wrong, not words post-editors change everywhere), and one replacement is
   the usual one (the suggestion) and is not the same word respelled or reinflected ("roubles"
   -> "rubles", "has" -> "have": spelling and grammar checks' business). It is kept when on the
   validation half it occurs in at least ``MIN_VALIDATION`` sentences with the same precision,
   matches at most ``MAX_CLEAN`` of ``CLEAN_SAMPLE`` clean MedQuAD sentences, and is not covered
   by a kept shape that is more general. The clean sentences come from the answers the health LM
   trained on: the answers it held out are the clean text the evaluation scripts measure on
   (``scripts/clean_text_flags.py``, ``corpus/devset``), so the miner never reads them.

Why these thresholds: MLQE-PE post-editing is minimal (mean HTER 0.21) and TRAIN is 7,000
general-domain sentences, so a phrase shape recurs a few times at most; 0.6 precision on both
halves kept nothing (0 of 139 shapes, 2026-11-30). Precision 0.3 with a lift of 2 over the
words' own change rate finds the few recurring, context-made edits; review decides the rest.

The output is a lexicon YAML (loadable with ``--calques``) whose header says how many shapes were
mined, kept, and why the others were dropped; entries have no examples, they are for an editor to
review and rewrite into ``data/calques.yaml`` with examples of their own.
"""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import atomic_write_text
from ..errors import InputError
from .calque_shapes import (
    Pair,
    Shape,
    core_of,
    generality,
    pattern_of,
    respelled,
    shapes_at,
    suggestion_of,
)
from .data import find_medquad, find_mlqe, medquad_sentences, mlqe_lines, read_medquad

MAX_HTER = 0.5  # pairs edited more than this are rewrites, not corrections
MIN_CHANGED = 3  # sentences (mining half) where post-editors changed the shape's core
MIN_PRECISION = 0.3  # share of the shape's sentences where its core was changed
MIN_LIFT = 2.0  # ... over the share of all sentences with the core words where they changed
MIN_VALIDATION = 3  # sentences (validation half) the shape must occur in
MAX_CLEAN = 2  # clean MedQuAD sentences (of CLEAN_SAMPLE) it may match
CLEAN_SAMPLE = 4000  # seeded sample of sentences of the answers the health LM trained on
MIN_REPLACEMENT_SHARE = 0.3  # the usual replacement's share of the changes
MAX_CORE = 2  # core tokens
LM_SEED = 0  # textfix train lm's default seed: its held-out answers are measured on



@dataclass
class Tally:
    """Per shape: sentences it occurs in, sentences whose post-edit changed its core, and the
    replacements post-editors wrote for exactly its core."""

    seen: set[int] = field(default_factory=set)
    changed: set[int] = field(default_factory=set)
    replacements: Counter = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        return len(self.changed) / len(self.seen) if self.seen else 0.0


# ------------------------------------------------------------------ data


def read_train(data: Path) -> list[tuple[str, str, float]]:
    """(MT, post-edit, HTER) of MLQE-PE ru-en TRAIN; dev is never read here."""
    folder = find_mlqe(data, "train")
    mt, pe, hter = (mlqe_lines(folder, ext) for ext in ("mt", "pe", "hter"))
    if not len(mt) == len(pe) == len(hter):
        raise InputError(f"{folder}: *.mt, *.pe and *.hter differ in line count")
    return [(m, p, float(h)) for m, p, h in zip(mt, pe, hter, strict=True)]


def split_halves(n: int, seed: int) -> tuple[list[int], list[int]]:
    """A seeded shuffle of n indices cut in two: (mining half, validation half)."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return sorted(order[: n // 2]), sorted(order[n // 2 :])


def clean_sentences(data: Path, seed: int = 0, count: int = CLEAN_SAMPLE) -> list[str]:
    """A seeded sample of prose sentences of the MedQuAD answers the health LM trained on (clean
    native English); a sentence that also occurs in a held-out answer (MedQuAD repeats answers)
    is left out, so the held-out text the evaluation measures on is never read into a verdict."""
    from .lm import split_answers

    trained, held_out = split_answers(read_medquad(find_medquad(data)), LM_SEED)
    measured = set(medquad_sentences(held_out))
    pool = [s for s in medquad_sentences(trained) if s not in measured]
    return random.Random(seed).sample(pool, min(count, len(pool)))


# ------------------------------------------------------------------ alignment


def _docs(nlp, texts: Sequence[str]) -> Iterator:
    """Parse pre-tokenised (Moses) lines, keeping their tokens as they are."""
    from spacy.tokens import Doc

    return nlp.pipe((Doc(nlp.vocab, words=t.split()) for t in texts), batch_size=256)


def align(nlp, pairs: Sequence[tuple[str, str]]) -> list[Pair]:
    """ERRANT edits of each (MT, post-edit) pair, on the project's spaCy pipeline."""
    import errant

    annotator = errant.load("en", nlp)
    out = []
    mt_docs = _docs(nlp, [m for m, _ in pairs])
    pe_docs = _docs(nlp, [p for _, p in pairs])
    for mt, pe in zip(mt_docs, pe_docs, strict=True):
        edits = tuple((e.o_start, e.o_end, e.c_str) for e in annotator.annotate(mt, pe)
                      if e.o_end > e.o_start)  # insertions: no MT span to match
        out.append(Pair(tuple(t.text for t in mt), tuple(t.lemma_.lower() for t in mt),
                        tuple(t.pos_ for t in mt), edits))
    return out


def tag(nlp, texts: Sequence[str]) -> list[Pair]:
    """Clean sentences as unedited pairs (spaCy's own tokenisation)."""
    return [Pair(tuple(t.text for t in d), tuple(t.lemma_.lower() for t in d),
                 tuple(t.pos_ for t in d), ()) for d in nlp.pipe(texts, batch_size=256)]


# ------------------------------------------------------------------ shapes


def tally(pairs: Iterable[Pair], only: set[Shape] | None = None,
          bare: bool = False) -> dict[Shape, Tally]:
    """Count, per shape, the sentences it occurs in and those where its core was edited."""
    tallies: dict[Shape, Tally] = defaultdict(Tally)
    for index, pair in enumerate(pairs):
        for start in range(len(pair.words)):
            for end in range(start + 1, min(start + MAX_CORE, len(pair.words)) + 1):
                touched = [e for e in pair.edits if e[0] < end and start < e[1]]
                exact = [e[2] for e in touched if (e[0], e[1]) == (start, end)]
                for shape in shapes_at(pair, start, end, bare):
                    if only is not None and shape not in only:
                        continue
                    t = tallies[shape]
                    t.seen.add(index)
                    if touched:
                        t.changed.add(index)
                        t.replacements.update(exact or ["<other>"])
    return tallies


def often_changed(pairs: Iterable[Pair], minimum: int | None = None) -> set[Shape]:
    """Shapes whose core an edit touches in at least ``minimum`` sentences (a cheap first pass:
    tallying every shape of every position would hold millions of sets)."""
    counts: Counter = Counter()
    for pair in pairs:
        found: set[Shape] = set()
        for e_start, e_end, _ in pair.edits:
            for start in range(max(0, e_start - MAX_CORE + 1), e_end):
                for end in range(start + 1, min(start + MAX_CORE, len(pair.words)) + 1):
                    if start < e_end and e_start < end:
                        found.update(shapes_at(pair, start, end))
        counts.update(found)
    least = MIN_CHANGED if minimum is None else minimum
    return {shape for shape, n in counts.items() if n >= least}


# ------------------------------------------------------------------ mining


@dataclass
class Candidate:
    shape: Shape
    mining: Tally
    validation: Tally | None = None
    clean: int = 0
    dropped: str = ""

    @property
    def suggestion(self) -> str:
        replacement = self.mining.replacements.most_common(1)[0][0]
        return suggestion_of(self.shape, replacement)


def candidates_from(mining: dict[Shape, Tally], base: dict[Shape, Tally]
                    ) -> tuple[list[Candidate], Counter]:
    """Shapes post-editors change often and consistently on the mining half, in a context that
    makes them wrong (``base``: the tallies of the bare cores)."""
    out = []
    reasons: Counter = Counter()
    for shape, t in mining.items():
        if len(t.changed) < MIN_CHANGED:
            continue  # rare: not counted as mined
        if t.precision < MIN_PRECISION:
            reasons[f"mining precision below {MIN_PRECISION:.2f}"] += 1
            continue
        if t.precision < MIN_LIFT * base[core_of(shape)].precision:
            reasons[f"changed less than {MIN_LIFT:g}x as often as its words anywhere"] += 1
            continue
        usual = [(r, c) for r, c in t.replacements.most_common() if r != "<other>"]
        if not usual or usual[0][1] < max(2, MIN_REPLACEMENT_SHARE * len(t.changed)):
            reasons["no usual replacement (post-editors rewrite it in different ways)"] += 1
            continue
        if respelled(shape, usual[0][0]):
            reasons["the same words respelled or reinflected (spelling, grammar)"] += 1
            continue
        t.replacements = Counter(dict(usual))
        out.append(Candidate(shape, t))
    return out, reasons


def validate(candidates: list[Candidate], validation: dict[Shape, Tally],
             clean: dict[Shape, Tally]) -> None:
    """Mark each candidate with why it is dropped ('' when kept)."""
    for c in candidates:
        c.validation = validation.get(c.shape, Tally())
        c.clean = len(clean[c.shape].seen) if c.shape in clean else 0
        if len(c.validation.seen) < MIN_VALIDATION:
            c.dropped = f"occurs in fewer than {MIN_VALIDATION} validation sentences"
        elif c.validation.precision < MIN_PRECISION:
            c.dropped = f"validation precision below {MIN_PRECISION:.2f}"
        elif c.clean > MAX_CLEAN:
            c.dropped = f"matches more than {MAX_CLEAN} clean MedQuAD sentences"
    kept_changed: list[tuple[Shape, set[int]]] = []
    survivors = [c for c in candidates if not c.dropped]
    survivors.sort(key=lambda c: (-len(c.validation.changed), generality(c.shape),
                                  pattern_of(c.shape)))
    for c in survivors:
        covered = set().union(*(s for _, s in kept_changed)) if kept_changed else set()
        if c.validation.changed <= covered:
            c.dropped = "covered by a kept, more general shape"
            continue
        kept_changed.append((c.shape, set(c.validation.changed)))


def mine(mining: Sequence[Pair], validation: Sequence[Pair], clean: Sequence[Pair]
         ) -> tuple[list[Candidate], Counter]:
    """Candidates with their verdicts, and the counts of shapes dropped before validation."""
    often = tally(mining, often_changed(mining))
    base = tally(mining, {core_of(shape) for shape in often}, bare=True)
    candidates, reasons = candidates_from(often, base)
    wanted = {c.shape for c in candidates}
    validate(candidates, tally(validation, wanted), tally(clean, wanted))
    return candidates, reasons


# ------------------------------------------------------------------ output


def _entry_id(shape: Shape, used: set[str]) -> str:
    words = [v.split(":")[0].lower() for _, v in shape]
    base = "mined-" + "-".join(re.sub(r"[^a-z]+", "", w) or "x" for w in words)
    entry_id, n = base, 2
    while entry_id in used:
        entry_id, n = f"{base}-{n}", n + 1
    used.add(entry_id)
    return entry_id


def render_yaml(candidates: Sequence[Candidate], reasons: Counter, figures: dict) -> str:
    """The candidates file: a header with the counts, then one entry per kept shape."""
    import yaml

    kept = [c for c in candidates if not c.dropped]
    dropped = Counter(reasons)
    dropped.update(c.dropped for c in candidates if c.dropped)
    lines = [
        "# Calque candidates mined from MLQE-PE ru-en TRAIN by `textfix train calques`",
        "# (textfix.training.mine_calques). Review each before copying it into data/calques.yaml",
        "# with examples of your own; never copy MLQE-PE sentences into the repository.",
        "#",
        *(f"# {k}: {v}" for k, v in figures.items()),
        f"# shapes mined (changed in >= {MIN_CHANGED} mining sentences): "
        f"{len(candidates) + sum(reasons.values())}",
        f"# kept: {len(kept)}",
        "# dropped, by reason:",
        *(f"#   {n:5d}  {reason}" for reason, n in dropped.most_common()),
        "",
        "entries:",
    ]
    used: set[str] = set()
    for c in kept:
        v = c.validation
        assert v is not None
        entry = {
            "id": _entry_id(c.shape, used),
            "pattern": pattern_of(c.shape),
            "message": "Post-editors of Russian MT usually change this phrase.",
            "suggestions": [c.suggestion],
            "confidence": round(min(0.8, v.precision), 2),
        }
        lines.append(
            f"  # mining: changed in {len(c.mining.changed)} of {len(c.mining.seen)} sentences; "
            f"validation: {len(v.changed)} of {len(v.seen)}; clean MedQuAD matches: {c.clean}"
        )
        body = yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=100)
        lines += ["  " + line for line in body.splitlines()]
    return "\n".join(lines) + "\n"


def mine_calques(data: Path, out: Path, seed: int = 0, limit: int | None = None,
                 spacy_model: str | None = None) -> dict:
    """Run the whole mining and write ``out``; returns the counts the header reports."""
    from ..stages.analyse import load_spacy

    rows = read_train(data)[:limit] if limit else read_train(data)
    usable = [(m, p) for m, p, h in rows if h <= MAX_HTER]
    mining_ix, validation_ix = split_halves(len(usable), seed)
    nlp = load_spacy(spacy_model)
    pairs = align(nlp, usable)
    clean = tag(nlp, clean_sentences(data))
    candidates, reasons = mine([pairs[i] for i in mining_ix], [pairs[i] for i in validation_ix],
                               clean)
    figures = {
        "alignment": "ERRANT 3 on the project's spaCy pipeline, MT Moses tokens kept",
        "TRAIN pairs": len(rows),
        f"pairs with HTER <= {MAX_HTER}": len(usable),
        f"mining / validation halves (seed {seed})": f"{len(mining_ix)} / {len(validation_ix)}",
        "clean MedQuAD sentences (answers the LM trained on)": len(clean),
        "thresholds": f"changed >= {MIN_CHANGED}, precision >= {MIN_PRECISION} on both halves "
                      f"and >= {MIN_LIFT:g}x the words' own rate (mining), >= {MIN_VALIDATION} "
                      f"validation sentences, <= {MAX_CLEAN} clean matches",
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(out, render_yaml(candidates, reasons, figures))
    figures["mined"] = len(candidates) + sum(reasons.values())
    figures["kept"] = sum(not c.dropped for c in candidates)
    return figures
