"""``collocation/article`` after a preposition: a part of the body Russian MT leaves bare where
English writes "the" ("pain in chest", "a rash on face", "an injection into muscle").

After a preposition a bare noun is often an idiom ("by mouth", "at heart", "in future", "from
generation to generation", "into space"), so the rule is limited to parts of the body
(``BODY_PARTS``) after "in", "on" and "into", and the n-gram table's counts of the noun with
each determiner after that very preposition decide (``dc`` with context "p:in", "p:on" ...):
flagged only where clean text has the noun there with "the" at least ``MIN_THE`` times and
never bare, and "a/an" at most ``MAX_A_SHARE`` as often as "the" ("in chest": the 71, bare 0).
Without the class, 8,333 clean sentences got seven false flags ("in future", "into space").

A job or role after "as" is the same omission: "works as nurse", "volunteered as donor". English
writes "as a nurse"; a bare role after "as" is a title ("served as president", "elected as
chair"), so only the roles of ``ROLES`` (people one of many do the work of) are judged, and
only as a verb's "as".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .article import article_for
from .base import Finding, match_case
from .people import CLINICIANS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

MIN_THE = 10
MAX_A_SHARE = 0.25
BODY_PARTS = frozenset({
    "chest", "stomach", "abdomen", "belly", "back", "throat", "head", "neck", "face", "arm",
    "leg", "hand", "knee", "shoulder", "ear", "eye", "nose", "mouth", "skin", "lung", "liver",
    "kidney", "bladder", "bowel", "intestine", "spine", "joint", "muscle", "wrist", "ankle",
    "elbow", "finger", "hip", "tongue", "gum", "brain", "breast", "groin", "pelvis", "thigh",
    "calf", "heel", "forehead", "cheek", "lip", "jaw", "armpit", "scalp", "vein", "buttock",
})
PREPOSITIONS = frozenset({"in", "on", "into"})
ROLES = CLINICIANS | frozenset({
    "volunteer", "assistant", "carer", "caregiver", "teacher", "driver", "cook", "cleaner", "donor",
    "receptionist", "nanny", "orderly", "intern", "interpreter", "translator", "secretary",
    "waiter", "waitress", "builder", "worker",
})
MARGIN = 3.0


def article_after_preposition(table: NgramTable, noun: Token) -> Finding | None:
    if noun.head.lower_ == "as":
        return role_after_as(noun)
    if noun.dep_ != "pobj" or noun.tag_ != "NN" or noun.head.lower_ not in PREPOSITIONS or \
            noun.head.i != noun.i - 1 or not noun.is_lower:
        return None  # most tokens stop here; a lone noun right after its preposition
    if any(True for _ in noun.children) or noun.lemma_.lower() not in BODY_PARTS:
        return None  # "in chest pain", "on the left side": not a lone noun
    if noun.i + 1 < len(noun.doc) and noun.nbor().text in ("-", "'s"):
        return None
    lemma, context = noun.lemma_.lower(), f"p:{noun.head.lower_}"
    the, bare, a = (table.count("dc", lemma, d, context) for d in ("the", "0", "a"))
    if the < MIN_THE or bare > 0 or a > MAX_A_SHARE * the:
        return None
    return Finding("collocation/article", noun, noun, match_case(f"the {noun.text}", noun.text),
                   table.log_ratio(the, bare),
                   f"Health English writes '{noun.head.lower_} the {noun.lower_}' ({the} times) "
                   f"and never '{noun.head.lower_} {noun.lower_}'.", the, bare)


def role_after_as(noun: Token) -> Finding | None:
    """"She works as nurse" -> "as a nurse" (``noun`` right after "as")."""
    if noun.dep_ != "pobj" or noun.tag_ != "NN" or noun.lower_ not in ROLES or \
            noun.head.i != noun.i - 1 or noun.head.head.pos_ != "VERB" or \
            any(True for _ in noun.children):
        return None
    if noun.i + 1 < len(noun.doc) and noun.nbor().text in ("-", "'s"):
        return None
    words = f"{article_for(noun.text)} {noun.text}"  # "as an assistant"
    return Finding("collocation/article", noun, noun, words, MARGIN,
                   f"A job or role after 'as' takes 'a/an': 'as {words.lower()}'.")


__all__ = ["article_after_preposition", "role_after_as"]
