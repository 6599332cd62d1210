"""The machinery every noise family shares: sites, edits, the parse, and applying edits.

A family finds its *eligible sites* in a clean sentence (a span of the clean text and a way to
write the MT-style replacement); ``corrupt`` fires each site with the family's rate and applies the
fired, non-overlapping ones all at once, so the report (``Edit``) gives every changed span's
offsets into the noisy sentence without diffing.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy (and through thinc, torch) loads only when a sentence is parsed
    from spacy.tokens import Doc, Token

Writer = Callable[[random.Random], str]


@dataclass(frozen=True)
class Site:
    """A span of the clean sentence one family can corrupt, and how to write the corruption."""

    start: int
    end: int
    write: Writer


@dataclass(frozen=True)
class Edit:
    """One corruption made: ``start:end`` of the noisy sentence replaced ``original``."""

    family: str
    start: int
    end: int
    text: str
    original: str


@dataclass(frozen=True)
class Corruption:
    """The clean and noisy sentence and each edit, offsets into ``noisy``."""

    clean: str
    noisy: str
    edits: tuple[Edit, ...] = ()

    @property
    def families(self) -> list[str]:
        return list(dict.fromkeys(e.family for e in self.edits))

    def changed(self, start: int, end: int) -> bool:
        """Does the noisy span ``start:end`` (a word) overlap an edit?"""
        return any(e.start < end and start < e.end for e in self.edits)


class Parsed:
    """A clean sentence, parsed by spaCy only when a parse-driven family first asks."""

    def __init__(self, text: str, doc: Doc | None = None):
        self.text = text
        self._doc = doc

    @property
    def doc(self) -> Doc:
        if self._doc is None:
            self._doc = _parse(self.text)
        return self._doc


def nlp():
    from ...stages.analyse import load_spacy

    return load_spacy()


@lru_cache(maxsize=1024)
def _parse(text: str) -> Doc:
    return nlp()(text)


def parse_many(texts: Iterable[str], batch_size: int = 128) -> Iterator[Parsed]:
    """Each text parsed in spaCy batches (several times faster than one at a time)."""
    texts = list(texts)
    for text, doc in zip(texts, nlp().pipe(texts, batch_size=batch_size), strict=True):
        yield Parsed(text, doc)


SitesFn = Callable[[Parsed], list[Site]]


@dataclass(frozen=True)
class Noise:
    """A family: its name, its rate (probability that one eligible site fires) and its sites."""

    name: str
    probability: float
    sites: SitesFn
    example: tuple[str, str] = field(default=("", ""))

    @property
    def rate(self) -> float:
        return self.probability

    def __call__(self, text: str, rng: random.Random) -> str:
        """The family applied at one eligible site picked at random (rate ignored)."""
        found = self.sites(Parsed(text))
        if not found:
            return text
        return apply(text, [(self.name, rng.choice(found))], rng).noisy

    @property
    def fn(self) -> Callable[[str, random.Random], str]:
        return self.__call__


def apply(text: str, chosen: list[tuple[str, Site]], rng: random.Random) -> Corruption:
    """Write every chosen site (they must not overlap) and record each edit's noisy offsets."""
    parts, edits, pos, at = [], [], 0, 0
    for family, site in sorted(chosen, key=lambda c: c[1].start):
        new = site.write(rng)
        if site.start == 0 and text[:1].isupper():
            new = new[:1].upper() + new[1:]
        parts.append(text[pos : site.start])
        at += site.start - pos
        original = text[site.start : site.end]
        if new != original:
            edits.append(Edit(family, at, at + len(new), new, original))
        parts.append(new)
        at += len(new)
        pos = site.end
    parts.append(text[pos:])
    return Corruption(text, "".join(parts), tuple(edits))


def overlaps(site: Site, taken: list[Site]) -> bool:
    return any(site.start < t.end and t.start < site.end for t in taken)


# --------------------------------------------------------------------------- parse helpers


def word(tok: Token) -> str:
    """A token as written inside a sentence: a sentence-initial capital is dropped."""
    text = tok.text
    if tok.i == tok.sent.start and text[:1].isupper() and text[1:].islower() and \
            tok.pos_ != "PROPN":
        return text.lower()
    return text


def token_site(tok: Token, write: Writer) -> Site:
    return Site(tok.idx, tok.idx + len(tok.text), write)


def span_site(first: Token, last: Token, write: Writer) -> Site:
    return Site(first.idx, last.idx + len(last.text), write)


def pick(*options: str) -> Writer:
    return lambda rng: rng.choice(options)


def with_case(new: str, old: str) -> str:
    """``new`` with the initial capital of ``old`` (mid-sentence capitals, as in titles)."""
    return new[:1].upper() + new[1:] if old[:1].isupper() else new
