"""``collocation/stop-infinitive``: «перестал беспокоить» rendered "stopped to bother": a
condition that stopped doing something, with "to" + the verb ("the cough stopped to bother
him", "the pain stopped to wake her"). In English "stop to do" means stopping in order to do
it, which a symptom cannot mean; "stopped bothering" is the calque's sense.

A rule over lemmas and roles: "stop" with an infinitive right after it and a condition as its
subject (``course.is_condition``); a person's "stopped to rest" is English and left alone. The
fix is the gerund, the verb's object kept after it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Finding
from .course import is_condition, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ...models.ngrams import NgramTable

MARGIN = 4.0  # nominal: a rule over lemmas and roles


def stopped_finding(table: NgramTable, verb: Token) -> Finding | None:
    """On "stop": "stopped to bother" -> "stopped bothering"."""
    if verb.lemma_.lower() != "stop" or verb.i + 2 >= len(verb.doc):
        return None  # most tokens stop here
    to, action = verb.nbor(), verb.nbor(2)
    if to.lower_ != "to" or action.tag_ != "VB" or action.head.i != verb.i:
        return None
    subject = subject_of(verb)
    if subject is None or not is_condition(subject, table):
        return None  # "he stopped to rest": in order to
    from ...lexicon.templates import inflect_verb

    text = f"{verb.text} {inflect_verb(action.lemma_.lower(), 'VBG')}"
    return Finding("collocation/stop-infinitive", verb, action, text, MARGIN,
                   f"'{verb.text} to {action.text}' says the {subject.lemma_} stopped in order "
                   f"to {action.lemma_}; English says '{text}'.")


__all__ = ["stopped_finding"]
