"""What a lexicon is made of: entries (rules), their context conditions, and their matches."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..example import Example
from .pattern import PatternToken

if TYPE_CHECKING:  # spaCy loads when a lexicon is compiled, not when its module is imported
    from spacy.tokens import Span


@dataclass(frozen=True)
class Context:
    """Words that must (any of ``require``) or must not (any of ``forbid``) be near a match.

    ``prev_not``/``next_not`` refuse a match whose neighbouring token has one of these lemmas
    (lower case) or parts of speech (upper case): "reduces leg" yes, "reduces leg swelling" no.
    """

    require: frozenset[str] = frozenset()
    forbid: frozenset[str] = frozenset()
    # sentence | paragraph | phrase: ``require`` looks only in the matched words' own phrase
    # (their dependents, not conjuncts or clauses: "seizures in the calf", not "seizures and
    # muscle weakness"); ``forbid`` still looks in the whole sentence
    window: str = "sentence"
    prev_not: frozenset[str] = frozenset()
    next_not: frozenset[str] = frozenset()

    def allows(self, words: set[str], forbid_in: set[str] | None = None) -> bool:
        """``words`` hold the required context; ``forbid_in`` the forbidden (default: same)."""
        if self.require and not (self.require & words):
            return False
        return not (self.forbid & (words if forbid_in is None else forbid_in))

    def allows_neighbours(self, span: Span) -> bool:
        doc = span.doc
        for token, refused in ((span.start - 1, self.prev_not), (span.end, self.next_not)):
            if refused and 0 <= token < len(doc):
                neighbour = doc[token]
                if {neighbour.pos_, neighbour.lemma_.lower(), neighbour.lower_} & refused:
                    return False
        return True


@dataclass(frozen=True)
class Entry:
    """One curated rule: a phrase to flag, why, and what to write instead."""

    id: str
    patterns: tuple[str, ...]
    message: str
    suggestions: tuple[str, ...]
    confidence: float = 0.7  # how sure the phrase is wrong
    hold: str | None = None  # why its fixes wait for an editor ("house style"), or None
    context: Context | None = None
    severity: str = "warning"
    concept: str = ""
    origin: str = ""  # "file, entry N (id)": where an editor finds it
    examples: tuple[Example, ...] = ()  # see example.py; TSV entries have none
    compiled: tuple[tuple[PatternToken, ...], ...] = field(default=(), compare=False, repr=False)

    @property
    def slots(self) -> frozenset[str]:
        return frozenset(t.slot for p in self.compiled for t in p if t.slot)


@dataclass
class LexMatch:
    """A match of an entry in a parsed block, with its captured slots."""

    entry: Entry
    span: Span
    slots: dict[str, Span]
