"""Phrase shapes of the calque miner (``mine_calques``) and their form in the lexicon's pattern
language: a core of MT tokens (lemma and part of speech) with neighbours kept as a lemma or a part
of speech. Kept apart from the counting so each module does one job."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

# a core made only of these is another check's business (collocation/article, typography)
# or names and numbers, which no pattern generalises
OTHER_CHECKS_POS = frozenset({"DET", "PUNCT", "PROPN", "NUM", "SYM", "X", "SPACE"})
WORD_RE = re.compile(r"[a-z]+")
RESPELLED = 0.75  # difflib ratio of core lemmas to replacement at which it is the same word

Shape = tuple[tuple[str, str], ...]  # (kind, value) per token: core "lem:POS", "lemma", "POS"


@dataclass(frozen=True)
class Pair:
    """One aligned sentence: MT tokens with lemma and POS, and ERRANT's edits on them."""

    words: tuple[str, ...]
    lemmas: tuple[str, ...]
    pos: tuple[str, ...]
    edits: tuple[tuple[int, int, str], ...]  # (MT start, MT end, replacement)


def shapes_at(pair: Pair, start: int, end: int, bare: bool = False) -> Iterator[Shape]:
    """The shapes of core ``[start, end)`` with each neighbour as lemma or POS (and the core
    alone when ``bare``: the baseline a shape's change rate is compared with)."""
    core = tuple(("core", f"{pair.lemmas[i]}:{pair.pos[i]}") for i in range(start, end))
    if all(pair.pos[i] in OTHER_CHECKS_POS for i in range(start, end)):
        return
    if not all(WORD_RE.fullmatch(pair.lemmas[i]) for i in range(start, end)):
        return
    if bare:
        yield core
    lefts: list[tuple[tuple[str, str], ...]] = [()]
    rights: list[tuple[tuple[str, str], ...]] = [()]
    if start > 0:
        if WORD_RE.fullmatch(pair.lemmas[start - 1]):
            lefts.append((("lemma", pair.lemmas[start - 1]),))
        if pair.pos[start - 1] not in ("PUNCT", "SPACE"):
            lefts.append((("pos", pair.pos[start - 1]),))
    if end < len(pair.words):
        if WORD_RE.fullmatch(pair.lemmas[end]):
            rights.append((("lemma", pair.lemmas[end]),))
        if pair.pos[end] not in ("PUNCT", "SPACE"):
            rights.append((("pos", pair.pos[end]),))
    for left in lefts:
        for right in rights:
            if left or right:  # a bare core word is a word list, not a shape
                yield left + core + right


def pattern_of(shape: Shape) -> str:
    """The shape in the lexicon's pattern language; neighbours become slots l and r."""
    atoms = []
    seen_core = False
    for kind, value in shape:
        side = "r" if seen_core else "l"
        if kind == "core":
            seen_core = True
            atoms.append(value)
        elif kind == "lemma":
            atoms.append(f"{{{side}={value}}}")
        else:
            atoms.append(f"{{{side}:{value}}}")
    return " ".join(atoms)


def suggestion_of(shape: Shape, replacement: str) -> str:
    """The whole match rewritten: neighbours as captured, the core as post-editors wrote it."""
    left = "{l} " if shape[0][0] != "core" else ""
    right = " {r}" if shape[-1][0] != "core" else ""
    return f"{left}{replacement}{right}".replace("  ", " ").strip()


def generality(shape: Shape) -> int:
    """Fewer fixed lemmas is more general (a POS neighbour generalises a lemma one)."""
    return sum(kind == "lemma" for kind, _ in shape) + len(shape)


def core_of(shape: Shape) -> Shape:
    return tuple(atom for atom in shape if atom[0] == "core")


def respelled(shape: Shape, replacement: str) -> bool:
    """The replacement is the core's own words respelled or reinflected ("roubles" -> "rubles",
    "has" -> "have"), not other words."""
    words = " ".join(value.split(":")[0] for _, value in core_of(shape))
    return SequenceMatcher(None, words, replacement.lower()).ratio() >= RESPELLED
