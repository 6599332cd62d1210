"""Articles after "have": which article a noun takes as what one has, read off clean health
English (``data/article_have.tsv``: MedQuAD answers on the n-gram table's split, counted by
``scripts/build_article_nouns.py``). The n-gram table counts a noun's articles by its role
(object, subject), not by its verb, and as an object of any verb "infection" is mostly bare
("prevent infection"); after "have" it takes "an". US health English writes "have fever" as
well as "have a fever", so only a noun clean text (almost) never has bare after "have" is
judged.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .base import data_rows

if TYPE_CHECKING:
    from spacy.tokens import Token

HAVE_FILE = "article_have.tsv"
HAVE_MIN_A = 3  # "have a/an" + the noun seen this often ...
HAVE_MAX_BARE_SHARE = 0.25  # ... and "have" + the bare noun at most this share of it


@lru_cache(maxsize=1)
def have_counts() -> dict[str, tuple[int, int, int]]:
    """word -> (after "have a/an", after "have the", right after "have") from ``HAVE_FILE``."""
    return {word: (int(a), int(the), int(bare)) for word, a, the, bare in data_rows(HAVE_FILE)}


def had_with_article(noun: Token) -> bool:
    """A lone noun that is had ("If you have cold", "has cough that does not go away") where
    clean text has it with "a/an" and (almost) never bare: "have a cold" 16 times, "have cold"
    never; "have fever" and "have a fever" are both written, so that one is left alone."""
    if noun.dep_ != "dobj" or noun.head.lemma_.lower() != "have" or \
            noun.head.i != noun.i - 1 or any(c.i < noun.i for c in noun.children):
        return False  # right after the verb: a far "object" is often a misparse
    a, _, bare = have_counts().get(noun.lower_, (0, 0, 0))
    return a >= HAVE_MIN_A and bare <= HAVE_MAX_BARE_SHARE * a


__all__ = ["had_with_article", "have_counts"]
