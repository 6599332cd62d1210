"""``collocation/article`` for a part of the body hurt: Russian has neither articles nor
possessives there («сломала ногу», «порезал палец»), and MT leaves the noun bare ("the girl broke
leg", "he cut finger"). English names whose it is: "broke her leg".

A rule over lemmas and roles: a bare singular part of the body (``BODY_PARTS``) as the direct
object of a verb of injury (``INJURY_VERBS``), with the possessive read off the subject: a
pronoun, or a person whose sex the noun says ("the girl", "my father"). A subject that says
nothing of it ("the patient") is left alone rather than guessed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .article_after_preposition import BODY_PARTS
from .base import Finding, match_case

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

INJURY_VERBS = frozenset({"break", "hurt", "injure", "cut", "burn", "twist", "sprain",
                          "bruise", "scratch", "dislocate", "fracture", "scald", "strain",
                          "pull", "bump", "hit", "sting", "prick"})
POSSESSIVES = {
    **dict.fromkeys(("she", "girl", "woman", "mother", "daughter", "wife", "sister",
                     "grandmother", "aunt", "lady", "mum", "mom", "granny"), "her"),
    **dict.fromkeys(("he", "boy", "man", "father", "son", "husband", "brother", "grandfather",
                     "uncle", "dad", "grandson"), "his"),
    "i": "my", "we": "our", "you": "your", "they": "their",
}
MARGIN = 3.0


def body_possessive(table: NgramTable, noun: Token) -> Finding | None:
    if noun.dep_ != "dobj" or noun.tag_ != "NN" or noun.lemma_.lower() not in BODY_PARTS or \
            any(True for _ in noun.children) or not noun.is_lower:
        return None  # most tokens stop here; "broke her leg", "hurt the left knee"
    verb = noun.head
    if verb.lemma_.lower() not in INJURY_VERBS or noun.i != verb.i + 1:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ == "conj":
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    owner = None if subject is None else \
        POSSESSIVES.get(subject.lower_) or POSSESSIVES.get(subject.lemma_.lower())
    if owner is None:
        return None  # "the patient broke leg": whose is the editor's call
    text = f"{owner} {noun.text}"
    return Finding("collocation/article", noun, noun, match_case(text, noun.text), MARGIN,
                   f"English names whose {noun.lower_} was hurt: '{verb.text} {text}'.")


__all__ = ["INJURY_VERBS", "body_possessive"]
