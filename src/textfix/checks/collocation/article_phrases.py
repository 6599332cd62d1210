"""Articles with an adjective + noun phrase, judged by the phrase itself: clean health English
writes "physical activity" without "the" (0 of 390 uses) but "the immune system" (365 of 842),
and "a healthy diet" with "a" (80 of 91). The head noun's counts cannot tell these apart, so
``collocation/article`` leaves a noun with an adjective alone unless this table has the pair
(``data/article_phrases.tsv``: MedQuAD answers on the n-gram table's split, counted by
``scripts/build_article_nouns.py``).

- "the" + ADJ + NOUN as the subject of a general statement is dropped when clean text (almost) never
  puts "the" before the phrase ("The physical activity lowers the risk").
- a bare ADJ + singular NOUN subject, object or complement gets "a/an" when clean text nearly
  always puts "a/an" before it ("Eat healthy diet" -> "a healthy diet").
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .base import data_rows

if TYPE_CHECKING:
    from spacy.tokens import Token

PHRASE_FILE = "article_phrases.tsv"
MIN_PHRASE = 30  # uses of the phrase before its article profile is trusted
MAX_THE_SHARE = 0.02  # "the" before at most this share of them: the phrase is used bare
MIN_A_SHARE = 0.75  # "a/an" before at least this share: the phrase needs it


@lru_cache(maxsize=1)
def phrase_counts() -> dict[tuple[str, str], tuple[int, int, int]]:
    """(first word, second word) -> (uses, uses after "the", uses after "a"/"an")."""
    return {(first, second): (int(total), int(the), int(a))
            for first, second, total, the, a in data_rows(PHRASE_FILE)}


def lone_adjective(noun: Token) -> Token | None:
    """The one adjective right before a singular noun, when nothing else modifies it."""
    if noun.tag_ != "NN" or noun.i == 0:
        return None
    adjective = noun.nbor(-1)
    others = [c for c in noun.children if c.i != adjective.i and c.dep_ in (
        "amod", "compound", "nummod", "poss", "conj", "cc")]
    if adjective.dep_ != "amod" or adjective.pos_ != "ADJ" or adjective.head.i != noun.i or \
            others or any(True for _ in adjective.children):
        return None
    return adjective


def generic_phrase(adjective: Token, noun: Token) -> tuple[int, int] | None:
    """(uses, uses after "the") when clean text uses the phrase bare."""
    total, the, _ = phrase_counts().get((adjective.lower_, noun.lower_), (0, 0, 0))
    return (total, the) if total >= MIN_PHRASE and the <= MAX_THE_SHARE * total else None


def indefinite_phrase(adjective: Token, noun: Token) -> tuple[int, int] | None:
    """(uses, uses after "a/an") when clean text nearly always puts "a/an" before the phrase."""
    total, _, a = phrase_counts().get((adjective.lower_, noun.lower_), (0, 0, 0))
    return (total, a) if total >= MIN_PHRASE and a >= MIN_A_SHARE * total else None
