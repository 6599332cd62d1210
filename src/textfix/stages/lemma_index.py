"""spaCy's rule lemmatizer with its word index looked up in a set.

The English rule lemmatizer asks whether a candidate lemma is a known word with ``form in index``,
where ``index`` is the list of 57,528 nouns (or 20,993 adjectives, 8,700 verbs) read from its
tables: a linear scan per candidate. That cost 0.7–0.9 s on the first 1,000 MLQE-PE lines of
every process (its cache hides it afterwards). The lists become lists that answer ``in`` from a
set, so the lemmatizer's code, its answers and the tables' serialisation are unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


class IndexedWords(list):
    """A list of words whose membership test is a set look-up (read-only in use: spaCy never
    changes its tables once loaded, and the set would not follow a change)."""

    def __init__(self, words: Iterable[str]) -> None:
        super().__init__(words)
        self.members = frozenset(self)

    def __contains__(self, word: object) -> bool:
        return word in self.members


def index_lemma_tables(nlp: Language) -> bool:
    """Give the rule lemmatizer's word index set look-ups; False when there is none."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return False
    table = lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list) and not isinstance(words, IndexedWords):
            table[key] = IndexedWords(words)
    return True


__all__ = ["IndexedWords", "index_lemma_tables"]
